/**
 * RFC 6901 JSON Pointers over jsonc-parser trees.
 */
import { findNodeAtLocation, type Node as JsonNode, type Segment } from 'jsonc-parser';

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

/** The value node at a pointer, or undefined. */
export function findAt(root: JsonNode, pointer: string): JsonNode | undefined {
  const segs: Segment[] = parsePointer(pointer).map((s) => (/^(0|[1-9]\d*)$/.test(s) ? Number(s) : s));
  // findNodeAtLocation treats numbers as array indices only on arrays; try the literal key on objects.
  let node: JsonNode | undefined = root;
  for (const seg of segs) {
    if (!node) return undefined;
    if (node.type === 'array' && typeof seg === 'number') node = node.children?.[seg];
    else node = findNodeAtLocation(node, [String(seg)]);
  }
  return node;
}
