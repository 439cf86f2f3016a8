/**
 * The CLI's view of a scan: findings with the file they belong to (relative to the working folder), the number of
 * files scanned and the files skipped. Built once from the per-file results; every output format reads it.
 */
import * as path from 'node:path';
import { SEVERITY_RANK, type Finding, type Format, type Severity } from '../engine';
import { isFileError, type FileError } from '../workspace/scan';
import type { FileAnalysis } from '../workspace/analyze-file';

/** A finding with its file. */
export interface ReportedFinding extends Finding {
  /** Path relative to the working folder, `/`-separated (may start with `../` for files outside it). */
  file: string;
  /** Absolute path of the file. */
  absPath: string;
  /** Detected format of the file, when it is a low-code definition. */
  format?: Format;
}

/** Why a file was not analysed. `too-large` files also carry an `engine/file-too-large` finding. */
export type SkipReason = 'too-large' | 'binary' | 'unreadable';

/** A file that was found but not analysed. */
export interface SkippedFile {
  file: string;
  reason: SkipReason;
  /** For `unreadable`: the error message (it names the path, never file content). */
  detail?: string;
}

/** Everything the formatters need. */
export interface ScanReport {
  /** Working folder the `file` paths are relative to (absolute). */
  cwd: string;
  /** Files scanned: read and passed to the engine, whether or not they were low-code definitions. */
  files: number;
  /** Scanned files by detected format (files that were not low-code definitions are not counted here). */
  formats: Partial<Record<Format, number>>;
  findings: ReportedFinding[];
  skipped: SkippedFile[];
  /** Findings removed by `.lowcodeguard.json` suppressions. */
  suppressed: number;
  /** Files found but not scanned because a `.lowcodeguard.json` `ignore` glob matches them. */
  ignored: number;
}

/** `/`-separated path of `abs` relative to `cwd`. */
export function relativePath(cwd: string, abs: string): string {
  const rel = path.relative(cwd, abs) || path.basename(abs);
  return path.sep === '/' ? rel : rel.split(path.sep).join('/');
}

/**
 * Builds the report from `analyzeFiles` results (in file order). `minSeverity` drops less serious findings
 * (`--quiet` passes `error`).
 */
export function buildReport(cwd: string, results: readonly (FileAnalysis | FileError)[], minSeverity: Severity = 'hint'): ScanReport {
  const report: ScanReport = { cwd, files: 0, formats: {}, findings: [], skipped: [], suppressed: 0, ignored: 0 };
  for (const r of results) {
    const file = relativePath(cwd, r.path);
    if (isFileError(r)) {
      report.skipped.push({ file, reason: 'unreadable', detail: r.error });
      continue;
    }
    if (r.status === 'analyzed') {
      report.files++;
      if (r.format) report.formats[r.format] = (report.formats[r.format] ?? 0) + 1;
    } else {
      report.skipped.push({ file, reason: r.status });
    }
    report.suppressed += r.suppressed ?? 0;
    addFindings(report, r.path, r.findings, minSeverity, r.format);
  }
  return report;
}

/** Adds one file's findings (absolute path `abs`) to a report, dropping those less serious than `minSeverity`. */
export function addFindings(report: ScanReport, abs: string, findings: readonly Finding[], minSeverity: Severity = 'hint', format?: Format): void {
  const limit = SEVERITY_RANK[minSeverity];
  const file = relativePath(report.cwd, abs);
  for (const f of findings) {
    if (SEVERITY_RANK[f.severity] > limit) continue;
    const rf: ReportedFinding = { ...f, file, absPath: abs };
    if (format) rf.format = format;
    report.findings.push(rf);
  }
}

/** Counts of findings per severity. */
export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const c: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const f of findings) c[f.severity]++;
  return c;
}

/** The `--fail-on` levels. */
export type FailOn = 'error' | 'warning' | 'none';

/**
 * The exit code of a finished scan: 2 when a file could not be read (the scan is incomplete), else 1 when a reported
 * finding is at or above `failOn`, else 0.
 */
export function exitCodeOf(report: ScanReport, failOn: FailOn): 0 | 1 | 2 {
  if (report.skipped.some((s) => s.reason === 'unreadable')) return 2;
  if (failOn === 'none') return 0;
  const limit = SEVERITY_RANK[failOn];
  return report.findings.some((f) => SEVERITY_RANK[f.severity] <= limit) ? 1 : 0;
}
