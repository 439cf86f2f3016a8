/**
 * Fix builders. Every edit is computed on the original text with jsonc-parser `modify`, so indentation, key order,
 * line endings and everything outside the edit stay as they were.
 */
import { modify, type FormattingOptions, type JSONPath } from 'jsonc-parser';
import type { JsonNode, TextEdit } from './types';
import { pathOf } from './pointer';

/** Guesses the document's indentation (tabs or N spaces) and line ending, for `modify`. */
export function formattingOf(text: string): FormattingOptions {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const m = /\n([ \t]+)\S/.exec(text.slice(0, 4096));
  if (m && m[1].startsWith('\t')) return { insertSpaces: false, tabSize: 4, eol };
  const size = m ? Math.min(m[1].length, 8) : 2;
  return { insertSpaces: true, tabSize: size || 2, eol };
}

/** Edits that set (add or replace) the value at `path`; `value: undefined` removes the property. */
export function setValue(text: string, path: JSONPath, value: unknown): TextEdit[] {
  return modify(text, path, value, { formattingOptions: formattingOf(text) }).map((e) => ({ offset: e.offset, length: e.length, content: e.content }));
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
