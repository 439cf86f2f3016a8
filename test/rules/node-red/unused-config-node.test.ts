import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFixAndCheck, runRule } from '../../helpers';
import { assertNoNewFindings, nodeRedFlow, wired } from './fixtures';

const ID = 'node-red/unused-config-node';
const broker = (id = 'b1', props: Record<string, unknown> = {}) => ({ id, type: 'mqtt-broker', name: 'Old broker', broker: 'localhost', port: '1883', clientid: '', usetls: false, ...props });
const slice = (text: string, f: { offset: number; length: number }) => text.slice(f.offset, f.offset + f.length);

test('an mqtt-broker nobody uses: info on its type; the fix deletes the object and keeps the rest of the file as it was', () => {
  const text = nodeRedFlow([wired('m1', 'mqtt in', { topic: 'a', broker: 'b2' }, [[]]), broker('b1'), broker('b2', { name: 'Plant broker' })]);
  const [f, ...rest] = runRule(ID, text);
  assert.equal(rest.length, 0);
  assert.equal(f.pointer, '/2');
  assert.equal(f.severity, 'info');
  assert.equal(f.owasp, 'LCNC-SEC-09');
  assert.equal(slice(text, f), '"mqtt-broker"');
  assert.equal(
    f.message,
    'Config node "Old broker" (mqtt-broker) is not used by any node in this file, but Node-RED still starts it and keeps its credentials: a forgotten connection that nobody maintains. Delete it unless another flow file uses it (in the editor, search for is:config is:unused).',
  );
  assert.equal(f.fix?.isPreferred, false);
  assert.equal(f.fix?.title, 'Delete the unused config node "Old broker"');
  const fixed = applyFixAndCheck(ID, text, f);
  const expected = JSON.parse(text);
  expected.splice(2, 1);
  assert.equal(fixed, JSON.stringify(expected, null, 2));
  assertNoNewFindings(text, fixed);
});

test('an unused websocket-listener says its endpoint stays open; references from config nodes, subflow env and nested values count as use', () => {
  const [f] = runRule(ID, nodeRedFlow([{ id: 'w1', type: 'websocket-listener', path: '/ws', wholemsg: 'false' }]));
  assert.match(f.message, /keeps its credentials: a forgotten connection that nobody maintains \(this one keeps its WebSocket endpoint open\)\. Delete it/);
  const used = [
    [broker('b1', { tls: 'c1' }), { id: 'c1', type: 'tls-config', name: 'TLS' }, wired('m1', 'mqtt out', { broker: 'b1' }, [])],
    [{ ...wired('s', 'subflow:x', {}), env: [{ name: 'SRV', type: 'conf-type', value: 'b1' }] }, broker('b1')],
    [wired('o', 'OpcUa-Client', { endpoint: 'e1', options: { list: ['b1'] } }), broker('b1'), { id: 'e1', type: 'OpcUa-Endpoint', endpoint: 'opc.tcp://x' }],
  ];
  for (const nodes of used) assert.deepEqual(runRule(ID, nodeRedFlow(nodes)), [], JSON.stringify(nodes[0]));
});

test('dashboard layout nodes, global-config, disabled config nodes and regular nodes without wires are not reported', () => {
  const nodes = [
    { id: 'g', type: 'global-config', env: [] },
    { id: 'u1', type: 'ui-page', name: 'Home', path: '/home' },
    { id: 'u2', type: 'ui_tab', name: 'Tab' },
    { ...broker('b9'), d: true },
    { id: 'n1', type: 'link in', z: 't1', x: 10, y: 10, links: [] },
  ];
  assert.deepEqual(runRule(ID, nodeRedFlow(nodes)), []);
});

test('in a minified file the fix removes the object and one comma, nothing else', () => {
  const nodes = [{ id: 'a', type: 'inject', z: 't', x: 1, y: 1, wires: [[]] }, { id: 'b1', type: 'http proxy', url: 'http://proxy:3128' }, { id: 'c', type: 'tab' }];
  const text = JSON.stringify(nodes);
  const [f] = runRule(ID, text);
  const fixed = applyFixAndCheck(ID, text, f);
  assert.equal(fixed, JSON.stringify([nodes[0], nodes[2]]));
});
