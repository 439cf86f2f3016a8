/**
 * Seeded, reproducible mutations of corpus files for the fuzz tests (fast-check arbitraries).
 *
 * A case is a corpus file, at most one structural mutation made on its parse tree (duplicate a key, replace a value
 * by a random JSON value, minify, re-indent with tabs, CRLF / CR line ends, BOM) and then 0–4 text or byte
 * mutations (truncate; delete, duplicate or move a range; insert NUL, lone surrogates, astral characters, tabs, line
 * breaks, JSON punctuation or random text; delete or duplicate UTF-8 bytes, which can break multi-byte sequences).
 * Positions are drawn as naturals and taken modulo the current length, so every mutation applies to any text.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { parseTree, type Node } from 'jsonc-parser';
import { decode } from '../../../server/src/workspace/analyze-file';

/** Every `.json` file under the corpus (malformed ones included), sorted; empty without a corpus. */
export function corpusFiles(corpus: string | undefined): string[] {
  if (!corpus) return [];
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.json')) out.push(p);
    }
  };
  walk(corpus);
  return out.sort();
}

const texts = new Map<string, string>();
/** A corpus file's text (UTF-8, cached). */
export function corpusText(file: string): string {
  let t = texts.get(file);
  if (t === undefined) texts.set(file, (t = fs.readFileSync(file, 'utf8')));
  return t;
}

/** A structural mutation, made on the original text of the file. */
export type Structural =
  | { kind: 'none' }
  | { kind: 'duplicate-key'; pick: number }
  | { kind: 'replace-value'; pick: number; value: unknown }
  | { kind: 'minify' }
  | { kind: 'tabs' }
  | { kind: 'crlf' }
  | { kind: 'cr' }
  | { kind: 'bom' };

/** A text or byte mutation. */
export type Op =
  | { kind: 'truncate'; at: number }
  | { kind: 'delete'; at: number; len: number }
  | { kind: 'duplicate'; at: number; len: number }
  | { kind: 'move'; at: number; len: number; to: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'delete-bytes'; at: number; len: number }
  | { kind: 'duplicate-bytes'; at: number; len: number };

const INSERTS = ['\u0000', '\uD800', '\uDFFF', '\uDBFF\uDBFF', '😀', '\u{10FFFF}', '\uFEFF', '\t', '\r', '\r\n', '\n', '\u2028', '{', '}', '[', ']', '"', ',', ':', '\\', '//', '/*', '*/', 'null', '-0e+', '"\\u12"', '"\\uD83D"'];

export const structuralArb: fc.Arbitrary<Structural> = fc.oneof(
  { weight: 4, arbitrary: fc.constant<Structural>({ kind: 'none' }) },
  { weight: 2, arbitrary: fc.nat().map((pick): Structural => ({ kind: 'duplicate-key', pick })) },
  { weight: 3, arbitrary: fc.record({ pick: fc.nat(), value: fc.jsonValue({ maxDepth: 3 }) }).map((r): Structural => ({ kind: 'replace-value', ...r })) },
  { weight: 1, arbitrary: fc.constantFrom<Structural>({ kind: 'minify' }, { kind: 'tabs' }, { kind: 'crlf' }, { kind: 'cr' }, { kind: 'bom' }) },
);

const pos = fc.nat();
const len = fc.integer({ min: 1, max: 64 });
export const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: pos }),
  fc.record({ kind: fc.constant('delete' as const), at: pos, len }),
  fc.record({ kind: fc.constant('duplicate' as const), at: pos, len }),
  fc.record({ kind: fc.constant('move' as const), at: pos, len, to: pos }),
  fc.record({ kind: fc.constant('insert' as const), at: pos, text: fc.oneof(fc.constantFrom(...INSERTS), fc.string({ unit: 'binary', maxLength: 8 })) }),
  fc.record({ kind: fc.constant('delete-bytes' as const), at: pos, len: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant('duplicate-bytes' as const), at: pos, len: fc.integer({ min: 1, max: 4 }) }),
);

/** Up to 4 ops; an empty list leaves the (structurally mutated) file as it is. */
export const opsArb = fc.array(opArb, { maxLength: 4 });

