/**
 * lazy-edits.ts: fix edits computed on first read, indistinguishable from an array for readers.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lazyEdits } from '../../server/src/engine/lazy-edits';
import { setProperty, setValue } from '../../server/src/engine/fix';
import { parseTree, modify } from 'jsonc-parser';

const EDIT = { offset: 3, length: 1, content: 'x' };

test('computes once, on first read, and then reads like the array it computed', () => {
  let calls = 0;
  const edits = lazyEdits(() => {
    calls++;
    return [EDIT];
  });
  assert.equal(calls, 0);
  assert.ok(Array.isArray(edits));
  assert.equal(calls, 0, 'Array.isArray does not compute');
  assert.equal(edits.length, 1);
  assert.equal(calls, 1);
  assert.deepEqual(edits, [EDIT]);
  assert.deepEqual([...edits], [EDIT]);
  assert.deepEqual(edits.map((e) => e.offset), [3]);
  assert.equal(JSON.stringify({ edits }), JSON.stringify({ edits: [EDIT] }));
  assert.deepEqual(Object.keys(edits), ['0']);
  assert.equal(calls, 1);
});

test('a failing computation throws to the reader and is tried again by the next one', () => {
  let calls = 0;
  const edits = lazyEdits(() => {
    if (++calls === 1) throw new Error('boom');
    return [];
  });
  assert.throws(() => edits.length, /boom/);
  assert.equal(edits.length, 0);
  assert.equal(calls, 2);
});

test('setValue and setProperty return the edits jsonc-parser modify returns, without computing them up front', () => {
  const text = '{\n  "a": {\n    "b": 1\n  }\n}\n';
  const root = parseTree(text)!;
  const lazy = setProperty(text, root.children![0].children![1], 'c', true);
  const eager = modify(text, ['a', 'c'], true, { formattingOptions: { insertSpaces: true, tabSize: 2, eol: '\n' } }).map((e) => ({ ...e }));
  assert.deepEqual(lazy, eager);
  assert.deepEqual(setValue(text, ['a', 'b'], undefined), modify(text, ['a', 'b'], undefined, { formattingOptions: { insertSpaces: true, tabSize: 2, eol: '\n' } }).map((e) => ({ ...e })));
});
