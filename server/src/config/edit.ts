/**
 * Edits to a configuration text (pure): adding a suppression for one finding, as the editor's "Ignore this finding"
 * code action does. Built with jsonc-parser `modify`, so comments, key order and the rest of the file stay; the
 * edit is then trimmed to the characters that really change.
 */
import { modify, parseTree, type ParseError } from 'jsonc-parser';
import type { TextEdit } from '../engine';
import { formattingOf } from '../engine/fix';
import { prop } from '../engine/json';
import { tooDeepAt } from '../engine/depth';
import { MAX_CONFIG_DEPTH } from './parse';
import { escapeGlob } from './match';

/** The suppression an "Ignore this finding" action writes (key order as written to the file). */
export interface NewSuppression {
  rule: string;
  /** One literal file path relative to the configuration's folder, `/`-separated (escaped as a glob here). */
  file: string;
  /** JSON Pointer of the finding; omitted from the file when empty (the whole file). */
  pointer?: string;
  reason: string;
}

/** Placeholder reason written by the code action: the reviewer replaces it. */
export const REVIEW_PLACEHOLDER = 'Reviewed: <fill in why>';

/** How to change the configuration: write a new file, or apply edits (offsets in the current text) to the existing one. */
export type ConfigChange = { kind: 'create'; text: string } | { kind: 'edit'; edits: TextEdit[] };

function entryOf(s: NewSuppression): Record<string, string> {
  const e: Record<string, string> = { rule: s.rule, files: escapeGlob(s.file) };
  if (s.pointer) e.pointer = s.pointer;
  e.reason = s.reason;
  return e;
}

/**
 * The change that appends `s` to `suppressions` of the configuration `text` (undefined or blank: a new file with
 * just that suppression). Undefined when the text cannot be edited safely: it does not parse, its root is not an
 * object, or its `suppressions` is not an array (the configuration's own diagnostics say why).
 */
export function addSuppression(text: string | undefined, s: NewSuppression): ConfigChange | undefined {
  const entry = entryOf(s);
  if (text === undefined || text.trim() === '') return { kind: 'create', text: JSON.stringify({ suppressions: [entry] }, null, 2) + '\n' };
  if (tooDeepAt(text, MAX_CONFIG_DEPTH) >= 0) return undefined;
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length || root?.type !== 'object') return undefined;
  const existing = prop(root, 'suppressions');
  if (existing && existing.type !== 'array') return undefined;
  const edits = modify(text, ['suppressions', -1], entry, { isArrayInsertion: true, formattingOptions: formattingOf(text) });
  return { kind: 'edit', edits: edits.map((e) => trim(text, { offset: e.offset, length: e.length, content: e.content })) };
}

/** Shrinks an edit to the span that really changes (common prefix and suffix of old and new text left out). */
export function trim(text: string, e: TextEdit): TextEdit {
  const old = text.slice(e.offset, e.offset + e.length);
  let start = 0;
  while (start < old.length && start < e.content.length && old.charCodeAt(start) === e.content.charCodeAt(start)) start++;
  let end = 0;
  while (end < old.length - start && end < e.content.length - start && old.charCodeAt(old.length - 1 - end) === e.content.charCodeAt(e.content.length - 1 - end)) end++;
  return { offset: e.offset + start, length: old.length - start - end, content: e.content.slice(start, e.content.length - end) };
}
