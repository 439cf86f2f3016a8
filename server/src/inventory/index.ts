/**
 * Flow inventory (OWASP LCNC-SEC-09, Asset Management Failures: "know which apps and flows exist, what they
 * connect to and who can reach them"). Pure: text, detection and findings in, data out — no fs, no `vscode`.
 *
 * Per flow it lists: triggers (and whether the trigger is an endpoint anyone on the internet can call), the external
 * hosts its settings name, the connections/credentials it references, its risky components (findings of
 * LCNC-SEC-07 rules) and its finding counts.
 *
 * Platform facts:
 * - n8n: nodes of type `n8n-nodes-base.webhook`, `n8n-nodes-base.formTrigger`, `@n8n/n8n-nodes-langchain.chatTrigger`
 *   and `@n8n/n8n-nodes-langchain.mcpTrigger` register HTTP endpoints under the instance's `/webhook/`, `/form/`,
 *   `/mcp/` paths (n8n docs, "Webhook node", "n8n Form Trigger", "Chat Trigger", "MCP Server Trigger"); a node's
 *   `credentials` object maps credential type → `{ id, name }` (n8n `INodeCredentials`, packages/workflow Interfaces.ts).
 *   Trigger nodes are those whose type ends in `Trigger`/`trigger` (n8n naming convention) plus `webhook`/`start`/`cron`.
 * - Node-RED: `http in` listens on the runtime's HTTP server; `websocket in`/`websocket out` whose `server` names a
 *   `websocket-listener` config node accept connections; `tcp in` in `server` mode listens on a port
 *   (Node-RED core nodes docs, "HTTP In", "WebSocket", "TCP"). Config nodes (no wires) hold connections: brokers,
 *   TLS settings, servers.
 * - WDL (Power Automate, Logic Apps): a `Request` trigger gives the flow a callable HTTPS URL (Microsoft Learn,
 *   "Schema reference for trigger and action types", Request trigger); Power Automate's instant (`Button`, `PowerApp`,
 *   `PowerAppV2`) kinds are started from Microsoft clients, not from a public URL. Connections: Power Automate
 *   `properties.connectionReferences`, `inputs.host.connectionName`; Logic Apps Standard
 *   `inputs.host.connection.referenceName`; Consumption `@parameters('$connections')['name']` expressions.
 */
import { LineIndex } from '../engine/text';
import { redactSecretsIn as safe } from '../engine/secrets/scan';
import { parseEndpoint } from '../engine/net';
import { entries, get, items, keyOf, prop, str, stringValues, val } from '../engine/json';
import { pointerOf } from '../engine/pointer';
import type { Detection } from '../engine/detect';
import type { Flow, Step } from '../engine/model';
import type { Finding, Format, JsonNode, OwaspId, Severity } from '../engine/types';

/** One trigger (entry point) of a flow. */
export interface InventoryTrigger {
  name: string;
  /** Platform type: `n8n-nodes-base.webhook`, `http in`, `Request` … */
  type: string;
  /** True when the trigger is an endpoint that can be called from the internet (when the instance is exposed). */
  internetFacing: boolean;
  /** 1-based line of the trigger in the file. */
  line: number;
}

/** One external host named in a flow's settings (never with user or password). */
export interface InventoryEndpoint {
  /** Lower-case scheme (`https`, `mqtt`); empty for a bare host name (Node-RED broker fields). */
  scheme: string;
  host: string;
  port?: number;
  /** Names of the steps that name it, sorted. */
  steps: string[];
}

/** Kind of connection reference. */
export type ConnectionKind = 'n8n-credential' | 'node-red-config' | 'connection-reference';

/** A connection or credential a flow references (by name; never its secret). */
export interface InventoryConnection {
  kind: ConnectionKind;
  /** Credential name, config node name, connection reference name. */
  name: string;
  /** Credential type, config node type, or API name when known. */
  type?: string;
  /** Steps using it, sorted (empty when only declared). */
  steps: string[];
}

/** A finding of an LCNC-SEC-07 (vulnerable and untrusted components) rule. */
export interface RiskyComponent {
  ruleId: string;
  /** The step the finding is in, when it is inside one. */
  step?: string;
  /** 1-based line. */
  line: number;
}

