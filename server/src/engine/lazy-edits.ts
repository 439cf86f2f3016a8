/**
 * Lazily computed fix edits. Rules build a quick fix for every finding they report, but the edits are read only when
 * someone asks for them (a code action on an open document, fix-all, tests); computing them eagerly cost about half
 * of a corpus scan, because each jsonc-parser `modify` call parses the whole document again.
 */
import type { TextEdit } from './types';

/**
 * An array of edits that is computed by `compute` on first use and then kept (the closure, and the text it holds, is
 * released). It is a real array to every reader: `Array.isArray`, `length`, indexing, iteration, spread, `map`, …,
 * `JSON.stringify`, `assert.deepStrictEqual` all see the computed edits (it is a Proxy over the array that receives
 * them; `util.inspect` shows that array, so it prints `[]` until something has read the edits).
 * Not structured-cloneable (`postMessage`, `structuredClone`): copy it first (`[...edits]`).
 * `compute` runs at most once; if it throws, the error is thrown to that reader and the next reader tries again.
 */
export function lazyEdits(compute: () => TextEdit[]): TextEdit[] {
  // The proxy's target is the array that receives the edits, so `util.inspect` (assertion messages) shows them once read.
  const target: TextEdit[] = [];
  let pending: (() => TextEdit[]) | undefined = compute;
  const fill = (): TextEdit[] => {
    if (pending) {
      const edits = pending();
      pending = undefined;
      for (const e of edits) target.push(e);
    }
    return target;
  };
  return new Proxy<TextEdit[]>(target, {
    get: (_t, key) => Reflect.get(fill(), key),
    set: (_t, key, value) => Reflect.set(fill(), key, value),
    has: (_t, key) => Reflect.has(fill(), key),
    ownKeys: () => Reflect.ownKeys(fill()),
    getOwnPropertyDescriptor: (_t, key) => Reflect.getOwnPropertyDescriptor(fill(), key),
    defineProperty: (_t, key, desc) => Reflect.defineProperty(fill(), key, desc),
    deleteProperty: (_t, key) => Reflect.deleteProperty(fill(), key),
  });
}
