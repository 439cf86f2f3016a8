/**
 * logic-apps/sql-built-from-expression — SQL text put together from run data with `@{…}` or `@concat(…)`, instead of
 * being sent with query parameters.
 *
 * Facts:
 * - Managed SQL Server connector, "Execute a SQL query (V2)": an `ApiConnection` action whose `inputs.path` ends in
 *   `/query/sql` (`/v2/datasets/{server},{database}/query/sql`), with the SQL text in `inputs.body.query` and optional
 *   `formalParameters` (name → SQL type) / `actualParameters` (name → value) for `@name` placeholders (Microsoft
 *   Learn, SQL Server connector reference; Azure Connectors SDK `PassThroughNativeQueryBody`: `query`,
 *   `formalParameters`, `actualParameters`).
 * - Built-in SQL Server operation (Standard): a `ServiceProvider` action with `serviceProviderConfiguration`
 *   `serviceProviderId` `/serviceProviders/sql` and `operationId` `executeQuery`, SQL text in
 *   `inputs.parameters.query` and values for `@name` placeholders in `inputs.parameters.queryParameters`
 *   (Azure/LogicAppsUX templates `__mocks__/templates/SimpleAccelerator/Workflow1/workflow.json`, `…/Workflow2/workflow.json`).
 * - Expressions inside strings: `../wdl/wdl-expr.ts`. Text spliced into a query is parsed as SQL, so a value with a
 *   quote in it changes the statement (OWASP, "SQL Injection Prevention Cheat Sheet": use parameterized queries).
 *
 * Severity: error when the spliced value comes from the trigger (the caller's request, message or event), directly or
 * through actions, variables or loop items that carry it (`traceTriggerData`); warning when it is other run data
 * (action outputs, variables, loop items); not reported when the query only uses configuration
 * (`parameters()`, `appsetting()`) or values computed without run data (`utcNow()`, `guid()` …).
 */
import { defineRule } from '../../rule';
import type { Step } from '../../model';
import type { JsonNode } from '../../types';
import { str } from '../../json';
import { lowerStr, propCI } from '../wdl/wdl-util';
import { ACTION_FUNCTIONS, TRIGGER_FUNCTIONS, expressionRefs, type ExprRef } from '../wdl/wdl-expr';
import { isTaintedRef, logicFlows, traceTriggerData } from './la-util';

/** The SQL text node of a step, and how to parameterise that operation. */
function queryOf(step: Step): { node: JsonNode; how: string } | undefined {
  const t = step.type.toLowerCase();
  const p = step.params;
  if (t === 'apiconnection') {
    const path = str(propCI(p, 'path')) ?? '';
    if (!/\/query\/sql\/?$/i.test(path)) return undefined;
    const q = propCI(propCI(p, 'body'), 'query');
    return q?.type === 'string' ? { node: q, how: 'put @name placeholders in the query and pass the values in formalParameters / actualParameters' } : undefined;
  }
  if (t === 'serviceprovider') {
    const cfg = propCI(p, 'serviceProviderConfiguration');
    if (!/^\/serviceProviders\/sql$/i.test(str(propCI(cfg, 'serviceProviderId')) ?? '') || lowerStr(propCI(cfg, 'operationId')) !== 'executequery') return undefined;
    const q = propCI(propCI(p, 'parameters'), 'query');
    return q?.type === 'string' ? { node: q, how: 'put @name placeholders in the query and pass the values in queryParameters' } : undefined;
  }
  return undefined;
}

/** Calls that bring run data (as opposed to configuration or computed constants). */
function isRunData(r: ExprRef): boolean {
  return TRIGGER_FUNCTIONS.has(r.fn) || ACTION_FUNCTIONS.has(r.fn) || r.fn === 'variables' || r.fn === 'item' || r.fn === 'items';
}

/** The call as written in `s`: `triggerBody()`, `body('Parse_JSON')`. */
function describe(s: string, r: ExprRef): string {
  return `${s.slice(r.start, r.end).trimEnd()})`;
}

export default defineRule(
  {
    id: 'logic-apps/sql-built-from-expression',
    owasp: 'LCNC-SEC-06',
    defaultSeverity: 'warning',
    description: 'SQL query text built from run data with @{…} or concat() instead of query parameters; error when the data comes from the trigger.',
    formats: ['logic-apps'],
    fixable: false,
  },
  (ctx) => {
    for (const flow of logicFlows(ctx)) {
      let taint: ReturnType<typeof traceTriggerData> | undefined;
      for (const step of flow.steps) {
        const q = queryOf(step);
        if (!q) continue;
        const sql = q.node.value as string;
        const refs = expressionRefs(sql).filter(isRunData);
        if (!refs.length) continue;
        taint ??= traceTriggerData(flow);
        const loop = taint.enclosingLoop.get(step);
        const tainted = refs.find((r) => isTaintedRef(r, taint!, loop));
        const shown = tainted ?? refs[0];
        const source = tainted
          ? TRIGGER_FUNCTIONS.has(tainted.fn)
            ? `trigger data (${describe(sql, tainted)})`
            : `${describe(sql, tainted)}, which carries trigger data`
          : `run data (${describe(sql, shown)})`;
        ctx.report({
          at: q.node,
          pointer: step.pointer,
          severity: tainted ? 'error' : undefined,
          message: `SQL query of "${step.name}" is built from ${source}: a value with a quote in it rewrites the statement (SQL injection). Keep the query text fixed: ${q.how}.`,
        });
      }
    }
  },
);
