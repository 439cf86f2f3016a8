/** Suppression and ignore matching (globs relative to the configuration's folder, pointer prefixes, rule ids) and levels. */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import type { Finding } from '../../server/src/engine';
import { applyConfig, compileConfig, escapeGlob, mergeLevels, parseConfig, pointerCovers } from '../../server/src/config';
import { globWildcards, MAX_GLOB_WILDCARDS } from '../../server/src/config/match';

const FOLDER = path.resolve('/work/project');
const abs = (rel: string) => path.join(FOLDER, ...rel.split('/'));
const matcherOf = (config: unknown) => {
  const parsed = parseConfig(JSON.stringify(config));
  assert.deepEqual(parsed.diagnostics.filter((d) => d.ruleId !== 'config/unknown-rule'), []);
  return compileConfig(parsed.config, FOLDER);
};
const finding = (ruleId: string, pointer: string, severity: Finding['severity'] = 'warning'): Finding => ({
  ruleId,
  severity,
  message: `${ruleId} at ${pointer}`,
  range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
  offset: 0,
  length: 1,
  pointer,
});

test('ignore: globs relative to the folder; a matching folder covers everything below; dot folders; outside never matches', () => {
  const m = matcherOf({ ignore: ['test/fixtures', 'samples/', './tmp/**', '**/*.generated.json', '*.bak.json'] });
  const yes = ['test/fixtures/a.json', 'test/fixtures/deep/b.json', 'samples/x.json', 'tmp/y.json', 'flows/z.generated.json', '.github/w.generated.json', 'root.bak.json'];
  const no = ['test/fixtures.json', 'test/other/a.json', 'flows/root.bak.json', 'samplesx/a.json', 'flows/z.json'];
  for (const f of yes) assert.equal(m.isIgnored(abs(f)), true, f);
  for (const f of no) assert.equal(m.isIgnored(abs(f)), false, f);
  assert.equal(m.isIgnored(path.resolve('/work/other/test/fixtures/a.json')), false, 'outside the folder');
  assert.equal(m.isIgnored(abs('TEST/fixtures/a.json')), false, 'case-sensitive');
  assert.equal(m.relative(abs('a/b.json')), 'a/b.json');
  assert.equal(m.relative(FOLDER), undefined);
  assert.equal(m.relative(path.resolve('/work/project-2/a.json')), undefined, 'a sibling folder with the same prefix is outside');
});

test('suppressions match on rule id, file glob and pointer prefix (the node and below, not a sibling with the same prefix)', () => {
  const m = matcherOf({
    suppressions: [
      { rule: 'n8n/webhook-without-auth', files: 'flows/hook.json', pointer: '/nodes/1', reason: 'behind the proxy' },
      { rule: 'common/cleartext-endpoint', files: ['lab/**', 'demo.json'], reason: 'lab only' },
    ],
  });
  const hook = abs('flows/hook.json');
  assert.equal(m.suppressionFor(finding('n8n/webhook-without-auth', '/nodes/1'), hook)?.reason, 'behind the proxy');
  assert.ok(m.suppressionFor(finding('n8n/webhook-without-auth', '/nodes/1/parameters/path'), hook));
  assert.equal(m.suppressionFor(finding('n8n/webhook-without-auth', '/nodes/10'), hook), undefined, 'sibling with a longer index');
  assert.equal(m.suppressionFor(finding('n8n/webhook-without-auth', '/nodes/0'), hook), undefined, 'other node');
  assert.equal(m.suppressionFor(finding('n8n/webhook-without-auth', ''), hook), undefined, 'the root is not below /nodes/1');
  assert.equal(m.suppressionFor(finding('n8n/tls-verification-disabled', '/nodes/1'), hook), undefined, 'other rule');
  assert.equal(m.suppressionFor(finding('n8n/webhook-without-auth', '/nodes/1'), abs('flows/other.json')), undefined, 'other file');
  // No pointer: the whole file; a list of globs.
  assert.ok(m.suppressionFor(finding('common/cleartext-endpoint', ''), abs('lab/a/b.json')));
  assert.ok(m.suppressionFor(finding('common/cleartext-endpoint', '/x/y'), abs('demo.json')));
  assert.equal(m.suppressionFor(finding('common/cleartext-endpoint', '/x'), abs('prod/demo.json')), undefined);
});

test('pointerCovers: prefix on whole reference tokens; empty or missing covers everything', () => {
  assert.ok(pointerCovers(undefined, '/a'));
  assert.ok(pointerCovers('', '/a'));
  assert.ok(pointerCovers('/a', '/a'));
  assert.ok(pointerCovers('/a', '/a/b'));
  assert.ok(!pointerCovers('/a', '/ab'));
  assert.ok(!pointerCovers('/a/b', '/a'));
});

