/**
 * Format detection from content (the file name only breaks ties). Returns the flows a document holds, or
 * undefined for JSON that is not a low-code definition (such files get no findings at all).
 */
import type { Flow } from './model';
import type { Format, JsonNode } from './types';
import { get, items, prop, str } from './json';
import { adaptN8n, isN8nWorkflow } from './adapters/n8n';
import { adaptNodeRed, isNodeRedFlow } from './adapters/node-red';
import { adaptWdl } from './adapters/wdl';

/**
 * The detected format of a document and the flows it holds. Flow files hold at least one flow; the platforms'
 * companion files (credentials, connections, settings) hold none, and only the rules written for them look at them.
 */
export interface Detection {
  format: Format;
  /**
   * Shape of the file. Flow files: n8n `workflow` | `workflow-list`; Node-RED `flows`; Power Automate `solution-flow`;
   * Logic Apps `standard` | `definition` | `resource` | `arm`. Companion files (no flows): n8n `credentials`
   * (`n8n export:credentials`); Node-RED `credentials` (`flows_cred.json`); Logic Apps `connections`
   * (Standard `connections.json`) | `local-settings` (Functions `local.settings.json`).
   */
  subformat: string;
  flows: Flow[];
}

/** Sections of a Logic Apps Standard `connections.json` (Microsoft Learn, "Edit host and app settings for Standard logic apps"; LogicAppsUX). */
export const CONNECTION_SECTIONS: readonly string[] = [
  'managedApiConnections', 'serviceProviderConnections', 'functionConnections', 'apiManagementConnections',
  'agentConnections', 'agentMcpConnections', 'knowledgeHubConnections',
];

/** True for a Logic Apps Standard `connections.json`: an object with a connection section and no workflow keys. */
export function isConnectionsFile(root: JsonNode | undefined): boolean {
  if (!root || root.type !== 'object') return false;
  if (prop(root, 'definition') || prop(root, 'triggers') || prop(root, 'actions')) return false;
  return CONNECTION_SECTIONS.some((k) => prop(root, k)?.type === 'object');
}

/** True for a Functions host `local.settings.json`: `Values` is an object, with a boolean `IsEncrypted` or that file name (any folder, any case). */
export function isLocalSettingsFile(root: JsonNode | undefined, fileName = ''): boolean {
  if (!root || root.type !== 'object' || prop(root, 'Values')?.type !== 'object') return false;
  return prop(root, 'IsEncrypted')?.type === 'boolean' || /(^|[\\/])local\.settings\.json$/i.test(fileName);
}

/**
 * True for one row of `n8n export:credentials` (n8n `packages/cli/src/commands/export/credentials.ts`): an object with
 * string `id`, `name`, `type` and a `data` string (encrypted) or object (`--decrypted`), and none of a Node-RED node's
 * wiring keys (`z`, `wires`) nor a workflow's `nodes`.
 */
function isN8nCredentialRow(n: JsonNode): boolean {
  if (n.type !== 'object') return false;
  const data = prop(n, 'data');
  return (
    str(prop(n, 'id')) !== undefined && !!str(prop(n, 'name')) && !!str(prop(n, 'type')) &&
    (data?.type === 'string' || data?.type === 'object') &&
    !prop(n, 'nodes') && !prop(n, 'z') && !prop(n, 'wires')
  );
}

/** True for an `n8n export:credentials` file: one credential row, or a non-empty array of them. */
export function isN8nCredentialsExport(root: JsonNode | undefined): boolean {
  if (!root) return false;
  if (root.type === 'array') return !!root.children?.length && root.children.every(isN8nCredentialRow);
  return isN8nCredentialRow(root);
}

/** Node-RED names the credentials file after the flow file: `flows.json` → `flows_cred.json` (runtime `localfilesystem`). */
const NODE_RED_CRED_FILE = /(^|[\\/])[^\\/]*_cred\.json$/i;

const WDL_SCHEMA = /workflowdefinition\.json/i;
const ARM_SCHEMA = /deploymentTemplate\.json/i;
const LOGIC_TYPE = /^Microsoft\.Logic\/workflows$/i;
/** Any Logic Apps resource type (workflows, gallery templates …): a `properties.definition` under it is Logic Apps, not Power Automate. */
const LOGIC_ANY_TYPE = /^Microsoft\.Logic\//i;
const DEPLOYMENT_TYPE = /^Microsoft\.Resources\/deployments$/i;

