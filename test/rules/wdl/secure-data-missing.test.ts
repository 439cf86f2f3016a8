import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFixAndCheck, runRule } from '../../helpers';
import { armTemplate, bareDefinition, httpAction, laStandard, paSolutionFlow, recurrence } from './fixtures';

const ID = 'wdl/secure-data-missing';
const slice = (text: string, f: { offset: number; length: number }) => text.slice(f.offset, f.offset + f.length);
const triggers = { Recurrence: recurrence };
const BOTH = { secureData: { properties: ['inputs', 'outputs'] } };

const kvGetSecret = {
  type: 'ApiConnection',
  inputs: {
    host: { connection: { name: "@parameters('$connections')['keyvault']['connectionId']" } },
    method: 'get',
    path: "/secrets/@{encodeURIComponent('api-key')}/value",
  },
  runAfter: {},
};

test('Key Vault "Get secret" (managed connector) without secure outputs: reported on the path; the fix adds secureData with both settings', () => {
  const text = bareDefinition({ triggers, actions: { Get_secret: kvGetSecret } });
  const [f, ...rest] = runRule(ID, text);
  assert.equal(rest.length, 0);
  assert.equal(f.pointer, '/actions/Get_secret');
  assert.equal(f.owasp, 'LCNC-SEC-08');
  assert.equal(f.severity, 'warning');
  assert.equal(slice(text, f), `"/secrets/@{encodeURIComponent('api-key')}/value"`);
  assert.equal(
    f.message,
    'Action "Get_secret" returns a Key Vault secret in its outputs, but Secure Outputs is off: anyone who can open this flow\'s run history can read the secret.',
  );
  const fixed = applyFixAndCheck(ID, text, f);
  assert.equal(fixed, bareDefinition({ triggers, actions: { Get_secret: { ...kvGetSecret, runtimeConfiguration: BOTH } } }));
});

test('Power Automate Key Vault GetSecret with Secure Inputs only: reported on the properties array; the fix adds "outputs"', () => {
  const action = {
    type: 'OpenApiConnection',
    inputs: {
      host: { connectionName: 'shared_keyvault', operationId: 'GetSecret', apiId: '/providers/Microsoft.PowerApps/apis/shared_keyvault' },
      parameters: { secretName: 'api-key' },
      authentication: "@parameters('$authentication')",
    },
    runAfter: {},
    runtimeConfiguration: { secureData: { properties: ['inputs'] } },
  };
  const text = paSolutionFlow({ triggers, actions: { Get_secret: action } });
  const [f] = runRule(ID, text);
  assert.equal(f.pointer, '/properties/definition/actions/Get_secret');
  assert.equal(slice(text, f).replace(/\s+/g, ''), '["inputs"]');
  const fixed = applyFixAndCheck(ID, text, f);
  assert.deepEqual(JSON.parse(fixed).properties.definition.actions.Get_secret.runtimeConfiguration, BOTH);
});

test('Standard built-in Key Vault getSecret and an HTTP GET to vault.azure.net are reported; secured ones are not', () => {
  const sp = {
    type: 'ServiceProvider',
    inputs: { parameters: { secretName: 'clientid' }, serviceProviderConfiguration: { connectionName: 'keyVault', operationId: 'getSecret', serviceProviderId: '/serviceProviders/keyVault' } },
    runAfter: {},
  };
  const http = httpAction({ uri: 'https://myvault.vault.azure.net/secrets/api-key?api-version=7.4', authentication: { type: 'ManagedServiceIdentity' } });
  const text = laStandard({ triggers, actions: { Get_clientid: sp, Read_secret: http } });
  const found = runRule(ID, text);
  assert.deepEqual(found.map((f) => f.pointer), ['/definition/actions/Get_clientid', '/definition/actions/Read_secret']);
  assert.equal(slice(text, found[0]), '"getSecret"');
  assert.match(found[1].message, /reads a Key Vault secret over HTTP and returns it in its outputs/);
  const secured = laStandard({ triggers, actions: { Get_clientid: { ...sp, runtimeConfiguration: BOTH }, Read_secret: { ...http, runtimeConfiguration: { secureData: { properties: ['outputs'] } } } } });
  assert.deepEqual(runRule(ID, secured), []);
});