test('escapeGlob: a literal path with glob characters matches only itself', () => {
  const names = ['we[i]rd (1)*.json', 'flows/{a,b}.json', 'x/!neg?.json', 'a+b@c.json', 'back\\slash.json'];
  for (const name of names) {
    const m = matcherOf({ suppressions: [{ rule: 'r/x', files: escapeGlob(name), reason: 'literal' }] });
    assert.ok(m.suppressionFor(finding('r/x', ''), abs(name)), name);
  }
  const m = matcherOf({ suppressions: [{ rule: 'r/x', files: escapeGlob('we[i]rd (1)*.json'), reason: 'literal' }] });
  for (const other of ['wei rd (1)x.json', 'wei.rd (1)*.json', 'we[i]rd (1)abc.json']) assert.equal(m.suppressionFor(finding('r/x', ''), abs(other)), undefined, other);
});

test('applyConfig: off drops, a level replaces the severity, suppressions are counted; order kept', () => {
  const m = matcherOf({ suppressions: [{ rule: 'a/one', files: 'f.json', pointer: '/n/0', reason: 'ok' }] });
  const fs = [finding('a/one', '/n/0'), finding('a/one', '/n/1'), finding('b/two', ''), finding('json/syntax-error', '', 'error'), finding('c/three', '/z', 'error')];
  const levels = mergeLevels({ 'b/two': 'off', 'json/syntax-error': 'warning', 'c/three': 'hint' });
  const r = applyConfig(fs, { levels, matcher: m, file: abs('f.json') });
  assert.equal(r.suppressed, 1);
  assert.deepEqual(r.findings.map((f) => [f.ruleId, f.pointer, f.severity]), [
    ['a/one', '/n/1', 'warning'],
    ['json/syntax-error', '', 'warning'],
    ['c/three', '/z', 'hint'],
  ]);
  assert.equal(fs[3].severity, 'error', 'input findings are not mutated');
  // Without a matcher: levels only; without a file: no suppression.
  assert.equal(applyConfig(fs, { levels }).findings.length, 4);
  assert.equal(applyConfig(fs, { matcher: m }).suppressed, 0);
});

test('mergeLevels: later sources win entry by entry (the lowcodeGuard.rules setting over the file)', () => {
  const merged = mergeLevels({ 'a/x': 'off', 'b/y': 'error' }, { 'a/x': 'warning' }, undefined);
  assert.deepEqual({ ...merged }, { 'a/x': 'warning', 'b/y': 'error' });
  assert.equal(Object.getPrototypeOf(merged), null);
});

test('globs with more than 3 "*" wildcards are refused (config/invalid, entry left out): matching them backtracks for seconds', () => {
  assert.equal(globWildcards('**/*.json'), 1);
  assert.equal(globWildcards('flows/**/draft-*-*.json'), 2);
  assert.equal(globWildcards('a**b'), 1, 'stars inside a segment are one wildcard');
  assert.equal(globWildcards('{*a*a,*b}'), 3, 'every alternative counts');
  assert.equal(globWildcards(escapeGlob('we*ird*na*me*.json')), 0, 'escaped stars (what "Ignore this finding" writes) are literals');
  assert.equal(MAX_GLOB_WILDCARDS, 3);
  const text = JSON.stringify({ ignore: ['*a*a*a*a*b', '**/*a*a*b'], suppressions: [{ rule: 'n8n/webhook-without-auth', files: ['*x*x*x*x*'], reason: 'r' }] });
  const parsed = parseConfig(text);
  assert.deepEqual(parsed.config.ignore, ['**/*a*a*b']);
  assert.deepEqual(parsed.config.suppressions, []);
  const invalid = parsed.diagnostics.filter((d) => d.ruleId === 'config/invalid').map((d) => d.message);
  assert.deepEqual(invalid, [
    '"ignore[0]" is not a glob Low-Code Guard accepts (it has 5 "*" wildcards besides whole "**" segments; at most 3 are allowed, because matching more can take seconds per file name). This entry is ignored.',
    '"suppressions[0].files[0]" is not a glob Low-Code Guard accepts (it has 5 "*" wildcards besides whole "**" segments; at most 3 are allowed, because matching more can take seconds per file name). This entry is ignored.',
  ]);
  // The allowed worst case stays quick: a 250-character name that almost matches (no timing asserted; it finishes).
  const m = matcherOf({ ignore: ['**/*a*a*b'] });
  assert.equal(m.isIgnored(abs(`dir/${'a'.repeat(250)}`)), false);
  assert.equal(m.isIgnored(abs(`dir/${'a'.repeat(250)}b`)), true);
});
