import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runRule } from '../../helpers';
import { armTemplate, galleryTemplate, httpAction, laStandard, recurrence } from '../wdl/fixtures';
import { slice } from './helpers';

const ID = 'logic-apps/http-without-managed-identity';
const triggers = { Recurrence: recurrence };
const one = (inputs: Record<string, unknown>, name = 'Call') => laStandard({ triggers, actions: { [name]: httpAction(inputs) } });

test('Basic authentication to Key Vault: warning on the authentication type, exact message', () => {
  const text = one({ uri: 'https://contoso-kv.vault.azure.net/secrets/db?api-version=7.4', authentication: { type: 'Basic', username: 'svc', password: "@parameters('pwd')" } }, 'Get_secret');
  const [f, ...rest] = runRule(ID, text);
  assert.equal(rest.length, 0);
  assert.equal(f.pointer, '/definition/actions/Get_secret');
  assert.equal(f.owasp, 'LCNC-SEC-01');
  assert.equal(f.severity, 'warning');
  assert.equal(slice(text, f), '"Basic"');
  assert.equal(f.fix, undefined);
  assert.equal(
    f.message,
    'HTTP action "Get_secret" calls Azure Key Vault (contoso-kv.vault.azure.net) with Basic authentication (a username and password): every run signs in as that stored account, and the credential has to be kept, shared and rotated by hand. Use the logic app\'s managed identity instead (authentication "Managed identity", audience https://vault.azure.net) and grant it a role on the target.',
  );
});

test('client secret, client certificate and Raw authentication to Azure endpoints are reported; the message names each', () => {
  const cases: Array<[string, Record<string, unknown>, RegExp]> = [
    ['https://management.azure.com/subscriptions/x?api-version=2022-01-01', { type: 'ActiveDirectoryOAuth', tenant: 't', audience: 'https://management.azure.com/', clientId: 'c', secret: "@parameters('s')" }, /Azure Resource Manager \(management\.azure\.com\) with Active Directory OAuth/],
    ['https://contoso.blob.core.windows.net/c/b', { type: 'ClientCertificate', pfx: "@parameters('pfx')", password: "@parameters('p')" }, /Azure Storage \(contoso\.blob\.core\.windows\.net\) with client certificate/],
    ['https://graph.microsoft.com/v1.0/users', { type: 'Raw', value: "@parameters('hdr')" }, /Microsoft Graph \(graph\.microsoft\.com\) with Raw authentication.*audience https:\/\/graph\.microsoft\.com\)/],
    ['https://contoso.search.windows.net/indexes', { type: 'basic', username: 'u', password: 'p' }, /Azure AI Search/],
  ];
  for (const [uri, authentication, re] of cases) {
    const found = runRule(ID, one({ uri, authentication }));
    assert.equal(found.length, 1, uri);
    assert.match(found[0].message, re);
  }
});

