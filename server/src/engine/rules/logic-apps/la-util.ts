/**
 * Helpers shared by the Logic Apps rules. Not a rule: `index.ts` registers only the rule files.
 *
 * Facts:
 * - Run data in expressions: see `../wdl/wdl-expr.ts`. A `Foreach` action's `foreach` value is the array it loops
 *   over; `item()` inside it (and `items('<loop>')`) is the current element (Microsoft Learn, "Schema reference guide
 *   for trigger and action types", Foreach action). `Initialize variable` declares `inputs.variables[].name`;
 *   `Set variable` / `Append to … variable` write `inputs.name` (same page, variable actions).
 * - Triggers that bring outside data into a run: every trigger but `Recurrence` and `SlidingWindow`, whose outputs
 *   are only schedule times (same page, Recurrence trigger; "Sliding Window trigger").
 * - Standard `connections.json` holds the connections of a Standard logic app project in the sections
 *   `managedApiConnections`, `serviceProviderConnections`, `functionConnections`, `apiManagementConnections`,
 *   `agentConnections`, `agentMcpConnections`, `knowledgeHubConnections` (Azure/LogicAppsUX,
 *   `libs/logic-apps-shared/src/designer-client-services/lib/standard/connection.ts`, `ConnectionsData`).
 * - `local.settings.json` (Azure Functions host, also used by Standard logic app projects) has `IsEncrypted`, `Values`
 *   (app settings), `Host` and `ConnectionStrings` (Microsoft Learn, "Develop Azure Functions locally using Core
 *   Tools", Local settings file).
 */
import type { RuleContext } from '../../rule';
import type { Flow, Step } from '../../model';
import type { JsonNode } from '../../types';
import { entries, items, prop, str, stringValues } from '../../json';
import { definitionParameters, lowerStr, propCI, wdlPlatform } from '../wdl/wdl-util';
import { ACTION_FUNCTIONS, TRIGGER_FUNCTIONS, expressionRefs, type ExprRef } from '../wdl/wdl-expr';

/** The flows of the document that are Logic Apps workflows (gallery templates included, Power Automate flows not). */
export function logicFlows(ctx: RuleContext): Flow[] {
  return ctx.flows.filter((f) => wdlPlatform(f) === 'logic-apps');
}

/** Keys of an action whose values hold other actions (those are separate steps). */
const NESTED_KEYS = new Set(['actions', 'else', 'cases', 'default', 'tools']);

/** Calls `fn` for every string in a step's own definition (its nested actions left out), with the nearest key. */
export function ownStrings(step: Step, fn: (value: JsonNode, key: string | undefined) => void): void {
  for (const [k, v] of entries(step.node)) {
    if (NESTED_KEYS.has(k.toLowerCase()) && v.type === 'object') continue;
    if (v.type === 'string') fn(v, k);
    else stringValues(v, fn);
  }
}

/** Trigger types whose outputs carry no outside data (lower case). */
const SCHEDULE_TRIGGERS = new Set(['recurrence', 'slidingwindow']);

/** What carries outside (trigger) data in a flow: the trigger itself, and the actions and variables it flows into. */
export interface Taint {
  /** True when the flow has a trigger that brings outside data (not a schedule). */
  trigger: boolean;
  /** Names of actions whose inputs (or, for `Foreach`, whose loop array) hold trigger data. */
  actions: Set<string>;
  /** Names of variables set from trigger data. */
  variables: Set<string>;
  /** The `Foreach` loop (its name) that encloses each action, if any. */
  enclosingLoop: Map<Step, string | undefined>;
}

/** The `Foreach` action enclosing `step` (its name), found by walking up the parse tree. */
function enclosingForeach(step: Step, byNode: Map<JsonNode, Step>): string | undefined {
  let n = step.node.parent;
  while (n) {
    const s = byNode.get(n);
    if (s && s.type.toLowerCase() === 'foreach') return s.name;
    n = n.parent;
  }
  return undefined;
}

/** True when an expression call reads trigger data, directly or through a tainted action, variable or loop item. */
export function isTaintedRef(ref: ExprRef, taint: Taint, loop: string | undefined): boolean {
  if (TRIGGER_FUNCTIONS.has(ref.fn)) return taint.trigger;
  if (ACTION_FUNCTIONS.has(ref.fn) || ref.fn === 'items') return ref.arg !== undefined && taint.actions.has(ref.arg);
  if (ref.fn === 'variables') return ref.arg !== undefined && taint.variables.has(ref.arg);
  if (ref.fn === 'item') return loop !== undefined && taint.actions.has(loop);
  return false;
}

/** Names of the variables an action writes (`InitializeVariable`, `SetVariable`, `AppendTo…Variable`). */
function writtenVariables(step: Step): string[] {
  const t = step.type.toLowerCase();
  if (t === 'initializevariable') return items(propCI(step.params, 'variables')).map((v) => str(propCI(v, 'name'))).filter((n): n is string => !!n);
  if (t === 'setvariable' || t === 'appendtostringvariable' || t === 'appendtoarrayvariable') {
    const n = str(propCI(step.params, 'name'));
    return n ? [n] : [];
  }
  return [];
}

/**
 * Follows trigger data through the flow: an action is tainted when any expression in its own definition reads
 * trigger data or a tainted action, variable or loop item; repeated until nothing changes (at most one pass per
 * action, so the cost is quadratic only in pathological chains).
 */
