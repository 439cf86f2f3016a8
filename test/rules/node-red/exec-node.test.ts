import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits } from '../../../server/src/engine';
import { runRule } from '../../helpers';
import { nodeRedFlow, wired } from './fixtures';

const ID = 'node-red/exec-node';
const exec = (props: Record<string, unknown>, id = 'e1') =>
  wired(id, 'exec', { command: 'ls -la', append: '', useSpawn: 'false', timer: '', winHide: false, oldrc: false, ...props }, [[], [], []]);
const slice = (text: string, f: { offset: number; length: number }) => text.slice(f.offset, f.offset + f.length);

test('addpay "payload" fed by an HTTP In node is an error on the addpay value, naming the input; the fix turns appending off', () => {
  const text = nodeRedFlow([
    wired('h1', 'http in', { name: 'POST /run', url: '/run', method: 'post' }, [['e1']]),
    exec({ name: 'Run device command', command: '/usr/local/bin/device-ctl --mode', addpay: 'payload' }),
  ]);
  const [f, ...rest] = runRule(ID, text);
  assert.equal(rest.length, 0);
  assert.equal(f.pointer, '/2');
  assert.equal(f.severity, 'error');
  assert.equal(f.owasp, 'LCNC-SEC-07');
  assert.equal(slice(text, f), '"payload"');
  assert.equal(
    f.message,
    'Exec node "Run device command" appends msg.payload to the command `/usr/local/bin/device-ctl`: the line runs through a shell, so characters such as ; | && $( ) in the value start other commands (command injection). The HTTP In node "POST /run" feeds this node: anyone who can send to that input can run commands on the Node-RED host. Validate the value against an allow-list before this node, or stop appending it.',
  );
  assert.equal(f.fix?.isPreferred, false);
  assert.equal(f.fix?.title, 'Stop appending msg.payload to the command of "Run device command"');
  const fixed = applyEdits(text, f.fix!.edits);
  assert.equal(fixed, text.replace('"addpay": "payload"', '"addpay": ""'));
  const after = runRule(ID, fixed);
  assert.deepEqual(after.map((x) => [x.pointer, x.severity]), [['/2', 'warning']], 'the error is gone; the exec node itself stays a warning');
});

test('a missing addpay means msg.payload is appended (runtime default): error on the node type, the fix adds addpay ""', () => {
  const text = nodeRedFlow([exec({ command: 'echo' })]);
  const [f] = runRule(ID, text);
  assert.equal(f.severity, 'error');
  assert.equal(slice(text, f), '"exec"');
  assert.match(f.message, /^Exec node "e1" appends msg\.payload to the command `echo` \(no "addpay" setting: the runtime appends msg\.payload by default\)/);
  assert.match(f.message, /Whoever controls that message property can change what runs on the Node-RED host\./);
  const fixed = applyEdits(text, f.fix!.edits);
  assert.equal(JSON.parse(fixed)[1].addpay, '');
  assert.equal(fixed, text.replace('"wires": [\n      [],\n      [],\n      []\n    ]\n', '"wires": [\n      [],\n      [],\n      []\n    ],\n    "addpay": ""\n'));
  assert.deepEqual(runRule(ID, fixed).map((x) => x.severity), ['warning']);
});

test('addpay true appends msg.payload, a property name appends that property; spawn mode is described as argument injection', () => {
  const t1 = nodeRedFlow([exec({ addpay: true })]);
  const [a] = runRule(ID, t1);
  assert.equal(slice(t1, a), 'true');
  assert.match(a.message, /appends msg\.payload to the command `ls`/);
  const t2 = nodeRedFlow([exec({ addpay: 'topic', useSpawn: 'true' })]);
  const [b] = runRule(ID, t2);
  assert.equal(b.severity, 'error');
  assert.match(b.message, /appends msg\.topic to the command `ls`: the value is split into arguments, so it can add options or arguments \(and on Windows it goes through a shell\)\./);
});

test('an empty command with addpay runs the message itself as the command', () => {
  const [f] = runRule(ID, nodeRedFlow([exec({ command: '', addpay: 'payload' })]));
  assert.match(f.message, /^Exec node "e1" has an empty command and runs msg\.payload as the command:/);
});

test('addpay "" or false: a warning on the command value; messages from a network input through link nodes are named', () => {
  for (const addpay of ['', false]) {
    const text = nodeRedFlow([
      wired('m1', 'mqtt in', { name: 'Commands', topic: 'cmd', broker: 'b1' }, [['lo']]),
      wired('lo', 'link out', { links: ['li'] }, []),
      wired('li', 'link in', { links: ['lo'] }, [['e1']]),
      exec({ addpay, command: 'systemctl restart app' }),
    ]);
    const [f, ...rest] = runRule(ID, text);
    assert.equal(rest.length, 0);
    assert.equal(f.severity, 'warning');
    assert.equal(f.pointer, '/4');
    assert.equal(slice(text, f), '"systemctl restart app"');
    assert.equal(f.fix, undefined);
    assert.equal(
      f.message,
      'Exec node "e1" runs the command `systemctl` on the Node-RED host with the rights of the Node-RED process. Messages from the MQTT In node "Commands" can trigger it. Make sure the command is needed and fixed, and that the host account has only the rights it needs.',
    );
  }
});

test('the message names only the program, never the arguments (they may hold secrets)', () => {
  const [f] = runRule(ID, nodeRedFlow([exec({ command: `curl -H "Authorization: Bearer ${['sk', 'live', '4eC39HqLyjWDarjtT1zdp7dc'].join('_')}" https://api.example.com`, addpay: '' })]));
  assert.match(f.message, /runs the command `curl`/);
  assert.doesNotMatch(f.message, /sk_live|Bearer|api\.example/);
});

test('disabled exec nodes, exec nodes on a disabled tab, and disabled inputs are not reported / not named', () => {
  assert.deepEqual(runRule(ID, nodeRedFlow([{ ...exec({ addpay: 'payload' }), d: true }])), []);
  assert.deepEqual(runRule(ID, nodeRedFlow([exec({ addpay: 'payload' })], { tabDisabled: true })), []);
  const text = nodeRedFlow([{ ...wired('h1', 'http in', { url: '/x', method: 'get' }, [['e1']]), d: true }, exec({ addpay: 'payload' })]);
  const [f] = runRule(ID, text);
  assert.doesNotMatch(f.message, /HTTP In/);
});

test('several network inputs: the nearest is named and the others counted', () => {
  const text = nodeRedFlow([
    wired('h1', 'http in', { name: 'API', url: '/a', method: 'post' }, [['f1']]),
    wired('w1', 'websocket in', { name: 'WS' }, [['f1']]),
    wired('u1', 'udp in', { name: 'UDP' }, [['e1']]),
    wired('f1', 'function', { func: 'return msg;' }, [['e1']]),
    exec({ addpay: 'payload' }),
  ]);
  const [f] = runRule(ID, text);
  assert.match(f.message, /The UDP In node "UDP" \(and 2 more network inputs\) feeds this node/);
});
