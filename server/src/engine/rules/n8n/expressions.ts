/**
 * n8n expressions and where their data comes from, shared by the n8n rules.
 *
 * Facts:
 * - A parameter value is an expression when it is a string that starts with `=`; the rest is a template whose
 *   `{{ … }}` blocks are JavaScript evaluated per item (n8n docs "Expressions"; n8n source
 *   `packages/workflow/src/expression.ts`, `isExpression` = `typeof value === 'string' && value.charAt(0) === '='`).
 *   `"=*"` or `"=/"` have no block and evaluate to plain text.
 * - Some nodes also resolve `{{ … }}` blocks in a *plain* string (no `=`): the SQL nodes run every match of
 *   `getResolvables` (`/({{[\s\S]*?}})/g`, `packages/nodes-base/utils/utilities.ts`) through `evaluateExpression`
 *   before they send the query (e.g. `Postgres/v2/actions/database/executeQuery.operation.ts`). Callers say so
 *   with `inlineTemplates`.
 * - Data reaches an expression through `$json`, `$input`, `$binary`, `$item()`, `items[…]` (the node's own input
 *   items), `$('Node')` / `$node["Node"]` (another node's output) and `$fromAI()` (a value the AI agent's model chooses
 *   when the node runs as a tool) (n8n docs "Built-in methods and variables"). `$now`, `$today`, `$execution`,
 *   `$workflow`, `$vars`, `$env`, `$runIndex` and plain JavaScript are not item data.
 * - `connections` are keyed by source node name; a node's input comes from its predecessors (see
 *   `adapters/n8n.ts`). An AI tool node (`…Tool`, `@n8n/n8n-nodes-langchain.tool…`) is connected *to* its agent
 *   (`ai_tool`), and runs on the agent's input.
 */
import type { Flow, Step } from '../../model';
import type { RuleContext } from '../../rule';
import { prop, str, val, walk } from '../../json';

/** True when `value` is an n8n expression: a string whose first character is `=`. */
export function isExpression(value: unknown): value is string {
  return typeof value === 'string' && value.charCodeAt(0) === 0x3d;
}

/** One `{{ … }}` block of a template. */
export interface ExpressionBlock {
  /** The JavaScript between the braces, untrimmed. */
  code: string;
  /** Offset of `{{` in the string value (0-based, UTF-16 code units, counting a leading `=`). */
  offset: number;
  /** Length of the block including both brace pairs. */
  length: number;
}


/**
 * The `{{ … }}` blocks that n8n evaluates in a parameter value: those of an expression (`=` prefix), or of any
 * string when `inlineTemplates` is true (nodes that resolve templates themselves). Empty for other values.
 */
export function expressionBlocks(value: unknown, opts: { inlineTemplates?: boolean } = {}): ExpressionBlock[] {
  if (typeof value !== 'string') return [];
  if (!isExpression(value) && !opts.inlineTemplates) return [];
  // Each `{{` up to the first `}}` after it, left to right (what /\{\{([\s\S]*?)\}\}/g matches, found with indexOf:
  // the regex is quadratic on `{{{{…` without a closing pair).
  const out: ExpressionBlock[] = [];
  for (let open = value.indexOf('{{'); open >= 0; open = value.indexOf('{{', open)) {
    const close = value.indexOf('}}', open + 2);
    if (close < 0) break;
    out.push({ code: value.slice(open + 2, close), offset: open, length: close + 2 - open });
    open = close + 2;
  }
  return out;
}

/** True when n8n evaluates at least one `{{ … }}` block in `value` (see `expressionBlocks`). */
export function containsExpression(value: unknown, opts: { inlineTemplates?: boolean } = {}): boolean {
  return expressionBlocks(value, opts).length > 0;
}

