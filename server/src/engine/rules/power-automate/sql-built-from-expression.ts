/**
 * power-automate/sql-built-from-expression — the SQL Server connector's "Execute a SQL query" action whose query
 * text is assembled from run-time data (`@{…}` or an `@concat(…)` expression): whoever controls that data can change
 * the query (SQL injection). An error when the data comes from the trigger (directly or through Compose, variables,
 * Parse JSON, Select, Filter array or a loop over such data), a warning for other run-time data.
 *
 * Facts:
 * - Microsoft Learn connector reference "SQL Server" (learn.microsoft.com/connectors/sql): *Execute a SQL query (V2)*
 *   is operation `ExecutePassThroughNativeQuery_V2` with parameters `server`, `database` and `query` (the query
 *   body); the deprecated *Execute a SQL query* is `ExecutePassThroughNativeQuery`. The page's migration example
 *   shows the query text in the flow as the parameter `query/query`.
 * - The query body has `query`, `formalParameters` and `actualParameters` (Microsoft's connector SDK,
 *   `Azure.Connectors.Sdk.Sql.Models.SqlPassThroughNativeQueryBody`): values can travel as parameters instead of
 *   being pasted into the SQL text. *Execute stored procedure (V2)* (`ExecuteProcedure_V2`) passes values as
 *   procedure parameters.
 * - Older `ApiConnection` actions call the same operation as `POST …/query/sql` with the text in `body.query`.
 * - Expressions: `triggerBody()`, `triggerOutputs()`, `trigger()` and the form-data functions read the trigger; only
 *   `parameters(…)`, `workflow()` and other functions without run-time data are treated as safe (see `readsData`).
 */
import { defineRule } from '../../rule';
import type { Flow, Step } from '../../model';
import { items, str, stringValues } from '../../json';
import { pointerOf } from '../../pointer';
import type { JsonNode } from '../../types';
import { decodedOffsets, spanOf } from '../common/string-offsets';
import { lowerStr, propCI } from '../wdl/wdl-util';
import { expressionParts, namedRefs, operationIdOf, paFlows, readsData, readsTrigger, type ExpressionPart } from './pa-util';

const SQL_OPERATIONS = new Set(['executepassthroughnativequery_v2', 'executepassthroughnativequery']);

/** Actions that pass their input data on unchanged in kind (so trigger data stays trigger data). */
const PASS_THROUGH = new Set([
  'compose', 'initializevariable', 'setvariable', 'appendtostringvariable', 'appendtoarrayvariable', 'parsejson', 'select',
  'query', 'join', 'table', 'foreach',
]);

/** Steps and variables whose values carry trigger data. */
interface Tainted {
  steps: Set<string>;
  vars: Set<string>;
}

/** Every string of a step's inputs (and a loop's `foreach`), as expression texts. */
function expressionsOf(step: Step): string[] {
  const out: string[] = [];
  const add = (n: JsonNode | undefined) =>
    stringValues(n, (v) => {
      for (const p of expressionParts(v.value as string)) out.push(p.expr);
    });
  add(step.params);
  add(propCI(step.node, 'foreach'));
  return out;
}

/** True when an expression reads the trigger or a tainted step or variable. */
function carriesTrigger(expr: string, t: Tainted): boolean {
  if (readsTrigger(expr)) return true;
  if (namedRefs(expr, ['body', 'outputs', 'actionBody', 'actionOutputs', 'actions', 'items']).some((n) => t.steps.has(n))) return true;
  return namedRefs(expr, ['variables']).some((n) => t.vars.has(n));
}

/** Variable names a variable action writes. */
function writtenVariables(step: Step): string[] {
  const type = step.type.toLowerCase();
  if (type === 'initializevariable') return items(propCI(step.params, 'variables')).map((v) => str(propCI(v, 'name')) ?? '').filter(Boolean);
  if (type.endsWith('variable')) {
    const name = str(propCI(step.params, 'name'));
    return name ? [name] : [];
  }
  return [];
}

/** Propagates trigger data through pass-through actions until nothing changes. */
export function triggerTainted(flow: Flow): Tainted {
  const t: Tainted = { steps: new Set(), vars: new Set() };
  const candidates = flow.steps.filter((s) => s.kind === 'action' && PASS_THROUGH.has(s.type.toLowerCase())).map((s) => [s, expressionsOf(s)] as const);
  for (let changed = true, round = 0; changed && round < 50; round++) {
    changed = false;
    for (const [step, exprs] of candidates) {
      if (t.steps.has(step.name) || !exprs.some((e) => carriesTrigger(e, t))) continue;
      t.steps.add(step.name);
      for (const v of writtenVariables(step)) t.vars.add(v);
      changed = true;
    }
  }
  return t;
}

/** The string node holding the SQL text of a native-query action, else undefined. */
function queryNode(step: Step): JsonNode | undefined {
  const type = step.type.toLowerCase();
  if (type === 'openapiconnection') {
    if (!SQL_OPERATIONS.has(operationIdOf(step) ?? '')) return undefined;
    const params = propCI(step.params, 'parameters');
    const q = propCI(params, 'query/query') ?? propCI(propCI(params, 'query'), 'query');
    return q?.type === 'string' ? q : undefined;
  }
  if (type === 'apiconnection' && /\/query\/sql\/?$/i.test(str(propCI(step.params, 'path')) ?? '') && lowerStr(propCI(step.params, 'method')) === 'post') {
    const q = propCI(propCI(step.params, 'body'), 'query');
    return q?.type === 'string' ? q : undefined;
  }
  return undefined;
}

function shorten(s: string): string {
  return s.length > 60 ? s.slice(0, 57) + '…' : s;
}

export default defineRule(
  {
    id: 'power-automate/sql-built-from-expression',
    owasp: 'LCNC-SEC-06',
    defaultSeverity: 'warning',
    description: 'SQL Server "Execute a SQL query" whose SQL text is built from run-time data (error when it comes from the trigger): SQL injection.',
    formats: ['power-automate'],
    fixable: false,
  },
  (ctx) => {
    for (const flow of paFlows(ctx.flows)) {
      let tainted: Tainted | undefined;
      for (const step of flow.steps) {
        if (step.kind !== 'action') continue;
        const node = queryNode(step);
        if (!node) continue;
        const parts = expressionParts(node.value as string).filter((p) => readsData(p.expr));
        if (!parts.length) continue;
        tainted ??= triggerTainted(flow);
        const fromTrigger = parts.find((p) => carriesTrigger(p.expr, tainted!));
        const part: ExpressionPart = fromTrigger ?? parts[0];
        const span = spanOf(ctx.text, node, part.start, part.end, decodedOffsets(ctx.text, node));
        const shown = shorten((node.value as string).slice(part.start, part.end));
        ctx.report({
          at: { ...node, offset: span.offset, length: span.length },
          pointer: pointerOf(node),
          severity: fromTrigger ? 'error' : undefined,
          message: fromTrigger
            ? `Action "${step.name}" builds its SQL text from trigger data (${shown}): whoever starts the flow can change the query itself (SQL injection). Keep values out of the SQL text: use "Execute stored procedure (V2)" or pass them as query parameters.`
            : `Action "${step.name}" builds its SQL text from run-time data (${shown}): if that data can come from users or other systems, it can change the query itself (SQL injection). Keep values out of the SQL text: use "Execute stored procedure (V2)" or pass them as query parameters.`,
        });
      }
    }
  },
);
