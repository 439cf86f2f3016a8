/**
 * A `TextDocument` for large texts whose edits never copy the whole text on the main thread.
 *
 * Why: vscode-languageserver-textdocument applies an edit as `content.substring(0, a) + text + content.substring(b)`
 * and then reads a character of the result. The result is a V8 cons string, and reading it (or taking a substring
 * of it at the next edit) makes V8 copy the whole text into a new flat string: about 40 ms for a 5 MB document on the
 * machine of docs/performance.md, on every keystroke, on the server's main thread — the stall the "longest wait"
 * rows measured. Documents that large are analysed in the document worker (docWorker.ts), which receives only the
 * edits (changes.ts), so the main thread never needs the flat text in steady state.
 *
 * How: the text is a flat `base` plus the edits applied since (`pending`, at most {@link MAX_PENDING}, then folded into
 * a new base: one copy per that many edits). A character is read by mapping its offset back through the pending
 * edits; `getText()` joins slices of `base` and the edits' texts (V8 slices and cons strings: no copy until someone
 * reads the characters). Line offsets are kept up to date edit by edit, exactly as the library does. Positions,
 * offsets, line counts and texts are those vscode-languageserver-textdocument's `TextDocument` gives for the same
 * edits (test/lsp/large-document.test.ts compares them on random edit sequences). Offsets and lengths are UTF-16
 * code units; lines and characters 0-based (LSP).
 */
import type { Position, Range, TextDocumentContentChangeEvent } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { OffsetEdit } from './changes';

/** Edits kept apart from the base before they are folded into a new flat base. */
export const MAX_PENDING = 256;

const isEOL = (c: number) => c === 13 || c === 10;

/** `[from, to)` of a string: one piece of a text made of pieces. */
type Piece = [string, number, number];

/** The pieces that cover `[from, to)` of the text `pieces` make (offsets in that text). */
function take(pieces: readonly Piece[], from: number, to: number): Piece[] {
  const out: Piece[] = [];
  let at = 0;
  for (const [src, a, b] of pieces) {
    const len = b - a;
    const lo = Math.max(from - at, 0);
    const hi = Math.min(to - at, len);
    if (hi > lo) out.push([src, a + lo, a + hi]);
    at += len;
    if (at >= to) break;
  }
  return out;
}

/** Offsets at which lines start in `text` (after each LF, CR or CRLF), each plus `at`; with `at` first if `atLineStart`. */
function lineStartsOf(text: string, atLineStart: boolean, at = 0): number[] {
  const out = atLineStart ? [at] : [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isEOL(c)) {
      if (c === 13 && i + 1 < text.length && text.charCodeAt(i + 1) === 10) i++;
      out.push(at + i + 1);
    }
  }
  return out;
}

/** The range with its ends in document order (a reversed range is taken from its smaller end, as the library does). */
function wellFormed(range: Range): Range {
  const { start, end } = range;
  return start.line > end.line || (start.line === end.line && start.character > end.character) ? { start: end, end: start } : range;
}

