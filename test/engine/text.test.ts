import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineIndex } from '../../server/src/engine/text';

test('positions count 0-based lines and UTF-16 code units across \\n, \\r\\n and \\r', () => {
  const text = 'ab\r\ncd\nef\rg😀h';
  const li = new LineIndex(text);
  assert.equal(li.lineCount, 4);
  assert.deepEqual(li.positionAt(0), { line: 0, character: 0 });
  assert.deepEqual(li.positionAt(4), { line: 1, character: 0 });
  assert.deepEqual(li.positionAt(7), { line: 2, character: 0 });
  assert.deepEqual(li.positionAt(10), { line: 3, character: 0 });
  // the emoji is two code units: 'h' sits at character 3
  assert.deepEqual(li.positionAt(text.indexOf('h')), { line: 3, character: 3 });
  assert.equal(li.offsetAt({ line: 3, character: 3 }), text.indexOf('h'));
});

test('offsets and positions are clamped into the text', () => {
  const li = new LineIndex('a\nb');
  assert.deepEqual(li.positionAt(-5), { line: 0, character: 0 });
  assert.deepEqual(li.positionAt(99), { line: 1, character: 1 });
  assert.equal(li.offsetAt({ line: 0, character: 99 }), 2);
  assert.equal(li.offsetAt({ line: 7, character: 0 }), 3);
});