/** Inventory of one flow. */
export interface FlowInventory {
  platform: Format;
  subformat: string;
  /** The flow's name, else the file's base name. */
  name: string;
  /** The file, as passed to `buildInventory`. */
  file: string;
  steps: number;
  triggers: InventoryTrigger[];
  endpoints: InventoryEndpoint[];
  connections: InventoryConnection[];
  riskyComponents: RiskyComponent[];
  findings: { total: number; bySeverity: Record<Severity, number>; byOwasp: Partial<Record<OwaspId, number>> };
}

const N8N_INTERNET = new Set([
  'n8n-nodes-base.webhook', 'n8n-nodes-base.formTrigger', '@n8n/n8n-nodes-langchain.chatTrigger', '@n8n/n8n-nodes-langchain.mcpTrigger',
]);
const N8N_TRIGGER_EXTRA = new Set(['n8n-nodes-base.webhook', 'n8n-nodes-base.start', 'n8n-nodes-base.cron']);
const NODE_RED_TRIGGERS = new Set(['http in', 'websocket in', 'tcp in', 'udp in', 'mqtt in', 'inject', 'status', 'catch', 'complete', 'link in', 'watch', 'serial in']);
const WDL_PRIVATE_KINDS = new Set(['button', 'powerapp', 'powerappv2', 'virtualagent', 'skills', 'teams']);

/**
 * Builds the inventory of every flow in one analysed document. `text` is the document the detection was made from
 * (for line numbers); `findings` are that document's findings (any order), shared out to flows by JSON Pointer;
 * `file` is copied into each entry. Companion files (no flows) give an empty array. Never throws for content.
 */
export function buildInventory(detection: Detection, text: string, findings: readonly Finding[], file = ''): FlowInventory[] {
  const lines = new LineIndex(text);
  const lineOf = (offset: number) => lines.positionAt(offset).line + 1;
  const flows = detection.flows;
  const roots = flows.map((f) => pointerOf(f.root));
  return flows.map((flow, i) => {
    const mine = findings.filter((f) => flows.length === 1 || ownerOf(f.pointer, roots) === i);
    return {
      platform: flow.format,
      subformat: flow.subformat,
      name: safe(flow.name || baseName(file) || flow.format), // (names can hold a token: shown redacted, like findings)
      file,
      steps: flow.steps.filter((s) => s.kind !== 'config').length,
      triggers: triggersOf(flow, lineOf),
      endpoints: endpointsOf(flow),
      connections: connectionsOf(flow),
      riskyComponents: mine
        .filter((f) => f.owasp === 'LCNC-SEC-07')
        .map((f) => {
          const step = stepAt(flow, f.pointer);
          return { ruleId: f.ruleId, ...(step ? { step: safe(step.name) } : {}), line: f.range.start.line + 1 };
        }),
      findings: counts(mine),
    };
  });
}

/** Where a finding is: the index of its flow in `detection.flows` (-1: outside every flow) and its step, if any. */
export interface FindingPlace {
  flow: number;
  step?: Step;
}

/** Locates a finding by its JSON Pointer: the flow whose root is the longest prefix, then the innermost step. */
export function locateFinding(flows: readonly Flow[], pointer: string): FindingPlace {
  const i = flows.length === 1 ? 0 : ownerOf(pointer, flows.map((f) => pointerOf(f.root)));
  const step = i >= 0 ? stepAt(flows[i], pointer) : undefined;
  return step ? { flow: i, step } : { flow: i };
}

/** A step as the platform's editor shows it. */
export interface StepLabel {
  /** The name on the canvas: n8n node name; Node-RED `name`, else `<type> node`; WDL key with `_` shown as spaces. */
  name: string;
  /** The platform's word: `node`, `config node`, `trigger`, `action`. */
  kind: string;
  /** Platform type (`n8n-nodes-base.webhook`, `http in`, `Request`, `ApiConnection`). */
  type: string;
  /** The name as stored in the file (WDL key, Node-RED id when unnamed), when it differs from `name`. */
  key?: string;
  /** Node-RED: the label of the tab (flow) the node is on, or of its subflow. */
  tab?: string;
}

/**
 * The label of `step` in `flow`. WDL: Power Automate and the Logic Apps designer store an action's title as its key
 * with spaces written as underscores (`Send_an_email_(V2)` is shown as "Send an email (V2)"); the key is kept in `key`.
 * Node-RED: an unnamed node shows its type on the canvas; `z` names its tab (`type: "tab"`, `label`) or subflow.
 */
