/**
 * Machine-readable output. The shape is a public contract: fields may be added, never renamed or removed.
 *
 * ```
 * { "files": <number of files scanned>,
 *   "findings": [ { "ruleId", "owasp", "severity", "message", "file", "range", "pointer", "fixable",
 *                   "docsUrl"?, "format"? } ],
 *   "skipped": [ { "file", "reason", "detail"? } ],
 *   "formats": { "<format>": <number of scanned files detected as that format> },
 *   "suppressed": <findings removed by .lowcodeguard.json suppressions>,
 *   "ignored": <files left out by .lowcodeguard.json ignore globs> }
 * ```
 * - `files`: files read and analysed, low-code or not (skipped files are not counted).
 * - `owasp`: the OWASP LCNC id (`LCNC-SEC-01`…), `null` for engine findings (`json/syntax-error`, …).
 * - `file`: relative to the working folder, `/`-separated.
 * - `range`: 0-based `line` and `character` (UTF-16 code units), end exclusive, as in LSP.
 * - `pointer`: RFC 6901 JSON Pointer of the node the finding is about (`""` = document root).
 * - `fixable`: true when the finding carries a quick fix (applied in the editor; the CLI does not rewrite files).
 */
import type { Format, OwaspId, Range, Severity } from '../engine';
import type { ScanReport, SkippedFile } from './report';

/** One finding in the JSON output. */
export interface JsonFinding {
  ruleId: string;
  owasp: OwaspId | null;
  severity: Severity;
  message: string;
  file: string;
  range: Range;
  pointer: string;
  fixable: boolean;
  docsUrl?: string;
  format?: Format;
}

/** The JSON output document. */
export interface JsonOutput {
  files: number;
  findings: JsonFinding[];
  skipped: SkippedFile[];
  formats: Partial<Record<Format, number>>;
  suppressed: number;
  ignored: number;
}

/** Builds the JSON output document of a report. */
export function toJsonOutput(report: ScanReport): JsonOutput {
  return {
    files: report.files,
    findings: report.findings.map((f) => {
      const j: JsonFinding = {
        ruleId: f.ruleId,
        owasp: f.owasp ?? null,
        severity: f.severity,
        message: f.message,
        file: f.file,
        range: { start: { line: f.range.start.line, character: f.range.start.character }, end: { line: f.range.end.line, character: f.range.end.character } },
        pointer: f.pointer,
        fixable: !!f.fix,
      };
      if (f.docsUrl) j.docsUrl = f.docsUrl;
      if (f.format) j.format = f.format;
      return j;
    }),
    skipped: report.skipped,
    formats: report.formats,
    suppressed: report.suppressed,
    ignored: report.ignored,
  };
}

/** The JSON output as text (2-space indent, trailing newline). */
export function formatJson(report: ScanReport): string {
  return JSON.stringify(toJsonOutput(report), null, 2) + '\n';
}
