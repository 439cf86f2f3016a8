/**
 * n8n/disabled-node-with-credentials — a switched-off node that still holds on to a credential.
 *
 * Facts:
 * - A node with `disabled: true` ("Deactivate" in the editor) is passed over when the workflow runs; it keeps its
 *   parameters and its `credentials` object (`{ <credential type>: { id, name } }`) (n8n source
 *   `packages/workflow/src/interfaces.ts` `INode`).
 * - n8n's security audit counts a credential as in use when any node of a workflow names it, without looking at
 *   `disabled` (`packages/cli/src/security-audit/risk-reporters/credentials-risk-reporter.ts`), and advises deleting
 *   credentials that are not in use. A credential named only by switched-off nodes therefore looks used, so it stays on
 *   the instance and keeps its access.
 * What is reported: each credential of a disabled node that no enabled node of the same workflow uses.
 * The quick fix removes the node's `credentials` (the node stays; enabling it again asks for a credential).
 */
import { defineRule } from '../../rule';
import { propNode, prop } from '../../json';
import { setValue } from '../../fix';
import { pathOf } from '../../pointer';
import { credentialsOf } from './triggers';

export default defineRule(
  {
    id: 'n8n/disabled-node-with-credentials',
    owasp: 'LCNC-SEC-09',
    defaultSeverity: 'info',
    description: 'Disabled node that still names a credential no enabled node uses: the credential looks in use and is never retired.',
    formats: ['n8n'],
    fixable: true,
  },
  (ctx) => {
    for (const flow of ctx.flows) {
      const used = new Set<string>();
      for (const s of flow.steps) if (!s.disabled) for (const c of credentialsOf(s)) used.add(c.id ?? `${c.type}\u0000${c.name}`);
      for (const step of flow.steps) {
        if (!step.disabled) continue;
        const idle = credentialsOf(step).filter((c) => !used.has(c.id ?? `${c.type}\u0000${c.name}`));
        const credProp = propNode(step.node, 'credentials');
        const credNode = prop(step.node, 'credentials');
        if (!idle.length || !credProp || !credNode) continue;
        const names = idle.map((c) => `"${c.name || c.id || '?'}" (${c.type})`).join(', ');
        ctx.report({
          at: credProp.children![0],
          message: `Node "${step.name}" is disabled but still names the credential${idle.length > 1 ? 's' : ''} ${names}: it never runs, yet it makes ${idle.length > 1 ? 'them' : 'it'} look in use, so ${idle.length > 1 ? 'they stay' : 'it stays'} on the instance with ${idle.length > 1 ? 'their' : 'its'} access instead of being retired. Delete the node, or remove its credential.`,
          fix: { title: `Remove the credentials of disabled node "${step.name}"`, edits: setValue(ctx.text, pathOf(credNode), undefined), isPreferred: false },
        });
      }
    }
  },
);