/** See the module comment. Created by changes.ts for texts of at least `LARGE_DOCUMENT_CHARS` characters. */
export class LargeTextDocument implements TextDocument {
  private base: string;
  /** Edits applied since `base` was made, in order (each `offset` in the text the one before it produced). */
  private pending: OffsetEdit[] = [];
  private size: number;
  private lines: number[] | undefined;
  private joined: string | undefined;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    public version: number,
    content: string,
  ) {
    this.base = content;
    this.size = content.length;
  }

  /** Length of the text in UTF-16 code units (no copy, unlike `getText().length` on some documents). */
  get length(): number {
    return this.size;
  }

  /** The text, or the part of it in `range`. The whole text is returned as slices joined, not copied. */
  getText(range?: Range): string {
    if (this.joined === undefined) this.joined = this.join();
    if (!range) return this.joined;
    return this.joined.substring(this.offsetAt(range.start), this.offsetAt(range.end));
  }

  /** The UTF-16 code unit at `offset` of the current text (`NaN` outside it, as `String.prototype.charCodeAt`). */
  charCodeAt(offset: number): number {
    let p = offset;
    for (let i = this.pending.length - 1; i >= 0; i--) {
      const e = this.pending[i];
      if (p < e.offset) continue;
      if (p < e.offset + e.text.length) return e.text.charCodeAt(p - e.offset);
      p += e.length - e.text.length;
    }
    return this.base.charCodeAt(p);
  }

  get lineCount(): number {
    return this.lineOffsets().length;
  }

  positionAt(offset: number): Position {
    offset = Math.max(Math.min(offset, this.size), 0);
    const lines = this.lineOffsets();
    let low = 0;
    let high = lines.length;
    if (high === 0) return { line: 0, character: offset };
    while (low < high) {
      const mid = Math.floor((low + high) / 2);
      if (lines[mid] > offset) high = mid;
      else low = mid + 1;
    }
    const line = low - 1;
    offset = this.beforeEOL(offset, lines[line]);
    return { line, character: offset - lines[line] };
  }

  offsetAt(position: Position): number {
    const lines = this.lineOffsets();
    if (position.line >= lines.length) return this.size;
    if (position.line < 0) return 0;
    const lineOffset = lines[position.line];
    if (position.character <= 0) return lineOffset;
    const next = position.line + 1 < lines.length ? lines[position.line + 1] : this.size;
    return this.beforeEOL(Math.min(lineOffset + position.character, next), lineOffset);
  }

  /** The range of line `line` without its line break (as the library's `getLineRange`). */
  getLineRange(line: number): Range {
    const lines = this.lineOffsets();
    if (line >= lines.length) {
      const last = lines.length - 1;
      return { start: { line: last, character: 0 }, end: { line: last, character: this.size - lines[last] } };
    }
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const start = lines[line];
    const next = line + 1 < lines.length ? lines[line + 1] : this.size;
    return { start: { line, character: 0 }, end: { line, character: this.beforeEOL(next, start) - start } };
  }

  /** The line break that ends line `line` (`''` for the last line or outside the text). */
  getEOLCharacters(line: number): string {
    const lines = this.lineOffsets();
    if (line >= lines.length || line < 0) return '';
    const next = line + 1 < lines.length ? lines[line + 1] : this.size;
    return this.getText().substring(this.beforeEOL(next, lines[line]), next); // (unused by the server: may copy)
  }

  /**
   * Applies content changes as `TextDocument.update` does (in order; a change without a range replaces the text).
   * Throws on a change that is neither (as the library does).
   */
  update(changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    for (const change of changes) {
      if (typeof change.text !== 'string') throw new Error('Unknown change event received');
      if (!('range' in change) || change.range === undefined) {
        this.base = change.text;
        this.pending = [];
        this.size = change.text.length;
        this.lines = undefined;
        this.joined = undefined;
        continue;
      }
      const range = wellFormed(change.range);
      const start = this.offsetAt(range.start);
      const end = this.offsetAt(range.end);
      this.pending.push({ offset: start, length: end - start, text: change.text });
      this.size += change.text.length - (end - start);
      this.joined = undefined;
      const insertedEnd = start + change.text.length;
      if ((this.charCodeAt(start - 1) === 13 && this.charCodeAt(start) === 10) || (this.charCodeAt(insertedEnd - 1) === 13 && this.charCodeAt(insertedEnd) === 10)) {
        this.lines = undefined; // a CRLF was joined or split at an end of the change: recount
      } else if (this.lines) {
        this.shiftLines(range, start, end, change.text);
      }
      if (this.pending.length > MAX_PENDING) this.fold();
    }
    this.version = version;
  }

  /** The library's incremental line-offset update for one change of `[start, end)` into `text`. */
  private shiftLines(range: Range, start: number, end: number, text: string): void {
    let lines = this.lines!;
    const startLine = Math.max(range.start.line, 0);
    const endLine = Math.max(range.end.line, 0);
    const added = lineStartsOf(text, false, start);
    if (endLine - startLine === added.length) {
      for (let i = 0; i < added.length; i++) lines[i + startLine + 1] = added[i];
    } else if (added.length < 10_000) {
      lines.splice(startLine + 1, endLine - startLine, ...added);
    } else {
      this.lines = lines = lines.slice(0, startLine + 1).concat(added, lines.slice(endLine + 1));
    }
    const diff = text.length - (end - start);
    if (diff !== 0) for (let i = startLine + 1 + added.length; i < lines.length; i++) lines[i] += diff;
  }

  private lineOffsets(): number[] {
    if (!this.lines) {
      this.fold();
      this.lines = lineStartsOf(this.base, true);
    }
    return this.lines;
  }

  private beforeEOL(offset: number, lineOffset: number): number {
    while (offset > lineOffset && isEOL(this.charCodeAt(offset - 1))) offset--;
    return offset;
  }

  /** The current text as slices of `base` and the pending edits' texts, joined without copying them. */
  private join(): string {
    if (!this.pending.length) return this.base;
    let pieces: Piece[] = [[this.base, 0, this.base.length]];
    for (const e of this.pending) pieces = [...take(pieces, 0, e.offset), [e.text, 0, e.text.length], ...take(pieces, e.offset + e.length, Infinity)];
    let out = '';
    for (const [src, from, to] of pieces) if (to > from) out += from === 0 && to === src.length ? src : src.slice(from, to);
    return out;
  }

  /** Folds the pending edits into a new flat base (one copy of the text). */
  private fold(): void {
    if (!this.pending.length) return;
    const text = this.join();
    text.charCodeAt(0); // V8 flattens a joined string on first read: once here, not at every edit
    this.base = text;
    this.pending = [];
    this.joined = text;
  }
}
