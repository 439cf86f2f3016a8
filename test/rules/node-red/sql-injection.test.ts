import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runRule } from '../../helpers';
import { findSqlJoin, looksLikeSql, mustacheTags } from '../../../server/src/engine/rules/node-red/sql-text';
import { nodeRedFlow, wired } from './fixtures';

const ID = 'node-red/sql-injection';
const fn = (func: string, id = 'f1', wires: string[][] = [['db']]) => wired(id, 'function', { name: 'Build query', func, outputs: 1, libs: [] }, wires);
const mysql = (props: Record<string, unknown> = {}) => wired('db', 'mysql', { name: 'Orders DB', mydb: 'cfg', ...props }, [[]]);
const slice = (text: string, f: { offset: number; length: number }) => text.slice(f.offset, f.offset + f.length);

test('Function concatenating msg data into SQL for a MySQL node, fed by HTTP In: error on the SQL literal', () => {
  const func = 'msg.topic = "SELECT * FROM orders WHERE id = \'" + msg.payload.id + "\'";\nreturn msg;';
  const text = nodeRedFlow([wired('h1', 'http in', { name: 'GET /order', url: '/order', method: 'get' }, [['f1']]), fn(func), mysql()]);
  const [f, ...rest] = runRule(ID, text);
  assert.equal(rest.length, 0);
  assert.equal(f.pointer, '/2');
  assert.equal(f.severity, 'error');
  assert.equal(f.owasp, 'LCNC-SEC-06');
  assert.equal(f.fix, undefined);
  assert.equal(slice(text, f), '\\"SELECT * FROM orders WHERE id = \'\\"');
  assert.equal(
    f.message,
    'Function node "Build query" builds SQL text by concatenation with a value and sends it to the MySQL node "Orders DB": a quote, comment or keyword in the data changes the query (SQL injection). Messages from the HTTP In node "GET /order" reach it, so people outside Node-RED write that data. Keep the SQL fixed and pass values as parameters: put ? placeholders in msg.topic and the values in msg.payload as an array.',
  );
});

test('a template literal for SQLite (msg.topic mode by default), through a switch node, without network input: warning', () => {
  const text = nodeRedFlow([
    wired('i1', 'inject', {}, [['f1']]),
    fn('msg.topic = `DELETE FROM readings WHERE sensor = ${msg.payload}`;\nreturn msg;', 'f1', [['s1']]),
    wired('s1', 'switch', { property: 'payload', rules: [{ t: 'nnull' }] }, [['db']]),
    wired('db', 'sqlite', { name: 'Local', mydb: 'c', sqlquery: 'msg.topic', sql: '' }, [[]]),
  ]);
  const [f] = runRule(ID, text);
  assert.equal(f.severity, 'warning');
  assert.equal(slice(text, f), '`DELETE FROM readings WHERE sensor = ${msg.payload}`');
  assert.match(f.message, /^Function node "Build query" builds SQL text by template literal with a value and sends it to the SQLite node "Local": .* use "Prepared Statement" mode with \$name placeholders and the values in msg\.params\.$/);
});

test('Template node with Mustache tags in SQL, and a Change node with a JSONata concatenation, feeding PostgreSQL', () => {
  const tpl = wired('t1', 'template', { name: 'SQL', field: 'query', fieldType: 'msg', syntax: 'mustache', template: 'UPDATE users SET name = \'{{{payload.name}}}\' WHERE id = {{payload.id}}', output: 'str' }, [['db']]);
  const text = nodeRedFlow([tpl, wired('db', 'postgresql', { name: 'PG', query: 'SELECT 1;', postgreSQLConfig: 'c' }, [[]])]);
  const [f] = runRule(ID, text);
  assert.equal(slice(text, f), '{{{payload.name}}}');
  assert.match(f.message, /^Template node "SQL" fills an SQL template with the Mustache tag \{\{\{payload\.name\}\}\} and sends it to the PostgreSQL node "PG": .* use \$1, \$2 placeholders and pass the values in msg\.params\.$/);

  const change = wired('c1', 'change', { name: 'Q', rules: [{ t: 'set', p: 'topic', pt: 'msg', to: '"SELECT * FROM t WHERE name = \'" & payload & "\'"', tot: 'jsonata' }] }, [['db']]);
  const t2 = nodeRedFlow([change, mysql()]);
  const [g] = runRule(ID, t2);
  assert.equal(slice(t2, g), '\\"SELECT * FROM t WHERE name = \'\\"');
  assert.match(g.message, /^Change node "Q" builds SQL text with a JSONata & concatenation and sends it to the MySQL node "Orders DB"/);
});

