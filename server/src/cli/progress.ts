/**
 * A one-line progress bar on standard error for long `scan` and `inventory` runs:
 *
 *   Scanning [##########··········] 50% 1,910/3,820 files
 *
 * Drawn only when standard error is a terminal (`isTTY`), `--quiet` is not given, `CI` is not set to a true value
 * (CI services set `CI=true`; their logs are not terminals that understand `\r`), and `TERM` is not `dumb`. Redrawn
 * only when the percentage changes (at most ~100 times per stage); the line is erased when the stage ends, so the
 * report printed after it starts on a clean line. Written here rather than taken from a library: it is ~60 lines and
 * needs nothing but `\r` and the ANSI "erase to end of line" sequence (`ESC [ K`, ECMA-48 EL).
 */

/** The stream the bar is drawn on (`process.stderr` in the CLI). */
export interface ProgressStream {
  write(s: string): unknown;
  isTTY?: boolean;
  /** Terminal width in columns, when known. */
  columns?: number;
}

/** True when `CI` holds a true value (anything but empty, `0` or `false`). */
export function isCi(env: NodeJS.ProcessEnv): boolean {
  const v = env.CI;
  return v !== undefined && v !== '' && v !== '0' && v.toLowerCase() !== 'false';
}

/** Whether a bar may be drawn on `stream` (see the module comment). */
export function progressEnabled(stream: ProgressStream, env: NodeJS.ProcessEnv, quiet = false): boolean {
  return !!stream.isTTY && !quiet && !isCi(env) && env.TERM !== 'dumb';
}

/** Draws and updates the bar of one stage; a disabled bar does nothing. */
export class ProgressBar {
  private last = '';
  private lastPct = -1;
  private drawn = false;

  constructor(
    private readonly stream: ProgressStream,
    private readonly enabled: boolean,
    private readonly label: string,
    private readonly unit = 'files',
  ) {}

  /** Shows the label alone (a stage whose size is not known yet, e.g. "Finding files…"). */
  start(): void {
    this.draw(`${this.label}…`);
  }

  /** Shows `done` of `total` (non-negative integers). */
  update(done: number, total: number): void {
    if (!this.enabled) return;
    const pct = total > 0 ? Math.min(100, Math.floor((done / total) * 100)) : 100;
    if (pct === this.lastPct && done !== total) return; // one redraw per percent
    this.lastPct = pct;
    const cols = this.stream.columns && this.stream.columns > 20 ? this.stream.columns : 80;
    const tail = ` ${String(pct).padStart(3)}% ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} ${this.unit}`;
    const width = Math.max(10, Math.min(30, cols - this.label.length - tail.length - 4));
    const full = Math.round((pct / 100) * width);
    this.draw(`${this.label} [${'#'.repeat(full)}${'·'.repeat(width - full)}]${tail}`);
  }

  /** Erases the line (call once the stage is over, before anything else is written to the terminal). */
  done(): void {
    if (this.enabled && this.drawn) this.stream.write('\r\x1b[K');
    this.drawn = false;
    this.last = '';
    this.lastPct = -1;
  }

  private draw(text: string): void {
    if (!this.enabled || text === this.last) return;
    this.last = text;
    this.drawn = true;
    this.stream.write(`\r${text}\x1b[K`);
  }
}
