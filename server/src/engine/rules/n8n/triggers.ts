/**
 * Public n8n triggers and what reaches from them, shared by `webhook-without-auth` and
 * `unauthenticated-trigger-uses-credentials`.
 *
 * Facts (n8n docs: "Webhook node", "n8n Form Trigger node", "Chat Trigger node", "MCP Server Trigger node"; n8n source
 * `packages/nodes-base/nodes/Webhook/description.ts`, `Form/FormTriggerV2.node.ts`, `@n8n/nodes-langchain`
 * `ChatTrigger`, `mcp/McpTrigger/McpTrigger.node.ts`):
 * - `n8n-nodes-base.webhook` has `parameters.authentication` ∈ `none` (default) | `basicAuth` | `headerAuth` |
 *   `jwtAuth` (| `n8nOAuth2` in newer releases); a missing key means `none`.
 * - `n8n-nodes-base.formTrigger` has `authentication` ∈ `none` (default) | `basicAuth`.
 * - `@n8n/n8n-nodes-langchain.chatTrigger` is reachable from outside only when `public: true`; its `authentication`
 *   ∈ `none` (default) | `basicAuth` | `n8nUserAuth`.
 * - `@n8n/n8n-nodes-langchain.mcpTrigger` (MCP Server Trigger) serves its connected tools at a public URL; its
 *   `authentication` ∈ `none` (default) | `bearerAuth` | `headerAuth` | `n8nOAuth2` (v2+).
 * - Connections are keyed by source node name and connection type (`main`, `ai_tool`, `ai_languageModel`,
 *   `ai_memory`, …). AI sub-nodes (models, memories, tools) connect *into* the node that uses them through `ai_*`
 *   connections and run when that node runs (n8n source `packages/workflow/src/interfaces.ts`, `NodeConnectionTypes`).
 */
import type { Flow, Step } from '../../model';
import type { RuleContext } from '../../rule';
import type { JsonNode } from '../../types';
import { entries, items, prop, str } from '../../json';

/** A public trigger type: how messages name it and which authentication the quick fix selects. */
export interface PublicTriggerType {
  label: string;
  fixTo: 'headerAuth' | 'basicAuth' | 'bearerAuth';
}

/** The trigger types that accept calls from anyone who knows their URL, by node type. */
export const PUBLIC_TRIGGERS: Readonly<Record<string, PublicTriggerType>> = {
  'n8n-nodes-base.webhook': { label: 'Webhook', fixTo: 'headerAuth' },
  'n8n-nodes-base.formTrigger': { label: 'Form Trigger', fixTo: 'basicAuth' },
  '@n8n/n8n-nodes-langchain.chatTrigger': { label: 'Chat Trigger', fixTo: 'basicAuth' },
  '@n8n/n8n-nodes-langchain.mcpTrigger': { label: 'MCP Server Trigger', fixTo: 'bearerAuth' },
};

/** An enabled public trigger without authentication. */
export interface OpenTrigger extends PublicTriggerType {
  step: Step;
  /** The `authentication` value node when the key is present (its value is then `none`). */
  authNode?: JsonNode;
}

/**
 * The step as an open trigger — an enabled public trigger whose authentication is `none` (or missing) — or undefined.
 * Chat Triggers count only with `public: true`.
 */
export function openTrigger(step: Step): OpenTrigger | undefined {
  if (step.disabled || !Object.prototype.hasOwnProperty.call(PUBLIC_TRIGGERS, step.type)) return undefined;
  if (step.type === '@n8n/n8n-nodes-langchain.chatTrigger' && prop(step.params, 'public')?.value !== true) return undefined;
  const authNode = prop(step.params, 'authentication');
  if ((str(authNode) ?? 'none') !== 'none') return undefined;
  return { ...PUBLIC_TRIGGERS[step.type], step, authNode };
}

const subNodeCache = new WeakMap<Flow, Map<string, string[]>>();

/** Names of the nodes connected *into* each node through `ai_*` connections (its sub-nodes), keyed by target name. */
function subNodesByTarget(flow: Flow): Map<string, string[]> {
  let m = subNodeCache.get(flow);
  if (m) return m;
  m = new Map();
  for (const [source, byType] of entries(prop(flow.root, 'connections'))) {
    for (const [type, outputs] of entries(byType)) {
      if (!type.startsWith('ai_')) continue;
      for (const output of items(outputs)) {
        for (const target of items(output)) {
          const to = str(prop(target, 'node'));
          if (to === undefined) continue;
          const list = m.get(to) ?? [];
          list.push(source);
          m.set(to, list);
        }
      }
    }
  }
  subNodeCache.set(flow, m);
  return m;
}

const byNameCache = new WeakMap<Flow, Map<string, Step>>();

/** The flow's steps by name (last one wins), built once per flow: `stepsRunFrom` runs once per trigger. */
function stepsByName(flow: Flow): Map<string, Step> {
  let m = byNameCache.get(flow);
  if (!m) byNameCache.set(flow, (m = new Map(flow.steps.map((s) => [s.name, s] as const))));
  return m;
}

/**
 * The enabled steps that run when `start` runs: its successors through connections (transitively) and, for each of
 * them and for `start`, the AI sub-nodes connected into them (models, memories, tools — and their own sub-nodes).
 * `start` itself is not included. Order: breadth-first from `start`.
 */
export function stepsRunFrom(ctx: RuleContext, flow: Flow, start: Step): Step[] {
  const graph = ctx.graph(flow);
  const byName = stepsByName(flow);
  const subs = subNodesByTarget(flow);
  const seen = new Set<Step>([start]);
  const out: Step[] = [];
  const queue: Step[] = [start];
  for (let head = 0; head < queue.length; ) {
    const s = queue[head++]; // (an index, not shift(): shift is linear in the queue length)
    const next = [...graph.successors(s), ...(subs.get(s.name) ?? []).map((n) => byName.get(n)).filter((x): x is Step => !!x)];
    for (const n of next) {
      if (seen.has(n) || n.disabled) continue;
      seen.add(n);
      out.push(n);
      queue.push(n);
    }
  }
  return out;
}

/** One credential a node uses: its credential type and the name and id it has on the n8n instance. */
export interface CredentialUse {
  /** Credential type, e.g. `gmailOAuth2`. */
  type: string;
  /** The credential's display name on the instance, e.g. `Gmail account` (may be empty). */
  name: string;
  id?: string;
}

/** The credentials a node names in its `credentials` object (`{ <type>: { id, name } }`; old exports: `{ <type>: "<name>" }`). */
export function credentialsOf(step: Step): CredentialUse[] {
  const out: CredentialUse[] = [];
  for (const [type, v] of entries(prop(step.node, 'credentials'))) {
    if (v.type === 'string') out.push({ type, name: v.value as string });
    else if (v.type === 'object') out.push({ type, name: str(prop(v, 'name')) ?? '', id: str(prop(v, 'id')) });
  }
  return out;
}
