/**
 * The rule contract. One file per rule under `rules/<platform>/`, exporting `defineRule({...meta}, check)`.
 * A rule reads the document's flows and calls `ctx.report` for each finding; it never throws past the engine
 * (the engine catches, reports the failure and runs the other rules).
 */
import type { Detection } from './detect';
import { FlowGraph, type Flow, type Step } from './model';
import type { LineIndex } from './text';
import type { Fix, JsonNode, RuleMeta, Severity } from './types';

/** Base URL of the rule documentation pages; a rule's page is `${DOCS_BASE}/<rule-id>.md`. */
export const DOCS_BASE = 'https://github.com/lowcode-guard/lowcode-guard/blob/main/docs/rules';

/** The documentation URL of a rule id. */
export function docsUrlFor(ruleId: string): string {
  return `${DOCS_BASE}/${ruleId}.md`;
}

/** What a rule passes to `ctx.report`. */
export interface Report {
  /** The node whose span becomes the finding's range (a value, or a property's key for "missing key" findings). */
  at: JsonNode;
  message: string;
  /** JSON Pointer of what the finding is about; defaults to the pointer of `at`'s value. */
  pointer?: string;
  /** Overrides the rule's default severity for this finding (e.g. taint raises it). The user's configuration still wins. */
  severity?: Severity;
  fix?: Fix;
}

/** Everything a rule can read about the document under analysis. */
export interface RuleContext {
  readonly text: string;
  readonly root: JsonNode;
  readonly lines: LineIndex;
  readonly detection: Detection;
  readonly flows: readonly Flow[];
  /** File name or path as given to the engine (may be empty). */
  readonly fileName: string;
  /** Adjacency over a flow's edges (cached per flow). */
  graph(flow: Flow): FlowGraph;
  /** Every step of every flow, with its flow, in document order (one array per analysis, shared by the rules: do not modify). */
  steps(): readonly (readonly [Step, Flow])[];
  report(r: Report): void;
}

/** A rule: metadata beside its check. */
export interface Rule {
  readonly meta: RuleMeta & { docsUrl: string };
  check(ctx: RuleContext): void;
}

/** Defines a rule; `docsUrl` is derived from the id. */
export function defineRule(meta: RuleMeta, check: (ctx: RuleContext) => void): Rule {
  return { meta: { ...meta, docsUrl: docsUrlFor(meta.id) }, check };
}

/**
 * Builds the `graph`/`steps` helpers of a context, shared by every rule of one analysis. The step list is built on
 * first use and then handed to each rule as it is: ~20 rules iterate every step, and a generator allocated an
 * iterator result and a pair per step per rule (docs/performance.md).
 */
export function flowHelpers(flows: readonly Flow[]): Pick<RuleContext, 'graph' | 'steps'> {
  const graphs = new Map<Flow, FlowGraph>();
  let all: (readonly [Step, Flow])[] | undefined;
  return {
    graph(flow) {
      let g = graphs.get(flow);
      if (!g) graphs.set(flow, (g = new FlowGraph(flow)));
      return g;
    },
    steps() {
      if (!all) {
        all = [];
        for (const f of flows) for (const s of f.steps) all.push([s, f]);
      }
      return all;
    },
  };
}
