import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFixAndCheck, n8nWorkflow, runRule } from '../../helpers';

const ID = 'n8n/tls-verification-disabled';
const node = (type: string, typeVersion: number, parameters: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  id: 'n1',
  name: 'Call API',
  type,
  typeVersion,
  position: [0, 0],
  parameters,
  ...extra,
});
const http = (typeVersion: number, parameters: Record<string, unknown>, extra?: Record<string, unknown>) => node('n8n-nodes-base.httpRequest', typeVersion, parameters, extra);

test('HTTP Request v4 options.allowUnauthorizedCerts true is reported on the true value; the fix sets it to false and keeps formatting', () => {
  const text = n8nWorkflow([http(4.2, { url: 'https://internal.example', options: { allowUnauthorizedCerts: true, timeout: 5000 } })]);
  const [f, ...rest] = runRule(ID, text);
  assert.equal(rest.length, 0);
  assert.equal(f.pointer, '/nodes/0/parameters/options/allowUnauthorizedCerts');
  assert.equal(f.owasp, 'LCNC-SEC-04');
  assert.equal(f.severity, 'warning');
  assert.equal(text.slice(f.offset, f.offset + f.length), 'true');
  assert.equal(f.message.startsWith('HTTP Request "Call API" turns off TLS certificate verification (allowUnauthorizedCerts: true)'), true);
  assert.equal(f.fix?.isPreferred, true);
  const fixed = applyFixAndCheck(ID, text, f);
  assert.equal(fixed, text.replace('"allowUnauthorizedCerts": true', '"allowUnauthorizedCerts": false'));
});

test('HTTP Request v1 keeps the switch at parameters.allowUnauthorizedCerts', () => {
  const text = n8nWorkflow([http(1, { url: 'https://x.example', allowUnauthorizedCerts: true })]);
  const [f] = runRule(ID, text);
  assert.equal(f.pointer, '/nodes/0/parameters/allowUnauthorizedCerts');
  assert.equal(text.slice(f.offset, f.offset + f.length), 'true');
});

test('email, RSS and community-node spellings are reported; rejectUnauthorized is reported when false', () => {
  const text = n8nWorkflow([
    node('n8n-nodes-base.emailReadImap', 2, { options: { allowUnauthorizedCerts: true } }),
    node('n8n-nodes-base.emailSend', 2.1, { options: { allowUnauthorizedCerts: true } }),
    node('n8n-nodes-base.rssFeedRead', 1.1, { url: 'https://feed.example', options: { ignoreSSL: true } }),
    node('n8n-nodes-acme.api', 1, { ignoreSslIssues: true, connection: { rejectUnauthorized: false } }),
  ]);
  const found = runRule(ID, text);
  assert.deepEqual(
    found.map((f) => [f.pointer, text.slice(f.offset, f.offset + f.length)]),
    [
      ['/nodes/0/parameters/options/allowUnauthorizedCerts', 'true'],
      ['/nodes/1/parameters/options/allowUnauthorizedCerts', 'true'],
      ['/nodes/2/parameters/options/ignoreSSL', 'true'],
      ['/nodes/3/parameters/ignoreSslIssues', 'true'],
      ['/nodes/3/parameters/connection/rejectUnauthorized', 'false'],
    ],
  );
  assert.match(found[0].message, /^Email Trigger \(IMAP\) "Call API" turns off/);
  assert.match(found[2].message, /^RSS Read "Call API" turns off TLS certificate verification \(ignoreSSL: true\)/);
  assert.match(found[3].message, /^Node "Call API" turns off/);
  const fixed = applyFixAndCheck(ID, text, found[4]);
  assert.equal(JSON.parse(fixed).nodes[3].parameters.connection.rejectUnauthorized, true);
});

test('false values, strings, expressions, disabled nodes and keys outside parameters are not reported', () => {
  const text = n8nWorkflow([
    http(4.2, { options: { allowUnauthorizedCerts: false } }),
    http(4.2, { options: { allowUnauthorizedCerts: 'true' } }),
    http(4.2, { options: { allowUnauthorizedCerts: '={{ true }}' } }),
    http(4.2, { options: { allowUnauthorizedCerts: true } }, { disabled: true }),
    http(4.2, { options: {} }, { notes: 'allowUnauthorizedCerts', allowUnauthorizedCerts: true }),
    node('n8n-nodes-acme.api', 1, { rejectUnauthorized: true }),
  ]);
  assert.deepEqual(runRule(ID, text), []);
});

test('the fix keeps tabs, CRLF line ends and the other keys as they were', () => {
  const text = [
    '{',
    '\t"name": "Tabs",',
    '\t"nodes": [',
    '\t\t{ "name": "Call API", "type": "n8n-nodes-base.httpRequest", "typeVersion": 4.2, "position": [0, 0],',
    '\t\t  "parameters": { "url": "https://x.example", "options": { "allowUnauthorizedCerts" : true } } }',
    '\t],',
    '\t"connections": {}',
    '}',
  ].join('\r\n');
  const [f] = runRule(ID, text);
  assert.equal(text.slice(f.offset, f.offset + f.length), 'true');
  const fixed = applyFixAndCheck(ID, text, f);
  assert.equal(fixed, text.replace('"allowUnauthorizedCerts" : true', '"allowUnauthorizedCerts" : false'));
});
