/**
 * Small, allocation-light accessors over jsonc-parser trees, used by adapters and rules.
 * All offsets are UTF-16 code units of the parsed text.
 */
import { getNodeValue, type Node as JsonNode } from 'jsonc-parser';

/** The property node (`type: 'property'`) for `key` in an object node, or undefined. Last one wins on duplicate keys, as JSON.parse does. */
export function propNode(obj: JsonNode | undefined, key: string): JsonNode | undefined {
  if (!obj || obj.type !== 'object' || !obj.children) return undefined;
  let found: JsonNode | undefined;
  for (const p of obj.children) {
    const k = p.children?.[0];
    if (k && k.value === key) found = p;
  }
  return found;
}

/** The value node of `key` in an object node (undefined if absent or the object is not an object). */
export function prop(obj: JsonNode | undefined, key: string): JsonNode | undefined {
  return propNode(obj, key)?.children?.[1];
}

/** Walks a chain of keys: `get(root, 'properties', 'definition')`. */
export function get(obj: JsonNode | undefined, ...keys: string[]): JsonNode | undefined {
  let cur = obj;
  for (const k of keys) {
    cur = prop(cur, k);
    if (!cur) return undefined;
  }
  return cur;
}

/** The key node of a value node that sits in an object property, else undefined. */
export function keyOf(valueNode: JsonNode): JsonNode | undefined {
  const p = valueNode.parent;
  return p && p.type === 'property' ? p.children?.[0] : undefined;
}

/** The string value of a node, or undefined if it is not a string. */
export function str(node: JsonNode | undefined): string | undefined {
  return node && node.type === 'string' ? (node.value as string) : undefined;
}

/** The plain JavaScript value of a node (undefined for no node). */
export function val(node: JsonNode | undefined): unknown {
  return node ? getNodeValue(node) : undefined;
}

/** The `[key, valueNode, propertyNode]` entries of an object node. */
export function entries(obj: JsonNode | undefined): Array<[string, JsonNode, JsonNode]> {
  const out: Array<[string, JsonNode, JsonNode]> = [];
  if (!obj || obj.type !== 'object' || !obj.children) return out;
  for (const p of obj.children) {
    const k = p.children?.[0];
    const v = p.children?.[1];
    if (k && v) out.push([k.value as string, v, p]);
  }
  return out;
}

/** The element nodes of an array node (empty for anything else). */
export function items(arr: JsonNode | undefined): JsonNode[] {
  return arr && arr.type === 'array' && arr.children ? arr.children : [];
}

/** Visits every node below (and including) `node`, depth-first. Return `false` from `fn` to skip a node's children. */
export function walk(node: JsonNode | undefined, fn: (n: JsonNode) => boolean | void): void {
  if (!node) return;
  const stack: JsonNode[] = [node];
  while (stack.length) {
    const n = stack.pop()!;
    if (fn(n) === false) continue;
    const ch = n.children;
    if (ch) for (let i = ch.length - 1; i >= 0; i--) stack.push(ch[i]);
  }
}

/**
 * Calls `fn` for every string value node (not property keys) below `node`, with the nearest property key it sits under
 * (array elements inherit their array's key). Iterative, so deep nesting cannot overflow the stack.
 */
export function stringValues(node: JsonNode | undefined, fn: (value: JsonNode, key: string | undefined) => void): void {
  if (!node) return;
  // Two parallel stacks instead of a [node, key] pair per entry: this runs over every string of every file.
  const nodes: JsonNode[] = [node];
  const keys: Array<string | undefined> = [undefined];
  while (nodes.length) {
    const n = nodes.pop()!;
    const key = keys.pop();
    if (n.type === 'string') fn(n, key);
    else if (n.type === 'object' && n.children) {
      for (let i = n.children.length - 1; i >= 0; i--) {
        const p = n.children[i];
        const v = p.children?.[1];
        if (v) {
          nodes.push(v);
          keys.push(p.children![0].value as string);
        }
      }
    } else if (n.type === 'array' && n.children) {
      for (let i = n.children.length - 1; i >= 0; i--) {
        nodes.push(n.children[i]);
        keys.push(key);
      }
    }
  }
}
