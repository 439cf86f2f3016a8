import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFixAndCheck, runRule } from '../../helpers';
import { nodeRedFlow, wired } from './fixtures';

const ID = 'node-red/tls-verification-disabled';
const tlsConfig = (props: Record<string, unknown>, id = 'c1') => ({
  id,
  type: 'tls-config',
  name: 'Historian TLS',
  cert: '',
  key: '',
  ca: '',
  certname: '',
  keyname: '',
  caname: '',
  servername: '',
  alpnprotocol: '',
  ...props,
});
const broker = (props: Record<string, unknown>, id = 'b1') => ({ id, type: 'mqtt-broker', name: 'Plant broker', broker: 'mqtt.example.com', port: '8883', clientid: '', autoConnect: true, protocolVersion: '4', ...props });
const slice = (text: string, f: { offset: number; length: number }) => text.slice(f.offset, f.offset + f.length);

test('tls-config with verifyservercert false is reported on that value, naming its users; the fix sets true and keeps formatting', () => {
  const text = nodeRedFlow([
    wired('r1', 'http request', { name: 'Forward to historian', method: 'POST', url: 'https://historian.example.com/api', tls: 'c1' }),
    tlsConfig({ verifyservercert: false }),
  ]);
  const [f, ...rest] = runRule(ID, text);
  assert.equal(rest.length, 0);
  assert.equal(f.pointer, '/2');
  assert.equal(f.severity, 'warning');
  assert.equal(f.owasp, 'LCNC-SEC-04');
  assert.equal(slice(text, f), 'false');
  assert.equal(
    f.message,
    'TLS configuration "Historian TLS" does not verify the server certificate ("Verify server certificate" is off): connections using it accept any certificate, so anyone on the network path can impersonate the server and read or change the traffic. It is used by "Forward to historian".',
  );
  assert.equal(f.fix?.isPreferred, true);
  const fixed = applyFixAndCheck(ID, text, f);
  assert.equal(fixed, text.replace('"verifyservercert": false', '"verifyservercert": true'));
  assert.deepEqual(runRule(ID, fixed), []);
});

test('tls-config verifying, without the key, with the string "false", or disabled is not reported', () => {
  // Node.js tls.connect verifies unless rejectUnauthorized === false, so a missing key and the string "false" both verify.
  for (const props of [{ verifyservercert: true }, {}, { verifyservercert: 'false' }, { verifyservercert: false, d: true }]) {
    assert.deepEqual(runRule(ID, nodeRedFlow([tlsConfig(props)])), [], JSON.stringify(props));
  }
});

test('MQTT broker with "Use TLS" but no tls-config falls back to the legacy setting (off): reported on the broker value, fix adds verifyservercert true', () => {
  const text = nodeRedFlow([broker({ usetls: true, tls: '' })]);
  const [f, ...rest] = runRule(ID, text);
  assert.equal(rest.length, 0);
  assert.equal(f.pointer, '/1');
  assert.equal(slice(text, f), '"mqtt.example.com"');
  assert.equal(
    f.message,
    'MQTT broker "Plant broker" connects over TLS (mqtts://mqtt.example.com) but does not verify the server certificate: no TLS configuration is applied to it, so Node-RED falls back to the broker\'s legacy "verifyservercert" setting, which is off. Anyone on the network path can impersonate the broker. Tick "Use TLS" and select a TLS configuration with "Verify server certificate" on.',
  );
  const fixed = applyFixAndCheck(ID, text, f);
  assert.equal(JSON.parse(fixed)[1].verifyservercert, true);
});

test('an mqtts:// or wss:// broker URL without an applied tls-config and legacy verifyservercert false is reported on that value', () => {
  for (const url of ['mqtts://mqtt.example.com:8883', 'wss://mqtt.example.com/mqtt']) {
    const text = nodeRedFlow([broker({ broker: url, usetls: false, verifyservercert: false })]);
    const [f] = runRule(ID, text);
    assert.equal(slice(text, f), 'false', url);
    assert.match(f.message, new RegExp(`connects over TLS \\(${url.split(':')[0]}://mqtt\\.example\\.com\\)`));
    const fixed = applyFixAndCheck(ID, text, f);
    assert.equal(fixed, text.replace('"verifyservercert": false', '"verifyservercert": true'));
  }
});

test('an applied tls-config without verifyservercert leaves the legacy broker setting in charge: reported on the broker, naming the tls-config', () => {
  const text = nodeRedFlow([broker({ usetls: true, tls: 'c1' }), tlsConfig({ name: 'Broker TLS' })]);
  const [f, ...rest] = runRule(ID, text);
  assert.equal(rest.length, 0);
  assert.equal(f.pointer, '/1');
  assert.match(f.message, /its TLS configuration "Broker TLS" does not set "verifyservercert", so Node-RED falls back/);
  applyFixAndCheck(ID, text, f);
});

test('brokers that verify, cleartext brokers, tls-configs outside the file and disabled brokers are not reported here', () => {
  const cases = [
    [broker({ usetls: true, tls: 'c1' }), tlsConfig({ verifyservercert: true })],
    [broker({ usetls: true, tls: '', verifyservercert: true })],
    [broker({ usetls: true, tls: '', verifyservercert: 'true' })],
    [broker({ usetls: false })],
    [broker({ broker: 'mqtt://mqtt.example.com' })],
    [broker({ usetls: true, tls: 'not-in-this-file' })],
    [{ ...broker({ usetls: true }), d: true }],
  ];
  for (const nodes of cases) assert.deepEqual(runRule(ID, nodeRedFlow(nodes)), [], JSON.stringify(nodes[0]));
});

test('a broker using a tls-config with verification off: only the tls-config is reported (one finding, one fix)', () => {
  const text = nodeRedFlow([broker({ usetls: true, tls: 'c1' }), tlsConfig({ verifyservercert: false })]);
  const found = runRule(ID, text);
  assert.deepEqual(found.map((f) => f.pointer), ['/2']);
  assert.match(found[0].message, /It is used by "Plant broker"\./);
});
