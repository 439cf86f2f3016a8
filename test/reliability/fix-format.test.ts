/**
 * Fix edits change only what they must: jsonc-parser's `modify` re-formats the lines around an edit, which on a
 * minified file would rewrite the whole document, and its formatter throws at an indentation of exactly 200 units
 * (jsonc-parser 3.3.1). engine/fix.ts `setValue` falls back to the unformatted edit in both cases.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { modify } from 'jsonc-parser';
import { analyze, applyEdits, RULE_ERROR_ID, rulesById } from '../../server/src/engine';
import { formattingOf, MAX_REFORMATTED, setValue } from '../../server/src/engine/fix';
import { applyFixAndCheck } from '../helpers';

const WEBHOOK = 'n8n/webhook-without-auth';
const workflow = (parameters: Record<string, unknown>) => ({
  name: 'w',
  nodes: [{ id: '1', name: 'Hook', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], webhookId: 'x', parameters }],
  connections: {},
});

function webhookFix(text: string) {
  const findings = analyze(text, { only: [rulesById.get(WEBHOOK)!], skipSchema: true }).findings;
  assert.deepEqual(findings.map((f) => f.ruleId), [WEBHOOK]);
  return findings[0];
}

test('minified file: the fix is one insertion, everything else byte-identical', () => {
  const text = JSON.stringify(workflow({ path: 'orders', httpMethod: 'POST' }));
  const f = webhookFix(text);
  const edits = [...f.fix!.edits];
  assert.equal(edits.length, 1);
  assert.equal(edits[0].length, 0, 'nothing of the original is rewritten');
  assert.equal(edits[0].content, ',"authentication": "headerAuth"');
  assert.equal(text.slice(edits[0].offset - 6, edits[0].offset + 3), '"POST"}}]', 'inserted after the last parameter');
  const fixed = applyFixAndCheck(WEBHOOK, text, f);
  assert.equal(fixed.split('\n').length, 1, 'still one line');
});

test('pretty-printed file: the fix is what jsonc-parser modify gives with the file formatting', () => {
  for (const indent of [2, 4, '\t']) {
    const text = JSON.stringify(workflow({ path: 'orders', httpMethod: 'POST' }), null, indent);
    const f = webhookFix(text);
    const expected = modify(text, ['nodes', 0, 'parameters', 'authentication'], 'headerAuth', { formattingOptions: formattingOf(text) });
    assert.deepEqual([...f.fix!.edits], expected);
    applyFixAndCheck(WEBHOOK, text, f);
  }
});

test('an edit on a line with 100+ nesting levels (formatter fails at 200 spaces) falls back to the unformatted edit', () => {
  let deep: unknown = 1;
  for (let i = 0; i < 110; i++) deep = [deep];
  const pretty = JSON.stringify(workflow({ path: 'orders', REPLACE: 0 }), null, 2).replace('"REPLACE": 0', `"deep": ${JSON.stringify(deep)}`);
  assert.throws(() => modify(pretty, ['nodes', 0, 'parameters', 'authentication'], 'headerAuth', { formattingOptions: formattingOf(pretty) }), TypeError, 'jsonc-parser 3.3.1 still fails here');
  const { findings } = analyze(pretty, { fileName: 'deep.json' });
  assert.deepEqual(findings.filter((f) => f.ruleId === RULE_ERROR_ID), []);
  const f = findings.find((x) => x.ruleId === WEBHOOK)!;
  assert.equal(f.fix!.edits[0].length, 0);
  applyFixAndCheck(WEBHOOK, pretty, f);
});

test(`a formatted edit that would rewrite more than ${MAX_REFORMATTED} code units is replaced by the unformatted one`, () => {
  const long = JSON.stringify(workflow({ path: 'orders' }), null, 2).replace('"path": "orders"', `"path": "orders", "other": ${JSON.stringify('x'.repeat(MAX_REFORMATTED))}`);
  const edits = setValue(long, ['nodes', 0, 'parameters', 'authentication'], 'headerAuth');
  assert.deepEqual([...edits].map((e) => [e.length, e.content]), [[0, ',"authentication": "headerAuth"']]);
  assert.doesNotThrow(() => JSON.parse(applyEdits(long, edits)));
});

test('removing an array element: valid JSON for minified and pretty arrays, nothing removed past the end (jsonc-parser 3.3.1 gets both wrong)', () => {
  const min = '{"p":[{"a":1},{"b":2}]}';
  assert.equal(applyEdits(min, modify(min, ['p', 1], undefined, {})), '{"p":[{"a":1}}]}', 'jsonc-parser 3.3.1 still breaks this');
  assert.equal(applyEdits(min, setValue(min, ['p', 1], undefined)), '{"p":[{"a":1}]}');
  assert.equal(applyEdits(min, setValue(min, ['p', 0], undefined)), '{"p":[{"b":2}]}');
  assert.equal(applyEdits('[1]', modify('[1]', [9], undefined, {})), '[]', 'jsonc-parser 3.3.1 removes an element for an index past the end');
  assert.deepEqual([...setValue('[1]', [9], undefined)], []);
  const pretty = JSON.stringify({ p: [1, 2, 3] }, null, 2);
  assert.equal(applyEdits(pretty, setValue(pretty, ['p', 2], undefined)), JSON.stringify({ p: [1, 2] }, null, 2));
  assert.equal(applyEdits(pretty, setValue(pretty, ['p', 1], undefined)), JSON.stringify({ p: [1, 3] }, null, 2));
  assert.equal(applyEdits('{"p":[7]}', setValue('{"p":[7]}', ['p', 0], undefined)), '{"p":[]}');
});
