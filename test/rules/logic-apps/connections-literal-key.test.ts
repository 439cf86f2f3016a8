/**
 * Tests of logic-apps/connections-literal-key. The engine does not detect `connections.json` yet (detect.ts is the
 * lead's; the proposed detection is `{ format: 'logic-apps', subformat: 'connections', flows: [] }`), so these tests
 * run the rule through `runWithDetection`; the last test checks the engine path and is skipped until detection lands.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits } from '../../../server/src/engine';
import { json } from '../../helpers';
import { engineDetects, runWithDetection, slice } from './helpers';

const ID = 'logic-apps/connections-literal-key';
const run = (text: string) => runWithDetection(ID, text, 'connections', 'connections.json');
const SB = 'Endpoint=sb://contoso.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=q1W2e3R4t5Y6u7I8o9P0aSdFgHjKlZxCvBnM1234567=';
const CONN_KEY = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL2FwaWh1Yi5henVyZS5jb20ifQ.c2lnbmF0dXJlLXBhcnQtZm9yLXRlc3Rz';

function connections(sections: Record<string, unknown>): string {
  return json(sections);
}

const serviceBus = (connectionString: string) => ({
  serviceProviderConnections: {
    serviceBus: { parameterValues: { connectionString }, serviceProvider: { id: '/serviceProviders/serviceBus' }, displayName: 'sb' },
  },
});

test('service provider connection string written as a literal: error on the value, secret redacted, fix writes @appsetting', () => {
  const text = connections(serviceBus(SB));
  const [f, ...rest] = run(text);
  assert.equal(rest.length, 0);
  assert.equal(f.pointer, '/serviceProviderConnections/serviceBus/parameterValues/connectionString');
  assert.equal(f.owasp, 'LCNC-SEC-08');
  assert.equal(f.severity, 'error');
  assert.equal(slice(text, f), JSON.stringify(SB));
  assert.ok(!f.message.includes('q1W2e3R4'), 'no secret in the message');
  assert.equal(
    f.message,
    `Connection "serviceBus" in connections.json holds a literal secret in parameterValues.connectionString (Endp…7= (${SB.length} chars)): this file is committed and deployed with the project, so the secret travels with it. Put the value in an app setting (or a Key Vault reference) and write @appsetting('serviceBus_connectionString') here; then rotate the secret.`,
  );
  assert.equal(f.fix?.isPreferred, false);
  const fixed = applyEdits(text, f.fix!.edits);
  assert.equal(fixed, connections(serviceBus("@appsetting('serviceBus_connectionString')")));
  assert.deepEqual(run(fixed), []);
});

test('managed API connection key, function key, API Management key and agent keys: named like the designer names the setting', () => {
  const text = connections({
    managedApiConnections: {
      'office365-1': {
        api: { id: '/subscriptions/s/providers/Microsoft.Web/locations/westeurope/managedApis/office365' },
        connection: { id: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Web/connections/office365' },
        connectionRuntimeUrl: 'https://example.azure-apim.net/apim/office365/abc/',
        authentication: { type: 'Raw', scheme: 'Key', parameter: CONN_KEY },
      },
    },
    functionConnections: {
      fn: { function: { id: '/subscriptions/s/.../functions/Run' }, triggerUrl: 'https://fn.azurewebsites.net/api/run', authentication: { type: 'QueryString', name: 'Code', value: 'aBcD1234eFgH5678iJkL9012mNoP3456qRsT==' } },
    },
    apiManagementConnections: { apim: { apiId: '/subscriptions/s/.../apis/orders', baseUrl: 'https://contoso.azure-api.net/orders', subscriptionKey: '0123456789abcdef0123456789abcdef' } },
    agentConnections: { agent: { authentication: { type: 'Key', key: 'Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0Fe' }, endpoint: 'https://contoso.openai.azure.com/', resourceId: '/subscriptions/s/...' } },
  });
  const found = run(text);
  assert.deepEqual(
    found.map((f) => [f.pointer, f.fix!.edits[0].content]),
    [
      ['/managedApiConnections/office365-1/authentication/parameter', `"@appsetting('office365_11_connectionKey')"`],
      ['/functionConnections/fn/authentication/value', `"@appsetting('fn_functionAppKey')"`],
      ['/apiManagementConnections/apim/subscriptionKey', `"@appsetting('apim_SubscriptionKey')"`],
      ['/agentConnections/agent/authentication/key', `"@appsetting('agent_key')"`],
    ],
  );
  let fixed = text;
  for (const f of [...found].reverse()) fixed = applyEdits(fixed, f.fix!.edits);
  assert.deepEqual(run(fixed), []);
  assert.doesNotThrow(() => JSON.parse(fixed));
});

test('app settings, parameters, other expressions, placeholders, empty values and non-secret fields are not reported', () => {
  const text = connections({
    serviceProviderConnections: {
      a: { parameterValues: { connectionString: "@appsetting('a_connectionString')" }, serviceProvider: { id: '/serviceProviders/AzureBlob' } },
      b: { parameterValues: { connectionString: "@parameters('b')" }, serviceProvider: { id: '/serviceProviders/AzureBlob' } },
      c: { parameterValues: { connectionString: '<your-connection-string>', password: '', authProvider: { Type: 'ManagedServiceIdentity' } }, serviceProvider: { id: '/serviceProviders/sql' } },
      d: { parameterValues: { fullyQualifiedNamespace: 'contoso.servicebus.windows.net', keyVaultUri: 'https://kv.vault.azure.net' }, serviceProvider: { id: '/serviceProviders/serviceBus' } },
    },
    managedApiConnections: {
      e: { authentication: { type: 'ManagedServiceIdentity' }, connectionRuntimeUrl: "@parameters('e_runtimeUrl')" },
      f: { authentication: { type: 'Raw', scheme: 'Key', parameter: "@appsetting('f_connectionKey')" } },
    },
  });
  assert.deepEqual(run(text), []);
});

test('a connection string with AccountKey= counts under any key name', () => {
  const cs = 'DefaultEndpointsProtocol=https;AccountName=contoso;AccountKey=AbCdEfGh1234567890IjKlMnOp==;EndpointSuffix=core.windows.net';
  const text = connections({ serviceProviderConnections: { blob: { parameterValues: { blobStorageEndpoint: cs }, serviceProvider: { id: '/serviceProviders/AzureBlob' } } } });
  const [f] = run(text);
  assert.equal(f.pointer, '/serviceProviderConnections/blob/parameterValues/blobStorageEndpoint');
  assert.equal(f.fix!.edits[0].content, `"@appsetting('blob_blobStorageEndpoint')"`);
});

test('files that are not connections.json (a workflow, an empty object) get nothing', () => {
  assert.deepEqual(runWithDetection(ID, json({ definition: { triggers: {}, actions: {} }, kind: 'Stateful', managedApiConnections: { x: { authentication: { type: 'Raw', parameter: CONN_KEY } } } }), 'standard'), []);
  assert.deepEqual(runWithDetection(ID, json({}), 'connections'), []);
});

test('through the engine once detect.ts recognises connections.json', { skip: !engineDetects(connections(serviceBus(SB)), 'connections.json') && 'detect.ts does not detect connections.json yet (proposed: format logic-apps, subformat connections)' }, () => {
  const found = run(connections(serviceBus(SB)));
  assert.equal(found.length, 1);
});
