/**
 * Fix builders. Every edit is computed on the original text with jsonc-parser `modify`, so indentation, key order,
 * line endings and everything outside the edit stay as they were.
 */
import { findNodeAtLocation, modify, parseTree, type FormattingOptions, type JSONPath } from 'jsonc-parser';
import type { JsonNode, TextEdit } from './types';
import { pathOf } from './pointer';
import { lazyEdits } from './lazy-edits';

/** Guesses the document's indentation (tabs or N spaces) and line ending, for `modify`. */
export function formattingOf(text: string): FormattingOptions {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const m = /\n([ \t]+)\S/.exec(text.slice(0, 4096));
  if (m && m[1].startsWith('\t')) return { insertSpaces: false, tabSize: 4, eol };
  const size = m ? Math.min(m[1].length, 8) : 2;
  return { insertSpaces: true, tabSize: size || 2, eol };
}

const INDENTED = /\n[ \t]+\S/;

/** A formatted fix edit may rewrite at most this many UTF-16 code units of the original text (see `setValue`). */
export const MAX_REFORMATTED = 1000;

/**
 * Edits that set (add or replace) the value at `path`; `value: undefined` removes the property.
 * jsonc-parser's `modify` re-formats the whole line around an insertion or removal. That keeps a pretty-printed file
 * pretty, but on a minified file (one line) it would rewrite the entire document. So the formatted edit is used only
 * when the document is indented (an indented line in its first 4 KB) and the edit rewrites at most
 * {@link MAX_REFORMATTED} code units of the original; otherwise the unformatted edit is used (compact JSON, everything
 * around it byte-identical). The unformatted edit is also the fallback when the formatter throws (jsonc-parser 3.3.1
 * fails on an indentation of exactly 200 spaces or tabs: its cache of indentation strings is off by one).
 */
export function setValue(text: string, path: JSONPath, value: unknown): TextEdit[] {
  // Computed when first read (lazy-edits.ts): most fixes are never applied, and each `modify` re-parses the whole text.
  // `path` and `value` are read then, so callers must not change them afterwards.
  return lazyEdits(() => editsOf(text, path, value));
}

function editsOf(text: string, path: JSONPath, value: unknown): TextEdit[] {
  const last = path[path.length - 1];
  if (value === undefined && typeof last === 'number') {
    const removal = removeElement(text, path.slice(0, -1), last);
    if (removal) return removal;
  }
  let edits: ReturnType<typeof modify> | undefined;
  if (INDENTED.test(text.slice(0, 4096))) {
    try {
      edits = modify(text, path, value, { formattingOptions: formattingOf(text) });
    } catch {
      edits = undefined; // the formatter failed (see above)
    }
    if (edits?.some((e) => e.length > MAX_REFORMATTED)) edits = undefined;
  }
  edits ??= modify(text, path, value, {});
  return edits.map((e) => ({ offset: e.offset, length: e.length, content: e.content }));
}

/**
 * The edit that removes element `index` of the array at `arrayPath`, or undefined when there is no such array (then
 * `modify` decides). Not jsonc-parser's `modify`: in 3.3.1 it removes one character too many when the last element
 * is followed directly by `]` (`[1,{"a":2}]` → `[1,}]`), and an index past the end removes an element anyway
 * (microsoft/node-jsonc-parser issues #108 and #120). Here: the only element → everything between the brackets; the
 * last one → from the end of the element before it (its comma) to its own end; any other → from its start to the
 * start of the next one. Whitespace around what is removed stays as it was. An index past the end removes nothing.
 */
function removeElement(text: string, arrayPath: JSONPath, index: number): TextEdit[] | undefined {
  const root = parseTree(text, [], { allowTrailingComma: false, disallowComments: false });
  const arr = root && findNodeAtLocation(root, arrayPath);
  if (!arr || arr.type !== 'array' || !arr.children) return undefined;
  const items = arr.children;
  const el = items[index];
  if (!el || index < 0) return [];
  let start: number;
  let end: number;
  if (items.length === 1) [start, end] = [arr.offset + 1, arr.offset + arr.length - 1];
  else if (index === items.length - 1) [start, end] = [items[index - 1].offset + items[index - 1].length, el.offset + el.length];
  else [start, end] = [el.offset, items[index + 1].offset];
  return [{ offset: start, length: end - start, content: '' }];
}

/** Edits that set property `key` of the object `obj` (a node of the parse tree of `text`). */
export function setProperty(text: string, obj: JsonNode, key: string, value: unknown): TextEdit[] {
  return setValue(text, [...pathOf(obj), key], value);
}

/** An edit that replaces a string value node with another string (JSON-escaped). */
export function replaceString(node: JsonNode, value: string): TextEdit[] {
  return [{ offset: node.offset, length: node.length, content: JSON.stringify(value) }];
}

/** Applies non-overlapping edits to a text (order does not matter). Throws on overlapping edits. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.offset - a.offset);
  let out = text;
  let last = Infinity;
  for (const e of sorted) {
    if (e.offset + e.length > last) throw new Error('Overlapping edits');
    out = out.slice(0, e.offset) + e.content + out.slice(e.offset + e.length);
    last = e.offset;
  }
  return out;
}