const ITEM_DATA = /\$(?:json|input|binary|item|items|node|data)\b|\$\(|\$fromai\b|(?:^|[^.\w$])items\s*\[/i;
const OWN_INPUT = /\$(?:json|input|binary|item|data)\b|(?:^|[^.\w$])items\s*\[/;
const FROM_AI = /\$fromai\b/i;

/** True when the expression code reads item data (input items, another node's output or `$fromAI`), not only constants, time or workflow metadata. */
export function readsItemData(code: string): boolean {
  return ITEM_DATA.test(code);
}

/** True when the expression code reads the node's own input items (`$json`, `$input`, `$binary`, `$item`, `items[…]`), not another node by name. */
export function readsOwnInput(code: string): boolean {
  return OWN_INPUT.test(code);
}

/** True when the code calls `$fromAI()` (any casing n8n accepts: `$fromAI`, `$fromai`, `$fromAi`). */
export function usesFromAI(code: string): boolean {
  return FROM_AI.test(code);
}

const REF_CALL = /\$\(\s*(['"`])((?:\\.|(?!\1)[^\\])*)\1\s*\)/g;
const REF_INDEX = /\$(?:node|items)\s*[[(]\s*(['"`])((?:\\.|(?!\1)[^\\])*)\1\s*[\])]/g;
const REF_DOT = /\$node\.([A-Za-z_$][\w$]*)/g;
/** After a reference: an optional item accessor, then `.json.field` or `.json["field"]`. */
// (Whitespace before `(` sits inside the optional call group: three adjacent optional whitespace runs backtrack cubically.)
const FIELD_AFTER = /^(?:\s*\.\s*(?:first|last|all|item|itemMatching)(?:\s*\([^()]*\))?(?:\s*\[\s*\d+\s*\])?)?\s*\.\s*json\s*(?:\.\s*([A-Za-z_$][\w$]*)|\[\s*(['"`])([^'"`]*)\2\s*\])/;
/** After a reference: `.params` — the node's parameters, not its output (n8n docs, "Built-in methods and variables"). */
const PARAMS_AFTER = /^\s*\.\s*params\b/;

/** A node an expression reads by name, with the top-level `json` field it reads when that is plain to see. */
export interface NodeReference {
  name: string;
  /** The top-level output field read (`$('A').item.json.id` → `id`), when plain to see. */
  field?: string;
  /** True for `$('A').params…`: the node's parameters, which are configuration, not data. */
  params?: boolean;
}

/** The nodes an expression reads by name: `$('A')`, `$node["A"]`, `$node.A`, `$items("A")`, each with the field read (`$('A').item.json.id` → `id`). */
export function nodeReferences(code: string): NodeReference[] {
  const refs: NodeReference[] = [];
  const add = (name: string, end: number) => {
    const rest = code.slice(end);
    if (PARAMS_AFTER.test(rest)) return void refs.push({ name, params: true });
    const f = FIELD_AFTER.exec(rest);
    refs.push({ name, field: f ? (f[1] ?? f[3]) : undefined });
  };
  for (const re of [REF_CALL, REF_INDEX]) {
    re.lastIndex = 0;
    for (let m = re.exec(code); m; m = re.exec(code)) add(m[2].replace(/\\(.)/g, '$1'), m.index + m[0].length);
  }
  REF_DOT.lastIndex = 0;
  for (let m = REF_DOT.exec(code); m; m = REF_DOT.exec(code)) add(m[1], m.index + m[0].length);
  return refs;
}

/** Names of the nodes an expression reads by name (see `nodeReferences`). */
export function referencedNodeNames(code: string): string[] {
  return nodeReferences(code).map((r) => r.name);
}

const SET_VALUE_KEYS = ['value', 'stringValue', 'numberValue', 'booleanValue', 'arrayValue', 'objectValue'];

/**
 * The value an Edit Fields (Set) node assigns to `field`, or undefined when `step` is not a Set node or does not set
 * that field. Set v3.3+ keeps fields in `assignments.assignments[]` (`name`, `value`), v3.0–3.2 in `fields.values[]`
 * (`name`, `stringValue`, …), v1/v2 in `values.{string,number,boolean}[]` (`name`, `value`)
 * (n8n source `packages/nodes-base/nodes/Set/`).
 */
export function setFieldValue(step: Step, field: string): { value: unknown } | undefined {
  if (step.type !== 'n8n-nodes-base.set' || !step.params) return undefined;
  let found: { value: unknown } | undefined;
  walk(step.params, (n) => {
    if (found) return false;
    if (n.type !== 'object' || str(prop(n, 'name')) !== field) return;
    const valueKey = SET_VALUE_KEYS.find((k) => prop(n, k));
    if (!valueKey) return;
    found = { value: val(prop(n, valueKey)) };
    return false;
  });
  return found;
}

const byNameCache = new WeakMap<Flow, Map<string, Step>>();
function stepByName(flow: Flow, name: string): Step | undefined {
  let m = byNameCache.get(flow);
  if (!m) byNameCache.set(flow, (m = new Map(flow.steps.map((s) => [s.name, s] as const))));
  return m.get(name);
}

/** The codes of the blocks of `value` that read item data. */
function dataCodes(value: unknown): string[] {
  return expressionBlocks(value)
    .map((b) => b.code)
    .filter(readsItemData);
}

/**
 * True when the expression code reads data that can vary from run to run: its own input, `$fromAI()`, or another
 * node's output — except a node's `.params` and fields an Edit Fields node sets to constants (`$('CONFIG').item.json.path`
 * where CONFIG sets `path` to `/data`). Set fields are followed through at most 8 nodes; deeper counts as variable.
 */
export function readsVariableData(flow: Flow, code: string, depth = 0): boolean {
  if (!readsItemData(code)) return false;
  if (depth > 8) return true;
  if (OWN_INPUT.test(code) || usesFromAI(code)) return true;
  const refs = nodeReferences(code);
  if (!refs.length) return true;
  return refs.some((r) => {
    if (r.params) return false;
    const s = stepByName(flow, r.name);
    const set = s && r.field !== undefined ? setFieldValue(s, r.field) : undefined;
    return !set || dataCodes(set.value).some((c) => readsVariableData(flow, c, depth + 1));
  });
}

/**
 * Node types whose output is data that people outside the workflow's owners can write, with what they receive.
 * Sources: n8n docs for each trigger (Webhook, n8n Form / Form Trigger, Chat Trigger, Telegram, WhatsApp, Slack,
 * Gmail, Email Trigger (IMAP), Microsoft Outlook, Twilio, Typeform, JotForm triggers).
 */
export const UNTRUSTED_TRIGGERS: Readonly<Record<string, { label: string; receives: string }>> = {
  'n8n-nodes-base.webhook': { label: 'Webhook trigger', receives: 'HTTP requests from outside' },
  'n8n-nodes-base.formTrigger': { label: 'Form Trigger', receives: 'form submissions' },
  'n8n-nodes-base.form': { label: 'Form page', receives: 'form submissions' },
  '@n8n/n8n-nodes-langchain.chatTrigger': { label: 'Chat Trigger', receives: 'chat messages' },
  'n8n-nodes-base.telegramTrigger': { label: 'Telegram Trigger', receives: 'messages anyone can send to the bot' },
  'n8n-nodes-base.whatsAppTrigger': { label: 'WhatsApp Trigger', receives: 'messages anyone can send' },
  'n8n-nodes-base.slackTrigger': { label: 'Slack Trigger', receives: 'Slack messages' },
  'n8n-nodes-base.gmailTrigger': { label: 'Gmail Trigger', receives: 'incoming email' },
  'n8n-nodes-base.emailReadImap': { label: 'Email Trigger (IMAP)', receives: 'incoming email' },
  'n8n-nodes-base.microsoftOutlookTrigger': { label: 'Microsoft Outlook Trigger', receives: 'incoming email' },
  'n8n-nodes-base.twilioTrigger': { label: 'Twilio Trigger', receives: 'SMS and calls' },
  'n8n-nodes-base.typeformTrigger': { label: 'Typeform Trigger', receives: 'form submissions' },
  'n8n-nodes-base.jotFormTrigger': { label: 'JotForm Trigger', receives: 'form submissions' },
};

/** True when the step is an enabled trigger from `UNTRUSTED_TRIGGERS`. */
export function isUntrustedTrigger(step: Step): boolean {
  return !step.disabled && Object.prototype.hasOwnProperty.call(UNTRUSTED_TRIGGERS, step.type);
}

/** True when the step is an AI tool node (`…Tool` variants of app nodes, `@n8n/n8n-nodes-langchain.tool…`). */
export function isToolNode(step: Step): boolean {
  return /Tool$/.test(step.type) || step.type.startsWith('@n8n/n8n-nodes-langchain.tool');
}

/**
 * The untrusted trigger whose data the given expression blocks of `step` can read, or undefined.
 * A block reads a trigger's data when it names the trigger (or a node downstream of it), when it reads the step's
 * own input (`$json`, `$input`, …) and the trigger is upstream through `connections`, or — for AI tool nodes —
 * when it reads `$fromAI()` or its input and the trigger is upstream of the agent the tool is attached to.
 * A field an Edit Fields node sets is followed into that node's expression for the field (a constant does not count);
 * `.params` does not count. The closest trigger (breadth-first) wins.
 */
export function readsTriggerData(ctx: RuleContext, flow: Flow, step: Step, codes: readonly string[], depth = 0): Step | undefined {
  const graph = ctx.graph(flow);
  const sourceOf = (s: Step): Step | undefined => (isUntrustedTrigger(s) ? s : graph.upstream(s).find(isUntrustedTrigger));
  const viaAgent = (): Step | undefined => {
    for (const agent of graph.successors(step)) {
      const t = sourceOf(agent);
      if (t) return t;
    }
    return undefined;
  };
  const tool = isToolNode(step);
  for (const code of codes) {
    for (const ref of nodeReferences(code)) {
      const s = stepByName(flow, ref.name);
      if (!s || s === step || ref.params) continue;
      const set = ref.field !== undefined ? setFieldValue(s, ref.field) : undefined;
      const t = set ? (depth < 8 ? readsTriggerData(ctx, flow, s, dataCodes(set.value), depth + 1) : undefined) : sourceOf(s);
      if (t) return t;
    }
    if (OWN_INPUT.test(code)) {
      const t = graph.upstream(step).find(isUntrustedTrigger) ?? (tool ? viaAgent() : undefined);
      if (t) return t;
    }
    if (tool && usesFromAI(code)) {
      const t = viaAgent();
      if (t) return t;
    }
  }
  return undefined;
}

/** ` Data from the Webhook trigger "X" (HTTP requests from outside) reaches it.` — the sentence rules add to a tainted finding. `trigger` must be an untrusted trigger. */
export function taintSentence(trigger: Step): string {
  const t = UNTRUSTED_TRIGGERS[trigger.type];
  return ` Data from the ${t.label} "${trigger.name}" (${t.receives}) reaches it.`;
}

/** The first block's code, trimmed and cut to `max` characters, for a message (e.g. `{{ $json.id }}`). */
export function quoteBlock(block: ExpressionBlock, max = 50): string {
  const code = block.code.trim().replace(/\s+/g, ' ');
  return `{{ ${code.length > max ? code.slice(0, max - 1) + '…' : code} }}`;
}
