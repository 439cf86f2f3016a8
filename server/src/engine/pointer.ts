/**
 * RFC 6901 JSON Pointers over jsonc-parser trees.
 */
import type { Node as JsonNode, Segment } from 'jsonc-parser';
import { prop } from './json';

/** Escapes one reference token (`~` → `~0`, `/` → `~1`). */
export function escapeToken(token: string | number): string {
  return String(token).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Builds a pointer from path segments: `['nodes', 0, 'parameters']` → `/nodes/0/parameters`; `[]` → `""`. */
export function toPointer(path: readonly Segment[]): string {
  return path.map((s) => '/' + escapeToken(s)).join('');
}

/** Parses a pointer into segments (numeric-looking tokens stay strings; `findAt` handles both). Throws on a pointer not starting with `/` (except `""`). */
export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new Error(`Invalid JSON Pointer: ${JSON.stringify(pointer)}`);
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/**
 * The index of `node` in `children` (an array's elements, in document order, so their offsets increase): found by
 * binary search on the offset, which keeps `pathOf` of every element of an n-element array O(n log n) instead of
 * O(n²) (20,000-node n8n workflows: every step's pointer is a `pathOf`). A node that is not one of the children (a
 * copy with another span) gets `indexOf`'s answer, -1.
 */
function indexIn(children: readonly JsonNode[], node: JsonNode): number {
  let lo = 0;
  let hi = children.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const o = children[mid].offset;
    if (o < node.offset) lo = mid + 1;
    else if (o > node.offset) hi = mid - 1;
    else return children[mid] === node ? mid : children.indexOf(node);
  }
  return children.indexOf(node);
}

/** The jsonc-parser path (numbers for array indices) of a node, computed by walking up its parents. */
export function pathOf(node: JsonNode): Segment[] {
  const path: Segment[] = [];
  let cur: JsonNode | undefined = node;
  while (cur && cur.parent) {
    const parent: JsonNode = cur.parent;
    if (parent.type === 'property') {
      path.push(parent.children![0].value as string);
      cur = parent.parent;
    } else if (parent.type === 'array') {
      path.push(indexIn(parent.children!, cur));
      cur = parent;
    } else {
      cur = parent;
    }
  }
  return path.reverse();
}

/** The JSON Pointer of a value node. */
export function pointerOf(node: JsonNode): string {
  return toPointer(pathOf(node));
}

/**
 * The value node at a pointer, or undefined. On a duplicated key the last occurrence wins, as in `JSON.parse`
 * (and so as in the values the schema validator sees).
 */
export function findAt(root: JsonNode, pointer: string): JsonNode | undefined {
  let node: JsonNode | undefined = root;
  for (const seg of parsePointer(pointer)) {
    if (!node) return undefined;
    if (node.type === 'array') node = /^(0|[1-9]\d*)$/.test(seg) ? node.children?.[Number(seg)] : undefined;
    else node = prop(node, seg);
  }
  return node;
}
