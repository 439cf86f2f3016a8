/**
 * Analysis time grows linearly with the size of a valid, dense flow (thousands of triggers, HTTP nodes, secrets…):
 * a rule that does per-step work over all steps (it happened: n8n `stepsRunFrom` rebuilt a name index for every
 * trigger, so a 5 MB workflow took minutes) shows as a time ratio near the square of the size ratio. The check is a
 * ratio of CPU times on the same machine (best of two runs each), not a duration: 4 times the size must cost less
 * than 10 times the time (linear: about 4; quadratic: about 16).
 * The normal run checks n8n at 256 KB → 1 MB; `npm run test:fuzz` checks every format at 1 MB → 4 MB and reports
 * the CPU time of each 4 MB document.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/engine';
import { recordCounts } from './lib/counts';

const FULL = process.env.LCG_FUZZ_RUNS !== undefined;
const WDL_SCHEMA = 'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#';

/** Dense documents of about `bytes` bytes, one per format. */
const SHAPES: Record<string, (bytes: number) => string> = {
  n8n: (bytes) => {
    const nodes: unknown[] = [];
    const connections: Record<string, unknown> = {};
    for (let i = 0, size = 0; size < bytes; i++) {
      const n = i % 3 === 0
        ? { id: `n${i}`, name: `Hook ${i}`, type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [i, 0], webhookId: `w${i}`, parameters: { path: `p${i}` } }
        : { id: `n${i}`, name: `Call ${i}`, type: 'n8n-nodes-base.httpRequest', typeVersion: 4, position: [i, 0], parameters: { url: `http://api.test.org/${i}`, sendHeaders: true, headerParameters: { parameters: [{ name: 'X-API-Key', value: `abcdEFGH1234ijklMNOP${i}` }] } }, credentials: { httpHeaderAuth: { id: `${i}`, name: 'key' } } };
      if (i % 3 === 1) connections[`Hook ${i - 1}`] = { main: [[{ node: `Call ${i}`, type: 'main', index: 0 }]] };
      nodes.push(n);
      size += JSON.stringify(n).length + 60;
    }
    return JSON.stringify({ name: 'dense', nodes, connections });
  },
  // A long chain Webhook → HTTP Request (URL from the input) → Code → HTTP Request → …: n8n/ssrf-url-from-input rebuilt
  // a name index for every HTTP Request (20,000 nodes: 205 s; found by an adversarial run).
  'n8n chain': (bytes) => {
    const nodes: { name: string }[] = [{ id: 'n0', name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], parameters: { path: 'x', httpMethod: 'POST' } } as { name: string }];
    const connections: Record<string, unknown> = {};
    for (let i = 1, size = 0; size < bytes; i++) {
      const n = i % 2 === 1
        ? { id: `n${i}`, name: `HTTP ${i}`, type: 'n8n-nodes-base.httpRequest', typeVersion: 4, position: [i, 0], parameters: { url: '={{ $json.body.target }}', options: { allowUnauthorizedCerts: true } } }
        : { id: `n${i}`, name: `Code ${i}`, type: 'n8n-nodes-base.code', typeVersion: 2, position: [i, 0], parameters: { jsCode: 'return $input.all();' } };
      connections[nodes[i - 1].name] = { main: [[{ node: n.name, type: 'main', index: 0 }]] };
      nodes.push(n);
      size += JSON.stringify(n).length + 80;
    }
    return JSON.stringify({ name: 'chain', nodes, connections });
  },
  'node-red': (bytes) => {
    const flow: unknown[] = [{ id: 't', type: 'tab' }];
    for (let i = 0, size = 0; size < bytes; i++) {
      const n = [
        { id: `h${i}`, type: 'http in', z: 't', url: `/x${i}`, method: 'post', wires: [[`f${i}`]] },
        { id: `f${i}`, type: 'function', z: 't', func: `const cp = require('child_process'); return msg;`, wires: [[`e${i}`]] },
        { id: `e${i}`, type: 'exec', z: 't', command: 'ls', addpay: 'payload', wires: [[], [], []] },
        { id: `m${i}`, type: 'mqtt-broker', broker: `mqtt://b${i}.test.org`, usetls: false, credentials: { password: 'hunter2hunter2' } },
      ][i % 4];
      flow.push(n);
      size += JSON.stringify(n).length;
    }
    return JSON.stringify(flow);
  },
  wdl: (bytes) => {
    const actions: Record<string, unknown> = {};
    let prev: string | undefined;
    for (let i = 0, size = 0; size < bytes; i++) {
      const name = `Call_${i}`;
      actions[name] = { type: 'Http', runAfter: prev ? { [prev]: ['Succeeded'] } : {}, inputs: { method: 'POST', uri: `http://api.test.org/${i}`, headers: { Authorization: `Bearer abcdEFGH1234ijklMNOP${i}` }, body: "@triggerBody()?['q']" } };
      prev = name;
      size += JSON.stringify(actions[name]).length + 20;
    }
    const parameters = { apiPassword: { type: 'String', defaultValue: 'hunter2hunter2' } };
    return JSON.stringify({ definition: { $schema: WDL_SCHEMA, contentVersion: '1.0.0.0', parameters, triggers: { manual: { type: 'Request', kind: 'Http', inputs: {} } }, actions }, kind: 'Stateful' });
  },
};

