import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runRule } from '../../helpers';
import { nodeRedFlow, wired } from './fixtures';

const ID = 'node-red/websocket-endpoint';
const listener = (props: Record<string, unknown>, id = 'w1') => ({ id, type: 'websocket-listener', path: '/ws/events', wholemsg: 'false', ...props });
const slice = (text: string, f: { offset: number; length: number }) => text.slice(f.offset, f.offset + f.length);

test('a websocket-listener used by a WebSocket In node: info on its path value', () => {
  const text = nodeRedFlow([wired('in1', 'websocket in', { server: 'w1', client: '' }, [[]]), listener({})]);
  const [f, ...rest] = runRule(ID, text);
  assert.equal(rest.length, 0);
  assert.equal(f.pointer, '/2');
  assert.equal(f.severity, 'info');
  assert.equal(f.owasp, 'LCNC-SEC-05');
  assert.equal(f.fix, undefined);
  assert.equal(slice(text, f), '"/ws/events"');
  assert.equal(
    f.message,
    'WebSocket listener "w1" accepts WebSocket connections at /ws/events on Node-RED\'s HTTP server: anyone who can reach the server can connect, send messages into the flow and receive what it sends out. httpNodeAuth does not cover WebSocket endpoints; check that settings.js sets webSocketNodeVerifyClient or that a proxy in front authenticates clients.',
  );
});

test('an unused listener is still open; entire-message mode is called out; a missing leading slash is added', () => {
  const text = nodeRedFlow([listener({ name: 'Control', path: 'ctl', wholemsg: 'true' })]);
  const [f] = runRule(ID, text);
  assert.match(
    f.message,
    /^WebSocket listener "Control" accepts WebSocket connections at \/ctl on Node-RED's HTTP server \(no active WebSocket node in this file uses it, but the endpoint is open all the same\): .* It receives entire messages, so a client can set any msg property, not just the payload\. httpNodeAuth/,
  );
});

test('client configurations (ws:// and wss:// URLs), disabled listeners and a disabled user do not count', () => {
  for (const path of ['ws://example.com/ws', 'WSS://example.com/ws']) {
    assert.deepEqual(runRule(ID, nodeRedFlow([{ id: 'c1', type: 'websocket-client', path }, listener({ path })])), [], path);
  }
  assert.deepEqual(runRule(ID, nodeRedFlow([{ ...listener({}), d: true }])), []);
  const [f] = runRule(ID, nodeRedFlow([{ ...wired('in1', 'websocket in', { server: 'w1' }), d: true }, listener({})]));
  assert.match(f.message, /no active WebSocket node in this file uses it/);
});
