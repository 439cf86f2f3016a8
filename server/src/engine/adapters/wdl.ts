/**
 * Workflow Definition Language (Power Automate and Azure Logic Apps) → flow model.
 * Facts (Microsoft Learn, "Schema reference guide for the Workflow Definition Language in Azure Logic Apps"):
 * a definition has `triggers` and `actions` objects keyed by name; each has `type` and usually `inputs`;
 * an action's `runAfter` maps predecessor action names to statuses (empty/missing at top level = runs after the
 * trigger); `Scope`, `Foreach`, `Until` hold nested `actions`, `If` holds `actions` and `else.actions`, `Switch`
 * holds `cases.<name>.actions` and `default.actions`; an `Agent` action (Logic Apps agent workflows) holds
 * `tools.<name>.actions`.
 */
import type { Flow, Step } from '../model';
import type { Format, JsonNode } from '../types';
import { entries, get, prop, str } from '../json';
import { pointerOf } from '../pointer';

/** Adapts one WDL `definition` object into a flow. `root` is the object that holds it (for settings such as `kind`). */
export function adaptWdl(definition: JsonNode, root: JsonNode, format: Format, subformat: string, name?: string): Flow {
  const steps: Step[] = [];
  const edges: Flow['edges'] = [];
  const triggers: Step[] = [];
  for (const [tname, t] of entries(prop(definition, 'triggers'))) {
    if (t.type !== 'object') continue;
    const step = makeStep('trigger', tname, t);
    steps.push(step);
    triggers.push(step);
  }
  addActions(prop(definition, 'actions'), triggers, steps, edges);
  return { format, subformat, name, root, definition, steps, edges };
}

function makeStep(kind: 'trigger' | 'action', name: string, node: JsonNode): Step {
  return { kind, type: str(prop(node, 'type')) ?? '', name, node, pointer: pointerOf(node), params: prop(node, 'inputs') };
}

/** Adds the actions of one scope; `entry` are the steps that run before actions with no `runAfter` in this scope. */
function addActions(actions: JsonNode | undefined, entry: Step[], steps: Step[], edges: Flow['edges']): void {
  const scope = new Map<string, Step>();
  const list: Array<[Step, JsonNode]> = [];
  for (const [aname, a] of entries(actions)) {
    if (a.type !== 'object') continue;
    const step = makeStep('action', aname, a);
    steps.push(step);
    scope.set(aname, step);
    list.push([step, a]);
  }
  for (const [step, a] of list) {
    const runAfter = entries(prop(a, 'runAfter'));
    if (runAfter.length === 0) for (const e of entry) edges.push({ from: e, to: step });
    for (const [pred] of runAfter) {
      const from = scope.get(pred);
      if (from) edges.push({ from, to: step });
    }
    // nested scopes: the container runs before its children
    addActions(prop(a, 'actions'), [step], steps, edges);
    addActions(get(a, 'else', 'actions'), [step], steps, edges);
    addActions(get(a, 'default', 'actions'), [step], steps, edges);
    for (const [, c] of entries(prop(a, 'cases'))) addActions(prop(c, 'actions'), [step], steps, edges);
    // Logic Apps Agent actions: each tool holds its own actions (`tools.<name>.actions`).
    for (const [, t] of entries(prop(a, 'tools'))) addActions(prop(t, 'actions'), [step], steps, edges);
  }
}
