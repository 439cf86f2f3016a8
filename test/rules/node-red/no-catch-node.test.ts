import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runRule } from '../../helpers';
import { nodeRedFlow, wired } from './fixtures';

const ID = 'node-red/no-catch-node';
const slice = (text: string, f: { offset: number; length: number }) => text.slice(f.offset, f.offset + f.length);
const api = () => [wired('h1', 'http in', { name: 'POST /orders', url: '/orders', method: 'post' }, [['f1']]), wired('f1', 'function', { func: 'return msg;' }, [['r1']]), wired('r1', 'http response', {}, [])];

test('a tab with an HTTP In node and no Catch node: info on the tab label, pointer to the tab', () => {
  const text = nodeRedFlow(api());
  const [f, ...rest] = runRule(ID, text);
  assert.equal(rest.length, 0);
  assert.equal(f.pointer, '/0');
  assert.equal(f.severity, 'info');
  assert.equal(f.owasp, 'LCNC-SEC-10');
  assert.equal(f.fix, undefined);
  assert.equal(slice(text, f), '"Flow 1"');
  assert.equal(
    f.message,
    'Flow "Flow 1" receives messages from the HTTP In node "POST /orders" but has no Catch node: when a node on this flow fails, the error only goes to the Node-RED log and the debug sidebar, nothing in the flow reacts and nobody is alerted, and the HTTP caller gets no response. Add a Catch node that reports the error to your monitoring and answers the HTTP caller with an error response.',
  );
});

test('several inputs are counted; without an HTTP input the response wording is left out', () => {
  const text = nodeRedFlow([wired('m1', 'mqtt in', { name: 'Cmds', topic: 'c' }, [[]]), wired('u1', 'udp in', { name: 'Beacons' }, [[]])]);
  const [f] = runRule(ID, text);
  assert.match(f.message, /^Flow "Flow 1" receives messages from the MQTT In node "Cmds" \(and 1 more network input\) but has no Catch node: .* nobody is alerted\. Add a Catch node that reports the error to your monitoring\.$/);
});

test('without the tab object in the file, the first input node is the location', () => {
  const text = nodeRedFlow(api(), { tab: false });
  const [f] = runRule(ID, text);
  assert.equal(f.pointer, '/0');
  assert.equal(slice(text, f), '"http in"');
  assert.match(f.message, /^The flow on tab t1 receives messages/);
});

test('a Catch node of any scope, disabled tabs, disabled inputs, subflows and tabs without network input are not reported', () => {
  for (const scope of [null, ['f1'], 'group']) {
    assert.deepEqual(runRule(ID, nodeRedFlow([...api(), wired('c1', 'catch', { scope, uncaught: false }, [[]])])), [], JSON.stringify(scope));
  }
  assert.deepEqual(runRule(ID, nodeRedFlow(api(), { tabDisabled: true })), []);
  assert.deepEqual(runRule(ID, nodeRedFlow([{ ...api()[0], d: true }, ...api().slice(1)])), []);
  assert.deepEqual(runRule(ID, nodeRedFlow([wired('i1', 'inject', {}, [[]])])), []);
  const sub = { id: 's1', type: 'subflow', name: 'S', in: [], out: [] };
  assert.deepEqual(runRule(ID, nodeRedFlow([sub, { ...wired('h1', 'http in', { url: '/s' }, [[]]), z: 's1' }])), []);
});

test('a disabled Catch node does not count', () => {
  assert.equal(runRule(ID, nodeRedFlow([...api(), { ...wired('c1', 'catch', { scope: null }, [[]]), d: true }])).length, 1);
});
