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

/** The detected format of a document and the flows it holds (at least one). */
export interface Detection {
  format: Format;
  /** Shape of the file: n8n `workflow` | `workflow-list`; Node-RED `flows`; Power Automate `solution-flow`; Logic Apps `standard` | `definition` | `resource` | `arm`. */
  subformat: string;
  flows: Flow[];
}

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

/** Detects the format of a parsed document. `root` is the parse tree; returns undefined for other JSON. */
export function detect(root: JsonNode | undefined): Detection | undefined {
  if (!root) return undefined;
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
  return undefined;
}

function one(format: Format, subformat: string, flow: Flow): Detection {
  return { format, subformat, flows: [flow] };
}
