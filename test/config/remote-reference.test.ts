/**
 * `.lowcodeguard.json` with a remote `$schema`/`$ref` (issue #5, no network access ever): one `config/remote-reference`
 * info diagnostic on the value, saying it is not fetched; the configuration itself still applies. And
 * `engine/remote-reference` is a known id a configuration may turn off.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze, REMOTE_REFERENCE_ID, type Finding } from '../../server/src/engine';
import { knownRuleIds, parseConfig } from '../../server/src/config';
import { CONFIG_REMOTE_REFERENCE_ID, ENGINE_IDS } from '../../server/src/config/parse';
import { applyConfig } from '../../server/src/config';
import { n8nWorkflow } from '../helpers';

const at = (text: string, d: Finding) => text.slice(d.offset, d.offset + d.length);

test('a remote $schema gives one info diagnostic on its value; the rest of the configuration still applies', () => {
  const text = JSON.stringify({ $schema: 'https://evil.example/lowcodeguard.schema.json', rules: { 'n8n/webhook-without-auth': 'off' } }, null, 2);
  const r = parseConfig(text);
  assert.deepEqual(
    r.diagnostics.map((d) => [d.ruleId, d.severity, at(text, d), d.pointer, d.range.start, d.docsUrl]),
    [[CONFIG_REMOTE_REFERENCE_ID, 'info', '"https://evil.example/lowcodeguard.schema.json"', '/$schema', { line: 1, character: 13 }, 'https://github.com/lowcode-guard/lowcode-guard/blob/main/docs/rules/README.md#engineremote-reference']],
  );
  assert.equal(
    r.diagnostics[0].message,
    `"$schema" names a remote URL (https://evil.example/lowcodeguard.schema.json) that Low-Code Guard does not fetch: it never downloads anything and validates this file with its bundled schema. VS Code's own JSON support may still download it unless the json.schemaDownload.enable setting is off.`,
  );
  assert.equal(r.config.rules['n8n/webhook-without-auth'], 'off');
});

test('a remote $ref anywhere is reported too (beside the unknown-key error it also is), local $schema paths are not', () => {
  const text = JSON.stringify({ $schema: './node_modules/lowcode-guard/schemas/lowcodeguard-config.schema.json', $ref: '//evil.example/c.json', suppressions: [{ rule: 'n8n/webhook-without-auth', files: 'a.json', reason: 'r', $ref: 'ftp://evil.example/s.json' }] });
  const r = parseConfig(text);
  assert.deepEqual(
    r.diagnostics.filter((d) => d.ruleId === CONFIG_REMOTE_REFERENCE_ID).map((d) => [d.pointer, at(text, d)]),
    [
      ['/$ref', '"//evil.example/c.json"'],
      ['/suppressions/0/$ref', '"ftp://evil.example/s.json"'],
    ],
  );
  assert.ok(r.diagnostics.some((d) => d.ruleId === 'config/invalid' && d.pointer === '/$ref'), 'an unknown key is still an error');
  for (const local of ['./schema.json', 'file:///tmp/x.json', '../shared/x.json']) assert.deepEqual(parseConfig(JSON.stringify({ $schema: local })).diagnostics, [], local);
});

test('the quoted URL is cut to 100 characters and drops user info and query', () => {
  const url = `https://me:Secr3tPassw0rd@evil.example/${'p'.repeat(300)}?sig=SasTokenValue123`;
  const [d] = parseConfig(JSON.stringify({ $schema: url })).diagnostics;
  assert.ok(!d.message.includes('Secr3tPassw0rd') && !d.message.includes('SasTokenValue123'));
  assert.ok(!d.message.includes('p'.repeat(100)));
  assert.match(d.message, /\(https:\/\/…@evil\.example\/p+…\)/);
});

test('engine/remote-reference is a known engine id: a configuration can turn it off without an unknown-rule warning', () => {
  assert.ok(ENGINE_IDS.includes(REMOTE_REFERENCE_ID));
  assert.ok(knownRuleIds().includes(REMOTE_REFERENCE_ID));
  const cfg = parseConfig(JSON.stringify({ rules: { [REMOTE_REFERENCE_ID]: 'off' } }));
  assert.deepEqual(cfg.diagnostics, []);
  const flow = JSON.stringify({ $schema: 'https://evil.example/s.json', ...JSON.parse(n8nWorkflow([])) });
  assert.deepEqual(analyze(flow, { rules: cfg.config.rules }).findings.filter((f) => f.ruleId === REMOTE_REFERENCE_ID), []);
  const all = analyze(flow).findings;
  assert.equal(all.filter((f) => f.ruleId === REMOTE_REFERENCE_ID).length, 1);
  assert.deepEqual(applyConfig(all, { levels: cfg.config.rules }).findings.filter((f) => f.ruleId === REMOTE_REFERENCE_ID), []);
});
