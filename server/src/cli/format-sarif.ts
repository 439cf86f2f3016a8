/**
 * SARIF 2.1.0 output (OASIS SARIF v2.1.0; GitHub code scanning reads it: docs.github.com "SARIF support for code scanning").
 *
 * - One run; `tool.driver` is "Low-Code Guard" with the package version, and lists every rule (security rules and the
 *   engine's own ids) so `ruleIndex` is stable across scans of different files.
 * - Rule `properties.tags` hold `security` and the OWASP LCNC id; `properties["security-severity"]` is GitHub's
 *   0–10 score for rules tagged `security` (GitHub buckets: ≥9 critical, 7–8.9 high, 4–6.9 medium, 0.1–3.9 low); we map
 *   the default severity error → 8.0 (high), warning → 5.0 (medium), info/hint → 2.0 (low).
 * - `level`: error → `error`, warning → `warning`, info and hint → `note`.
 * - Regions are 1-based lines and columns (SARIF counts both from 1); `endColumn` is the column just after the last
 *   character. Columns count UTF-16 code units, and the run says so explicitly with `columnKind: "utf16CodeUnits"`.
 * - `artifactLocation.uri` is relative to `%SRCROOT%` (the working folder, given in `originalUriBaseIds`), with each
 *   path segment percent-encoded; a file outside the working folder gets an absolute `file://` URI.
 * - `partialFingerprints["lowcodeGuard/v1"]` = SHA-256 of ruleId, file and JSON Pointer (plus a counter for repeats in
 *   one file), so a finding keeps its identity when lines move.
 */
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import { allRules, OWASP_TITLES, RULE_ERROR_ID, SCHEMA_RULE_ID, SYNTAX_RULE_ID, type Severity } from '../engine';
import { FILE_TOO_LARGE_ID } from '../workspace/analyze-file';
import { CONFIG_INVALID_ID, CONFIG_SYNTAX_ID, CONFIG_UNKNOWN_RULE_ID, CONFIG_UNREADABLE_ID } from '../config/types';
import type { ScanReport } from './report';
import { TOOL_NAME, TOOL_URI, VERSION } from './version';

const SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
const FINGERPRINT_KEY = 'lowcodeGuard/v1';

/** Engine ids (not security rules): what they mean and their default severity. */
const ENGINE_RULES: readonly { id: string; description: string; severity: Severity }[] = [
  { id: SYNTAX_RULE_ID, description: 'The file is not valid JSON, so it could not be analysed.', severity: 'error' },
  { id: SCHEMA_RULE_ID, description: "The definition does not match the platform's file schema.", severity: 'warning' },
  { id: RULE_ERROR_ID, description: 'A rule failed on this file and was skipped (a bug in Low-Code Guard); the other rules ran.', severity: 'warning' },
  { id: FILE_TOO_LARGE_ID, description: 'The file is over the size limit and was not analysed.', severity: 'info' },
  { id: CONFIG_SYNTAX_ID, description: 'The .lowcodeguard.json configuration is not valid JSON; defaults were used.', severity: 'error' },
  { id: CONFIG_INVALID_ID, description: 'An entry of the .lowcodeguard.json configuration is invalid and was ignored.', severity: 'error' },
  { id: CONFIG_UNKNOWN_RULE_ID, description: 'The .lowcodeguard.json configuration names a rule id that does not exist.', severity: 'warning' },
  { id: CONFIG_UNREADABLE_ID, description: 'The .lowcodeguard.json configuration could not be read; defaults were used.', severity: 'error' },
];

/** SARIF `level` of a severity. */
export function sarifLevel(s: Severity): Sarif.ReportingConfiguration.level {
  return s === 'error' ? 'error' : s === 'warning' ? 'warning' : 'note';
}

const SECURITY_SEVERITY: Record<Severity, string> = { error: '8.0', warning: '5.0', info: '2.0', hint: '2.0' };

