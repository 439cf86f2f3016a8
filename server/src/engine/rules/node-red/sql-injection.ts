/**
 * node-red/sql-injection — SQL text built from message data that a database node runs.
 *
 * Facts (node sources):
 * - `mysql` (node-red-node-mysql, node-red/node-red-nodes `storage/mysql/68-mysql.js` at e9ca4db9): runs `msg.topic`;
 *   `msg.payload` as an array binds `?` placeholders, as an object binds `:name` placeholders (escaped).
 * - `sqlite` (node-red-node-sqlite, `storage/sqlite/sqlite.js`): `sqlquery` `"msg.topic"` (the default when
 *   missing) and `"batch"` run `msg.topic` (an array `msg.payload` binds `$` placeholders); `"fixed"` runs `sql`;
 *   `"prepared"` runs `sql` with `msg.params` bound.
 * - `postgresql` (node-red-contrib-postgresql, alexandrainst `postgresql.js` at f5f025e6): runs `msg.query` when set,
 *   else `Mustache.render(query, { msg })`; `msg.params` binds `$1, $2`, `msg.queryParameters` binds named values.
 * - `MSSQL` (node-red-contrib-mssql-plus, bestlong `src/mssql.js` at 4ef2dd67): runs `query`, or `msg.payload` when
 *   `query` is empty; unless `parseMustache` is false, Mustache tags in the query are filled from the message first
 *   (then env / flow / global); `@name` parameters from the node's parameter list are bound.
 * - Core `template` node (`core/function/80-template.js`): renders `template` with Mustache over the message (unless
 *   `syntax: "plain"`) into `field` (default `payload`). Mustache's `{{x}}` HTML-escapes (quotes become entities,
 *   but digits, spaces, `OR`, `--` pass); `{{{x}}}` and `{{& x}}` insert the text as is.
 * - Core `function` node: the code in `func` builds whatever it returns.
 *
 * What is reported: (1) a `function` node whose code joins an SQL string literal with a value (`+` or `${…}`), a
 * `template` node whose SQL template has Mustache tags, or a `change` node setting a JSONata `&` concatenation
 * over an SQL literal, when its messages reach one of the database nodes above that runs a query from the message;
 * (2) Mustache tags over the message inside the `query` of a `postgresql` or `MSSQL` node. Heuristics: see `sql-text.ts`.
 * Severity: warning; error when a network input node reaches the builder (outside callers write the data).
 * OWASP LCNC-SEC-06 (Injection Handling Failures).
 */
import { defineRule, type RuleContext } from '../../rule';
import type { Flow, Step } from '../../model';
import type { JsonNode } from '../../types';
import { items, prop, str } from '../../json';
import { NETWORK_INPUTS, describeSources, isActive, sourcesReaching, spanInString, stepsReached } from './util';
import { findSqlJoin, looksLikeSql, mustacheTags } from './sql-text';

/** Database node types, their label and how to bind values instead. */
const DB: Readonly<Record<string, { label: string; bind: string }>> = {
  mysql: { label: 'MySQL', bind: 'put ? placeholders in msg.topic and the values in msg.payload as an array' },
  sqlite: { label: 'SQLite', bind: 'use "Prepared Statement" mode with $name placeholders and the values in msg.params' },
  postgresql: { label: 'PostgreSQL', bind: 'use $1, $2 placeholders and pass the values in msg.params' },
  MSSQL: { label: 'MSSQL', bind: 'use @name parameters from the node\'s parameter list' },
};

/** True when the database node runs a query taken from the message (see the module facts). */
function runsMessageQuery(step: Step): boolean {
  const n = step.node;
  switch (step.type) {
    case 'mysql':
    case 'postgresql':
      return true;
    case 'sqlite': {
      const mode = str(prop(n, 'sqlquery')) || 'msg.topic';
      return mode === 'msg.topic' || mode === 'batch';
    }
    case 'MSSQL':
      return !(str(prop(n, 'query')) ?? '').trim() || str(prop(n, 'queryOptType')) === 'msg';
    default:
      return false;
  }
}

