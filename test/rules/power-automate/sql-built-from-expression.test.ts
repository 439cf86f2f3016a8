import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runRule } from '../../helpers';
import { recurrence, requestTrigger } from '../wdl/fixtures';
import { connectorAction, connRef, instantTrigger, paFlow, slice } from './fixtures';

const ID = 'power-automate/sql-built-from-expression';
const refs = { shared_sql: connRef('shared_sql') };

function query(q: string, op = 'ExecutePassThroughNativeQuery_V2'): Record<string, unknown> {
  return connectorAction('shared_sql', op, { server: 'default', database: 'default', 'query/query': q });
}

test('SQL text interpolating trigger data: error on the @{…} part, exact message and pointer', () => {
  const text = paFlow({
    triggers: { manual: instantTrigger('PowerAppV2') },
    actions: { Execute_a_SQL_query: query("SELECT * FROM dbo.Orders WHERE Customer = '@{triggerBody()['text']}' AND Active = 1") },
    connectionReferences: refs,
  });
  const [f, ...rest] = runRule(ID, text);
  assert.equal(rest.length, 0);
  assert.equal(f.owasp, 'LCNC-SEC-06');
  assert.equal(f.severity, 'error');
  assert.equal(slice(text, f), "@{triggerBody()['text']}");
  assert.equal(f.pointer, '/properties/definition/actions/Execute_a_SQL_query/inputs/parameters/query~1query');
  assert.equal(
    f.message,
    'Action "Execute_a_SQL_query" builds its SQL text from trigger data (@{triggerBody()[\'text\']}): whoever starts the flow can change the query itself (SQL injection). Keep values out of the SQL text: use "Execute stored procedure (V2)" or pass them as query parameters.',
  );
});

test('trigger data reaching the query through Compose, a variable and a loop is an error; the trigger part is chosen', () => {
  const text = paFlow({
    triggers: { manual: requestTrigger({ triggerAuthenticationType: 'Tenant', schema: {} }) },
    actions: {
      Compose_name: { runAfter: {}, type: 'Compose', inputs: "@triggerBody()?['name']" },
      Init: { runAfter: { Compose_name: ['Succeeded'] }, type: 'InitializeVariable', inputs: { variables: [{ name: 'Filter', type: 'string', value: "@{outputs('Compose_name')}" }] } },
      Run: { runAfter: { Init: ['Succeeded'] }, ...query("SELECT TOP @{variables('Limit')} * FROM t WHERE name = '@{variables('Filter')}'") },
    },
    connectionReferences: refs,
  });
  const [f] = runRule(ID, text);
  assert.equal(f.severity, 'error');
  assert.equal(slice(text, f), "@{variables('Filter')}");
});

test('a whole-string @concat expression over action outputs is a warning on the whole expression', () => {
  const text = paFlow({
    triggers: { Recurrence: recurrence },
    actions: { Get_row: connectorAction('shared_sql', 'GetItem_V2', {}), Query: query("@concat('DELETE FROM t WHERE id = ', body('Get_row')?['id'])", 'ExecutePassThroughNativeQuery') },
    connectionReferences: refs,
  });
  const [f] = runRule(ID, text);
  assert.equal(f.severity, 'warning');
  assert.equal(slice(text, f), "@concat('DELETE FROM t WHERE id = ', body('Get_row')?['id'])");
  assert.equal(
    f.message,
    'Action "Query" builds its SQL text from run-time data (@concat(\'DELETE FROM t WHERE id = \', body(\'Get_row\')?[\'id\'])): if that data can come from users or other systems, it can change the query itself (SQL injection). Keep values out of the SQL text: use "Execute stored procedure (V2)" or pass them as query parameters.',
  );
});

test('the legacy ApiConnection form (POST …/query/sql with body.query) is checked too', () => {
  const text = paFlow({
    triggers: { manual: instantTrigger('Button') },
    actions: {
      Execute: {
        runAfter: {},
        type: 'ApiConnection',
        inputs: {
          host: { connection: { name: "@parameters('$connections')['shared_sql']['connectionId']" } },
          method: 'post',
          path: "/v2/datasets/@{encodeURIComponent(encodeURIComponent('default'))},@{encodeURIComponent(encodeURIComponent('default'))}/query/sql",
          body: { query: "UPDATE t SET x = 1 WHERE id = @{triggerBody()['number']}" },
        },
      },
    },
    connectionReferences: refs,
  });
  const [f] = runRule(ID, text);
  assert.equal(slice(text, f), "@{triggerBody()['number']}");
  assert.equal(f.severity, 'error');
});

test('constant queries, environment parameters, parameterised queries and other operations are not reported', () => {
  const ok = [
    query('SELECT * FROM dbo.Orders WHERE Active = 1'),
    query("SELECT * FROM [@{parameters('Schema (new_Schema)')}].Orders"),
    query('SELECT * FROM dbo.Orders WHERE Customer = @customer'),
    query("SELECT '@@{triggerBody()}' AS escaped_literal"),
    connectorAction('shared_sql', 'ExecuteProcedure_V2', { procedure: 'dbo.Find', 'parameters/customer': "@triggerBody()['text']" }),
    connectorAction('shared_sql', 'GetItems_V2', { $filter: "@{triggerBody()['text']}" }),
  ];
  for (const a of ok) {
    const text = paFlow({ triggers: { manual: instantTrigger('PowerAppV2') }, actions: { A: a }, connectionReferences: refs });
    assert.deepEqual(runRule(ID, text), [], JSON.stringify(a));
  }
});