/** The rule descriptors of the run, in `ruleIndex` order: security rules (sorted by id), then engine ids. */
export function sarifRules(): Sarif.ReportingDescriptor[] {
  const security = allRules.map(({ meta }): Sarif.ReportingDescriptor => ({
    id: meta.id,
    shortDescription: { text: meta.description },
    fullDescription: { text: `${meta.description} (OWASP ${meta.owasp}: ${OWASP_TITLES[meta.owasp]})` },
    helpUri: meta.docsUrl,
    help: { text: `${meta.description} See ${meta.docsUrl}`, markdown: `${meta.description} [Rule documentation](${meta.docsUrl})` },
    defaultConfiguration: { level: sarifLevel(meta.defaultSeverity) },
    properties: {
      tags: ['security', meta.owasp, `platform:${meta.id.split('/')[0]}`],
      'security-severity': SECURITY_SEVERITY[meta.defaultSeverity],
    },
  }));
  const engine = ENGINE_RULES.map(
    (r): Sarif.ReportingDescriptor => ({
      id: r.id,
      shortDescription: { text: r.description },
      defaultConfiguration: { level: sarifLevel(r.severity) },
      properties: { tags: ['lowcode-guard-engine'] },
    }),
  );
  return [...security, ...engine];
}

/** Segment-wise percent-encoded relative URI of a `/`-separated relative path. */
function relativeUri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

/** Builds the SARIF log of a report. */
export function toSarif(report: ScanReport): Sarif.Log {
  const rules = sarifRules();
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const seen = new Map<string, number>();
  const results: Sarif.Result[] = report.findings.map((f) => {
    const outside = f.file.startsWith('../') || path.isAbsolute(f.file);
    const artifactLocation: Sarif.ArtifactLocation = outside ? { uri: pathToFileURL(f.absPath).href } : { uri: relativeUri(f.file), uriBaseId: '%SRCROOT%' };
    const key = `${f.ruleId}\u0000${f.file}\u0000${f.pointer}`;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    const hash = createHash('sha256').update(n ? `${key}\u0000${n}` : key).digest('hex');
    const result: Sarif.Result = {
      ruleId: f.ruleId,
      level: sarifLevel(f.severity),
      message: { text: f.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation,
            region: {
              startLine: f.range.start.line + 1,
              startColumn: f.range.start.character + 1,
              endLine: f.range.end.line + 1,
              endColumn: f.range.end.character + 1,
            },
          },
        },
      ],
      partialFingerprints: { [FINGERPRINT_KEY]: hash },
      properties: { jsonPointer: f.pointer, fixable: !!f.fix, ...(f.owasp ? { owasp: f.owasp } : {}), ...(f.format ? { format: f.format } : {}) },
    };
    const ri = index.get(f.ruleId);
    if (ri !== undefined) result.ruleIndex = ri;
    return result;
  });

  const notifications: Sarif.Notification[] = report.skipped
    .filter((s) => s.reason !== 'too-large') // those already have an engine/file-too-large result
    .map((s) => ({
      level: s.reason === 'unreadable' ? 'error' : 'note',
      message: { text: s.reason === 'unreadable' ? `Could not read ${s.file}: ${s.detail ?? 'unknown error'}` : `Skipped ${s.file}: binary content (NUL bytes).` },
    }));

  const cwdUri = pathToFileURL(report.cwd.endsWith(path.sep) ? report.cwd : report.cwd + path.sep).href;
  return {
    $schema: SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: TOOL_NAME, version: VERSION, semanticVersion: VERSION, informationUri: TOOL_URI, rules } },
        invocations: [{ executionSuccessful: !report.skipped.some((s) => s.reason === 'unreadable'), toolExecutionNotifications: notifications }],
        originalUriBaseIds: { '%SRCROOT%': { uri: cwdUri } },
        columnKind: 'utf16CodeUnits',
        results,
        properties: { filesScanned: report.files, suppressed: report.suppressed, ignored: report.ignored },
      },
    ],
  };
}

/** The SARIF log as text (2-space indent, trailing newline). */
export function formatSarif(report: ScanReport): string {
  return JSON.stringify(toSarif(report), null, 2) + '\n';
}
