/**
 * Which string values of a flow the common rules read, per format, and helpers shared by them.
 *
 * Facts:
 * - n8n: a node's settings are its `parameters`; `n8n-nodes-base.stickyNote` is a canvas note (its `content` is
 *   Markdown shown to people, never sent anywhere). n8n source `packages/nodes-base/nodes/StickyNote/StickyNote.node.ts`.
 * - Node-RED: a node's settings are the node object's own properties; `info` is the node's Markdown description
 *   ("Description" tab), `comment` nodes are notes; both are documentation. Node-RED docs, "Flow file format" and the
 *   `comment` node help. (The adapter already leaves `tab`, `group` and `comment` out of the steps.)
 * - WDL (Power Automate, Logic Apps): a trigger's / action's settings are its `inputs`; workflow parameters are
 *   declared in `definition.parameters.<name>` with an optional `defaultValue`; an ARM template declares
 *   `parameters.<name>.defaultValue` and a `Microsoft.Logic/workflows` resource passes values in
 *   `properties.parameters.<name>.value`. Microsoft Learn, "Schema reference guide for the Workflow Definition
 *   Language" (Parameters) and "Template structure and syntax" (ARM parameters).
 */
import type { Flow, Step } from '../../model';
import type { JsonNode } from '../../types';
import { entries, get, prop, stringValues } from '../../json';

/** Node-RED properties that are identity, layout or documentation, not settings. */
const NODE_RED_SKIP_KEYS = new Set(['id', 'type', 'z', 'g', 'x', 'y', 'w', 'h', 'wires', 'links', 'name', 'info', 'label']);

/** True for n8n canvas notes (sticky notes). */
export function isN8nNote(step: Step): boolean {
  return step.type === 'n8n-nodes-base.stickyNote';
}

/**
 * Calls `fn` for every string value the flows' steps are configured with: n8n `parameters`, Node-RED node
 * properties (without identity/layout/`name`/`info`), WDL `inputs`, plus WDL parameter defaults and ARM parameter
 * values (template `parameters.*.defaultValue`, read once per document). Skips disabled steps and n8n sticky notes.
 * `key` is the nearest property key the string sits under; `step` is undefined for parameter values.
 */
export function forEachSettingString(flows: readonly Flow[], root: JsonNode, fn: (value: JsonNode, key: string | undefined, step?: Step) => void): void {
  let arm = false;
  for (const flow of flows) {
    for (const step of flow.steps) {
      if (step.disabled || isN8nNote(step)) continue;
      if (flow.format === 'node-red') {
        for (const [key, v] of entries(step.node)) {
          if (NODE_RED_SKIP_KEYS.has(key)) continue;
          stringValues(v, (s, k) => fn(s, k ?? key, step));
        }
      } else {
        stringValues(step.params, (s, k) => fn(s, k, step));
      }
    }
    if (flow.definition) {
      for (const [, p] of entries(prop(flow.definition, 'parameters'))) stringValues(prop(p, 'defaultValue'), (s, k) => fn(s, k ?? 'defaultValue'));
    }
    if (flow.subformat === 'arm') {
      arm = true;
      for (const [, p] of entries(get(flow.root, 'properties', 'parameters'))) stringValues(prop(p, 'value'), (s, k) => fn(s, k ?? 'value'));
    }
  }
  if (arm) {
    for (const [, p] of entries(prop(root, 'parameters'))) stringValues(prop(p, 'defaultValue'), (s, k) => fn(s, k ?? 'defaultValue'));
  }
}
