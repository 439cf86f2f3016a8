/**
 * n8n/sql-injection — an SQL node whose query text is built from workflow data.
 *
 * Facts (n8n source `packages/nodes-base/nodes/**`):
 * - Postgres v2 (`Postgres/v2/actions/database/executeQuery.operation.ts`), MySQL v2 and current v1
 *   (`MySql/v2/actions/database/executeQuery.operation.ts`, `MySql/v1/MySqlV1.node.ts`), Microsoft SQL from
 *   typeVersion 1.1 (`Microsoft/Sql/MicrosoftSql.node.ts`: `nodeVersion >= 1.1`), Oracle Database
 *   (`Oracle/Sql/actions/database/executeQuery.operation.ts`), QuestDB and CrateDB (`pgQueryV2(…, { resolveExpression: true })`)
 *   replace every `{{ … }}` in the query text with its evaluated value *before* sending the query, whether or not
 *   the value starts with `=`. Every node evaluates a `=`-prefixed query as an n8n expression. Either way the values
 *   become SQL text: a quote in the data ends the string literal and the rest runs as SQL.
 * - Postgres v1, Snowflake and TimescaleDB send a query without `=` as written (we found no template resolution there).
 * - The query runs for operation `executeQuery` (Oracle Database: `execute`). Every one of these nodes defaults
 *   `operation` to `insert`, and exports omit hidden parameters, so a `query` without `operation` is treated as run.
 * - Bound parameters: Postgres v1, QuestDB, CrateDB, TimescaleDB `additionalFields.queryParams` (item property names
 *   for `$1, $2`); Postgres v2 and MySQL `options.queryReplacement`; Oracle Database `options.params`. The driver
 *   binds these, so their values cannot change the SQL. `{{ … }}` left in the query text is still pasted in.
 * - AI tool variants (`postgresTool`, `mySqlTool`, …) take `$fromAI()` values the agent's model writes.
 */
import { defineRule } from '../../rule';
import { get, prop, str } from '../../json';
import { expressionBlocks, quoteBlock, readsTriggerData, readsVariableData, taintSentence, usesFromAI } from './expressions';
import { coreType, nodeLabel } from './nodes';

interface SqlNode {
  /** The `operation` value that runs `query`. */
  execOp: string;
  /** Whether the node resolves `{{ … }}` in a plain (non-`=`) query at this typeVersion (missing = 1). */
  inline(version: number): boolean;
  /** Paths under `parameters` that hold bound query parameters. */
  params: ReadonlyArray<readonly string[]>;
}

const PG_PARAMS = [['additionalFields', 'queryParams']] as const;

/** SQL nodes by local core type (tool variants included via `coreType`). */
const SQL_NODES: Readonly<Record<string, SqlNode>> = {
  postgres: { execOp: 'executeQuery', inline: (v) => v >= 2, params: [...PG_PARAMS, ['options', 'queryReplacement']] },
  mySql: { execOp: 'executeQuery', inline: () => true, params: [['options', 'queryReplacement']] },
  microsoftSql: { execOp: 'executeQuery', inline: (v) => v >= 1.1, params: [] },
  oracleDatabase: { execOp: 'execute', inline: () => true, params: [['options', 'params']] },
  questDb: { execOp: 'executeQuery', inline: () => true, params: PG_PARAMS },
  crateDb: { execOp: 'executeQuery', inline: () => true, params: PG_PARAMS },
  timescaleDb: { execOp: 'executeQuery', inline: () => false, params: PG_PARAMS },
  snowflake: { execOp: 'executeQuery', inline: () => false, params: [] },
};

export default defineRule(
  {
    id: 'n8n/sql-injection',
    owasp: 'LCNC-SEC-06',
    defaultSeverity: 'warning',
    description: 'SQL node whose query text is built from n8n expressions over workflow data instead of query parameters.',
    formats: ['n8n'],
    fixable: false,
  },
  (ctx) => {
    for (const [step, flow] of ctx.steps()) {
      const core = coreType(step.type);
      const sql = core && Object.prototype.hasOwnProperty.call(SQL_NODES, core) ? SQL_NODES[core] : undefined;
      if (!sql || step.disabled) continue;
      const queryNode = prop(step.params, 'query');
      const query = str(queryNode);
      if (!queryNode || query === undefined) continue;
      const op = str(prop(step.params, 'operation'));
      if (op !== undefined && op !== sql.execOp) continue;
      const blocks = expressionBlocks(query, { inlineTemplates: sql.inline(step.typeVersion ?? 1) }).filter((b) => readsVariableData(flow, b.code));
      if (!blocks.length) continue;
      const codes = blocks.map((b) => b.code);
      const trigger = readsTriggerData(ctx, flow, step, codes);
      const fromAI = codes.some(usesFromAI);
      const bound = sql.params.some((p) => {
        const v = get(step.params, ...p);
        return !!v && !(v.type === 'string' && v.value === '') && !(v.type === 'object' && !v.children?.length);
      });
      let message = `${nodeLabel(step)} pastes ${fromAI ? 'values the AI model chooses' : 'workflow data'} into its SQL text (${quoteBlock(blocks[0])}${blocks.length > 1 ? ` and ${blocks.length - 1} more` : ''}): a quote or keyword in that data changes the query.`;
      message += bound
        ? ' Query parameters are set, but the {{ }} parts are pasted into the text before the parameters are bound; move them into the parameters too.'
        : ' Use query parameters ($1, $2, … with "Query Parameters") so the driver sends the values apart from the SQL.';
      if (trigger) message += taintSentence(trigger);
      ctx.report({ at: queryNode, message, severity: trigger ? 'error' : undefined });
    }
  },
);
