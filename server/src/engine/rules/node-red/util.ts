/**
 * Helpers shared by the Node-RED rules: which nodes actually run, which message sources reach a node, and where a
 * match inside a JSON string sits in the raw text.
 *
 * Facts (Node-RED runtime source `@node-red/runtime/lib/flows/Flow.js`, which creates only nodes with `d !== true`,
 * and `flows/index.js`, which starts only tabs without `disabled`; node-red/node-red at 1f38dc89): a node with
 * `d: true` is disabled; a tab (`type: "tab"`) with `disabled: true` disables every node whose `z` is that tab.
 * Disabled nodes are not created, so they neither run nor pass messages on.
 */
import type { Flow, Step } from '../../model';
import type { RuleContext } from '../../rule';
import type { JsonNode } from '../../types';
import { items, prop, str } from '../../json';

/** Core node types whose messages come from outside Node-RED (network input): `http in`, `mqtt in`, `websocket in`, `tcp in`, `udp in`. */
export const NETWORK_INPUTS: Readonly<Record<string, string>> = {
  'http in': 'HTTP In',
  'mqtt in': 'MQTT In',
  'websocket in': 'WebSocket In',
  'tcp in': 'TCP In',
  'udp in': 'UDP In',
};

const offTabsCache = new WeakMap<Flow, Set<string>>();

/** Ids of the tabs of a flow that are disabled (`"disabled": true`); cached per flow. */
function offTabs(flow: Flow): Set<string> {
  let s = offTabsCache.get(flow);
  if (!s) {
    s = new Set();
    for (const n of items(flow.root)) {
      if (str(prop(n, 'type')) === 'tab' && prop(n, 'disabled')?.value === true) s.add(str(prop(n, 'id')) ?? '');
    }
    offTabsCache.set(flow, s);
  }
  return s;
}

/** True when the step runs: not disabled itself (`d: true`) and not on a disabled tab. */
export function isActive(step: Step, flow: Flow): boolean {
  if (step.disabled) return false;
  const z = str(prop(step.node, 'z'));
  return !(z && offTabs(flow).has(z));
}

/**
 * The active steps of the given types from which `step` can receive messages, following wires and link nodes
 * backwards through active steps only (a disabled node passes nothing on). Breadth-first, nearest first.
 * Subflow internals are not followed (the flow model has no edges into subflow instances).
 */
export function sourcesReaching(ctx: RuleContext, flow: Flow, step: Step, types: Readonly<Record<string, unknown>>): Step[] {
  const g = ctx.graph(flow);
  const seen = new Set<Step>([step]);
  const queue = [...g.predecessors(step)];
  const found: Step[] = [];
  while (queue.length) {
    const s = queue.shift()!;
    if (seen.has(s)) continue;
    seen.add(s);
    if (!isActive(s, flow)) continue;
    if (s.type in types) found.push(s);
    for (const p of g.predecessors(s)) if (!seen.has(p)) queue.push(p);
  }
  return found;
}

/**
 * Maps a span of a JSON string's decoded value to a node covering the same characters in the raw text.
 * `strNode` is a jsonc-parser string node (its offset/length include the quotes); `text` the document;
 * `start`/`end` are UTF-16 indices into the decoded value (end exclusive). Each escape (`\n`, `\"`, `\uXXXX`)
 * counts as one decoded character. The returned node is synthetic (no parent): use it only as `report({ at })`.
 */
export function spanInString(text: string, strNode: JsonNode, start: number, end: number): JsonNode {
  const rawStart = strNode.offset + 1;
  const rawEnd = strNode.offset + strNode.length - 1;
  let decoded = 0;
  let from = -1;
  let to = -1;
  for (let i = rawStart; i <= rawEnd; ) {
    if (decoded === start && from < 0) from = i;
    if (decoded === end) {
      to = i;
      break;
    }
    if (i === rawEnd) break;
    i += text[i] === '\\' ? (text[i + 1] === 'u' ? 6 : 2) : 1;
    decoded++;
  }
  if (from < 0) from = rawStart;
  if (to < 0) to = rawEnd;
  return { type: 'string', offset: from, length: Math.max(0, to - from) };
}

/**
 * The active steps matching `pred` that `step` sends messages to, following wires and link nodes forwards through
 * active steps only. Breadth-first, nearest first; `step` itself is not included.
 */
export function stepsReached(ctx: RuleContext, flow: Flow, step: Step, pred: (s: Step) => boolean): Step[] {
  const g = ctx.graph(flow);
  const seen = new Set<Step>([step]);
  const queue = [...g.successors(step)];
  const found: Step[] = [];
  while (queue.length) {
    const s = queue.shift()!;
    if (seen.has(s)) continue;
    seen.add(s);
    if (!isActive(s, flow)) continue;
    if (pred(s)) found.push(s);
    for (const n of g.successors(s)) if (!seen.has(n)) queue.push(n);
  }
  return found;
}

/**
 * Message text naming the nearest network input of `sources` (from `sourcesReaching(…, NETWORK_INPUTS)`) and counting
 * the others: `HTTP In node "API" (and 2 more network inputs)`. Empty string for no sources.
 */
export function describeSources(sources: readonly Step[]): string {
  const src = sources[0];
  if (!src) return '';
  const more = sources.length - 1;
  return `${NETWORK_INPUTS[src.type] ?? src.type} node "${src.name}"${more > 0 ? ` (and ${more} more network input${more > 1 ? 's' : ''})` : ''}`;
}

/** The object elements of a Node-RED flow file array (tabs, subflows, groups and nodes alike), in file order. */
export function flowObjects(flow: Flow): JsonNode[] {
  return items(flow.root).filter((n) => n.type === 'object');
}
