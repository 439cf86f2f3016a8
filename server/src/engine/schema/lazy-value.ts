/**
 * The value a schema validator reads, built from the parse tree on demand.
 *
 * The validators (ajv standalone code, validators.ts) look at a small part of a document: an n8n workflow's keys, each
 * node's keys and a few of their values, but only the type of `parameters`, `pinData`, `staticData` (the bulk of a
 * file). A copy of the whole document — `JSON.parse` of the text, or `getNodeValue` of the tree — was ~10 % of a
 * corpus scan (docs/performance.md); this view copies only what the validator reads.
 *
 * Shape: a scalar node gives its value (the tree's strings and numbers are those `JSON.parse` gives); an array node a
 * real array of the views of its elements; an object node a read-only `Proxy` over an empty ordinary object
 * (`Object.prototype`, as `JSON.parse` objects) whose own properties are the object's members, each member's value
 * built on first read and kept. The view is observably the value `JSON.parse` gives for the same span:
 * - duplicate keys: one property, at the position of the first occurrence, with the value of the last;
 * - key order: array-index keys (`"0"`, `"12"`, canonical, below 2³² − 1) first in ascending numeric order, then the
 *   others in document order — the order of an ordinary object's own keys (ECMAScript OrdinaryOwnPropertyKeys);
 * - `__proto__` is an ordinary own member (as `JSON.parse` defines it), not the prototype.
 * Writes are refused (`set`, `defineProperty`, `deleteProperty` return false); the validators never write (no
 * `useDefaults`, `coerceTypes` or `removeAdditional`). `test/engine/schema-lazy-value.test.ts` checks the view against
 * `JSON.parse` and the validators' errors against those over `JSON.parse` values on every corpus flow.
 */
import type { JsonNode } from '../types';

/** The plain value of `node` as `JSON.parse` would give it, materialised lazily (see the module comment). */
export function lazyValue(node: JsonNode): unknown {
  switch (node.type) {
    case 'object':
      return new Proxy({}, new ObjectView(node));
    case 'array': {
      const children = node.children ?? [];
      const out = new Array<unknown>(children.length);
      for (let i = 0; i < children.length; i++) out[i] = lazyValue(children[i]);
      return out;
    }
    default:
      return node.value;
  }
}

const ARRAY_INDEX = /^(?:0|[1-9][0-9]{0,9})$/;

/** True for the keys an ordinary object lists first: canonical array indices (0 … 2³² − 2). */
function isArrayIndex(key: string): boolean {
  return ARRAY_INDEX.test(key) && Number(key) < 4294967295;
}

/** Proxy handler of one object node: members indexed on first use, member values built on first read. */
class ObjectView implements ProxyHandler<object> {
  private members?: Map<string, JsonNode>;
  private keys?: string[];
  private readonly values = new Map<string, unknown>();

  constructor(private readonly node: JsonNode) {}

  /** key → value node of its last occurrence; `keys` in ordinary own-key order. */
  private index(): Map<string, JsonNode> {
    if (this.members) return this.members;
    const members = new Map<string, JsonNode>();
    let indices = false;
    for (const p of this.node.children ?? []) {
      const [k, v] = p.children ?? [];
      if (!k || !v) continue; // not produced by a successful parse; kept out as JSON.parse has no such member
      const key = k.value as string;
      members.set(key, v); // a repeated key keeps its first position (Map order) and takes the last value
      if (!indices && isArrayIndex(key)) indices = true;
    }
    let keys = [...members.keys()];
    if (indices) {
      const ix = keys.filter(isArrayIndex).sort((a, b) => Number(a) - Number(b));
      keys = ix.concat(keys.filter((k) => !isArrayIndex(k)));
    }
    this.keys = keys;
    this.members = members;
    return members;
  }

  private read(key: string): unknown {
    if (this.values.has(key)) return this.values.get(key);
    const v = lazyValue(this.members!.get(key)!);
    this.values.set(key, v);
    return v;
  }

  get(target: object, key: string | symbol, receiver: unknown): unknown {
    if (typeof key === 'string' && this.index().has(key)) return this.read(key);
    return Reflect.get(target, key, receiver);
  }

  has(target: object, key: string | symbol): boolean {
    return (typeof key === 'string' && this.index().has(key)) || Reflect.has(target, key);
  }

  ownKeys(): string[] {
    this.index();
    return this.keys!.slice();
  }

  getOwnPropertyDescriptor(_target: object, key: string | symbol): PropertyDescriptor | undefined {
    if (typeof key !== 'string' || !this.index().has(key)) return undefined;
    return { value: this.read(key), writable: true, enumerable: true, configurable: true };
  }

  set(): boolean {
    return false;
  }

  defineProperty(): boolean {
    return false;
  }

  deleteProperty(): boolean {
    return false;
  }
}