test('no authentication but a credential sent by hand: reported on the header, query value, URL or body', () => {
  let text = one({ uri: 'https://contoso-fn.azurewebsites.net/api/run', headers: { 'x-functions-key': "@parameters('fnKey')" } });
  let [f] = runRule(ID, text);
  assert.equal(slice(text, f), `"@parameters('fnKey')"`);
  assert.match(f.message, /calls Azure App Service \/ Functions \(contoso-fn\.azurewebsites\.net\) and sends a credential in its "x-functions-key" header: .*authentication "Managed identity" with the target's audience/);

  text = one({ uri: 'https://contoso.blob.core.windows.net/c/b?sv=2022-11-02&sp=r&sig=abc%2Fdef' });
  [f] = runRule(ID, text);
  assert.equal(slice(text, f), '"https://contoso.blob.core.windows.net/c/b?sv=2022-11-02&sp=r&sig=abc%2Fdef"');
  assert.match(f.message, /sends a credential in its URL \("sig="\)/);

  text = one({ uri: 'https://contoso-fn.azurewebsites.net/api/run', queries: { code: "@parameters('k')" } });
  [f] = runRule(ID, text);
  assert.equal(slice(text, f), `"@parameters('k')"`);

  text = one({ uri: 'https://graph.microsoft.com/v1.0/me', headers: { Authorization: "Bearer @{body('Get_token')?['access_token']}" } });
  [f] = runRule(ID, text);
  assert.match(f.message, /sends a credential in its "Authorization" header/);

  const body = "grant_type=client_credentials&client_id=abc&client_secret=@{parameters('secret')}&resource=https://management.azure.com/";
  text = one({ method: 'POST', uri: 'https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/token', body });
  [f] = runRule(ID, text);
  assert.equal(slice(text, f), JSON.stringify(body));
  assert.match(f.message, /calls the Microsoft Entra token endpoint \(login\.microsoftonline\.com\) and sends a client secret in its body/);

  text = one({ method: 'POST', uri: 'https://login.microsoftonline.com/t/oauth2/v2.0/token', body: { client_id: 'a', client_secret: "@parameters('s')" } });
  [f] = runRule(ID, text);
  assert.equal(slice(text, f), `"@parameters('s')"`);
});

test('managed identity, anonymous calls, non-Azure hosts, computed hosts and expression authentication are not reported', () => {
  const none = [
    { uri: 'https://contoso-kv.vault.azure.net/secrets/db', authentication: { type: 'ManagedServiceIdentity', audience: 'https://vault.azure.net' } },
    { uri: 'https://contoso-kv.vault.azure.net/secrets/db', authentication: { type: 'managedserviceidentity' } },
    { uri: 'https://contoso.blob.core.windows.net/public/logo.png' },
    { uri: 'https://api.example.com/items', authentication: { type: 'Basic', username: 'u', password: 'p' } },
    { uri: "https://@{parameters('host')}/secrets", authentication: { type: 'Basic', username: 'u', password: 'p' } },
    { uri: "@{triggerBody()?['url']}", authentication: { type: 'Basic', username: 'u', password: 'p' } },
    { uri: 'https://management.azure.com/x', authentication: "@parameters('auth')" },
    { uri: 'https://management.azure.com/x', authentication: { type: "@parameters('authType')" } },
    { uri: 'https://notvault.azure.net.example.com/x', authentication: { type: 'Basic', username: 'u', password: 'p' } },
    { uri: 'https://contoso-la.azurewebsites.net:443/api/Orders/triggers/manual/invoke?api-version=2022-05-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=abc' },
  ];
  for (const inputs of none) assert.deepEqual(runRule(ID, one(inputs)), [], JSON.stringify(inputs));
});

test('a URI from a definition parameter with a literal default value is resolved', () => {
  const text = laStandard({
    parameters: { vaultUrl: { type: 'String', defaultValue: 'https://contoso-kv.vault.azure.net' } },
    triggers,
    actions: { Call: httpAction({ uri: "@{parameters('vaultUrl')}/secrets/db", authentication: { type: 'Raw', value: "@parameters('h')" } }) },
  });
  const [f] = runRule(ID, text);
  assert.match(f.message, /calls Azure Key Vault \(contoso-kv\.vault\.azure\.net\) with Raw authentication/);
  const whole = laStandard({
    parameters: { api: { type: 'String', defaultValue: 'https://management.azure.com/subscriptions' } },
    triggers,
    actions: { Call: httpAction({ uri: "@parameters('api')", authentication: { type: 'Basic', username: 'u', password: 'p' } }) },
  });
  assert.equal(runRule(ID, whole).length, 1);
});

test('HTTP trigger and HTTP Webhook subscribe/unsubscribe calls are checked; ARM templates and gallery templates too', () => {
  const basic = { type: 'Basic', username: 'u', password: "@parameters('p')" };
  let text = laStandard({ triggers: { Poll: { type: 'Http', inputs: { method: 'GET', uri: 'https://management.azure.com/x', authentication: basic }, recurrence: { frequency: 'Hour', interval: 1 } } } });
  assert.match(runRule(ID, text)[0].message, /^HTTP trigger "Poll" calls Azure Resource Manager/);
  const webhook = {
    type: 'HttpWebhook',
    inputs: {
      subscribe: { method: 'POST', uri: 'https://contoso.servicebus.windows.net/q', authentication: basic, body: { callback: '@{listCallbackUrl()}' } },
      unsubscribe: { method: 'POST', uri: 'https://example.com/unsubscribe' },
    },
    runAfter: {},
  };
  text = laStandard({ triggers, actions: { Wait_for_event: webhook } });
  const found = runRule(ID, text);
  assert.equal(found.length, 1);
  assert.match(found[0].message, /^HTTP Webhook action "Wait_for_event" \(subscribe\) calls Azure Service Bus \/ Event Hubs/);
  const parts = { triggers, actions: { Call: httpAction({ uri: 'https://management.azure.com/x', authentication: basic }) } };
  assert.equal(runRule(ID, armTemplate(parts))[0].pointer, '/resources/0/properties/definition/actions/Call');
  assert.equal(runRule(ID, galleryTemplate(parts)).length, 1);
});
