/**
 * Offset ↔ position conversion over a text. Offsets and characters are UTF-16 code units (JavaScript string
 * indices), which is what LSP counts by default; lines are 0-based and split on `\n`, `\r\n` and `\r`.
 */
import type { Position, Range } from './types';

/**
 * Line starts of one text, computed on first use (many analysed files have no finding and never need them);
 * `positionAt` is O(log lines).
 */
export class LineIndex {
  private lineStarts?: number[];

  constructor(readonly text: string) {}

  private get starts(): number[] {
    return (this.lineStarts ??= lineStarts(this.text));
  }

  /** Number of lines (an empty text has one line). */
  get lineCount(): number {
    return this.starts.length;
  }

  /** The position of a UTF-16 offset, clamped into `[0, text.length]`. */
  positionAt(offset: number): Position {
    offset = Math.max(0, Math.min(offset, this.text.length));
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - starts[lo] };
  }

  /** The UTF-16 offset of a position, clamped to the line's end and the text. */
  offsetAt(pos: Position): number {
    if (pos.line < 0) return 0;
    if (pos.line >= this.starts.length) return this.text.length;
    const start = this.starts[pos.line];
    const next = pos.line + 1 < this.starts.length ? this.starts[pos.line + 1] : this.text.length;
    return Math.max(start, Math.min(start + Math.max(0, pos.character), next));
  }

  /** The range covering `length` code units from `offset`. */
  rangeAt(offset: number, length: number): Range {
    return { start: this.positionAt(offset), end: this.positionAt(offset + length) };
  }
}

/** Offsets at which lines start: 0, and after every `\n`, `\r\n` and lone `\r`. */
function lineStarts(text: string): number[] {
  const starts = [0];
  if (text.indexOf('\r') === -1) {
    // No CR: let indexOf (vectorised in V8) find the line feeds.
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return starts;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 /* \n */) starts.push(i + 1);
    else if (c === 13 /* \r */) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}
