import { test } from 'node:test';
import assert from 'node:assert/strict';
import { json, n8nWorkflow, runRule } from '../../helpers';
import { redact } from '../../../server/src/engine/redact';
import { b64url, fake, leaksNothing } from './fakes';

const ID = 'common/hardcoded-secret';
const slice = (text: string, f: { offset: number; length: number }) => text.slice(f.offset, f.offset + f.length);
const headers = (pairs: Array<[string, string]>) => ({
  id: 'h1',
  name: 'Call API',
  type: 'n8n-nodes-base.httpRequest',
  typeVersion: 4.2,
  position: [0, 0],
  parameters: { url: 'https://api.acme-corp.com', sendHeaders: true, headerParameters: { parameters: pairs.map(([name, value]) => ({ name, value })) } },
});
const setNode = (values: Record<string, string>) => ({ name: 'Set', type: 'n8n-nodes-base.set', typeVersion: 3, position: [0, 0], parameters: values });

const HEX = '0123456789abcdef';
const KNOWN: Array<[string, string]> = [
  ['AWS access key ID', fake('AKIA', 16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')],
  ['GitHub token', fake('ghp_', 36)],
  ['GitHub fine-grained personal access token', fake('github_pat_', 22) + '_' + fake('', 59)],
  ['GitLab personal access token', fake('glpat-', 20)],
  ['Slack token', fake('xoxb-', 40)],
  ['Stripe live secret key', fake('sk_live_', 32)],
  ['Google API key', fake('AIza', 35)],
  ['Anthropic API key', fake('sk-ant-api03-', 90)],
  ['OpenAI API key', fake('sk-proj-', 60)],
  ['SendGrid API key', fake('SG.', 22) + '.' + fake('', 43)],
  ['Twilio API key SID', fake('SK', 32, HEX)],
  ['Perplexity API key', fake('pplx-', 48)],
  ['n8n API key', fake('n8n_api_', 80, HEX)],
  ['Telegram bot token', '7123456789:AA' + fake('', 33)],
  ['Slack incoming-webhook URL', 'https://hooks.slack.com/services/' + fake('T', 8, 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789') + '/' + fake('B', 10, 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789') + '/' + fake('', 24)],
];

test('known token formats are errors whose range is exactly the token and whose message names the kind, redacted', () => {
  for (const [label, secret] of KNOWN) {
    const text = n8nWorkflow([setNode({ note: `key: ${secret} (prod)` })]);
    const found = runRule(ID, text);
    assert.equal(found.length, 1, label);
    const [f] = found;
    assert.equal(f.severity, label === 'Twilio API key SID' ? 'warning' : 'error', label);
    assert.equal(f.owasp, 'LCNC-SEC-08');
    assert.equal(f.pointer, '/nodes/0/parameters/note');
    assert.equal(slice(text, f), secret, label);
    assert.equal(f.message, `Hardcoded ${label} (${redact(secret)}): anyone who can read this file can use it. Store it in an n8n credential (or read it from an environment variable) and rotate it.`);
    assert.ok(leaksNothing(f.message, secret), label);
  }
});

test('Authorization header pairs: Bearer token range excludes "Bearer ", a JWT inside it is reported once as a JWT', () => {
  const token = fake('', 40);
  const jwt = `${b64url('{"alg":"HS256","typ":"JWT"}')}.${b64url('{"sub":"1234567890","name":"x"}')}.${fake('', 43, undefined, 3)}`;
  const text = n8nWorkflow([headers([['Authorization', `Bearer ${token}`], ['X-Session', `Bearer ${jwt}`]])]);
  const [a, b, ...rest] = runRule(ID, text);
  assert.equal(rest.length, 0);
  assert.equal(slice(text, a), token);
  assert.match(a.message, /^Hardcoded bearer token \(Authorization header\) /);
  assert.equal(a.pointer, '/nodes/0/parameters/headerParameters/parameters/0/value');
  assert.equal(slice(text, b), jwt);
  assert.match(b.message, /^Hardcoded JSON Web Token /);
});

test('Basic credentials are reported only when the base64 decodes to user:password', () => {
  const cred = Buffer.from('svc-user:' + fake('', 16)).toString('base64');
  const text = n8nWorkflow([headers([['Authorization', `Basic ${cred}`]])]);
  const [f] = runRule(ID, text);
  assert.equal(slice(text, f), cred);
  assert.match(f.message, /^Hardcoded Basic authentication credentials/);
  const doc = Buffer.from('your_email@domain.com:your_api_token').toString('base64');
  assert.deepEqual(runRule(ID, n8nWorkflow([setNode({ text: `Authorization: Basic ${doc}` })])), []);
});

test('context rule: secret-named fields and name/value pairs with literal values are warnings', () => {
  const key = fake('', 32, HEX);
  const text = n8nWorkflow([headers([['X-API-Key', key], ['Accept', 'application/json']]), setNode({ client_secret: fake('', 24), password: 'Tlvjmjgu288' })]);
  const found = runRule(ID, text);
  assert.deepEqual(found.map((f) => [f.pointer, f.severity]), [
    ['/nodes/0/parameters/headerParameters/parameters/0/value', 'warning'],
    ['/nodes/1/parameters/client_secret', 'warning'],
    ['/nodes/1/parameters/password', 'warning'],
  ]);
  assert.equal(slice(text, found[0]), key);
  assert.equal(found[0].message, `"X-API-Key" holds a literal secret (${redact(key)}): anyone who can read this file can use it. Store it in an n8n credential (or read it from an environment variable) and rotate it.`);
});

test('context rule: expressions, references and placeholders are not reported', () => {
  const values = [
    '={{ $credentials.apiKey }}', '{{ $env.API_KEY }}', "@parameters('apiKey')", "@{parameters('apiKey')}", "@appsetting('Key')", "[parameters('apiKey')]",
    '${API_KEY}', '$ENV_API_KEY', '%API_KEY%', '<your-key>', 'YOUR_API_KEY', 'xxxxxxxxxxxx', '************', 'changeme', 'example-key-123', '',
    'Bearer YOUR_TOKEN', 'OPENAI_API_KEY', 'api_key_here', 'gitlabToken', '{developer-token}', 'd:/keys/private.pem', 'process.env.API_KEY', 'msg.payload.token',
    'hunter', '12345678', 'Bearer undefined',
  ];
  for (const v of values) {
    assert.deepEqual(runRule(ID, n8nWorkflow([headers([['Authorization', v]]), setNode({ apiKey: v, password: v })])), [], JSON.stringify(v));
  }
});

test('code and JSON text: secret-named assignments are warnings; other literals are not', () => {
  const secret = fake('', 40, HEX);
  const code = `const clientId = "57db0bab2932f657";\nconst client_secret = "${secret}";\nconst url = "https://api.acme-corp.com";`;
  const text = n8nWorkflow([{ name: 'Code', type: 'n8n-nodes-base.code', typeVersion: 2, position: [0, 0], parameters: { jsCode: code } }]);
  const [f, ...rest] = runRule(ID, text);
  assert.equal(rest.length, 0);
  assert.equal(slice(text, f), secret);
  assert.match(f.message, /^"client_secret" holds a literal secret/);
});

test('ranges are exact after escapes (\\u00e9, \\") and for PEM keys written with \\n escapes', () => {
  const token = fake('ghp_', 36, undefined, 11);
  const text = `{"name":"w","nodes":[{"name":"Set","type":"n8n-nodes-base.set","parameters":{"v":"caf\\u00e9 \\"x\\" ${token}"}}],"connections":{}}`;
  const [f] = runRule(ID, text);
  assert.equal(slice(text, f), token);

  const body = fake('', 64, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/');
  const pem = `-----BEGIN RSA PRIVATE KEY-----\n${body}\n${body}\n-----END RSA PRIVATE KEY-----`;
  const wf = n8nWorkflow([setNode({ key: pem, placeholder: '-----BEGIN PRIVATE KEY-----\n[INSERT YOUR KEY HERE]\n-----END PRIVATE KEY-----' })]);
  const found = runRule(ID, wf);
  assert.equal(found.length, 1);
  assert.equal(found[0].pointer, '/nodes/0/parameters/key');
  assert.equal(slice(wf, found[0]), '-----BEGIN RSA PRIVATE KEY-----');
  assert.match(found[0].message, /^Hardcoded private key \(PEM\)/);
});

test('notes: a known token in a sticky note is reported, a context match in a sticky note is not', () => {
  const token = fake('ghp_', 36, undefined, 5);
  const note = (content: string) => ({ name: 'Note', type: 'n8n-nodes-base.stickyNote', typeVersion: 1, position: [0, 0], parameters: { content } });
  assert.equal(runRule(ID, n8nWorkflow([note(`token: ${token}`)])).length, 1);
  assert.deepEqual(runRule(ID, n8nWorkflow([note(`const apiKey = "${fake('', 32, HEX)}";`)])), []);
});

test('Node-RED: literal password property is reported; typed-input references and info text are not', () => {
  const text = json([
    { id: 'n1', type: 'watson-speech-to-text', z: 't1', name: 'stt', username: 'svc', password: 'rmptXEItaJSb', wires: [[]] },
    { id: 'n2', type: 'api-call', z: 't1', token: 'payload.token', tokenType: 'msg', wires: [[]] },
    { id: 'n3', type: 'function', z: 't1', func: 'return msg;', info: `const apiKey = "${fake('', 32, HEX)}";`, wires: [[]] },
  ]);
  const found = runRule(ID, text);
  assert.deepEqual(found.map((f) => [f.pointer, slice(text, f)]), [['/0/password', 'rmptXEItaJSb']]);
  assert.match(found[0].message, /Move it into the node's credentials/);
});

test('WDL: Azure storage key, SAS signature in a trigger URL and authentication passwords are reported', () => {
  const accountKey = fake('', 86, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/') + '==';
  const sig = fake('', 43, undefined, 9) + '%3D';
  const la = json({
    definition: {
      $schema: 'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#',
      triggers: { manual: { type: 'Request', kind: 'Http', inputs: {} } },
      actions: {
        Blob: { type: 'Http', inputs: { uri: 'https://acct.blob.core.windows.net', headers: { 'x-conn': `DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=${accountKey};EndpointSuffix=core.windows.net` } }, runAfter: {} },
        Child: { type: 'Http', inputs: { method: 'POST', uri: `https://prod-01.westus.logic.azure.com/workflows/abc/triggers/manual/paths/invoke?api-version=2016-10-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=${sig}` }, runAfter: {} },
        Basic: { type: 'Http', inputs: { uri: 'https://erp.acme-corp.com', authentication: { type: 'Basic', username: 'svc', password: 'Pa55-w0rd!x' } }, runAfter: {} },
        Ok: { type: 'Http', inputs: { uri: 'https://erp.acme-corp.com', authentication: { type: 'Basic', username: 'svc', password: "@parameters('erpPassword')" } }, runAfter: {} },
      },
    },
  });
  const found = runRule(ID, la);
  assert.deepEqual(found.map((f) => [f.pointer, f.severity, slice(la, f)]), [
    ['/definition/actions/Blob/inputs/headers/x-conn', 'error', accountKey],
    ['/definition/actions/Child/inputs/uri', 'error', sig],
    ['/definition/actions/Basic/inputs/authentication/password', 'warning', 'Pa55-w0rd!x'],
  ]);
  assert.match(found[1].message, /^Hardcoded Azure shared access signature \(sig=\) .* securestring parameter/);
});

test('passwords in URLs and connection strings are reported; placeholders are not', () => {
  const text = n8nWorkflow([setNode({ a: 'postgres://app:Xk29-pLq7@db.acme-corp.com:5432/app', b: 'Server=db;Database=app;User Id=sa;Password=Q8v!kz31Lm;', c: 'mysql://user:password@db/x', d: 'Server=db;Password={{ $env.PW }};' })]);
  const found = runRule(ID, text);
  assert.deepEqual(found.map((f) => [f.pointer, slice(text, f)]), [
    ['/nodes/0/parameters/a', 'Xk29-pLq7'],
    ['/nodes/0/parameters/b', 'Q8v!kz31Lm'],
  ]);
  assert.match(found[0].message, /^Hardcoded password in a postgres:\/\/ URL/);
});

test('the context rule skips values over 10,000 characters', () => {
  const long = fake('', 10_001, HEX);
  assert.deepEqual(runRule(ID, n8nWorkflow([setNode({ apiKey: long })])), []);
  assert.equal(runRule(ID, n8nWorkflow([setNode({ apiKey: long.slice(0, 10_000) })])).length, 1);
});
