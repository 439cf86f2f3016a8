import { test } from 'node:test';
import assert from 'node:assert/strict';
import { n8nWorkflow, runRule } from '../../helpers';
import { isAuthName } from '../../../server/src/engine/rules/n8n/hardcoded-credential-in-request';
import { applyFixFully, node, spanText } from './fixtures';

const ID = 'n8n/hardcoded-credential-in-request';
const v4 = (name: string, parameters: Record<string, unknown>) => node(name, 'n8n-nodes-base.httpRequest', parameters, { typeVersion: 4.2 });

test('a literal "key" query parameter is reported on the value with the secret redacted; the fix switches to a Query Auth credential', () => {
  const text = n8nWorkflow([
    v4('Lookup', { url: 'https://api.example.com/v1/lookup', sendQuery: true, queryParameters: { parameters: [{ name: 'q', value: 'berlin' }, { name: 'key', value: '12345678' }] } }),
  ]);
  const [f, ...rest] = runRule(ID, text);
  assert.equal(rest.length, 0);
  assert.equal(f.pointer, '/nodes/0/parameters/queryParameters/parameters/1/value');
  assert.equal(f.owasp, 'LCNC-SEC-08');
  assert.equal(f.severity, 'warning');
  assert.equal(spanText(text, f), '12345678');
  assert.doesNotMatch(f.message, /12345678/);
  assert.equal(
    f.message,
    'HTTP Request "Lookup" sends a credential typed into the node — query parameter "key" (12… (8 chars)) — instead of an n8n credential: it is stored in clear in the workflow, shown to everyone who can open it and copied into every export. Put it in a Query Auth credential (Authentication → Generic Credential Type) and rotate it.',
  );
  assert.equal(f.fix?.isPreferred, false);
  const fixed = applyFixFully(ID, text, f);
  const p = JSON.parse(fixed).nodes[0].parameters;
  assert.deepEqual(p.queryParameters.parameters, [{ name: 'q', value: 'berlin' }]);
  assert.equal(p.authentication, 'genericCredentialType');
  assert.equal(p.genericAuthType, 'httpQueryAuth');
  assert.ok(!fixed.includes('12345678'));
});

test('a session cookie header and an API key in the URL query string are reported with exact ranges', () => {
  const text = n8nWorkflow([
    v4('Scrape', { url: 'https://example.com/page', sendHeaders: true, headerParameters: { parameters: [{ name: 'Cookie', value: 'theme=dark; PHPSESSID=05urph7cy646' }] } }),
    v4('Weather', { url: 'https://api.weather.example/data?q=Paris&appid=5f3e0aa1' }),
  ]);
  const found = runRule(ID, text);
  assert.deepEqual(found.map((f) => [f.pointer, spanText(text, f), !!f.fix]), [
    ['/nodes/0/parameters/headerParameters/parameters/0/value', 'theme=dark; PHPSESSID=05urph7cy646', true],
    ['/nodes/1/parameters/url', '5f3e0aa1', false],
  ]);
  assert.match(found[1].message, /— the URL query parameter "appid" \(5f… \(8 chars\)\) —/);
});

test('values common/hardcoded-secret reports are left to it (no string reported twice)', () => {
  const text = n8nWorkflow([
    v4('OpenAI', { url: 'https://api.openai.com/v1/models', sendHeaders: true, headerParameters: { parameters: [{ name: 'Authorization', value: 'Bearer sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z' }] } }),
    v4('Key', { url: 'https://x.example', sendHeaders: true, headerParameters: { parameters: [{ name: 'X-API-Key', value: 'aK9#mP2$vL7qR4xZ' }] } }),
  ]);
  assert.deepEqual(runRule(ID, text), []);
  assert.equal(runRule('common/hardcoded-secret', text).length, 2);
});

test('not reported: expressions, placeholders, bare schemes, non-auth fields, headers not sent, tracker cookies', () => {
  const hdr = (name: string, value: string, send = true) => v4('H', { url: 'https://x.example', sendHeaders: send, headerParameters: { parameters: [{ name, value }] } });
  for (const n of [
    hdr('Authorization', '=Bearer {{ $json.token }}'),
    hdr('Authorization', 'Bearer YOUR_TOKEN_HERE'),
    hdr('Authorization', 'Bearer '),
    hdr('Authorization', 'Bearer $OPENAI_API_KEY'),
    hdr('Content-Type', 'application/json'),
    hdr('X-API-Key', '12345678', false),
    hdr('Cookie', 'theme=dark; _ga=GA1.2.3'),
    v4('U', { url: 'https://x.example/?api_key=<your-key>' }),
  ]) {
    assert.deepEqual(runRule(ID, n8nWorkflow([n])), [], JSON.stringify(n.parameters));
  }
});

test('HTTP Request v1 header lists are read; no fix is offered there', () => {
  const text = n8nWorkflow([node('Old', 'n8n-nodes-base.httpRequest', { url: 'https://x.example', headerParametersUi: { parameter: [{ name: 'token', value: '98765432' }] } })]);
  const [f] = runRule(ID, text);
  assert.equal(f.pointer, '/nodes/0/parameters/headerParametersUi/parameter/0/value');
  assert.equal(f.fix, undefined);
  assert.equal(isAuthName('X-RapidAPI-Key'), true);
  assert.equal(isAuthName('appid'), true);
  assert.equal(isAuthName('Accept'), false);
});