function nodesOf(root: Node | undefined, pred: (n: Node) => boolean): Node[] {
  const out: Node[] = [];
  const stack = root ? [root] : [];
  while (stack.length) {
    const n = stack.pop()!;
    if (pred(n)) out.push(n);
    if (n.children) stack.push(...n.children);
  }
  return out.sort((a, b) => a.offset - b.offset);
}

const trees = new Map<string, Node | undefined>();
function treeOf(text: string): Node | undefined {
  if (!trees.has(text)) {
    if (trees.size > 64) trees.clear();
    trees.set(text, parseTree(text, [], { allowTrailingComma: false, disallowComments: false }));
  }
  return trees.get(text);
}

/** Applies a structural mutation to a text (a no-op when it does not apply, e.g. minify on a broken file). */
export function applyStructural(text: string, s: Structural): string {
  switch (s.kind) {
    case 'none':
      return text;
    case 'bom':
      return '\uFEFF' + text;
    case 'crlf':
      return text.replace(/\r?\n/g, '\r\n');
    case 'cr':
      return text.replace(/\r?\n/g, '\r');
    case 'tabs':
      return text.replace(/^( {2})+/gm, (m) => '\t'.repeat(m.length / 2));
    case 'minify':
      try {
        return JSON.stringify(JSON.parse(text));
      } catch {
        return text;
      }
    case 'duplicate-key': {
      const props = nodesOf(treeOf(text), (n) => n.type === 'property' && n.children?.length === 2);
      if (!props.length) return text;
      const p = props[s.pick % props.length];
      const src = text.slice(p.offset, p.offset + p.length);
      return text.slice(0, p.offset + p.length) + ', ' + src + text.slice(p.offset + p.length);
    }
    case 'replace-value': {
      const values = nodesOf(treeOf(text), (n) => n.type !== 'property' && n.parent !== undefined && !(n.parent.type === 'property' && n.parent.children?.[0] === n));
      if (!values.length) return text;
      const v = values[s.pick % values.length];
      return text.slice(0, v.offset) + JSON.stringify(s.value) + text.slice(v.offset + v.length);
    }
  }
}

/**
 * Applies one op. Text ops work on UTF-16 code units (so they can split surrogate pairs); byte ops encode to UTF-8,
 * change bytes and decode as `analyzeFile` does. Returns undefined when the bytes became binary (a NUL byte).
 */
export function applyOp(text: string, op: Op): string | undefined {
  const at = (n: number, size: number) => n % (size + 1);
  switch (op.kind) {
    case 'truncate':
      return text.slice(0, at(op.at, text.length));
    case 'delete': {
      const a = at(op.at, text.length);
      return text.slice(0, a) + text.slice(a + op.len);
    }
    case 'duplicate': {
      const a = at(op.at, text.length);
      return text.slice(0, a + op.len) + text.slice(a, a + op.len) + text.slice(a + op.len);
    }
    case 'move': {
      const a = at(op.at, text.length);
      const piece = text.slice(a, a + op.len);
      const rest = text.slice(0, a) + text.slice(a + op.len);
      const b = at(op.to, rest.length);
      return rest.slice(0, b) + piece + rest.slice(b);
    }
    case 'insert': {
      const a = at(op.at, text.length);
      return text.slice(0, a) + op.text + text.slice(a);
    }
    case 'delete-bytes':
    case 'duplicate-bytes': {
      const buf = Buffer.from(text, 'utf8');
      const a = at(op.at, buf.length);
      const out =
        op.kind === 'delete-bytes'
          ? Buffer.concat([buf.subarray(0, a), buf.subarray(a + op.len)])
          : Buffer.concat([buf.subarray(0, a + op.len), buf.subarray(a, a + op.len), buf.subarray(a + op.len)]);
      return decode(out);
    }
  }
}

/** A short description of a case, for failure messages (reproduce with the fast-check seed and path). */
export function describeCase(file: string, s: Structural, ops: readonly Op[]): string {
  const st = s.kind === 'replace-value' ? `replace-value#${s.pick}=${JSON.stringify(s.value)?.slice(0, 40)}` : s.kind === 'duplicate-key' ? `duplicate-key#${s.pick}` : s.kind;
  return `${path.basename(file)} [${st}] ${ops.map((o) => JSON.stringify(o)).join(' ')}`;
}