test('a credential header is reported on its value; the fix keeps formatting and secures inputs and outputs', () => {
  const action = httpAction({ headers: { 'x-api-key': "@parameters('ServiceKey')", Accept: 'application/json' } });
  const text = laStandard({ triggers, actions: { Call_API: action } });
  const [f] = runRule(ID, text);
  assert.equal(slice(text, f), `"@parameters('ServiceKey')"`);
  assert.match(f.message, /^Action "Call_API" sends the credential header "x-api-key", but Secure Inputs is off/);
  const fixed = applyFixAndCheck(ID, text, f);
  assert.equal(fixed, laStandard({ triggers, actions: { Call_API: { ...action, runtimeConfiguration: BOTH } } }));
});

test('the Authorization header and the authentication object are not reported (the platform does not show them)', () => {
  const actions = {
    Bearer: httpAction({ headers: { Authorization: "Bearer @{parameters('apiToken')}" } }),
    Basic: httpAction({ authentication: { type: 'Basic', username: "@parameters('user')", password: "@parameters('basicAuthPasswordParam')" } }),
    Connector: {
      type: 'OpenApiConnection',
      inputs: { host: { connectionName: 'shared_office365', operationId: 'SendEmailV2', apiId: '/providers/Microsoft.PowerApps/apis/shared_office365' }, parameters: { 'emailMessage/To': 'a@example.com' }, authentication: "@parameters('$authentication')" },
      runAfter: {},
    },
  };
  const parameters = { basicAuthPasswordParam: { type: 'SecureString' }, apiToken: { type: 'SecureString' } };
  assert.deepEqual(runRule(ID, paSolutionFlow({ triggers, actions, parameters })), []);
});

test('a SecureString parameter used in a body is reported; in Compose the fix secures inputs only', () => {
  const parameters = { clientCredential: { type: 'SecureString' }, note: { type: 'String', defaultValue: 'hello' } };
  const actions = {
    Post: { ...httpAction({ method: 'POST', body: { user: 'svc', cred: "@parameters('clientCredential')" } }) },
    Compose: { type: 'Compose', inputs: "@{parameters('clientCredential')}", runAfter: {} },
    Plain: { type: 'Compose', inputs: "@parameters('note')", runAfter: {} },
  };
  const text = armTemplate({ triggers, actions, parameters });
  const found = runRule(ID, text);
  assert.deepEqual(found.map((f) => f.pointer), ['/resources/0/properties/definition/actions/Post', '/resources/0/properties/definition/actions/Compose']);
  assert.match(found[0].message, /uses the secure parameter "clientCredential"/);
  const fixed = applyFixAndCheck(ID, text, found[1]);
  assert.deepEqual(JSON.parse(fixed).resources[0].properties.definition.actions.Compose.runtimeConfiguration, { secureData: { properties: ['inputs'] } });
  assert.equal(found[1].fix?.title, 'Turn on Secure Inputs for "Compose"');
});

test('variable, scope and loop actions cannot secure data and are skipped', () => {
  const parameters = { pwd: { type: 'SecureString' } };
  const actions = {
    Init: { type: 'InitializeVariable', inputs: { variables: [{ name: 'p', type: 'string', value: "@parameters('pwd')" }] }, runAfter: {} },
    Scope: { type: 'Scope', actions: {}, runAfter: {} },
  };
  assert.deepEqual(runRule(ID, bareDefinition({ triggers, actions, parameters })), []);
});

test('an OAuth token request reports both its output token and its client_secret field', () => {
  const action = httpAction({
    method: 'POST',
    uri: 'https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token',
    body: { grant_type: 'client_credentials', client_id: 'abc', client_secret: "@body('Get_secret')?['value']" },
  });
  const [f] = runRule(ID, bareDefinition({ triggers, actions: { Get_token: action } }));
  assert.match(f.message, /requests an OAuth access token and returns it in its outputs and sends the field "client_secret", but Secure Inputs and Secure Outputs are off/);
});

