/**
 * Human-readable output in the style of ESLint's "stylish" formatter: a header per file, then one row per finding
 * `line:col  severity  ruleId  message`, then a summary line. Unlike ESLint the rule id comes before the message:
 * our messages run to 200–400 characters, and padding them to one column put the rule id hundreds of characters to
 * the right (lines ~500 characters wide). Then notes on files not analysed (binary such as a .zip export, too large,
 * unreadable) and on scans that found no low-code flow at all, so a mistyped path does not look like a clean bill. Lines and columns are 1-based here (editors count that
 * way); a column counts UTF-16 code units, as VS Code's does. Only messages, rule ids and paths are printed, never file
 * content (rules redact secrets in their messages).
 */
import type picocolors from 'picocolors';
import { countBySeverity, type ReportedFinding, type ScanReport } from './report';
import type { Severity } from '../engine';
import { printable } from './printable';

/** picocolors' colour functions (from `createColors(enabled)`). */
export type Colors = ReturnType<typeof picocolors.createColors>;

/** Formats a report as stylish text (ends with a newline; empty string when `quiet` and there is nothing to say). */
export function formatStylish(report: ScanReport, c: Colors, quiet = false): string {
  const out: string[] = [];
  const byFile = new Map<string, ReportedFinding[]>();
  for (const f of report.findings) {
    const list = byFile.get(f.file);
    if (list) list.push(f);
    else byFile.set(f.file, [f]);
  }
  const sevColor: Record<Severity, (s: string) => string> = { error: c.red, warning: c.yellow, info: c.blue, hint: c.dim };

  for (const [file, findings] of byFile) {
    out.push('', c.underline(printable(oneLine(file))));
    const rows = findings.map((f) => [`${f.range.start.line + 1}:${f.range.start.character + 1}`, f.severity, printable(f.ruleId), printable(oneLine(f.message))] as const);
    const w0 = Math.max(...rows.map((r) => r[0].length));
    const w1 = Math.max(...rows.map((r) => r[1].length));
    const w2 = Math.max(...rows.map((r) => r[2].length));
    for (const [pos, sev, rule, msg] of rows) {
      out.push(`  ${c.dim(pos.padEnd(w0))}  ${sevColor[sev as Severity](sev.padEnd(w1))}  ${c.dim(rule.padEnd(w2))}  ${msg}`.trimEnd());
    }
  }

  const n = countBySeverity(report.findings);
  const total = report.findings.length;
  if (total) {
    const parts = [plural(n.error, 'error'), plural(n.warning, 'warning'), plural(n.info, 'info')];
    if (n.hint) parts.push(plural(n.hint, 'hint'));
    const line = `✖ ${plural(total, 'problem')} (${parts.join(', ')})${configNote(report)}`;
    const color = n.error ? c.red : n.warning ? c.yellow : c.blue;
    out.push('', c.bold(color(line)));
  } else if (!quiet) {
    const unreadable = report.skipped.filter((s) => s.reason === 'unreadable').length;
    // No green tick when some file could not be read: the exit code is 2 then, and the tick would say otherwise.
    if (unreadable) out.push(c.yellow(`⚠ No problems found in the files read (${plural(report.files, 'file')} scanned${configNote(report, ', ')}), but ${plural(unreadable, 'file')} could not be read.`));
    else out.push(c.green(`✔ No problems found (${plural(report.files, 'file')} scanned${configNote(report, ', ')}).`));
  }
  if (!quiet) out.push(...notes(report, c));
  return out.length ? out.join('\n') + '\n' : '';
}

/** Reasons a file was not analysed, in words. */
const SKIP_REASON: Record<string, string> = {
  binary: 'not text (a .zip export? unzip it and scan the folder)',
  'too-large': 'over the size limit (--max-file-size)',
  unreadable: 'could not be read',
};

/** Notes after the summary: files not analysed (first 10 listed) and a scan that found no low-code flow (unless the configuration ignored files: then that is why). */
function notes(report: ScanReport, c: Colors): string[] {
  const out: string[] = [];
  if (report.skipped.length) {
    out.push(c.yellow(`⚠ ${plural(report.skipped.length, 'file')} not analysed:`));
    for (const s of report.skipped.slice(0, 10)) out.push(`  ${printable(oneLine(s.file))}: ${SKIP_REASON[s.reason] ?? s.reason}`);
    if (report.skipped.length > 10) out.push(`  … and ${report.skipped.length - 10} more (see --format json)`);
  }
  const flows = Object.entries(report.formats).some(([format, n]) => format !== 'none' && n > 0);
  if (!flows && !report.ignored) out.push(c.yellow('⚠ No n8n, Node-RED, Power Automate or Logic Apps file was found in the scanned paths.'));
  return out;
}

/** ` — 2 suppressed, 1 file ignored` (by .lowcodeguard.json); '' when neither happened. */
function configNote(report: ScanReport, sep = ' — '): string {
  const parts: string[] = [];
  if (report.suppressed) parts.push(`${report.suppressed} suppressed`);
  if (report.ignored) parts.push(`${plural(report.ignored, 'file')} ignored`);
  return parts.length ? sep + parts.join(', ') : '';
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Messages are one line in this format. */
function oneLine(s: string): string {
  // Matches start only where a whitespace run starts (the look-behind): /\s*[\r\n]+\s*/ alone is quadratic on long runs without a line break.
  return s.replace(/(?<!\s)\s*[\r\n]+\s*/g, ' ');
}
