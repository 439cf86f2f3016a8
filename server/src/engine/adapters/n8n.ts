/**
 * n8n workflow exports → flow model.
 * Facts (n8n docs, "Export and import workflows"; n8n source `packages/workflow/src/Interfaces.ts` `IWorkflowBase`):
 * a workflow is an object with `nodes` (array of `{ id?, name, type, typeVersion, parameters, credentials?, disabled? }`)
 * and `connections` keyed by the *source node name*: `{ [name]: { [connectionType]: Array<Array<{ node, type, index }>> } }`.
 * `n8n export:workflow --all` writes an array of such objects.
 */
import type { Flow, Step } from '../model';
import type { JsonNode } from '../types';
import { entries, items, prop, str } from '../json';
import { pointerOf } from '../pointer';

/** True when `node` has the shape of an n8n workflow (object with a `nodes` array and a `connections` object). */
export function isN8nWorkflow(node: JsonNode | undefined): boolean {
  return !!node && node.type === 'object' && prop(node, 'nodes')?.type === 'array' && prop(node, 'connections')?.type === 'object';
}

/** Adapts one n8n workflow object into a flow. */
export function adaptN8n(wf: JsonNode): Flow {
  const steps: Step[] = [];
  const byName = new Map<string, Step>();
  for (const n of items(prop(wf, 'nodes'))) {
    if (n.type !== 'object') continue;
    const type = str(prop(n, 'type')) ?? '';
    const name = str(prop(n, 'name')) ?? '';
    const tv = prop(n, 'typeVersion');
    const step: Step = {
      kind: 'node',
      type,
      name,
      id: str(prop(n, 'id')),
      node: n,
      pointer: pointerOf(n),
      params: prop(n, 'parameters'),
      typeVersion: tv && tv.type === 'number' ? (tv.value as number) : undefined,
      disabled: prop(n, 'disabled')?.value === true,
    };
    steps.push(step);
    if (name) byName.set(name, step);
  }
  const edges: Flow['edges'] = [];
  for (const [source, byType] of entries(prop(wf, 'connections'))) {
    const from = byName.get(source);
    if (!from) continue;
    for (const [, outputs] of entries(byType)) {
      for (const output of items(outputs)) {
        for (const target of items(output)) {
          const to = byName.get(str(prop(target, 'node')) ?? '');
          if (to) edges.push({ from, to });
        }
      }
    }
  }
  return { format: 'n8n', subformat: 'workflow', name: str(prop(wf, 'name')), root: wf, steps, edges };
}