test('credential query parameters are reported; Service Bus lockToken and paging tokens are not', () => {
  const fn = httpAction({ uri: 'https://fn.azurewebsites.net/api/run?code=abcDEF123==' });
  const [f] = runRule(ID, bareDefinition({ triggers, actions: { Call_function: fn } }));
  assert.match(f.message, /sends the credential query parameter "code" in its URL/);
  const sb = {
    type: 'ApiConnection',
    inputs: { host: { connection: { name: "@parameters('$connections')['servicebus']['connectionId']" } }, method: 'delete', path: '/messages/complete', queries: { lockToken: "@triggerBody()?['LockToken']", queueName: 'q' } },
    runAfter: {},
  };
  const paging = httpAction({ queries: { nextPageToken: "@body('List')?['next']" } });
  assert.deepEqual(runRule(ID, bareDefinition({ triggers, actions: { Complete: sb, Page: paging } })), []);
});

test('keys are matched without regard to case and existing spellings are kept by the fix', () => {
  const secured = httpAction({ headers: { 'X-API-KEY': 'k' } }, { runTimeConfiguration: { SecureData: { Properties: ['Inputs', 'Outputs'] } } });
  assert.deepEqual(runRule(ID, bareDefinition({ triggers, actions: { A: secured } })), []);
  const partial = httpAction({ headers: { 'X-API-KEY': 'k' } }, { runTimeConfiguration: { concurrency: { runs: 1 } } });
  const text = bareDefinition({ triggers, actions: { A: partial } });
  const [f] = runRule(ID, text);
  const fixed = applyFixAndCheck(ID, text, f);
  assert.deepEqual(JSON.parse(fixed).actions.A.runTimeConfiguration, { concurrency: { runs: 1 }, secureData: { properties: ['inputs', 'outputs'] } });
});

test('a trigger that polls with an API key is reported like an action', () => {
  const poll = { type: 'Http', inputs: { method: 'GET', uri: 'https://api.example.com/new', headers: { 'Ocp-Apim-Subscription-Key': "@parameters('subscriptionKey')" } }, recurrence: { frequency: 'Minute', interval: 5 } };
  const [f] = runRule(ID, bareDefinition({ triggers: { Poll: poll }, actions: {} }));
  assert.equal(f.pointer, '/triggers/Poll');
  assert.match(f.message, /^Trigger "Poll" sends the credential header "Ocp-Apim-Subscription-Key"/);
});

test('a Request trigger that copies the Authorization header into its outputs needs Secure Outputs; a plain one is not reported', () => {
  const trigger = { type: 'Request', kind: 'Http', inputs: { schema: { properties: { password: { type: 'string' } } } }, operationOptions: 'IncludeAuthorizationHeadersInOutputs' };
  const text = bareDefinition({ triggers: { manual: trigger }, actions: {} });
  const [f, ...rest] = runRule(ID, text);
  assert.equal(rest.length, 0);
  assert.equal(f.pointer, '/triggers/manual');
  assert.equal(slice(text, f), '"IncludeAuthorizationHeadersInOutputs"');
  assert.match(f.message, /^Trigger "manual" puts each caller's Authorization header \(a bearer token\) in its outputs, but Secure Outputs is off/);
  const fixed = applyFixAndCheck(ID, text, f);
  assert.deepEqual(JSON.parse(fixed).triggers.manual.runtimeConfiguration, BOTH);
  const plain = { type: 'Request', kind: 'Http', inputs: { schema: { properties: { password: { type: 'string' } } } } };
  assert.deepEqual(runRule(ID, bareDefinition({ triggers: { manual: plain }, actions: {} })), []);
});

test('"code=" counts only on Azure Functions URLs; a SAS "sig=" counts anywhere', () => {
  const country = httpAction({ uri: 'https://restcountries.example.com/v3/alpha?code=US' });
  const fnQueries = httpAction({ uri: 'https://fn.azurewebsites.net/api/run', queries: { code: "@parameters('fnKey')" } });
  const sas = httpAction({ method: 'POST', uri: 'https://prod-01.westeurope.logic.azure.com/workflows/abc/triggers/manual/paths/invoke?api-version=2016-10-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=AbCdEf0123' });
  const found = runRule(ID, bareDefinition({ triggers, actions: { Country: country, Fn: fnQueries, Nested: sas } }));
  assert.deepEqual(found.map((f) => f.pointer), ['/actions/Fn', '/actions/Nested']);
  assert.match(found[0].message, /sends the credential query parameter "code"/);
  assert.match(found[1].message, /sends the credential query parameter "sig" in its URL/);
});
