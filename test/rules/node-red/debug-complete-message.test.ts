import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFixAndCheck, runRule } from '../../helpers';
import { assertNoNewFindings, nodeRedFlow, wired } from './fixtures';

const ID = 'node-red/debug-complete-message';
const debug = (props: Record<string, unknown>, id = 'd1') =>
  wired(id, 'debug', { name: 'Log all', active: true, tosidebar: true, console: true, tostatus: false, complete: 'true', targetType: 'full', statusVal: '', statusType: 'auto', ...props }, []);
const slice = (text: string, f: { offset: number; length: number }) => text.slice(f.offset, f.offset + f.length);

test('complete msg to the system console, fed by HTTP In: warning on the console value naming msg.req; the fix turns the console off', () => {
  const text = nodeRedFlow([wired('h1', 'http in', { name: 'Webhook', url: '/hook', method: 'post' }, [['d1']]), debug({})]);
  const [f, ...rest] = runRule(ID, text);
  assert.equal(rest.length, 0);
  assert.equal(f.pointer, '/2');
  assert.equal(f.severity, 'warning');
  assert.equal(f.owasp, 'LCNC-SEC-03');
  assert.equal(slice(text, f), 'true');
  assert.equal(text.slice(f.offset - 11, f.offset), '"console": ');
  assert.equal(
    f.message,
    'Debug node "Log all" writes the complete msg object to the Node-RED log ("system console"): every property of every message, ten levels deep, ends up in log files and log collectors that other people can read. Messages from the HTTP In node "Webhook" reach it, so msg.req with the caller\'s request headers (Authorization, cookies) is logged too. Log only the property you need, or turn off "system console" and use the debug sidebar.',
  );
  assert.equal(f.fix?.isPreferred, false);
  assert.equal(f.fix?.title, 'Stop writing whole messages of "Log all" to the Node-RED log');
  const fixed = applyFixAndCheck(ID, text, f);
  assert.equal(fixed, text.replace('"console": true', '"console": false'));
  assertNoNewFindings(text, fixed);
});

test('without a network input it is info; the string "true" and a boolean complete count as on (runtime string compare)', () => {
  const text = nodeRedFlow([wired('i1', 'inject', {}, [['d1']]), debug({ console: 'true', complete: true, targetType: undefined })]);
  const [f] = runRule(ID, text);
  assert.equal(f.severity, 'info');
  assert.equal(slice(text, f), '"true"');
  assert.match(f.message, /read\. Log only the property you need/);
  const fixed = applyFixAndCheck(ID, text, f);
  assert.equal(JSON.parse(fixed)[2].console, false);
});

test('an MQTT input is named without the msg.req wording', () => {
  const text = nodeRedFlow([wired('m1', 'mqtt in', { name: 'Sensors', topic: 's/#' }, [['d1']]), debug({})]);
  const [f] = runRule(ID, text);
  assert.equal(f.severity, 'warning');
  assert.match(f.message, /Messages from the MQTT In node "Sensors" reach it, so outside data is logged as received\./);
});

test('the sidebar-off switch ("active": false) does not stop console output, so it is still reported', () => {
  assert.equal(runRule(ID, nodeRedFlow([debug({ active: false })])).length, 1);
});

test('a single property, the sidebar only, a JSONata expression, disabled nodes and disabled tabs are not reported', () => {
  const cases = [
    debug({ complete: 'payload', targetType: 'msg' }),
    debug({ complete: 'false' }),
    debug({ complete: 'req.headers' }),
    debug({ console: false }),
    debug({ console: 'false' }),
    debug({ complete: 'true', targetType: 'jsonata' }),
    { ...debug({}), d: true },
  ];
  for (const n of cases) assert.deepEqual(runRule(ID, nodeRedFlow([n])), [], JSON.stringify(n));
  assert.deepEqual(runRule(ID, nodeRedFlow([debug({})], { tabDisabled: true })), []);
  const noConsole = { ...debug({}) };
  delete noConsole.console;
  assert.deepEqual(runRule(ID, nodeRedFlow([noConsole])), [], 'a missing console key means off');
});
