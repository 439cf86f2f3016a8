/**
 * n8n/ssrf-url-from-input — an HTTP Request whose destination host comes from outside data.
 *
 * Facts:
 * - HTTP Request (`n8n-nodes-base.httpRequest`, all versions, and the AI tool variant `httpRequestTool`) sends its
 *   request to `parameters.url`, evaluated per item when it is an expression (n8n source
 *   `HttpRequest/V3/Description.ts`; expressions: see `expressions.ts`).
 * - The request runs from the n8n host, inside its network: it can reach `localhost`, private addresses and cloud
 *   metadata endpoints (169.254.169.254) that callers cannot reach themselves. n8n's SSRF guard
 *   (`N8N_SSRF_PROTECTION_ENABLED`, blocking private, loopback, link-local and reserved ranges) is off by default
 *   (`packages/@n8n/config/src/configs/ssrf-protection.config.ts`).
 * - The host is fixed when the URL text before the first data-dependent `{{ … }}` block already holds
 *   `scheme://host` followed by `/`, `?` or `#` (or starts with a constant block such as `{{ $vars.BASE_URL }}` followed
 *   by one of them). Data after that point changes only the path or query. `https://api.example.com{{ $json.p }}` is not
 *   fixed: `@evil.example/` in the data changes the host.
 * - A node's own input (`$json`) is the output of the node before it. Nodes that call a service (HTTP Request, app
 *   nodes) replace their input with the service's answer, so a URL they return (a file link, an image address) is
 *   chosen by that service, not by whoever called the trigger. Local nodes (Edit Fields, If, Switch, Merge, Code, …)
 *   and AI nodes (`@n8n/n8n-nodes-langchain.*`, whose text a prompt can steer) pass the caller's data on.
 * What is reported: a data-dependent host that reads an untrusted trigger's data directly — by the trigger's name, or
 * through own input along a chain of local or AI nodes — (error), or that the AI model chooses through `$fromAI()` in a
 * tool node (warning; error when an untrusted trigger feeds the agent). Other data-dependent hosts are not reported.
 */
import { defineRule, type RuleContext } from '../../rule';
import type { Flow, Step } from '../../model';
import { prop, str } from '../../json';
import { expressionBlocks, isToolNode, isUntrustedTrigger, nodeReferences, quoteBlock, readsOwnInput, readsTriggerData, readsVariableData, taintSentence, usesFromAI } from './expressions';
import { coreType, nodeLabel } from './nodes';

/** Core nodes that work on their input items without calling a service, so the caller's data passes through them. */
const LOCAL = new Set([
  'set', 'if', 'switch', 'filter', 'merge', 'noOp', 'wait', 'splitInBatches', 'splitOut', 'itemLists', 'limit', 'sort',
  'removeDuplicates', 'aggregate', 'summarize', 'renameKeys', 'code', 'function', 'functionItem', 'dateTime', 'html',
  'htmlExtract', 'markdown', 'xml', 'respondToWebhook', 'form',
]);

function passesInputOn(step: Step): boolean {
  const core = coreType(step.type);
  return (core !== undefined && LOCAL.has(core)) || step.type.startsWith('@n8n/n8n-nodes-langchain.');
}

/** Steps by name, built once per flow (was once per HTTP Request: quadratic on a 20,000-node workflow). */
const byNameCache = new WeakMap<Flow, Map<string, Step>>();
function stepsByName(flow: Flow): Map<string, Step> {
  let m = byNameCache.get(flow);
  if (!m) {
    m = new Map(flow.steps.map((s) => [s.name, s] as const));
    byNameCache.set(flow, m);
  }
  return m;
}

/**
 * The untrusted trigger whose data `code` (an expression of `step`) reads directly: the trigger by name, a local
 * node by name whose own input comes from the trigger, or its own input along predecessors that pass data on.
 */
function directTrigger(ctx: RuleContext, flow: Flow, step: Step, code: string): Step | undefined {
  const graph = ctx.graph(flow);
  const byName = stepsByName(flow);
  const viaInput = (from: Step): Step | undefined => {
    const seen = new Set<Step>([from]);
    const queue = [...graph.predecessors(from)];
    for (let head = 0; head < queue.length; ) {
      const p = queue[head++]; // (an index, not shift(): shift is linear in the queue length)
      if (seen.has(p)) continue;
      seen.add(p);
      if (isUntrustedTrigger(p)) return p;
      if (passesInputOn(p)) queue.push(...graph.predecessors(p));
    }
    return undefined;
  };
  for (const ref of nodeReferences(code)) {
    const s = byName.get(ref.name);
    if (!s || s === step || ref.params) continue;
    if (isUntrustedTrigger(s)) return s;
    if (passesInputOn(s)) {
      const t = viaInput(s);
      if (t) return t;
    }
  }
  return readsOwnInput(code) ? viaInput(step) : undefined;
}

const FIXED_HOST = /^(?:[a-z][a-z0-9+.-]*:\/\/\/?[^/?#\s]+|\u0000[^/?#]*|[\w-]+(?:\.[\w-]+)+(?::\d+)?)[/?#]/i;

export default defineRule(
  {
    id: 'n8n/ssrf-url-from-input',
    owasp: 'LCNC-SEC-06',
    defaultSeverity: 'error',
    description: 'HTTP Request whose destination host comes from trigger data or the AI model (server-side request forgery).',
    formats: ['n8n'],
    fixable: false,
  },
  (ctx) => {
    for (const [step, flow] of ctx.steps()) {
      if (coreType(step.type) !== 'httpRequest' || step.disabled) continue;
      const urlNode = prop(step.params, 'url');
      const url = str(urlNode);
      if (!urlNode || url === undefined) continue;
      const blocks = expressionBlocks(url);
      const first = blocks.find((b) => readsVariableData(flow, b.code));
      if (!first) continue;
      // The text before the first data-dependent block, constant blocks replaced by a NUL marker.
      let prefix = url.slice(1, first.offset);
      for (const b of blocks.filter((x) => x.offset < first.offset).reverse()) prefix = prefix.slice(0, b.offset - 1) + '\u0000' + prefix.slice(b.offset - 1 + b.length);
      if (FIXED_HOST.test(prefix)) continue;
      const fromAI = usesFromAI(first.code) && isToolNode(step);
      const trigger = fromAI ? readsTriggerData(ctx, flow, step, [first.code]) : directTrigger(ctx, flow, step, first.code);
      if (!trigger && !fromAI) continue;
      let message = `${nodeLabel(step)} sends its request to an address taken from ${fromAI ? 'values the AI model chooses' : 'outside data'} (${quoteBlock(first)}): whoever controls that value can point it at internal services — cloud metadata (169.254.169.254), localhost, the intranet — and read the answer through this workflow. Keep the host fixed in the URL and put only checked values in the path, or compare the URL against a list of allowed hosts first; on self-hosted n8n also set N8N_SSRF_PROTECTION_ENABLED=true.`;
      if (trigger) message += taintSentence(trigger);
      ctx.report({ at: urlNode, message, severity: trigger ? 'error' : 'warning' });
    }
  },
);
