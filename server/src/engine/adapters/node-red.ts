/**
 * Node-RED flow files → flow model.
 * Facts (Node-RED docs, "Flow file format" / "JSON structure of a flow"): a flow file is a JSON array of node
 * objects, each with `id` and `type`; tabs are `type: "tab"`, subflow definitions `type: "subflow"`; regular nodes
 * carry `z` (their tab), `x`/`y` and `wires` (array of output ports, each an array of target ids); config nodes
 * (e.g. `tls-config`, `mqtt-broker`) have no `wires`. `link out` nodes reach `link in` nodes through `links`
 * (array of ids). A node with `d: true` is disabled.
 */
import type { Flow, Step } from '../model';
import type { JsonNode } from '../types';
import { items, prop, str } from '../json';
import { pointerOf } from '../pointer';

/** True when `node` is a non-empty array whose elements are all objects with string `id` and `type` (a Node-RED flow file). */
export function isNodeRedFlow(node: JsonNode | undefined): boolean {
  if (!node || node.type !== 'array' || !node.children?.length) return false;
  return node.children.every((n) => n.type === 'object' && str(prop(n, 'id')) !== undefined && str(prop(n, 'type')) !== undefined);
}

/** Adapts a Node-RED flow array into one flow (all tabs together: wires cross tabs through link nodes). */
export function adaptNodeRed(arr: JsonNode): Flow {
  const steps: Step[] = [];
  const byId = new Map<string, Step>();
  for (const n of items(arr)) {
    const type = str(prop(n, 'type')) ?? '';
    const id = str(prop(n, 'id')) ?? '';
    if (type === 'tab' || type === 'group' || type === 'comment') continue;
    const wires = prop(n, 'wires');
    const step: Step = {
      kind: wires || prop(n, 'z') ? 'node' : 'config',
      type,
      name: str(prop(n, 'name')) || id,
      id,
      node: n,
      pointer: pointerOf(n),
      params: n,
      disabled: prop(n, 'd')?.value === true,
    };
    steps.push(step);
    byId.set(id, step);
  }
  const edges: Flow['edges'] = [];
  for (const from of steps) {
    for (const port of items(prop(from.node, 'wires'))) {
      for (const t of items(port)) {
        const to = byId.get(str(t) ?? '');
        if (to) edges.push({ from, to });
      }
    }
    if (from.type === 'link out' || from.type === 'link call') {
      for (const t of items(prop(from.node, 'links'))) {
        const to = byId.get(str(t) ?? '');
        if (to) edges.push({ from, to });
      }
    }
  }
  return { format: 'node-red', subformat: 'flows', root: arr, steps, edges };
}
