/** `parseConfig`: valid files, JSONC, broken JSON, schema violations with exact ranges, unknown rule ids, salvage of valid entries. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { allRules, type Finding } from '../../server/src/engine';
import { closest, describePath, knownRuleIds, parseConfig } from '../../server/src/config';

const at = (text: string, d: Finding) => text.slice(d.offset, d.offset + d.length);
const plain = (v: unknown) => JSON.parse(JSON.stringify(v));

test('a valid configuration: rules, ignore, suppressions (string or list of globs, optional pointer)', () => {
  const text = JSON.stringify({
    $schema: './node_modules/lowcode-guard/schemas/lowcodeguard-config.schema.json',
    rules: { 'n8n/webhook-without-auth': 'off', 'common/cleartext-endpoint': 'error', 'json/schema-violation': 'hint' },
    ignore: ['test/fixtures/**', 'samples/'],
    suppressions: [
      { rule: 'n8n/webhook-without-auth', files: 'flows/public-hook.json', pointer: '/nodes/0', reason: 'Protected by the reverse proxy' },
      { rule: 'common/cleartext-endpoint', files: ['lab/**', 'demo.json'], reason: 'Lab network only' },
    ],
  });
  const r = parseConfig(text);
  assert.deepEqual(r.diagnostics, []);
  assert.equal(r.syntaxError, false);
  assert.deepEqual(plain(r.config), {
    rules: { 'n8n/webhook-without-auth': 'off', 'common/cleartext-endpoint': 'error', 'json/schema-violation': 'hint' },
    ignore: ['test/fixtures/**', 'samples/'],
    suppressions: [
      { rule: 'n8n/webhook-without-auth', files: ['flows/public-hook.json'], reason: 'Protected by the reverse proxy', pointer: '/nodes/0' },
      { rule: 'common/cleartext-endpoint', files: ['lab/**', 'demo.json'], reason: 'Lab network only' },
    ],
  });
  assert.equal(Object.getPrototypeOf(r.config.rules), null, 'rule levels live in a null-prototype object');
});

test('JSONC: comments and trailing commas are accepted; a BOM is fine; an empty file is an empty configuration', () => {
  const text = '\uFEFF{\n  // turn the webhook rule down\n  "rules": { "n8n/webhook-without-auth": "info", },\n  /* none yet */ "ignore": [],\n}\n';
  const r = parseConfig(text);
  assert.deepEqual(r.diagnostics, []);
  assert.deepEqual(plain(r.config.rules), { 'n8n/webhook-without-auth': 'info' });
  for (const empty of ['', '  \n']) assert.deepEqual(plain(parseConfig(empty)), { config: { rules: {}, ignore: [], suppressions: [] }, diagnostics: [], syntaxError: false });
});

test('broken JSON: config/syntax-error diagnostics at the error, and defaults for everything', () => {
  const text = '{\n  "rules": { "n8n/webhook-without-auth": "off" }\n  "ignore": ["x/**"]\n}\n';
  const r = parseConfig(text);
  assert.equal(r.syntaxError, true);
  assert.deepEqual(plain(r.config), { rules: {}, ignore: [], suppressions: [] }, 'a broken file hides nothing');
  assert.equal(r.diagnostics.length, 1);
  const [d] = r.diagnostics;
  assert.equal(d.ruleId, 'config/syntax-error');
  assert.equal(d.severity, 'error');
  assert.equal(d.message, 'JSON syntax error: comma expected. The whole configuration is ignored (defaults are used) until this is fixed.');
  assert.equal(at(text, d), '"ignore"');
  assert.deepEqual(d.range, { start: { line: 2, character: 2 }, end: { line: 2, character: 10 } });
  assert.equal(d.docsUrl, 'https://github.com/lowcode-guard/lowcode-guard/blob/main/docs/configuration.md#config-syntax-error');
  // The same problem reported twice by the parser appears once.
  const unclosed = parseConfig('{ "rules": { "a": "off" ');
  assert.deepEqual(unclosed.diagnostics.map((x) => x.message), ['JSON syntax error: close brace expected. The whole configuration is ignored (defaults are used) until this is fixed.']);
});

test('schema violations: config/invalid on the offending value, key or brace; only that entry is left out', () => {
  const text = [
    '{',
    '  "rules": { "n8n/webhook-without-auth": "off", "common/cleartext-endpoint": "warn" },',
    '  "ignore": ["fixtures/**", "../outside/**", 5],',
    '  "suppressions": [',
    '    { "rule": "common/hardcoded-secret", "files": "a.json", "reason": "test key" },',
    '    { "rule": "common/hardcoded-secret", "files": "b.json" },',
    '    { "rule": "common/hardcoded-secret", "files": "c.json", "pointr": "/x", "reason": "typo" },',
    '    { "rule": "common/hardcoded-secret", "files": [], "reason": "  " }',
    '  ],',
    '  "extends": "../base.json"',
    '}',
  ].join('\n');
  const r = parseConfig(text);
  assert.equal(r.syntaxError, false);
  const got = r.diagnostics.map((d) => [d.ruleId, d.pointer, at(text, d), d.range.start.line, d.message]);
  assert.deepEqual(got, [
    ['config/invalid', '/rules/common~1cleartext-endpoint', '"warn"', 1, '"rules["common/cleartext-endpoint"]" must be one of "off", "error", "warning", "info", "hint", found "warn". This entry is ignored.'],
    ['config/invalid', '/ignore/1', '"../outside/**"', 2, '"ignore[1]" must be a glob relative to the configuration\'s folder (no leading /, drive letter or .. segment), found "../outside/**". This entry is ignored.'],
    ['config/invalid', '/ignore/2', '5', 2, '"ignore[2]" must be a glob relative to the configuration\'s folder (no leading /, drive letter or .. segment), found 5. This entry is ignored.'],
    ['config/invalid', '/suppressions/1', '{', 5, '"suppressions[1]" is missing "reason"; this entry is ignored until it is complete.'],
    ['config/invalid', '/suppressions/2/pointr', '"pointr"', 6, 'Unknown key "pointr" in "suppressions[2]"; allowed keys: "rule", "files", "pointer", "reason". It is ignored.'],
    ['config/invalid', '/suppressions/3/files', '[]', 7, '"suppressions[3].files" must be a glob or a non-empty array of globs, relative to the configuration\'s folder (no leading /, drive letter or .. segment), found []. This entry is ignored.'],
    ['config/invalid', '/suppressions/3/reason', '"  "', 7, '"suppressions[3].reason" must be a non-empty explanation, found "  ". This entry is ignored.'],
    ['config/invalid', '/extends', '"extends"', 9, 'Unknown key "extends"; allowed keys: "$schema", "rules", "ignore", "suppressions". It is ignored.'],
  ]);
  assert.ok(r.diagnostics.every((d) => d.severity === 'error'));
  // What stays: the valid rule, the valid glob, the one complete suppression (a misspelt key drops its suppression).
  assert.deepEqual(plain(r.config), {
    rules: { 'n8n/webhook-without-auth': 'off' },
    ignore: ['fixtures/**'],
    suppressions: [{ rule: 'common/hardcoded-secret', files: ['a.json'], reason: 'test key' }],
  });
});

