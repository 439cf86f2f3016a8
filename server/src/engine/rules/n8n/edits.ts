/**
 * Fixes that change several keys at once. `setValue` computes each edit against the text it is given, so two edits
 * that insert into the same object cannot both be computed on the original text; `combinedEdits` applies the steps
 * one after another and returns one edit of the original text that covers everything they changed.
 */
import { applyEdits, setValue } from '../../fix';
import { lazyEdits } from '../../lazy-edits';
import type { JSONPath } from 'jsonc-parser';
import type { TextEdit } from '../../types';

/** One change: a JSON path and the value to set there (`undefined` removes the property or array element). */
export interface Change {
  path: JSONPath;
  value: unknown;
}

/**
 * A single edit of `text` with the effect of applying `changes` in order (each computed by jsonc-parser `modify`
 * on the text the previous ones produced, so formatting is kept). Empty when nothing changes. Computed when first read
 * (lazy-edits.ts): each step re-parses the whole text, so computing it for every finding made analysis quadratic.
 */
export function combinedEdits(text: string, changes: readonly Change[]): TextEdit[] {
  return lazyEdits(() => combine(text, changes));
}

function combine(text: string, changes: readonly Change[]): TextEdit[] {
  let out = text;
  for (const c of changes) out = applyEdits(out, setValue(out, c.path, c.value));
  if (out === text) return [];
  let start = 0;
  while (start < text.length && start < out.length && text.charCodeAt(start) === out.charCodeAt(start)) start++;
  let endA = text.length;
  let endB = out.length;
  while (endA > start && endB > start && text.charCodeAt(endA - 1) === out.charCodeAt(endB - 1)) {
    endA--;
    endB--;
  }
  return [{ offset: start, length: endA - start, content: out.slice(start, endB) }];
}
