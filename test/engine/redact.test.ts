import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { redact } from '../../server/src/engine/redact';
import { CORPUS, json, n8nWorkflow, runRule } from '../helpers';
import { b64url, fake, leaksNothing } from '../rules/common/fakes';

test('redact keeps the first 4 and last 2 characters of 24+ character values, with the length', () => {
  assert.equal(redact('sk_live_abcdefgh12894567'), 'sk_l…67 (24 chars)');
  assert.equal(redact('0123456789abcdef0123456789'), '0123…89 (26 chars)');
});

test('redact shows only 2 leading characters for 8–23 characters and nothing below 8', () => {
  assert.equal(redact('sk_live_abcdefgh1289'), 'sk… (20 chars)');
  assert.equal(redact('0123456789abcde'), '01… (15 chars)');
  assert.equal(redact('01234567'), '01… (8 chars)');
  assert.equal(redact('0123456'), '… (7 chars)');
  assert.equal(redact(''), '… (0 chars)');
});

test('redact shows exactly 0, 2 or 6 characters of the value (by length), never more than 6 nor a quarter', () => {
  for (let n = 0; n <= 200; n++) {
    const s = fake('', n, undefined, n + 1);
    const r = redact(s);
    assert.ok(r.endsWith(` (${n} chars)`), r);
    const shown = r.replace(/ \(\d+ chars\)$/, '').replace('…', '');
    assert.equal(shown.length, n >= 24 ? 6 : n >= 8 ? 2 : 0, `n=${n}: ${r}`);
    assert.ok(shown.length <= n / 4, `n=${n}: ${r}`);
    assert.ok(s.startsWith(shown.slice(0, n >= 24 ? 4 : shown.length)) && s.endsWith(n >= 24 ? shown.slice(4) : ''), r);
  }
});

test('redact counts UTF-16 code units', () => {
  assert.equal(redact('é'.repeat(8)), 'éé… (8 chars)');
  assert.equal(redact('😀'.repeat(4)), '\ud83d\ude00… (8 chars)');
});

test('common/hardcoded-secret messages never contain the secret (every kind, every format)', () => {
  const HEX = '0123456789abcdef';
  const jwt = `${b64url('{"alg":"HS256"}')}.${b64url('{"sub":"42"}')}.${fake('', 43)}`;
  const secrets = [
    fake('AKIA', 16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'),
    fake('ghp_', 36),
    fake('xoxp-', 50),
    fake('sk_live_', 30),
    fake('AIza', 35),
    fake('sk-proj-', 80),
    fake('sk-ant-api03-', 93),
    fake('SG.', 22) + '.' + fake('', 43),
    jwt,
    fake('', 40, HEX),
    'Zq7!vL2#pW9x',
  ];
  const n8n = n8nWorkflow([
    { name: 'Set', type: 'n8n-nodes-base.set', typeVersion: 3, position: [0, 0], parameters: Object.fromEntries(secrets.map((s, i) => [`k${i}`, `value ${s} end`])) },
    { name: 'Pw', type: 'n8n-nodes-base.set', typeVersion: 3, position: [0, 0], parameters: { password: secrets[10], apiKey: secrets[9], auth: `Bearer ${fake('', 30)}` } },
  ]);
  const nodeRed = json([{ id: 'n1', type: 'function', z: 't', func: secrets.map((s, i) => `const token${i} = "${s}";`).join('\n'), password: secrets[10], wires: [[]] }]);
  const wdl = json({
    definition: {
      $schema: 'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#',
      triggers: {},
      actions: { A: { type: 'Http', inputs: { uri: 'https://x.acme-corp.com', headers: Object.fromEntries(secrets.map((s, i) => [`X-Api-Key-${i}`, s])) } } },
    },
  });
  let count = 0;
  for (const text of [n8n, nodeRed, wdl]) {
    for (const f of runRule('common/hardcoded-secret', text)) {
      count++;
      const shown = text.slice(f.offset, f.offset + f.length);
      assert.ok(!f.message.includes(shown), f.message);
      for (const s of secrets) assert.ok(leaksNothing(f.message, s), `${f.message} leaks ${redact(s)}`);
    }
  }
  assert.ok(count >= 30, `expected many findings, got ${count}`);
});

test('on corpus files with real-shaped (fake) secrets, no message contains the text it points at', { skip: !CORPUS && 'shared corpus not found at ../shared/corpus' }, () => {
  const files = [
    'n8n/Zie619__n8n-workflows/workflows__Code__1756_Code_HTTP_Automation_Webhook.json',
    'n8n/Zie619__n8n-workflows/workflows__Http__1964_HTTP_Aggregate_Automation_Webhook.json',
    'n8n/Zie619__n8n-workflows/workflows__Code__1862_Code_Respondtowebhook_Automation_Webhook.json',
    'node-red/watson-developer-cloud__node-red-labs/starter-kits__babelfish__flow.json',
  ];
  for (const rel of files) {
    const text = fs.readFileSync(path.join(CORPUS!, rel), 'utf8');
    const found = runRule('common/hardcoded-secret', text, rel);
    assert.ok(found.length > 0, rel);
    for (const f of found) {
      const shown = text.slice(f.offset, f.offset + f.length);
      assert.ok(leaksNothing(f.message, shown), `${rel}: ${f.message}`);
    }
  }
});