export function stepLabel(flow: Flow, step: Step): StepLabel {
  const kind = step.kind === 'config' ? 'config node' : step.kind;
  if (flow.format === 'power-automate' || flow.format === 'logic-apps') {
    const name = safe(step.name.replace(/_/g, ' '));
    return { name, kind, type: step.type, ...(name !== step.name ? { key: safe(step.name) } : {}) };
  }
  if (flow.format === 'node-red') {
    const named = str(prop(step.node, 'name'));
    const z = str(prop(step.node, 'z'));
    const tab = z ? nodeRedTabs(flow).get(z) : undefined;
    return { name: safe(named || `${step.type} node`), kind, type: step.type, ...(named ? {} : step.id ? { key: safe(step.id) } : {}), ...(tab ? { tab: safe(tab) } : {}) };
  }
  return { name: safe(step.name), kind, type: step.type };
}

/**
 * Node-RED tabs and subflows (the array's `type: "tab"` / `"subflow"` objects, which are not steps): id → the label
 * the editor shows (`label` of a tab, `name` of a subflow, else the id), in file order.
 */
export function nodeRedTabs(flow: Flow): Map<string, string> {
  const out = new Map<string, string>();
  if (flow.format !== 'node-red') return out;
  for (const n of items(flow.root)) {
    const type = str(prop(n, 'type'));
    const id = str(prop(n, 'id'));
    if (id && (type === 'tab' || type === 'subflow')) out.set(id, str(prop(n, 'label')) || str(prop(n, 'name')) || id);
  }
  return out;
}

/** Index of the flow whose root pointer is the longest prefix of `pointer` (-1 when none). */
function ownerOf(pointer: string, roots: readonly string[]): number {
  let best = -1;
  for (let i = 0; i < roots.length; i++) {
    const r = roots[i];
    if ((pointer === r || pointer.startsWith(r + '/') || r === '') && (best < 0 || r.length > roots[best].length)) best = i;
  }
  return best;
}

function stepAt(flow: Flow, pointer: string): Step | undefined {
  let best: Step | undefined;
  for (const s of flow.steps) {
    if ((pointer === s.pointer || pointer.startsWith(s.pointer + '/')) && (!best || s.pointer.length > best.pointer.length)) best = s;
  }
  return best;
}

function baseName(file: string): string {
  return file.split(/[\\/]/).pop() ?? '';
}

function counts(findings: readonly Finding[]): FlowInventory['findings'] {
  const bySeverity: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  const byOwasp: Partial<Record<OwaspId, number>> = {};
  for (const f of findings) {
    bySeverity[f.severity]++;
    if (f.owasp) byOwasp[f.owasp] = (byOwasp[f.owasp] ?? 0) + 1;
  }
  return { total: findings.length, bySeverity, byOwasp };
}

function triggersOf(flow: Flow, lineOf: (offset: number) => number): InventoryTrigger[] {
  const out: InventoryTrigger[] = [];
  const byId = new Map(flow.steps.filter((s) => s.id).map((s) => [s.id!, s]));
  for (const s of flow.steps) {
    let internetFacing: boolean;
    if (flow.format === 'n8n') {
      if (!/trigger$/i.test(s.type) && !N8N_TRIGGER_EXTRA.has(s.type)) continue;
      internetFacing = N8N_INTERNET.has(s.type);
    } else if (flow.format === 'node-red') {
      if (s.kind === 'config' || !NODE_RED_TRIGGERS.has(s.type)) continue;
      if (s.type === 'http in') internetFacing = true;
      else if (s.type === 'websocket in') internetFacing = byId.get(str(prop(s.node, 'server')) ?? '')?.type === 'websocket-listener';
      else if (s.type === 'tcp in') internetFacing = str(prop(s.node, 'server')) === 'server';
      else internetFacing = false;
    } else {
      if (s.kind !== 'trigger') continue;
      const kind = (str(prop(s.node, 'kind')) ?? '').toLowerCase();
      internetFacing = s.type.toLowerCase() === 'request' && !WDL_PRIVATE_KINDS.has(kind);
    }
    if (s.disabled) continue;
    out.push({ name: safe(s.name), type: s.type, internetFacing, line: lineOf(s.node.offset) });
  }
  return out;
}

