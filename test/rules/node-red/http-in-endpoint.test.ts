import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runRule } from '../../helpers';
import { nodeRedFlow, wired } from './fixtures';

const ID = 'node-red/http-in-endpoint';
const slice = (text: string, f: { offset: number; length: number }) => text.slice(f.offset, f.offset + f.length);

test('an HTTP In node is an info finding on its url value, with method and path', () => {
  const text = nodeRedFlow([wired('h1', 'http in', { name: 'Orders API', url: '/orders', method: 'post', upload: false, swaggerDoc: '' }, [['r1']]), wired('r1', 'http response', {})]);
  const [f, ...rest] = runRule(ID, text);
  assert.equal(rest.length, 0);
  assert.equal(f.pointer, '/1');
  assert.equal(f.severity, 'info');
  assert.equal(f.owasp, 'LCNC-SEC-05');
  assert.equal(f.fix, undefined);
  assert.equal(slice(text, f), '"/orders"');
  assert.equal(
    f.message,
    'HTTP In node "Orders API" exposes POST /orders on Node-RED\'s HTTP server: anyone who can reach the server can send messages into this flow. The node has no authentication of its own; check that settings.js sets httpNodeAuth or httpNodeMiddleware, or that a proxy in front authenticates callers.',
  );
});

test('method defaults to GET, a missing leading slash is added, file uploads are mentioned for POST', () => {
  const [a] = runRule(ID, nodeRedFlow([wired('h1', 'http in', { url: 'status' })]));
  assert.match(a.message, /^HTTP In node "h1" exposes GET \/status on/);
  const [b] = runRule(ID, nodeRedFlow([wired('h1', 'http in', { url: '/upload', method: 'post', upload: true })]));
  assert.match(b.message, /exposes POST \/upload \(with file uploads\) on/);
});

test('disabled HTTP In nodes and nodes on a disabled tab are not reported; other nodes are not reported', () => {
  assert.deepEqual(runRule(ID, nodeRedFlow([{ ...wired('h1', 'http in', { url: '/x' }), d: true }])), []);
  assert.deepEqual(runRule(ID, nodeRedFlow([wired('h1', 'http in', { url: '/x' })], { tabDisabled: true })), []);
  assert.deepEqual(runRule(ID, nodeRedFlow([wired('r1', 'http request', { url: 'https://example.com' }), wired('r2', 'http response', {})])), []);
});
