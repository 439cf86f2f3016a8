/**
 * Fix-all: applies every fix of a document's findings at once (the editor's `source.fixAll.lowcodeGuard` action;
 * a CLI `--fix` could use it too). Pure.
 *
 * Fixes are taken in finding order (findings are sorted by offset). A fix is skipped when one of its edits overlaps
 * an edit already taken — overlapping spans, or two edits at the same offset (two insertions at one point would
 * land in an order nobody chose). A fix whose edits equal a fix already taken counts as applied (one edit fixed
 * both findings). The result must parse as JSON (comments allowed, as the engine allows them); if it does not, fixes
 * are re-taken one by one and any fix that breaks the text is skipped.
 */
import { parseTree, type ParseError } from 'jsonc-parser';
import { applyEdits } from './fix';
import type { Finding, TextEdit } from './types';

/** What {@link fixAll} did. */
export interface FixAllResult {
  /** The text with the fixes applied (the input text when nothing applied). */
  text: string;
  /** Findings whose fix was applied, in input order. */
  applied: Finding[];
  /** Findings with a fix that was skipped (overlap, or the text would not parse), in input order. */
  skipped: Finding[];
  /** The edits applied, in offsets of the input text, sorted by offset. */
  edits: TextEdit[];
}

/** True when two edits touch the same text: their spans intersect, or they start at the same offset. */
export function editsOverlap(a: TextEdit, b: TextEdit): boolean {
  if (a.offset === b.offset) return true;
  return a.offset < b.offset + b.length && b.offset < a.offset + a.length;
}

/** True when `text` parses as JSON (comments allowed; no trailing commas, as `analyze` parses). */
export function parsesAsJson(text: string): boolean {
  const errors: ParseError[] = [];
  try {
    parseTree(text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text, errors, { allowTrailingComma: false, disallowComments: false });
  } catch {
    return false;
  }
  return errors.length === 0;
}

const sameEdits = (a: readonly TextEdit[], b: readonly TextEdit[]) =>
  a.length === b.length && a.every((e, i) => e.offset === b[i].offset && e.length === b[i].length && e.content === b[i].content);

/**
 * The edits of a finding's fix, read once; undefined when there is no fix or its edits cannot be computed (they are
 * computed when first read, see lazy-edits.ts: a `modify` that throws must cost that one fix, not the whole fix-all).
 */
function editsOf(f: Finding): TextEdit[] | undefined {
  try {
    return f.fix ? [...f.fix.edits] : undefined;
  } catch {
    return undefined;
  }
}

/** Applies every non-overlapping fix of `findings` to `text` (see the module comment). Never throws. */
export function fixAll(text: string, findings: readonly Finding[]): FixAllResult {
  const editsByFinding = new Map<Finding, TextEdit[]>();
  for (const f of findings) {
    const e = editsOf(f);
    if (e?.length) editsByFinding.set(f, e);
  }
  const fixable = [...editsByFinding.keys()];
  const taken: { finding: Finding; edits: TextEdit[] }[] = [];
  const applied: Finding[] = [];
  const skipped: Finding[] = [];
  const consider = (f: Finding, check: (edits: TextEdit[]) => boolean) => {
    const edits = editsByFinding.get(f)!;
    if (taken.some((t) => sameEdits(t.edits, edits))) return applied.push(f);
    const overlaps = edits.some((e, i) => edits.some((o, j) => j > i && editsOverlap(e, o))) || taken.some((t) => t.edits.some((te) => edits.some((e) => editsOverlap(te, e))));
    if (overlaps || !check(edits)) return skipped.push(f);
    taken.push({ finding: f, edits });
    applied.push(f);
  };
  const all = () => taken.flatMap((t) => t.edits);

  for (const f of fixable) consider(f, () => true);
  let out = applyEdits(text, all());
  if (applied.length && !parsesAsJson(out) && parsesAsJson(text)) {
    // Some fix breaks the text (alone or with another): take them again one by one, checking each step.
    taken.length = 0;
    applied.length = 0;
    skipped.length = 0;
    for (const f of fixable) consider(f, (edits) => parsesAsJson(applyEdits(text, [...all(), ...edits])));
    out = applyEdits(text, all());
  }
  const order = new Map(findings.map((f, i) => [f, i]));
  const byInput = (a: Finding, b: Finding) => order.get(a)! - order.get(b)!;
  return { text: out, applied: applied.sort(byInput), skipped: skipped.sort(byInput), edits: all().sort((a, b) => a.offset - b.offset) };
}
