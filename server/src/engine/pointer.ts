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
      path.push(parent.children!.indexOf(cur));
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