export function traceTriggerData(flow: Flow): Taint {
  const triggers = flow.steps.filter((s) => s.kind === 'trigger');
  const taint: Taint = {
    trigger: triggers.some((t) => !SCHEDULE_TRIGGERS.has(t.type.toLowerCase())),
    actions: new Set(),
    variables: new Set(),
    enclosingLoop: new Map(),
  };
  const byNode = new Map(flow.steps.map((s) => [s.node, s] as [JsonNode, Step]));
  const actions = flow.steps.filter((s) => s.kind === 'action');
  const refs = new Map<Step, ExprRef[]>();
  for (const a of actions) {
    taint.enclosingLoop.set(a, enclosingForeach(a, byNode));
    const list: ExprRef[] = [];
    ownStrings(a, (v) => list.push(...expressionRefs(v.value as string)));
    refs.set(a, list);
  }
  if (!taint.trigger) return taint;
  for (let changed = true, rounds = 0; changed && rounds <= actions.length; rounds++) {
    changed = false;
    for (const a of actions) {
      if (taint.actions.has(a.name)) continue;
      const loop = taint.enclosingLoop.get(a);
      if (!refs.get(a)!.some((r) => isTaintedRef(r, taint, loop))) continue;
      taint.actions.add(a.name);
      for (const v of writtenVariables(a)) taint.variables.add(v);
      changed = true;
    }
  }
  return taint;
}

/**
 * Azure services that accept Microsoft Entra tokens, so a workflow can call them with its managed identity, keyed by
 * host suffix (Microsoft Learn, "Azure services that support Microsoft Entra authentication" and the service pages
 * on Microsoft Entra authorization for each data plane). App Service / Functions need App Service authentication
 * ("Easy Auth") on the target; the Microsoft Entra token endpoint is listed because fetching a token there with a
 * client secret is what a managed identity replaces.
 */
const ENTRA_HOSTS: ReadonlyArray<[RegExp, string, string | undefined]> = [
  [/^management\.azure\.com$/, 'Azure Resource Manager', 'https://management.azure.com/'],
  [/^management\.core\.windows\.net$/, 'Azure Resource Manager', 'https://management.core.windows.net/'],
  [/\.vault\.azure\.net$/, 'Azure Key Vault', 'https://vault.azure.net'],
  [/\.(blob|queue|table|dfs)\.core\.windows\.net$/, 'Azure Storage', 'https://storage.azure.com/'],
  [/^graph\.microsoft\.com$/, 'Microsoft Graph', 'https://graph.microsoft.com'],
  [/\.servicebus\.windows\.net$/, 'Azure Service Bus / Event Hubs', 'https://servicebus.azure.net'],
  [/\.documents\.azure\.com$/, 'Azure Cosmos DB', undefined],
  [/\.(openai|cognitiveservices)\.azure\.com$/, 'Azure AI services', 'https://cognitiveservices.azure.com'],
  [/\.search\.windows\.net$/, 'Azure AI Search', 'https://search.azure.com'],
  [/\.kusto\.windows\.net$/, 'Azure Data Explorer', undefined],
  [/\.azurewebsites\.net$/, 'Azure App Service / Functions', undefined],
  [/^login\.microsoftonline\.com$/, 'the Microsoft Entra token endpoint', undefined],
];

/** An Azure service that accepts Microsoft Entra tokens: display name and, when fixed, the managed identity audience. */
export interface EntraService {
  name: string;
  audience?: string;
}

/** The Azure service a host belongs to when it accepts Microsoft Entra tokens, else undefined. */
export function entraService(host: string): EntraService | undefined {
  const h = host.toLowerCase().replace(/\.$/, '');
  for (const [re, name, audience] of ENTRA_HOSTS) if (re.test(h)) return { name, audience };
  return undefined;
}

/**
 * A URI with a leading `@parameters('X')` / `@{parameters('X')}` replaced by the literal `defaultValue` of definition
 * parameter `X`, when the definition declares one; otherwise the URI unchanged.
 */
export function resolveParameterPrefix(flow: Flow, uri: string): string {
  const m = /^@\{?\s*parameters\(\s*'((?:[^']|'')*)'\s*\)\s*\}?/i.exec(uri);
  if (!m || (uri.startsWith('@{') && !m[0].endsWith('}')) || (!uri.startsWith('@{') && m[0].length !== uri.length)) return uri;
  const name = m[1].replace(/''/g, "'");
  for (const [n, decl] of definitionParameters(flow)) {
    if (n !== name) continue;
    const dv = str(propCI(decl, 'defaultValue'));
    return dv !== undefined ? dv + uri.slice(m[0].length) : uri;
  }
  return uri;
}

/** Companion-file shapes live in the detector, which hands these files to the rules. */
export { CONNECTION_SECTIONS, isConnectionsFile, isLocalSettingsFile } from '../../detect';

/** The lower-cased `type` of an `authentication` object, `''` when there is none, undefined when it is an expression or not a string. */
export function authType(auth: JsonNode | undefined): string | undefined {
  if (!auth) return '';
  if (auth.type !== 'object') return undefined;
  const t = propCI(auth, 'type');
  if (!t) return '';
  const v = lowerStr(t);
  return v === undefined || v.startsWith('@') ? undefined : v;
}
