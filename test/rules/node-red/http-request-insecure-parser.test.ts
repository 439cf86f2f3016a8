import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFixAndCheck, runRule } from '../../helpers';
import { urlHost } from '../../../server/src/engine/rules/node-red/http-request-insecure-parser';
import { assertNoNewFindings, nodeRedFlow, wired } from './fixtures';

const ID = 'node-red/http-request-insecure-parser';
const request = (props: Record<string, unknown>, id = 'r1') =>
  wired(id, 'http request', { name: 'Legacy device', method: 'GET', ret: 'txt', paytoqs: 'ignore', url: 'https://device.example.com/status', tls: '', persist: false, proxy: '', insecureHTTPParser: true, authType: '', senderr: false, headers: [], ...props });
const slice = (text: string, f: { offset: number; length: number }) => text.slice(f.offset, f.offset + f.length);

test('insecureHTTPParser true is a warning on that value with the host; the preferred fix sets false and keeps formatting', () => {
  const text = nodeRedFlow([request({})]);
  const [f, ...rest] = runRule(ID, text);
  assert.equal(rest.length, 0);
  assert.equal(f.pointer, '/1');
  assert.equal(f.severity, 'warning');
  assert.equal(f.owasp, 'LCNC-SEC-05');
  assert.equal(slice(text, f), 'true');
  assert.equal(text.slice(f.offset - 22, f.offset), '"insecureHTTPParser": ');
  assert.equal(
    f.message,
    'HTTP Request node "Legacy device" has "Disable strict HTTP parsing" on (requests to device.example.com): Node.js then accepts malformed HTTP responses (invalid header values, both Content-Length and Transfer-Encoding, bare line feeds), which a malicious server or a proxy on the path can use for request smuggling and response splitting. Turn it off; if one server really needs it, fix that server.',
  );
  assert.equal(f.fix?.isPreferred, true);
  assert.equal(f.fix?.title, 'Turn strict HTTP parsing back on for "Legacy device"');
  const fixed = applyFixAndCheck(ID, text, f);
  assert.equal(fixed, text.replace('"insecureHTTPParser": true', '"insecureHTTPParser": false'));
  assertNoNewFindings(text, fixed);
});

test('the runtime tests truthiness: a non-empty string is on; an empty or templated URL gives no host', () => {
  const text = nodeRedFlow([request({ insecureHTTPParser: 'false', url: '' })]);
  const [f] = runRule(ID, text);
  assert.equal(slice(text, f), '"false"');
  assert.match(f.message, /^HTTP Request node "Legacy device" has "Disable strict HTTP parsing" on: Node\.js/);
  const [g] = runRule(ID, nodeRedFlow([request({ url: 'http://{{host}}/api' })]));
  assert.match(g.message, /parsing" on: Node\.js/);
});

test('off, missing, disabled or on a disabled tab: not reported', () => {
  const missing = request({});
  delete missing.insecureHTTPParser;
  for (const n of [request({ insecureHTTPParser: false }), request({ insecureHTTPParser: '' }), missing, { ...request({}), d: true }]) {
    assert.deepEqual(runRule(ID, nodeRedFlow([n])), [], JSON.stringify(n));
  }
  assert.deepEqual(runRule(ID, nodeRedFlow([request({})], { tabDisabled: true })), []);
});

test('urlHost: host only, never user info, path or query; empty for templated hosts', () => {
  assert.equal(urlHost('https://bob:pw@api.example.com:8443/x?y=1'), 'api.example.com');
  assert.equal(urlHost('example.org/path'), 'example.org');
  assert.equal(urlHost('http://{{host}}/x'), '');
  assert.equal(urlHost('http://${HOST}/x'), '');
  assert.equal(urlHost(''), '');
});