function isWdlDefinition(d: JsonNode | undefined): boolean {
  if (!d || d.type !== 'object') return false;
  if (WDL_SCHEMA.test(str(prop(d, '$schema')) ?? '')) return true;
  const t = prop(d, 'triggers');
  const a = prop(d, 'actions');
  return (t?.type === 'object' || a?.type === 'object') && (t === undefined || t.type === 'object') && (a === undefined || a.type === 'object');
}

/**
 * Detects the format of a parsed document. `root` is the parse tree; `fileName` (path or name, any separators) only
 * matters for companion files whose shape alone is ambiguous (`*_cred.json`, `local.settings.json`). Returns
 * undefined for other JSON.
 */
export function detect(root: JsonNode | undefined, fileName = ''): Detection | undefined {
  if (!root) return undefined;
  if (isN8nCredentialsExport(root)) return { format: 'n8n', subformat: 'credentials', flows: [] };
  if (root.type === 'object' && NODE_RED_CRED_FILE.test(fileName) && !isN8nWorkflow(root) && !prop(root, 'definition') && !prop(root, 'properties')) {
    return { format: 'node-red', subformat: 'credentials', flows: [] };
  }
  if (root.type === 'array') {
    if (isNodeRedFlow(root)) return { format: 'node-red', subformat: 'flows', flows: [adaptNodeRed(root)] };
    const wfs = items(root).filter(isN8nWorkflow);
    if (wfs.length && wfs.length === root.children!.length) return { format: 'n8n', subformat: 'workflow-list', flows: wfs.map(adaptN8n) };
    return undefined;
  }
  if (root.type !== 'object') return undefined;
  if (isN8nWorkflow(root)) return { format: 'n8n', subformat: 'workflow', flows: [adaptN8n(root)] };

  // ARM template with Microsoft.Logic/workflows resources (nested `resources` too).
  if (ARM_SCHEMA.test(str(prop(root, '$schema')) ?? '') || prop(root, 'resources')?.type === 'array') {
    const flows: Flow[] = [];
    const stack = [...items(prop(root, 'resources'))];
    while (stack.length) {
      const r = stack.shift()!;
      const def = get(r, 'properties', 'definition');
      if (LOGIC_TYPE.test(str(prop(r, 'type')) ?? '') && isWdlDefinition(def)) {
        flows.push(adaptWdl(def!, r, 'logic-apps', 'arm', str(prop(r, 'name'))));
      }
      stack.push(...items(prop(r, 'resources')));
      // nested deployments carry a whole template: properties.template.resources
      if (DEPLOYMENT_TYPE.test(str(prop(r, 'type')) ?? '')) stack.push(...items(get(r, 'properties', 'template', 'resources')));
    }
    if (flows.length) return { format: 'logic-apps', subformat: 'arm', flows };
    if (ARM_SCHEMA.test(str(prop(root, '$schema')) ?? '')) return undefined;
  }

  // A resource-shaped object: { type?, properties: { definition } } — Power Automate solution/package flow or a Logic Apps resource.
  const propsDef = get(root, 'properties', 'definition');
  if (isWdlDefinition(propsDef)) {
    const type = str(prop(root, 'type')) ?? '';
    if (LOGIC_ANY_TYPE.test(type)) return one('logic-apps', 'resource', adaptWdl(propsDef!, root, 'logic-apps', 'resource', str(prop(root, 'name'))));
    return one('power-automate', 'solution-flow', adaptWdl(propsDef!, root, 'power-automate', 'solution-flow', str(prop(root, 'name'))));
  }

  // Logic Apps Standard workflow.json: { definition, kind? }.
  const def = prop(root, 'definition');
  if (isWdlDefinition(def)) return one('logic-apps', 'standard', adaptWdl(def!, root, 'logic-apps', 'standard'));

  // Bare WDL definition: the WDL $schema, or triggers + actions objects beside a $schema/contentVersion of any value.
  const bare =
    WDL_SCHEMA.test(str(prop(root, '$schema')) ?? '') ||
    (prop(root, 'triggers')?.type === 'object' && prop(root, 'actions')?.type === 'object' && (prop(root, '$schema') !== undefined || prop(root, 'contentVersion') !== undefined));
  if (bare) return one('logic-apps', 'definition', adaptWdl(root, root, 'logic-apps', 'definition'));

  // Logic Apps Standard companion files.
  if (isConnectionsFile(root)) return { format: 'logic-apps', subformat: 'connections', flows: [] };
  if (isLocalSettingsFile(root, fileName)) return { format: 'logic-apps', subformat: 'local-settings', flows: [] };
  return undefined;
}

function one(format: Format, subformat: string, flow: Flow): Detection {
  return { format, subformat, flows: [flow] };
}
