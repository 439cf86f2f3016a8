import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFixAndCheck, runRule } from '../../helpers';
import { redact } from '../../../server/src/engine';
import { inCaseOf } from '../../../server/src/engine/rules/wdl/secret-parameter-not-secure';
import { isSecretName } from '../../../server/src/engine/rules/wdl/wdl-util';
import { armTemplate, bareDefinition, laStandard, paSolutionFlow, recurrence } from './fixtures';

const ID = 'wdl/secret-parameter-not-secure';
const slice = (text: string, f: { offset: number; length: number }) => text.slice(f.offset, f.offset + f.length);
const triggers = { Recurrence: recurrence };

test('secret names: passwords, keys, tokens, connection strings and SAS are secrets; names about secrets are not', () => {
  const secret = [
    'password', 'adminPassword', 'apiKey', 'ServiceOne-Authentication-APIKey', 'client_secret', 'clientSecret', 'storageAccountKey',
    'StorageConnectionString', 'ServiceBusConnConnectionString', 'sasToken', 'sasUrl', 'accessToken', 'webhookSecret', 'credentials',
    'SharePointAssistantKey (kch_SharePointAssistantKey)', 'apikey', 'connectionstring', 'Ocp-Apim-Subscription-Key', 'sharedAccessSignature', 'key',
  ];
  const notSecret = [
    '$connections', '$authentication', 'keyVaultName', 'keyvaultUri', 'KeyVaultSecretName', 'secretName', 'tokenEndpoint', 'tokenUrl',
    'sasExpiry', 'partitionKey', 'rowKey', 'nextPageToken', 'lockToken', 'username', 'clientId', 'tenantId', 'connectionName',
    'passwordPolicy', 'emailSignature', 'Teams ID (pnp_TeamsID)', 'location', 'apiKeyHeaderName',
  ];
  for (const n of secret) assert.equal(isSecretName(n), true, n);
  for (const n of notSecret) assert.equal(isSecretName(n), false, n);
});

test('the quick fix keeps the case style of the type name', () => {
  assert.equal(inCaseOf('String', 'SecureString'), 'SecureString');
  assert.equal(inCaseOf('string', 'SecureString'), 'securestring');
  assert.equal(inCaseOf('STRING', 'SecureString'), 'SECURESTRING');
  assert.equal(inCaseOf('object', 'SecureObject'), 'secureobject');
  assert.equal(inCaseOf('Object', 'SecureObject'), 'SecureObject');
});

test('a String definition parameter named like a key: reported on its type; the fix declares it SecureString', () => {
  const parameters = { apiKey: { type: 'String', defaultValue: "@appsetting('ApiKey')" }, region: { type: 'String', defaultValue: 'westeurope' } };
  const text = laStandard({ triggers, actions: {}, parameters });
  const [f, ...rest] = runRule(ID, text);
  assert.equal(rest.length, 0);
  assert.equal(f.pointer, '/definition/parameters/apiKey/type');
  assert.equal(f.owasp, 'LCNC-SEC-08');
  assert.equal(slice(text, f), '"String"');
  assert.equal(f.message, 'Parameter "apiKey" holds a secret but is declared as String: its value is returned when the workflow is read and can show up in logs. Declare it as SecureString.');
  const fixed = applyFixAndCheck(ID, text, f);
  assert.equal(fixed, laStandard({ triggers, actions: {}, parameters: { ...parameters, apiKey: { type: 'SecureString', defaultValue: "@appsetting('ApiKey')" } } }));
});

test('ARM template parameters are checked too, and the fix keeps lower-case ARM type names', () => {
  const text = armTemplate(
    { triggers, actions: {} },
    { templateParameters: { storageConnectionString: { type: 'string' }, logicAppName: { type: 'string', defaultValue: 'la-demo' }, credentials: { type: 'object' } } },
  );
  const found = runRule(ID, text);
  assert.deepEqual(found.map((f) => f.pointer), ['/parameters/storageConnectionString/type', '/parameters/credentials/type']);
  assert.match(found[0].message, /^Template parameter "storageConnectionString" holds a secret but is declared as string: its value is returned when the deployment is read/);
  const fixed = applyFixAndCheck(ID, text, found[0]);
  assert.equal(fixed, text.replace('"type": "string"', '"type": "securestring"'));
  const fixed2 = applyFixAndCheck(ID, text, found[1]);
  assert.equal(JSON.parse(fixed2).parameters.credentials.type, 'secureobject');
});