/** CPU milliseconds of analysing `text` (best of two runs). */
function cpuMs(text: string): { ms: number; findings: number } {
  let best = Infinity;
  let findings = 0;
  for (let i = 0; i < 2; i++) {
    const start = process.cpuUsage();
    findings = analyze(text, { fileName: 'dense.json' }).findings.length;
    const d = process.cpuUsage(start);
    best = Math.min(best, (d.user + d.system) / 1000);
  }
  return { ms: best, findings };
}

for (const [format, build] of Object.entries(SHAPES)) {
  const small = FULL ? 1024 * 1024 : 256 * 1024;
  const run = FULL || format === 'n8n' || format === 'n8n chain';
  test(`${format}: analysis time is linear in the size of a dense document (${small / 1024} KB → ${(4 * small) / 1024} KB)`, { skip: !run && 'runs in npm run test:fuzz', timeout: 600_000 }, (t) => {
    const a = cpuMs(build(small));
    const b = cpuMs(build(4 * small));
    assert.ok(b.findings > 3 * a.findings, `findings grow with the size (${a.findings} → ${b.findings})`);
    const ratio = b.ms / Math.max(a.ms, 1);
    t.diagnostic(`${format}: ${a.ms.toFixed(0)} ms CPU (${a.findings} findings) → ${b.ms.toFixed(0)} ms CPU (${b.findings} findings): ×${ratio.toFixed(1)} for ×4 the size`);
    recordCounts(`scale-${format}`, { format, smallKB: small / 1024, smallCpuMs: Math.round(a.ms), bigCpuMs: Math.round(b.ms), ratio: Number(ratio.toFixed(1)) });
    assert.ok(ratio < 10, `×4 the size cost ×${ratio.toFixed(1)} the time: superlinear`);
  });
}

test('n8n: schema problems on every node (no "parameters") cost time linear in the number of nodes, though only 50 are reported', { timeout: 600_000 }, (t) => {
  const doc = (n: number) => JSON.stringify({ nodes: Array.from({ length: n }, (_, i) => ({ id: `n${i}`, name: `Set ${i}`, type: 'n8n-nodes-base.set', typeVersion: 1, position: [i, 0] })), connections: {} });
  const n = FULL ? 20_000 : 8_000;
  const a = cpuMs(doc(n));
  const b = cpuMs(doc(4 * n));
  assert.equal(a.findings, 50);
  assert.equal(b.findings, 50);
  const ratio = b.ms / Math.max(a.ms, 1);
  t.diagnostic(`${n} → ${4 * n} nodes: ${a.ms.toFixed(0)} → ${b.ms.toFixed(0)} ms CPU, ×${ratio.toFixed(1)} for ×4 the nodes`);
  recordCounts('scale-n8n-schema-errors', { nodes: n, smallCpuMs: Math.round(a.ms), bigCpuMs: Math.round(b.ms), ratio: Number(ratio.toFixed(1)) });
  // Linear gives ×3–4; the quadratic step lookup this guards against gave ×8 at 5,000 → 20,000 nodes and more beyond.
  assert.ok(ratio < 6, `×4 the nodes cost ×${ratio.toFixed(1)} the time: superlinear`);
});
