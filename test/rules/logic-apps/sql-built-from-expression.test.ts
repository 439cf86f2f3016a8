import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runRule } from '../../helpers';
import { bareDefinition, laStandard, recurrence, requestTrigger } from '../wdl/fixtures';
import { slice } from './helpers';

const ID = 'logic-apps/sql-built-from-expression';
const manual = { manual: requestTrigger({ schema: {} }) };

/** Managed SQL connector "Execute a SQL query (V2)". */
function managedQuery(query: string, runAfter: Record<string, string[]> = {}): Record<string, unknown> {
  return {
    type: 'ApiConnection',
    inputs: {
      host: { connection: { name: "@parameters('$connections')['sql']['connectionId']" } },
      method: 'post',
      path: "/v2/datasets/@{encodeURIComponent(encodeURIComponent('default'))},@{encodeURIComponent(encodeURIComponent('default'))}/query/sql",
      body: { query },
    },
    runAfter,
  };
}

/** Built-in SQL Server "Execute query" (Standard). */
function builtInQuery(query: string, queryParameters?: Record<string, string>, runAfter: Record<string, string[]> = {}): Record<string, unknown> {
  return {
    type: 'ServiceProvider',
    inputs: {
      parameters: { query, ...(queryParameters ? { queryParameters } : {}) },
      serviceProviderConfiguration: { connectionName: 'sql', operationId: 'executeQuery', serviceProviderId: '/serviceProviders/sql' },
    },
    runAfter,
  };
}

test('managed connector query with triggerBody() spliced in: error on the query text, exact message', () => {
  const query = "SELECT * FROM Customers WHERE Id = '@{triggerBody()?['id']}'";
  const text = laStandard({ triggers: manual, actions: { Find_customer: managedQuery(query) } });
  const [f, ...rest] = runRule(ID, text);
  assert.equal(rest.length, 0);
  assert.equal(f.pointer, '/definition/actions/Find_customer');
  assert.equal(f.owasp, 'LCNC-SEC-06');
  assert.equal(f.severity, 'error');
  assert.equal(slice(text, f), JSON.stringify(query));
  assert.equal(
    f.message,
    'SQL query of "Find_customer" is built from trigger data (triggerBody()): a value with a quote in it rewrites the statement (SQL injection). Keep the query text fixed: put @name placeholders in the query and pass the values in formalParameters / actualParameters.',
  );
});

test('built-in executeQuery built with @concat from the trigger: error, advice names queryParameters', () => {
  const query = "@concat('DELETE FROM Orders WHERE Id = ', triggerOutputs()?['queries']?['id'])";
  const [f] = runRule(ID, laStandard({ triggers: manual, actions: { Delete: builtInQuery(query) } }));
  assert.equal(f.severity, 'error');
  assert.match(f.message, /built from trigger data \(triggerOutputs\(\)\).*pass the values in queryParameters\.$/);
});

test('trigger data reaching the query through Compose, a variable or a loop item is still an error', () => {
  const viaCompose = laStandard({
    triggers: manual,
    actions: {
      Compose: { type: 'Compose', inputs: "@triggerBody()?['name']", runAfter: {} },
      Query: managedQuery("SELECT * FROM T WHERE Name = '@{outputs('Compose')}'", { Compose: ['Succeeded'] }),
    },
  });
  assert.match(runRule(ID, viaCompose)[0].message, /built from outputs\('Compose'\), which carries trigger data/);

  const viaVariable = laStandard({
    triggers: manual,
    actions: {
      Init: { type: 'InitializeVariable', inputs: { variables: [{ name: 'filter', type: 'string', value: 'x' }] }, runAfter: {} },
      Set: { type: 'SetVariable', inputs: { name: 'filter', value: "@{triggerBody()?['filter']}" }, runAfter: { Init: ['Succeeded'] } },
      Query: builtInQuery("SELECT * FROM T WHERE @{variables('filter')}", undefined, { Set: ['Succeeded'] }),
    },
  });
  const [v] = runRule(ID, viaVariable);
  assert.equal(v.severity, 'error');
  assert.match(v.message, /variables\('filter'\), which carries trigger data/);

  const viaLoop = laStandard({
    triggers: manual,
    actions: {
      For_each: {
        type: 'Foreach',
        foreach: "@triggerBody()?['rows']",
        actions: { Insert: builtInQuery("INSERT INTO T VALUES ('@{item()?['name']}')") },
        runAfter: {},
      },
    },
  });
  const [l] = runRule(ID, viaLoop);
  assert.equal(l.pointer, '/definition/actions/For_each/actions/Insert');
  assert.match(l.message, /built from item\(\), which carries trigger data/);
});

test('run data that does not come from the trigger: warning', () => {
  const text = bareDefinition({
    triggers: { Recurrence: recurrence },
    actions: {
      Get_table: { type: 'Http', inputs: { method: 'GET', uri: 'https://api.example.com/table' }, runAfter: {} },
      Query: managedQuery("SELECT * FROM @{body('Get_table')?['name']}", { Get_table: ['Succeeded'] }),
    },
  });
  const [f] = runRule(ID, text);
  assert.equal(f.severity, 'warning');
  assert.match(f.message, /is built from run data \(body\('Get_table'\)\)/);
});

test('parameterised queries, configuration-only expressions, stored procedures and other connectors are not reported', () => {
  const none = {
    Param: builtInQuery('SELECT * FROM T WHERE Id = @id', { id: "@{triggerBody()?['id']}" }),
    Config: managedQuery("SELECT TOP 10 * FROM @{parameters('table')} WHERE Day = '@{utcNow('yyyy-MM-dd')}'"),
    Proc: {
      type: 'ApiConnection',
      inputs: { host: { connection: { name: "@parameters('$connections')['sql']['connectionId']" } }, method: 'post', path: '/v2/datasets/default,default/procedures/dbo.Find', body: { id: "@{triggerBody()?['id']}" } },
      runAfter: {},
    },
    Blob: builtInQuery("@{triggerBody()?['q']}"),
  };
  (none.Blob as { inputs: { serviceProviderConfiguration: { serviceProviderId: string } } }).inputs.serviceProviderConfiguration.serviceProviderId = '/serviceProviders/AzureBlob';
  assert.deepEqual(runRule(ID, laStandard({ triggers: manual, actions: none })), []);
});
