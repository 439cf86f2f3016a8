/**
 * A token written into a name (workflow name, node name, Node-RED tab label) is reported by common/hardcoded-secret,
 * and every other output that quotes that name must show it redacted too: finding messages (stylish, json, sarif),
 * fix titles, the HTML report and the inventory (json, csv, md). Found by an adversarial run: the n8n/no-error-workflow
 * message printed a workflow name holding a GitHub token in full.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyze, redactSecretsIn } from '../../server/src/engine';
import { ensureBuiltCli, runCli } from './cli-helpers';

// Fake, same-shaped values built at run time (GitHub classic token: ghp_ + 36; AWS access key id: AKIA + 16).
const GH = 'ghp_' + 'Zq7'.repeat(12);
const AWS = 'AKIA' + 'QX7T'.repeat(4);

const workflow = JSON.stringify({
  name: `Flow ${GH}`,
  nodes: [
    { id: '1', name: 'Hook', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], parameters: { path: 'p' } },
    { id: '2', name: `Node ${AWS}`, type: 'n8n-nodes-base.httpRequest', typeVersion: 4, position: [1, 0], parameters: { url: 'http://api.example.org/x' } },
  ],
  connections: { Hook: { main: [[{ node: `Node ${AWS}`, type: 'main', index: 0 }]] } },
  settings: {},
});

test('redactSecretsIn: known tokens in a text become their redacted form; other text is returned as is', () => {
  assert.equal(redactSecretsIn(`Workflow "Flow ${GH}" runs`), `Workflow "Flow ghp_…q7 (40 chars)" runs`);
  assert.equal(redactSecretsIn(`Node ${AWS}`), 'Node AK… (20 chars)');
  const plain = 'Webhook "Order Webhook" accepts requests without authentication';
  assert.equal(redactSecretsIn(plain), plain);
});

test('engine: no finding message or fix title quotes a token held by a name', () => {
  const { findings } = analyze(workflow, { fileName: 'wf.json' });
  assert.ok(findings.some((f) => f.ruleId === 'common/hardcoded-secret'), 'the name itself is reported');
  assert.ok(findings.some((f) => f.ruleId === 'n8n/no-error-workflow' && f.message.includes('ghp_…q7 (40 chars)')));
  for (const f of findings) {
    for (const s of [f.message, f.fix?.title ?? '']) {
      assert.ok(!s.includes(GH) && !s.includes(AWS), `${f.ruleId}: ${s}`);
    }
  }
});

test('CLI: stylish, json, sarif, html and inventory json/csv/md never print a token held by a name', () => {
  ensureBuiltCli();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lcg-secret-names-'));
  try {
    fs.writeFileSync(path.join(dir, 'wf.json'), workflow);
    const runs = [
      ...['stylish', 'json', 'sarif', 'html'].map((f) => runCli(['scan', '.', '--format', f, '--fail-on', 'none'], { cwd: dir })),
      ...['json', 'csv', 'md'].map((f) => runCli(['inventory', '.', '--format', f], { cwd: dir })),
    ];
    for (const r of runs) {
      assert.equal(r.code, 0, r.stderr);
      assert.ok(r.stdout.length > 100);
      assert.ok(!r.stdout.includes(GH) && !r.stdout.includes(AWS), r.stdout.slice(0, 400));
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