/** Context and environment lookups in a Mustache tag, as opposed to message properties. */
const NOT_MESSAGE = /^(?:\$?env|flow|global)[.[]/;

interface Builder {
  at: JsonNode;
  what: string;
}

/** Where a step builds SQL text from data, if it does. */
function builderOf(ctx: RuleContext, step: Step): Builder | undefined {
  const n = step.node;
  if (step.type === 'function') {
    const func = prop(n, 'func');
    const code = str(func);
    const join = code ? findSqlJoin(code) : undefined;
    if (func && join) return { at: spanInString(ctx.text, func, join.start, join.end), what: `builds SQL text by ${join.how} with a value` };
  } else if (step.type === 'template') {
    const tpl = prop(n, 'template');
    const text = str(tpl);
    if (!tpl || !text || str(prop(n, 'syntax')) === 'plain' || !looksLikeSql(text)) return undefined;
    const tag = mustacheTags(text, (name) => !NOT_MESSAGE.test(name))[0];
    if (tag) {
      const esc = tag.raw ? '' : ' (Mustache escapes HTML characters, not SQL)';
      return { at: spanInString(ctx.text, tpl, tag.start, tag.end), what: `fills an SQL template with the Mustache tag ${text.slice(tag.start, tag.end)}${esc}` };
    }
  } else if (step.type === 'change') {
    for (const r of items(prop(n, 'rules'))) {
      const to = prop(r, 'to');
      const expr = str(to);
      if (str(prop(r, 't')) !== 'set' || str(prop(r, 'tot')) !== 'jsonata' || !expr || !to) continue;
      const lit = /("[^"]*"|'[^']*')/g;
      for (let m = lit.exec(expr); m; m = lit.exec(expr)) {
        if (looksLikeSql(m[1].slice(1, -1)) && /&/.test(expr)) return { at: spanInString(ctx.text, to, m.index, m.index + m[1].length), what: 'builds SQL text with a JSONata & concatenation' };
      }
    }
  }
  return undefined;
}

function reportBuilders(ctx: RuleContext, flow: Flow): void {
  for (const step of flow.steps) {
    if (!isActive(step, flow) || (step.type !== 'function' && step.type !== 'template' && step.type !== 'change')) continue;
    const b = builderOf(ctx, step);
    if (!b) continue;
    const sinks = stepsReached(ctx, flow, step, (s) => s.type in DB && runsMessageQuery(s));
    if (!sinks.length) continue;
    const db = sinks[0];
    const sources = sourcesReaching(ctx, flow, step, NETWORK_INPUTS);
    const kind = step.type[0].toUpperCase() + step.type.slice(1);
    ctx.report({
      at: b.at,
      pointer: step.pointer,
      severity: sources.length ? 'error' : undefined,
      message:
        `${kind} node "${step.name}" ${b.what} and sends it to the ${DB[db.type].label} node "${db.name}": a quote, comment or keyword in the data changes the query (SQL injection).` +
        (sources.length ? ` Messages from the ${describeSources(sources)} reach it, so people outside Node-RED write that data.` : '') +
        ` Keep the SQL fixed and pass values as parameters: ${DB[db.type].bind}.`,
    });
  }
}

function reportQueryTemplates(ctx: RuleContext, flow: Flow): void {
  for (const step of flow.steps) {
    if ((step.type !== 'postgresql' && step.type !== 'MSSQL') || !isActive(step, flow)) continue;
    if (step.type === 'MSSQL' && String(prop(step.node, 'parseMustache')?.value) === 'false') continue;
    const q = prop(step.node, 'query');
    const text = str(q);
    if (!q || !text) continue;
    const keep = step.type === 'postgresql' ? (name: string) => /^msg\b/.test(name) : (name: string) => !NOT_MESSAGE.test(name);
    const tag = mustacheTags(text, keep)[0];
    if (!tag) continue;
    const sources = sourcesReaching(ctx, flow, step, NETWORK_INPUTS);
    ctx.report({
      at: spanInString(ctx.text, q, tag.start, tag.end),
      pointer: step.pointer,
      severity: sources.length ? 'error' : undefined,
      message:
        `${DB[step.type].label} node "${step.name}" pastes ${text.slice(tag.start, tag.end)} from the message into its query text: a quote, comment or keyword in the value changes the query (SQL injection)` +
        (tag.raw ? '.' : ' (Mustache escapes HTML characters, not SQL).') +
        (sources.length ? ` Messages from the ${describeSources(sources)} reach it, so people outside Node-RED write that value.` : '') +
        ` Keep the query fixed and ${DB[step.type].bind}.`,
    });
  }
}

export default defineRule(
  {
    id: 'node-red/sql-injection',
    owasp: 'LCNC-SEC-06',
    defaultSeverity: 'warning',
    description: 'SQL text built from message data (Function, Template, Change node or a query template) that a database node runs; an error when network input reaches it.',
    formats: ['node-red'],
    fixable: false,
  },
  (ctx) => {
    for (const flow of ctx.flows) {
      reportBuilders(ctx, flow);
      reportQueryTemplates(ctx, flow);
    }
  },
);
