import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { allRules, analyze, RULE_ERROR_ID } from '../../../server/src/engine';
import { CORPUS } from '../../helpers';

const SKIP = !CORPUS && 'shared corpus not found at ../shared/corpus';
const RULES = allRules.filter((r) => r.meta.id.startsWith('node-red/'));

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

test('Node-RED rules over the Node-RED corpus: per-rule counts, no rule errors', { skip: SKIP }, () => {
  const counts: Record<string, number> = {};
  let analysed = 0;
  for (const file of filesUnder(path.join(CORPUS!, 'node-red'))) {
    const r = analyze(fs.readFileSync(file, 'utf8'), { only: RULES, skipSchema: true, fileName: file });
    if (r.detection?.format !== 'node-red') continue;
    analysed++;
    for (const f of r.findings) {
      assert.notEqual(f.ruleId, RULE_ERROR_ID, `${file}: ${f.message}`);
      const key = `${f.ruleId} ${f.severity}`;
      counts[key] = (counts[key] ?? 0) + 1;
    }
  }
  assert.equal(analysed, 367);
  assert.deepEqual(counts, {
    'node-red/debug-complete-message info': 1,
    'node-red/exec-node error': 1,
    'node-red/exec-node warning': 2,
    'node-red/file-path-from-message info': 4,
    'node-red/http-in-endpoint info': 52,
    'node-red/no-catch-node info': 36,
    'node-red/unused-config-node info': 6,
    'node-red/websocket-endpoint info': 5,
  });
});

test('named corpus findings: exec example appends msg.payload; Modbus HTTP example exposes GET endpoints', { skip: SKIP }, () => {
  const at = (rel: string) => {
    const text = fs.readFileSync(path.join(CORPUS!, rel), 'utf8');
    return { text, findings: analyze(text, { only: RULES, skipSchema: true }).findings };
  };
  const a = at('node-red/node-red__node-red/packages__node_modules__@node-red__nodes__examples__function__exec__01 - Get standard output from external command.json');
  const exec = a.findings.find((f) => f.ruleId === 'node-red/exec-node' && f.pointer === '/1');
  assert.ok(exec, 'exec-node at /1');
  assert.equal(exec.severity, 'error');
  assert.equal(a.text.slice(exec.offset, exec.offset + exec.length), 'true');
  assert.match(exec.message, /appends msg\.payload to the command `echo`/);

  const b = at('node-red/BiancoRoyal__node-red-contrib-modbus/examples__Modbus-HTTP.json');
  const http = b.findings.find((f) => f.ruleId === 'node-red/http-in-endpoint' && f.pointer === '/2');
  assert.ok(http, 'http-in-endpoint at /2');
  assert.equal(b.text.slice(http.offset, http.offset + http.length), '"/modbus/flex/read"');
  assert.match(http.message, /exposes GET \/modbus\/flex\/read on Node-RED's HTTP server/);
});

test('named corpus findings of the wave-2 rules: message-built file path, WebSocket listener, unused OPC UA endpoint, debug to console', { skip: SKIP }, () => {
  const at = (rel: string) => {
    const text = fs.readFileSync(path.join(CORPUS!, rel), 'utf8');
    return { text, findings: analyze(text, { only: RULES, skipSchema: true }).findings };
  };
  const slice = (text: string, f: { offset: number; length: number }) => text.slice(f.offset, f.offset + f.length);

  // A Function node sets msg.filename from msg.browseName (data from the OPC UA server); the legacy file node writes there.
  const a = at('node-red/mikakaraila__node-red-contrib-opcua/examples__ExampleFlow.json');
  const file = a.findings.find((f) => f.ruleId === 'node-red/file-path-from-message');
  assert.ok(file, 'file-path-from-message in ExampleFlow.json');
  assert.equal(file.pointer, '/27');
  assert.equal(file.severity, 'info');
  assert.equal(slice(a.text, file), '""');
  assert.match(file.message, /^Write File node "OPC UA Items" overwrites the file named by msg\.filename \(the file name is empty/);

  const b = at('node-red/node-red__node-red/packages__node_modules__@node-red__nodes__examples__network__websocket__01 - Connect to websocket in server.json');
  const ws = b.findings.find((f) => f.ruleId === 'node-red/websocket-endpoint');
  assert.ok(ws, 'websocket-endpoint in the core WebSocket example');
  assert.equal(slice(b.text, ws), '"/ws1"');
  const noCatch = b.findings.find((f) => f.ruleId === 'node-red/no-catch-node');
  assert.ok(noCatch, 'no-catch-node in the core WebSocket example');
  assert.match(noCatch.message, /receives messages from the WebSocket In node "13410716\.69c9d9" but has no Catch node/);

  // Two of four OpcUa-Endpoint config nodes are duplicates no client uses.
  const c = at('node-red/mikakaraila__node-red-contrib-opcua/examples__OPCUA-RIGHTS.json');
  assert.deepEqual(c.findings.filter((f) => f.ruleId === 'node-red/unused-config-node').map((f) => f.pointer), ['/4', '/5']);

  const d = at('node-red/mikakaraila__node-red-contrib-opcua/examples__OPCUA-TEST-NODES.json');
  const dbg = d.findings.find((f) => f.ruleId === 'node-red/debug-complete-message');
  assert.ok(dbg, 'debug-complete-message in OPCUA-TEST-NODES.json');
  assert.equal(dbg.pointer, '/48');
  assert.equal(slice(d.text, dbg), 'true');
});
