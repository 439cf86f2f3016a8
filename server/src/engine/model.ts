/**
 * The flow model: every platform's definition, adapted into steps and the edges between them, so that rules
 * that hold everywhere (secrets, cleartext endpoints, taint) are written once. Adapters keep the platforms' words:
 * n8n and Node-RED *nodes*, WDL *triggers* and *actions*.
 */
import type { Format, JsonNode } from './types';

/**
 * What a step is, in its platform's words: an n8n or Node-RED `node`, a Node-RED `config` node (no wires,
 * e.g. `tls-config`, `mqtt-broker`), or a Workflow Definition Language `trigger` / `action`.
 */
export type StepKind = 'node' | 'config' | 'trigger' | 'action';

/** One step of a flow. */
export interface Step {
  kind: StepKind;
  /** Platform type: n8n `n8n-nodes-base.webhook`, Node-RED `exec`, WDL `Request` / `Http` / `ApiConnection`. */
  type: string;
  /** Display name: n8n node name, Node-RED `name` (else its id), WDL trigger/action key. */
  name: string;
  /** Node-RED / n8n id where the platform has one. */
  id?: string;
  /** The step's object node in the document. */
  node: JsonNode;
  /** JSON Pointer of `node`. */
  pointer: string;
  /** Where the step's settings live: n8n `parameters`, WDL `inputs`, Node-RED the node itself. */
  params?: JsonNode;
  /** n8n `typeVersion` (number) when present. */
  typeVersion?: number;
  /** True when the step is switched off (n8n `disabled: true`, Node-RED `d: true`). */
  disabled?: boolean;
}

/** One flow (workflow) inside a document; a document can hold several (ARM templates, n8n multi-exports). */
export interface Flow {
  format: Format;
  /** Finer shape: n8n `workflow`; Node-RED `flows`; Power Automate `solution-flow`; Logic Apps `standard`, `definition`, `arm`, `resource`. */
  subformat: string;
  /** The workflow's name where the file says it. */
  name?: string;
  /** The object (or Node-RED array) that holds the flow. */
  root: JsonNode;
  /** WDL only: the `definition` object (with `triggers`, `actions`, `parameters`). */
  definition?: JsonNode;
  steps: Step[];
  /** Directed edges: data or control passes from `from` to `to` (n8n `connections`, Node-RED `wires`/links, WDL `runAfter` and nesting). */
  edges: Array<{ from: Step; to: Step }>;
}

/** Lazily built adjacency over a flow's edges. */
export class FlowGraph {
  private out?: Map<Step, Step[]>;
  private inc?: Map<Step, Step[]>;

  constructor(readonly flow: Flow) {}

  private build(): void {
    this.out = new Map();
    this.inc = new Map();
    for (const { from, to } of this.flow.edges) {
      let o = this.out.get(from);
      if (!o) this.out.set(from, (o = []));
      o.push(to);
      let i = this.inc.get(to);
      if (!i) this.inc.set(to, (i = []));
      i.push(from);
    }
  }

  successors(step: Step): Step[] {
    if (!this.out) this.build();
    return this.out!.get(step) ?? [];
  }

  predecessors(step: Step): Step[] {
    if (!this.inc) this.build();
    return this.inc!.get(step) ?? [];
  }

  /** Every step from which `step` can be reached (not including `step` unless on a cycle), breadth-first. */
  upstream(step: Step): Step[] {
    const seen = new Set<Step>();
    const queue = [...this.predecessors(step)];
    while (queue.length) {
      const s = queue.shift()!;
      if (seen.has(s)) continue;
      seen.add(s);
      for (const p of this.predecessors(s)) if (!seen.has(p)) queue.push(p);
    }
    return [...seen];
  }
}
