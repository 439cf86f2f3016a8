/**
 * What must hold for any analysis of any text (used by the fuzz and malformed-input tests):
 * - every finding's span lies inside the text, and its range is the same whether computed by the engine, by a fresh
 *   `LineIndex`, or by vscode-languageserver-textdocument's `TextDocument.positionAt` (what the editor uses);
 * - ranges do not cut a surrogate pair in two;
 * - findings are well-formed and sorted by offset;
 * - every fix can be read (fix edits are computed lazily) and applied; on a text that parses, the fixed text parses;
 * - `fixAll` never throws, and keeps a parsing text parsing;
 * - the LSP conversion (`toDiagnostics`) keeps the ranges.
 */
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { applyEdits, fixAll, LineIndex, type AnalysisResult, type Finding } from '../../../server/src/engine';
import { parsesAsJson } from '../../../server/src/engine/fix-all';
import { toDiagnostics } from '../../../server/src/lsp/diagnostics';

const SEVERITIES = new Set(['error', 'warning', 'info', 'hint']);

/** Counters the checks add to (reported by the tests). */
export interface InvariantStats {
  findings: number;
  fixesApplied: number;
  fixAllRuns: number;
}

export const newStats = (): InvariantStats => ({ findings: 0, fixesApplied: 0, fixAllRuns: 0 });

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** True when `offset` falls between the two halves of a surrogate pair. */
export function splitsPair(text: string, offset: number): boolean {
  return offset > 0 && offset < text.length && isHigh(text.charCodeAt(offset - 1)) && isLow(text.charCodeAt(offset));
}

/** Asserts the span and range invariants of one finding. */
export function checkFindingRange(text: string, f: Finding, lines: LineIndex, doc: TextDocument, where: string): void {
  const tag = `${where}: ${f.ruleId} at ${f.offset}+${f.length}`;
  assert.ok(Number.isInteger(f.offset) && Number.isInteger(f.length), `${tag}: integer offsets`);
  assert.ok(f.offset >= 0 && f.length >= 0 && f.offset + f.length <= text.length, `${tag}: inside the text (length ${text.length})`);
  assert.deepEqual(f.range, lines.rangeAt(f.offset, f.length), `${tag}: range = LineIndex.rangeAt`);
  assert.deepEqual(f.range.start, doc.positionAt(f.offset), `${tag}: start = TextDocument.positionAt`);
  assert.deepEqual(f.range.end, doc.positionAt(f.offset + f.length), `${tag}: end = TextDocument.positionAt`);
  assert.equal(lines.offsetAt(f.range.start), f.offset, `${tag}: LineIndex.offsetAt(start) round-trips`);
  assert.ok(!splitsPair(text, f.offset) && !splitsPair(text, f.offset + f.length), `${tag}: does not split a surrogate pair`);
}

/**
 * Checks every invariant of `result` (the analysis of `text`). Throws an AssertionError naming `where` and the
 * finding. Adds to `stats`.
 */
export function checkAnalysis(text: string, result: AnalysisResult, where: string, stats: InvariantStats = newStats()): void {
  const doc = TextDocument.create('file:///fuzz.json', 'json', 1, text);
  const lines = new LineIndex(text);
  let last = -1;
  for (const f of result.findings) {
    checkFindingRange(text, f, lines, doc, where);
    assert.equal(typeof f.ruleId, 'string');
    assert.ok(SEVERITIES.has(f.severity), `${where}: severity ${f.severity}`);
    assert.ok(typeof f.message === 'string' && f.message.trim().length > 0, `${where}: ${f.ruleId} has a message`);
    assert.ok(f.pointer === '' || f.pointer.startsWith('/'), `${where}: ${f.ruleId} pointer ${JSON.stringify(f.pointer)}`);
    assert.ok(f.offset >= last, `${where}: findings sorted by offset`);
    last = f.offset;
    stats.findings++;
  }
  const parses = result.detection !== undefined && parsesAsJson(text);
  for (const f of result.findings) {
    if (!f.fix) continue;
    const edits = [...f.fix.edits]; // computed lazily: reading must not throw
    for (const e of edits) assert.ok(e.offset >= 0 && e.length >= 0 && e.offset + e.length <= text.length, `${where}: ${f.ruleId} fix edit inside the text`);
    const fixed = applyEdits(text, edits);
    if (parses) assert.ok(parsesAsJson(fixed), `${where}: ${f.ruleId} fix "${f.fix.title}" keeps the text parsing`);
    stats.fixesApplied++;
  }
  if (result.findings.some((f) => f.fix)) {
    const all = fixAll(text, result.findings);
    if (parses) assert.ok(parsesAsJson(all.text), `${where}: fixAll keeps the text parsing`);
    stats.fixAllRuns++;
  }
  const diagnostics = toDiagnostics(result.findings);
  assert.deepEqual(
    diagnostics.map((d) => d.range),
    result.findings.map((f) => f.range),
    `${where}: diagnostics keep the ranges`,
  );
}