test('wrong types for whole sections drop the section; a root that is not an object gives defaults', () => {
  const text = '{ "rules": ["n8n/webhook-without-auth"], "ignore": "fixtures", "suppressions": {} }';
  const r = parseConfig(text);
  assert.deepEqual(r.diagnostics.map((d) => [d.pointer, at(text, d)]), [
    ['/rules', '["n8n/webhook-without-auth"]'],
    ['/ignore', '"fixtures"'],
    ['/suppressions', '{}'],
  ]);
  assert.equal(r.diagnostics[1].message, '"ignore" must be an array of globs, found "fixtures". This entry is ignored.');
  assert.deepEqual(plain(r.config), { rules: {}, ignore: [], suppressions: [] });
  const arr = parseConfig('[]');
  assert.deepEqual(arr.diagnostics.map((d) => d.message), ['The configuration must be an object with "rules", "ignore" and "suppressions", found []. Defaults are used.']);
});

test('unknown rule ids: a warning on the key (or the suppression\'s rule value) with the closest id and the known ids', () => {
  const text = '{\n  "rules": { "n8n/webhok-without-auth": "off", "n8n/webhook-without-auth": "info" },\n  "suppressions": [ { "rule": "no/such-rule", "files": "x.json", "reason": "r" } ]\n}';
  const r = parseConfig(text);
  assert.deepEqual(r.diagnostics.map((d) => [d.ruleId, d.severity, d.pointer, at(text, d)]), [
    ['config/unknown-rule', 'warning', '/rules/n8n~1webhok-without-auth', '"n8n/webhok-without-auth"'],
    ['config/unknown-rule', 'warning', '/suppressions/0/rule', '"no/such-rule"'],
  ]);
  const known = knownRuleIds();
  const n8n = known.filter((k) => k.startsWith('n8n/'));
  assert.equal(r.diagnostics[0].message, `Unknown rule id "n8n/webhok-without-auth": it has no effect. Did you mean "n8n/webhook-without-auth"? Known n8n/… ids: ${n8n.join(', ')}.`);
  assert.equal(r.diagnostics[1].message, `Unknown rule id "no/such-rule": it has no effect. Known ids: ${known.join(', ')}.`);
  // Entries are kept (harmless) and the valid level still applies.
  assert.equal(r.config.rules['n8n/webhook-without-auth'], 'info');
  assert.equal(r.config.suppressions.length, 1);
});

test('known ids: every rule of allRules plus the engine ids', () => {
  const known = knownRuleIds();
  for (const r of allRules) assert.ok(known.includes(r.meta.id), r.meta.id);
  for (const id of ['json/syntax-error', 'json/schema-violation', 'engine/rule-error', 'engine/file-too-large']) assert.ok(known.includes(id), id);
  assert.deepEqual(known, [...known].sort());
  assert.equal(closest('N8N/WEBHOOK-WITHOUT-AUTH', known), 'n8n/webhook-without-auth');
  assert.equal(closest('something/else-entirely', known), undefined);
});

test('describePath: readable paths in messages', () => {
  assert.equal(describePath('/suppressions/0/files'), 'suppressions[0].files');
  assert.equal(describePath('/rules/n8n~1x'), 'rules["n8n/x"]');
  assert.equal(describePath(''), '');
});

test('adversarial input never throws: deep nesting, huge arrays, prototype keys', () => {
  const deep = '{"rules":' + '['.repeat(20000) + ']'.repeat(20000) + '}';
  const d = parseConfig(deep);
  assert.deepEqual(d.diagnostics.map((x) => [x.ruleId, x.offset]), [['config/syntax-error', '{"rules":'.length + 31]], 'refused at the 33rd level, before parsing');
  assert.equal(d.diagnostics[0].message, 'Configuration nested deeper than 32 levels; it is not parsed and defaults are used.');
  const proto = parseConfig('{ "rules": { "__proto__": "off", "constructor": "error" } }');
  assert.equal(Object.getPrototypeOf(proto.config.rules), null);
  assert.equal(proto.config.rules.__proto__ as unknown, 'off');
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  const many = parseConfig(JSON.stringify({ ignore: Array.from({ length: 5000 }, (_, i) => `dir${i}/**`) }));
  assert.equal(many.config.ignore.length, 5000);
});