test('a secure parameter with a literal default value is reported on the value, redacted, without a fix', () => {
  const value = 'p4ss-W0rd-very-secret-123';
  const text = bareDefinition({ triggers, actions: {}, parameters: { dbPassword: { type: 'SecureString', defaultValue: value }, settings: { type: 'SecureObject', defaultValue: { a: 1 } } } });
  const found = runRule(ID, text);
  assert.deepEqual(found.map((f) => f.pointer), ['/parameters/dbPassword/defaultValue', '/parameters/settings/defaultValue']);
  assert.equal(slice(text, found[0]), JSON.stringify(value));
  assert.equal(found[0].fix, undefined);
  assert.ok(!found[0].message.includes(value), 'message must not contain the secret');
  assert.ok(found[0].message.includes(redact(value)));
  assert.match(found[1].message, /has a default value \(an object with 1 property\) in the file/);
});

test('a String secret parameter with a literal default shows it redacted', () => {
  const value = 'sk_live_0123456789abcdef';
  const text = bareDefinition({ triggers, actions: {}, parameters: { token: { type: 'String', defaultValue: value } } });
  const [f] = runRule(ID, text);
  assert.ok(!f.message.includes(value));
  assert.match(f.message, /Its default value \(sk_l…ef \(24 chars\)\) is stored in this file, too\./);
});

test('empty, expression and missing defaults, non-secret names and $-parameters are not reported', () => {
  const parameters = {
    adminPassword: { type: 'SecureString', defaultValue: '' },
    apiToken: { type: 'securestring', defaultValue: "@appsetting('Token')" },
    $authentication: { type: 'SecureObject', defaultValue: {} },
    $connections: { type: 'Object', defaultValue: {} },
    keyVaultName: { type: 'String', defaultValue: 'kv-prod' },
    secretName: { type: 'String', defaultValue: 'api-key' },
    retries: { type: 'Int', defaultValue: 3 },
  };
  assert.deepEqual(runRule(ID, bareDefinition({ triggers, actions: {}, parameters })), []);
  const arm = armTemplate({ triggers, actions: {} }, { templateParameters: { sqlPassword: { type: 'securestring', defaultValue: "[parameters('other')]" } } });
  assert.deepEqual(runRule(ID, arm), []);
});

test('Power Automate environment-variable parameters: reported without a quick fix, pointing to a Secret environment variable', () => {
  const value = 'L7G8Q~abcdefghijklmnopqrstuvwxyz0123456';
  const name = 'SharePointAssistantKey (kch_SharePointAssistantKey)';
  const text = paSolutionFlow({ triggers, actions: {}, parameters: { [name]: { defaultValue: value, type: 'String', metadata: { schemaName: 'kch_SharePointAssistantKey' } } } });
  const [f, ...rest] = runRule(ID, text);
  assert.equal(rest.length, 0);
  assert.equal(f.pointer, `/properties/definition/parameters/${name}/type`);
  assert.equal(f.fix, undefined);
  assert.ok(!f.message.includes(value));
  assert.match(f.message, /Keep the secret in an Azure Key Vault-backed "Secret" environment variable instead\.$/);
  // a plain Power Automate definition parameter (no schemaName) does get the fix
  const plain = paSolutionFlow({ triggers, actions: {}, parameters: { apiSecret: { type: 'String' } } });
  const [g] = runRule(ID, plain);
  assert.equal(JSON.parse(applyFixAndCheck(ID, plain, g)).properties.definition.parameters.apiSecret.type, 'SecureString');
});
