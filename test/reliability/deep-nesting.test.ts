/**
 * Deep nesting: the parser, `getNodeValue`, ajv and the WDL adapter recurse per level, so the engine refuses files
 * nested deeper than MAX_NESTING_DEPTH before parsing (engine/depth.ts) and everything up to that depth must work even
 * with half of Node's default stack.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyze, SYNTAX_RULE_ID } from '../../server/src/engine';
import { MAX_NESTING_DEPTH, tooDeepAt } from '../../server/src/engine/depth';
import { analyzeFile } from '../../server/src/workspace/analyze-file';
import { deepDocs, maxDepth } from './child/deep-docs';
import { recordCounts } from './lib/counts';

const GUARD_MESSAGE = `JSON nesting is deeper than ${MAX_NESTING_DEPTH} levels here; the file was not analysed.`;

test('tooDeepAt: counts brackets outside strings and comments, returns the offset of the first bracket too deep', () => {
  assert.equal(tooDeepAt('[[[]]]', 3), -1);
  assert.equal(tooDeepAt('[[[[]]]]', 3), 3);
  assert.equal(tooDeepAt('{"a":[{"b":[]}]}', 3), 11);
  assert.equal(tooDeepAt('["[[[[[[", "\\"[[[["]', 2), -1, 'brackets in strings, escaped quotes');
  assert.equal(tooDeepAt('[// [[[[[[\n1, /* [[[[[[ */ 2]', 2), -1, 'brackets in comments');
  assert.equal(tooDeepAt('[]]]]][[[', 2), 8, 'unbalanced closers do not go below zero');
  assert.equal(tooDeepAt('["abc\n[[[[', 3), 8, 'a string ends at a line break, as jsonc-parser ends it');
  assert.equal(tooDeepAt('[/* never closed [[[[[[', 2), -1);
  assert.equal(tooDeepAt('[[', 2), -1, 'short texts are not scanned');
});

test('100,000-deep input (arrays, objects, unclosed, inside an n8n workflow) gives one json/syntax-error at the bracket that goes too deep', () => {
  const n = 100_000;
  const inputs = {
    arrays: '['.repeat(n) + ']'.repeat(n),
    objects: '{"a":'.repeat(n) + '1' + '}'.repeat(n),
    unclosed: '['.repeat(n),
    'in n8n': `{"nodes":[{"name":"a","type":"n8n-nodes-base.set","parameters":{"x":${'['.repeat(n)}${']'.repeat(n)}}}],"connections":{}}`,
  };
  for (const [name, text] of Object.entries(inputs)) {
    const { findings, detection } = analyze(text);
    assert.equal(detection, undefined, name);
    assert.equal(findings.length, 1, name);
    const [f] = findings;
    assert.equal(f.ruleId, SYNTAX_RULE_ID);
    assert.equal(f.severity, 'error');
    assert.equal(f.message, GUARD_MESSAGE);
    assert.equal(f.length, 1);
    assert.match(text[f.offset], /[[{]/, name);
    assert.equal(tooDeepAt(text.slice(0, f.offset)), -1, `${name}: nothing before the reported bracket is too deep`);
    assert.deepEqual(f.range.start, { line: 0, character: f.offset });
  }
  recordCounts('special-100000-deep', { inputs: Object.keys(inputs).length });
});

test(`every format nested exactly ${MAX_NESTING_DEPTH} deep is analysed with half of Node's default stack; one level more is refused`, () => {
  // 492 KB is half of the default stack of 64-bit Node (984 KB, `node --v8-options`: --stack-size).
  const r = spawnSync(process.execPath, ['--stack-size=492', '--import', 'tsx', path.join(__dirname, 'child', 'run-deep.ts'), `${MAX_NESTING_DEPTH},${MAX_NESTING_DEPTH + 1}`], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const results = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { shape: string; depth: number; format: string | null; engine: string[]; threw?: string });
  const expectedFormat: Record<string, string | null> = {
    'n8n arrays': 'n8n',
    'n8n objects': 'n8n',
    'node-red': 'node-red',
    'wdl inputs': 'logic-apps',
    'wdl scopes': 'logic-apps',
    arm: 'logic-apps',
    'bare array': null,
  };
  const shapes = Object.keys(expectedFormat);
  assert.deepEqual(results.map((x) => x.shape), [...shapes, ...shapes]);
  for (const x of results.slice(0, shapes.length)) assert.deepEqual(x, { shape: x.shape, depth: MAX_NESTING_DEPTH, format: expectedFormat[x.shape], engine: [] });
  for (const x of results.slice(shapes.length)) {
    assert.deepEqual(x, { shape: x.shape, depth: MAX_NESTING_DEPTH + 1, format: null, engine: [`${SYNTAX_RULE_ID}: ${GUARD_MESSAGE}`] });
  }
  recordCounts('special-500-deep-half-stack', { inputs: results.length });
});

test('analyzeFile: a too-deep file that looks like a flow keeps the finding; other too-deep JSON gets none', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lcg-deep-'));
  try {
    const docs = deepDocs(MAX_NESTING_DEPTH + 1);
    fs.writeFileSync(path.join(dir, 'flow.json'), docs['n8n objects']);
    fs.writeFileSync(path.join(dir, 'other.json'), docs['bare array']);
    const flow = await analyzeFile(path.join(dir, 'flow.json'));
    assert.deepEqual(flow.findings.map((f) => [f.ruleId, f.message]), [[SYNTAX_RULE_ID, GUARD_MESSAGE]]);
    assert.deepEqual((await analyzeFile(path.join(dir, 'other.json'))).findings, []);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