function endpointsOf(flow: Flow): InventoryEndpoint[] {
  const found = new Map<string, InventoryEndpoint & { set: Set<string> }>();
  const add = (scheme: string, host: string, port: number | undefined, step: string) => {
    const key = `${scheme}://${host.toLowerCase()}:${port ?? ''}`;
    let e = found.get(key);
    if (!e) found.set(key, (e = { scheme, host: host.toLowerCase(), ...(port !== undefined ? { port } : {}), steps: [], set: new Set() }));
    e.set.add(safe(step));
  };
  for (const s of flow.steps) {
    const params = s.params ?? s.node;
    stringValues(params, (v) => {
      const t = val(v);
      if (typeof t !== 'string' || !t.includes('://')) return;
      // Identifiers that are URLs but are never called: JSON Schema / Adaptive Card `$schema`, XML namespaces.
      const key = str(keyOf(v)) ?? '';
      if (key === '$schema' || key === 'xmlns' || key.startsWith('xmlns:') || key === '@xmlns') return;
      for (const ep of parseEndpoint(t)) if (!ep.dynamicHost && ep.host) add(ep.scheme, ep.host, ep.port, s.name);
    });
    // Node-RED brokers are bare host names (mqtt-broker `broker`, optional `port`).
    if (flow.format === 'node-red' && s.type === 'mqtt-broker') {
      const b = str(prop(s.node, 'broker'));
      if (b && !b.includes('://') && /^[A-Za-z0-9._-]+$/.test(b)) {
        const p = Number(str(prop(s.node, 'port')) ?? val(prop(s.node, 'port')));
        add('mqtt', b, Number.isInteger(p) && p > 0 ? p : undefined, s.name);
      }
    }
  }
  return [...found.values()]
    .map(({ set, ...e }) => ({ ...e, steps: [...set].sort() }))
    .sort((a, b) => a.host.localeCompare(b.host) || a.scheme.localeCompare(b.scheme));
}

function connectionsOf(flow: Flow): InventoryConnection[] {
  const found = new Map<string, InventoryConnection & { set: Set<string> }>();
  const add = (kind: ConnectionKind, rawName: string, type: string | undefined, step?: string) => {
    const name = safe(rawName);
    // Connection references are keyed by name alone (the API name is not always written where they are used).
    const key = `${kind}\u0000${name}\u0000${kind === 'connection-reference' ? '' : (type ?? '')}`;
    let c = found.get(key);
    if (!c) found.set(key, (c = { kind, name, steps: [], set: new Set() }));
    if (type && !c.type) c.type = type;
    if (step) c.set.add(safe(step));
  };
  if (flow.format === 'n8n') {
    for (const s of flow.steps) {
      for (const [credType, ref] of entries(prop(s.node, 'credentials'))) {
        const name = str(prop(ref, 'name')) ?? str(prop(ref, 'id'));
        if (name) add('n8n-credential', name, credType, s.name);
      }
    }
  } else if (flow.format === 'node-red') {
    const configs = flow.steps.filter((s) => s.kind === 'config' && s.type !== 'tab' && s.type !== 'group' && s.type !== 'subflow');
    const byId = new Map(configs.filter((c) => c.id).map((c) => [c.id!, c]));
    for (const c of configs) add('node-red-config', c.name, c.type);
    for (const s of flow.steps) {
      if (s.kind === 'config') continue;
      for (const [key, v] of entries(s.node)) {
        if (key === 'id' || key === 'z' || key === 'g') continue;
        const c = byId.get(str(v) ?? '');
        if (c) add('node-red-config', c.name, c.type, s.name);
      }
    }
  } else {
    const refs = prop(flow.root, 'properties') ? get(flow.root, 'properties', 'connectionReferences') : prop(flow.root, 'connectionReferences');
    for (const [name, ref] of entries(refs)) add('connection-reference', name, str(get(ref, 'api', 'name')));
    for (const [name] of entries(get(flow.definition, 'parameters', '$connections', 'defaultValue'))) add('connection-reference', name, undefined);
    for (const s of flow.steps) {
      const host = get(s.params, 'host');
      const names = [str(prop(host, 'connectionName')), str(get(host, 'connection', 'referenceName'))];
      const expr = str(get(host, 'connection', 'name'));
      const m = expr && /\$connections'\s*\)\s*\[\s*'([^']+)'/.exec(expr);
      if (m) names.push(m[1]);
      for (const n of names) if (n) add('connection-reference', n, str(get(host, 'apiId'))?.split('/').pop(), s.name);
    }
  }
  return [...found.values()]
    .map(({ set, ...c }) => ({ ...c, steps: [...set].sort() }))
    .sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name));
}