test('Mustache tags over the message inside a postgresql or MSSQL query are reported on the tag', () => {
  const text = nodeRedFlow([
    wired('h1', 'http in', { name: 'API', url: '/q' }, [['db']]),
    wired('db', 'postgresql', { name: 'PG', query: 'SELECT * FROM t WHERE id = {{{msg.payload.id}}};', postgreSQLConfig: 'c' }, [[]]),
  ]);
  const [f] = runRule(ID, text);
  assert.equal(f.severity, 'error');
  assert.equal(slice(text, f), '{{{msg.payload.id}}}');
  assert.match(f.message, /^PostgreSQL node "PG" pastes \{\{\{msg\.payload\.id\}\}\} from the message into its query text: .*changes the query \(SQL injection\)\. Messages from the HTTP In node "API" reach it/);
  const t2 = nodeRedFlow([wired('db', 'MSSQL', { name: 'MS', query: "SELECT * FROM t WHERE a = '{{payload}}' AND b = '{{env.X}}'", mssqlCN: 'c' }, [[]])]);
  const [g] = runRule(ID, t2);
  assert.equal(g.severity, 'warning');
  assert.equal(slice(t2, g), '{{payload}}');
  assert.match(g.message, /\(Mustache escapes HTML characters, not SQL\)\./);
});

test('parameters, fixed queries, escaping helpers, no database downstream and disabled nodes are not reported', () => {
  const cases: unknown[][] = [
    [fn('msg.topic = "SELECT * FROM t WHERE id = ?";\nmsg.payload = [msg.payload.id];\nreturn msg;'), mysql()],
    [fn('msg.topic = "SELECT * FROM t WHERE id = " + parseInt(msg.payload.id, 10);\nreturn msg;'), mysql()],
    [fn('msg.topic = "SELECT * FROM t WHERE name = " + mysql.escape(msg.payload);\nreturn msg;'), mysql()],
    [fn('msg.topic = "SELECT * FROM t " + "ORDER BY id";\nreturn msg;'), mysql()],
    [fn('msg.payload = "Hello " + msg.payload.name + ", where are you?";\nreturn msg;'), mysql()],
    [fn('msg.topic = "SELECT * FROM t WHERE id = " + msg.payload;\nreturn msg;', 'f1', [['x']]), wired('x', 'debug', {}, [])],
    [fn('msg.topic = "SELECT * FROM t WHERE id = " + msg.payload;\nreturn msg;'), wired('db', 'sqlite', { sqlquery: 'prepared', sql: 'SELECT * FROM t WHERE id = $id' }, [[]])],
    [fn('msg.topic = "SELECT * FROM t WHERE id = " + msg.payload;\nreturn msg;'), { ...mysql(), d: true }],
    [{ ...fn('msg.topic = "SELECT * FROM t WHERE id = " + msg.payload;\nreturn msg;'), d: true }, mysql()],
    [wired('t1', 'template', { syntax: 'plain', template: 'SELECT * FROM t WHERE id = {{payload}}' }, [['db']]), mysql()],
    [wired('db', 'postgresql', { query: 'SELECT * FROM t WHERE id = $1;' }, [[]])],
    [wired('db', 'MSSQL', { query: 'SELECT * FROM t WHERE id = {{payload}}', parseMustache: false }, [[]])],
  ];
  for (const nodes of cases) assert.deepEqual(runRule(ID, nodeRedFlow(nodes)), [], JSON.stringify(nodes[0]));
});

test('findSqlJoin / looksLikeSql / mustacheTags', () => {
  assert.equal(findSqlJoin('var q = "INSERT INTO t (a) VALUES (\'" + a + "\')";')?.how, 'concatenation');
  assert.equal(findSqlJoin('sql += "WHERE name = \'" + n;')?.how, 'concatenation');
  assert.equal(findSqlJoin('// "SELECT * FROM t WHERE a = " + x\nreturn msg;'), undefined);
  assert.equal(findSqlJoin('q = id + " AND name = \'";')?.how, 'concatenation');
  assert.equal(findSqlJoin('q = `SELECT * FROM t WHERE id = ${Number(x)}`;'), undefined);
  assert.ok(looksLikeSql('select a, b from c'));
  assert.ok(!looksLikeSql('Selected items from the list are shown where possible'.replace('from', 'of')));
  assert.deepEqual(
    mustacheTags('{{#rows}}{{a}}{{/rows}} {{{b}}} {{& c}} {{!note}}', () => true).map((t) => [t.name, t.raw]),
    [['a', false], ['b', true], ['c', true]],
  );
});
