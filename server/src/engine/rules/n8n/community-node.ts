/**
 * n8n/community-node — nodes from community packages or custom node files: third-party code in the n8n process.
 *
 * Facts (n8n docs "Community nodes: Risks", "Installation and management", "Building community nodes"; n8n source
 * `packages/cli/src/security-audit/risk-reporters/nodes-risk-reporter.ts`):
 * - A node's type is `<npm package name>.<node name>`. n8n's own nodes come from `n8n-nodes-base` and `@n8n/…`
 *   packages (`@n8n/n8n-nodes-langchain`); community packages are npm packages named `n8n-nodes-<name>` or
 *   `@<scope>/n8n-nodes-<name>` that an instance owner or admin installs; nodes loaded from `N8N_CUSTOM_EXTENSIONS`
 *   folders have types `CUSTOM.<name>`.
 * - n8n: community nodes "have full access to the machine that n8n runs on" and to the data of the workflows that use
 *   them; unverified ones are not vetted (verified community nodes are). n8n's security audit lists community and
 *   custom nodes for review. `N8N_COMMUNITY_PACKAGES_ENABLED=false` disables them.
 * One finding per package per workflow, on its first node, counting the others.
 */
import { defineRule } from '../../rule';
import type { Step } from '../../model';
import { prop } from '../../json';

/** True for node types of n8n's own packages. */
function isOfficial(type: string): boolean {
  return type.startsWith('n8n-nodes-base.') || type.startsWith('@n8n/');
}

/** The package part of a node type (`n8n-nodes-mcp.mcpClient` → `n8n-nodes-mcp`), or undefined when there is none. */
export function packageOf(type: string): string | undefined {
  const dot = type.lastIndexOf('.');
  return dot > 0 ? type.slice(0, dot) : undefined;
}

export default defineRule(
  {
    id: 'n8n/community-node',
    owasp: 'LCNC-SEC-07',
    defaultSeverity: 'info',
    description: 'Node from a community package or a custom node file: third-party code with full access to the n8n host.',
    formats: ['n8n'],
    fixable: false,
  },
  (ctx) => {
    for (const flow of ctx.flows) {
      const byPackage = new Map<string, Step[]>();
      for (const step of flow.steps) {
        if (!step.type || isOfficial(step.type)) continue;
        const pkg = packageOf(step.type);
        if (!pkg) continue;
        const list = byPackage.get(pkg) ?? [];
        list.push(step);
        byPackage.set(pkg, list);
      }
      for (const [pkg, steps] of byPackage) {
        const first = steps[0];
        const more = steps.length > 1 ? ` and ${steps.length - 1} more node${steps.length > 2 ? 's' : ''}` : '';
        const plural = steps.length > 1;
        const origin =
          pkg === 'CUSTOM'
            ? `${plural ? 'are custom nodes' : 'is a custom node'} loaded from a folder on the n8n host (N8N_CUSTOM_EXTENSIONS), which n8n does not vet`
            : `${plural ? 'come' : 'comes'} from the community package "${pkg}", which n8n does not vet unless it is a verified community node`;
        ctx.report({
          at: prop(first.node, 'type') ?? first.node,
          pointer: first.pointer,
          message: `Node "${first.name}"${more} ${origin}. Community code runs inside the n8n process with full access to the host, to the data of every workflow that uses it and to the credentials it is given. Review the package and its maintainer, pin the version you reviewed, and uninstall it when no workflow needs it.`,
        });
      }
    }
  },
);
