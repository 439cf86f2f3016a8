import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runRule } from '../../helpers';
import { classifyHost } from '../../../server/src/engine/rules/node-red/mqtt-broker';
import { nodeRedFlow } from './fixtures';

const ID = 'node-red/mqtt-without-tls';
const broker = (props: Record<string, unknown>, id = 'b1') => ({ id, type: 'mqtt-broker', name: 'Plant broker', port: '1883', clientid: '', autoConnect: true, protocolVersion: '4', ...props });
const slice = (text: string, f: { offset: number; length: number }) => text.slice(f.offset, f.offset + f.length);

test('a public broker with usetls false is a warning on the usetls value, with the effective URL', () => {
  const text = nodeRedFlow([broker({ broker: 'broker.hivemq.com', usetls: false })]);
  const [f, ...rest] = runRule(ID, text);
  assert.equal(rest.length, 0);
  assert.equal(f.pointer, '/1');
  assert.equal(f.severity, 'warning');
  assert.equal(f.owasp, 'LCNC-SEC-04');
  assert.equal(f.fix, undefined);
  assert.equal(slice(text, f), 'false');
  assert.equal(
    f.message,
    'MQTT broker "Plant broker" connects to mqtt://broker.hivemq.com:1883 without TLS: the broker user name and password and every message travel in cleartext across the internet, readable and changeable by anyone on the path. Tick "Use TLS", select a TLS configuration and use the broker\'s TLS port (usually 8883).',
  );
});

test('a missing usetls means no TLS (reported on the broker value); a missing port means 1883', () => {
  const text = nodeRedFlow([{ id: 'b1', type: 'mqtt-broker', name: '', broker: 'iot.example.org' }]);
  const [f] = runRule(ID, text);
  assert.equal(slice(text, f), '"iot.example.org"');
  assert.match(f.message, /^MQTT broker "b1" connects to mqtt:\/\/iot\.example\.org:1883 without TLS/);
});

test('cleartext broker URLs are reported on the URL; user info is never shown', () => {
  const text = nodeRedFlow([broker({ broker: 'mqtt://alice:s3cr3t-pa55@test.mosquitto.org:1883', usetls: false })]);
  const [f] = runRule(ID, text);
  assert.equal(slice(text, f), '"mqtt://alice:s3cr3t-pa55@test.mosquitto.org:1883"');
  assert.match(f.message, /connects to mqtt:\/\/test\.mosquitto\.org without TLS: .* Use an mqtts:\/\/ URL to the broker's TLS port\.$/);
  assert.doesNotMatch(f.message, /alice|s3cr3t/);
  const [ws] = runRule(ID, nodeRedFlow([broker({ broker: 'ws://mqtt.example.com:8080/mqtt' })]));
  assert.match(ws.message, /connects to ws:\/\/mqtt\.example\.com without TLS: .* Use a wss:\/\/ URL/);
  const [tcp] = runRule(ID, nodeRedFlow([broker({ broker: 'tcp://mqtt.example.com' })]));
  assert.match(tcp.message, /connects to tcp:\/\/mqtt\.example\.com without TLS/);
});

test('brokers on private networks are info, with a LAN wording', () => {
  for (const host of ['192.168.1.10', '10.0.0.5', '172.20.1.1', 'mosquitto', 'nas.local', 'core-mosquitto', 'broker.home.arpa', '[fd00::12]']) {
    const found = runRule(ID, nodeRedFlow([broker({ broker: host.startsWith('[') ? `mqtt://${host}:1883` : host, usetls: false })]));
    assert.equal(found.length, 1, host);
    assert.equal(found[0].severity, 'info', host);
    assert.match(found[0].message, /in cleartext on the local network \(the host is a private address\)/, host);
  }
});

test('loopback, empty (localhost), templated hosts, TLS and disabled brokers are not reported', () => {
  const cases = [
    broker({ broker: 'localhost' }),
    broker({ broker: '127.0.0.1', usetls: false }),
    broker({ broker: '::1' }),
    broker({ broker: 'mqtt://[::1]:1883' }),
    broker({ broker: '' }),
    broker({ broker: '${MQTT_HOST}' }),
    broker({ broker: 'broker.hivemq.com', usetls: true }),
    broker({ broker: 'broker.hivemq.com', usetls: 'false' }), // the runtime tests truthiness: the string "false" turns TLS on
    broker({ broker: 'mqtts://broker.hivemq.com:8883' }),
    broker({ broker: 'wss://broker.hivemq.com:8884/mqtt' }),
    broker({ broker: 'mqtt://broker.hivemq.com', usetls: true, tls: 'c1' }), // MQTT.js may upgrade with a client certificate
    { ...broker({ broker: 'broker.hivemq.com' }), d: true },
  ];
  for (const b of cases) assert.deepEqual(runRule(ID, nodeRedFlow([b])), [], JSON.stringify(b));
});

test('classifyHost: loopback, private, public, and unknown for placeholders', () => {
  const expect: Record<string, string> = {
    localhost: 'loopback',
    '127.0.0.1': 'loopback',
    '[::1]': 'loopback',
    '192.168.0.10': 'private',
    '10.1.2.3': 'private',
    'fd12:3456::1': 'private',
    mosquitto: 'private',
    'printer.local': 'private',
    '172.32.0.1': 'public',
    '8.8.8.8': 'public',
    'broker.hivemq.com': 'public',
    '': 'unknown',
    '${MQTT_HOST}': 'unknown',
    '{{host}}': 'unknown',
  };
  for (const [host, cls] of Object.entries(expect)) assert.equal(classifyHost(host), cls, host);
});
