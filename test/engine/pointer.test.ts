import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTree } from 'jsonc-parser';
import { findAt, parsePointer, pointerOf, toPointer } from '../../server/src/engine/pointer';

test('pointers escape ~ and / (RFC 6901) and round-trip through the tree', () => {
  assert.equal(toPointer(['a/b', 'c~d', 0]), '/a~1b/c~0d/0');
  assert.deepEqual(parsePointer('/a~1b/c~0d/0'), ['a/b', 'c~d', '0']);
  assert.deepEqual(parsePointer(''), []);
  assert.throws(() => parsePointer('a'), /Invalid JSON Pointer/);
  const root = parseTree('{"a/b": {"c~d": [1, {"0": true}]}}')!;
  const node = findAt(root, '/a~1b/c~0d/1/0')!;
  assert.equal(node.value, true);
  assert.equal(pointerOf(node), '/a~1b/c~0d/1/0');
  assert.equal(findAt(root, '/missing'), undefined);
});

test('findAt picks the last of duplicated keys, as JSON.parse does', () => {
  const text = '{"a": 1, "a": 2}';
  const root = parseTree(text)!;
  assert.equal(findAt(root, '/a')!.value, JSON.parse(text).a);
});
