/** Engine `fixAll`: every fix at once, overlapping fixes skipped, identical fixes applied once, the result always parses. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze, type Finding } from '../../server/src/engine';
import { editsOverlap, fixAll, parsesAsJson } from '../../server/src/engine/fix-all';
import { n8nWorkflow } from '../helpers';

/** An n8n workflow with four fixable findings of three rules (two webhooks, "Ignore SSL Issues", callerPolicy any). */
const SAMPLE = n8nWorkflow(
  [
    { id: 'a', name: 'Orders', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], parameters: { path: 'orders', httpMethod: 'POST' } },
    { id: 'b', name: 'Refunds', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 200], parameters: { path: 'refunds', httpMethod: 'POST' } },
    { id: 'c', name: 'Call API', type: 'n8n-nodes-base.httpRequest', typeVersion: 4.2, position: [200, 0], parameters: { url: 'https://api.example.com/x', options: { allowUnauthorizedCerts: true } } },
  ],
  { settings: { callerPolicy: 'any', errorWorkflow: 'x1' } },
);

const key = (f: Finding) => `${f.ruleId} ${f.pointer}`;

test('fix-all on a sample with four fixable findings: none of them is left, no new finding, valid JSON', () => {
  const before = analyze(SAMPLE).findings;
  const fixable = before.filter((f) => f.fix);
  assert.deepEqual(fixable.map(key), [
    'n8n/webhook-without-auth /nodes/0',
    'n8n/webhook-without-auth /nodes/1',
    'n8n/tls-verification-disabled /nodes/2/parameters/options/allowUnauthorizedCerts',
    'n8n/caller-policy-any /settings/callerPolicy',
  ]);
  const r = fixAll(SAMPLE, before);
  assert.deepEqual(r.applied.map(key), fixable.map(key));
  assert.deepEqual(r.skipped, []);
  assert.ok(parsesAsJson(r.text));
  const after = analyze(r.text).findings.map(key);
  for (const f of fixable) assert.ok(!after.includes(key(f)), `${key(f)} is gone`);
  const old = new Set(before.map(key));
  assert.deepEqual(after.filter((k) => !old.has(k)), [], 'no new finding');
  const doc = JSON.parse(r.text);
  assert.equal(doc.nodes[0].parameters.authentication, 'headerAuth');
  assert.equal(doc.nodes[1].parameters.authentication, 'headerAuth');
  assert.equal(doc.nodes[2].parameters.options.allowUnauthorizedCerts, false);
  assert.equal(doc.settings.callerPolicy, 'workflowsFromSameOwner');
  // The edits returned are the ones applied, sorted, in offsets of the input.
  assert.deepEqual(r.edits.map((e) => e.offset), [...r.edits.map((e) => e.offset)].sort((a, b) => a - b));
  assert.equal(r.edits.length, r.applied.flatMap((f) => f.fix!.edits).length);
});

/** A finding with a fix made of the given edits. */
const withFix = (ruleId: string, offset: number, edits: { offset: number; length: number; content: string }[]): Finding => ({
  ruleId,
  severity: 'warning',
  message: ruleId,
  range: { start: { line: 0, character: offset }, end: { line: 0, character: offset } },
  offset,
  length: 0,
  pointer: '',
  fix: { title: ruleId, edits },
});

test('overlapping fixes: the later one is skipped (spans that intersect, or two edits at the same offset)', () => {
  const text = '{"a": 1, "b": 2}';
  const a = withFix('x/a', 6, [{ offset: 6, length: 1, content: '10' }]);
  const overlapping = withFix('x/b', 5, [{ offset: 5, length: 2, content: ' 3' }]);
  const samePoint = withFix('x/c', 6, [{ offset: 6, length: 0, content: '9' }]);
  const b = withFix('x/d', 14, [{ offset: 14, length: 1, content: '20' }]);
  const r = fixAll(text, [a, overlapping, samePoint, b]);
  assert.deepEqual(r.applied.map((f) => f.ruleId), ['x/a', 'x/d']);
  assert.deepEqual(r.skipped.map((f) => f.ruleId), ['x/b', 'x/c']);
  assert.equal(r.text, '{"a": 10, "b": 20}');
  assert.ok(editsOverlap({ offset: 3, length: 0, content: '' }, { offset: 3, length: 2, content: '' }));
  assert.ok(!editsOverlap({ offset: 1, length: 2, content: '' }, { offset: 3, length: 2, content: '' }), 'adjacent spans do not overlap');
});

test('identical fixes (one edit fixes two findings) count as applied once; a fix that breaks the JSON is skipped', () => {
  const text = '{"a": 1, "b": 2}';
  const one = withFix('x/a', 6, [{ offset: 6, length: 1, content: '5' }]);
  const same = withFix('x/b', 6, [{ offset: 6, length: 1, content: '5' }]);
  const breaking = withFix('x/c', 14, [{ offset: 14, length: 1, content: '2,' }]);
  const r = fixAll(text, [one, same, breaking]);
  assert.deepEqual(r.applied.map((f) => f.ruleId), ['x/a', 'x/b']);
  assert.deepEqual(r.skipped.map((f) => f.ruleId), ['x/c']);
  assert.equal(r.text, '{"a": 5, "b": 2}');
});

test('nothing fixable: the text comes back unchanged', () => {
  const r = fixAll('{}', [{ ...withFix('x/a', 0, []), fix: undefined }]);
  assert.deepEqual(r, { text: '{}', applied: [], skipped: [], edits: [] });
});
