/**
 * Push diagnostics for open documents: debounced analysis with the pure engine, stale results dropped, and a
 * per-version analysis cache that code actions reuse.
 *
 * Lifecycle: open → analysed at once; change → analysed after `debounceMs` of quiet; a result is published only
 * if the document still has the version that was analysed (`publishDiagnostics.version` = that version).
 * Close → the caller decides (see `server.ts`: workspace-scan results are re-published from disk, else cleared).
 */
import { fileURLToPath } from 'node:url';
import { DiagnosticSeverity, type Connection, type Diagnostic, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, SYNTAX_RULE_ID, type Finding, type Severity } from '../engine';
import { applyConfig, isConfigFile, parseConfig } from '../config';
import { FILE_TOO_LARGE_ID, looksLikeLowCode } from '../workspace/analyze-file';
import { DIAGNOSTIC_SOURCE, type DiagnosticData } from './protocol';
import type { GuardSettings, SettingsStore } from './settings';
import type { DocConfig } from './config';
import { describeError, type Logger } from './log';

/** Default quiet time after the last change before a document is analysed, in milliseconds. */
export const DEFAULT_DEBOUNCE_MS = 200;

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** True for documents the server analyses: language `json`/`jsonc`, or a URI path ending in `.json`. */
export function isAnalysable(languageId: string, uri: string): boolean {
  return languageId === 'json' || languageId === 'jsonc' || /\.json$/i.test(uri.split(/[?#]/)[0]);
}

/** The file name given to the engine: the file system path of a `file:` URI, else the URI's decoded path. */
export function fileNameOf(uri: string): string {
  try {
    if (uri.startsWith('file:')) return fileURLToPath(uri);
    return decodeURIComponent(new URL(uri).pathname);
  } catch {
    return uri;
  }
}

/**
 * One finding as an LSP diagnostic: `code` = rule id, `codeDescription.href` = the rule's docs page (when known),
 * the OWASP id appended to the message (`… (LCNC-SEC-05)`), `data` = {@link DiagnosticData}.
 * `index` is the finding's ordinal among findings with the same rule id and pointer.
 */
export function toDiagnostic(f: Finding, index: number): Diagnostic {
  const data: DiagnosticData = { ruleId: f.ruleId, pointer: f.pointer, index };
  if (f.owasp) data.owasp = f.owasp;
  if (f.fix) data.fix = { title: f.fix.title, isPreferred: !!f.fix.isPreferred };
  const d: Diagnostic = {
    range: f.range,
    severity: SEVERITY[f.severity],
    source: DIAGNOSTIC_SOURCE,
    code: f.ruleId,
    message: f.owasp ? `${f.message} (${f.owasp})` : f.message,
    data,
  };
  if (f.docsUrl) d.codeDescription = { href: f.docsUrl };
  return d;
}

/** The info diagnostic on a file that is over the size limit (at the start of the file). */
export function tooLargeDiagnostic(bytes: number, maxKB: number): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    source: DIAGNOSTIC_SOURCE,
    code: FILE_TOO_LARGE_ID,
    message: `Low-Code Guard did not analyse this file: it is ${Math.ceil(bytes / 1024)} KB, over the lowcodeGuard.maxFileSizeKB limit of ${maxKB} KB.`,
  };
}

/** Result of analysing one text under the given settings. */
export interface Analysis {
  findings: Finding[];
  diagnostics: Diagnostic[];
  /** Why nothing was analysed, if so (`ignored`: a `.lowcodeguard.json` `ignore` glob matches the file). */
  skipped?: 'disabled' | 'too-large' | 'binary' | 'ignored';
  /** Findings removed by `.lowcodeguard.json` suppressions. */
  suppressed?: number;
}

/** Diagnostics of findings, each with its ordinal among findings of the same rule id and pointer. */
export function toDiagnostics(findings: readonly Finding[]): Diagnostic[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const key = `${f.ruleId}\u0000${f.pointer}`;
    const i = seen.get(key) ?? 0;
    seen.set(key, i + 1);
    return toDiagnostic(f, i);
  });
}

/**
 * Analyses an open document's text under the settings and the document's configuration (levels, `ignore`,
 * suppressions). As in the CLI's `analyzeFile`, JSON syntax errors are kept only when the text looks like a low-code
 * definition (a broken `tsconfig.json` is VS Code's JSON support's business). A `.lowcodeguard.json` document gets
 * its own configuration diagnostics instead.
 */
export function analyseText(text: string, uri: string, settings: GuardSettings, config?: DocConfig): Analysis {
  if (!settings.enable) return { findings: [], diagnostics: [], skipped: 'disabled' };
  if (isConfigFile(uri)) {
    const findings = parseConfig(text).diagnostics;
    return { findings, diagnostics: toDiagnostics(findings) };
  }
  if (config?.matcher && config.path && config.matcher.isIgnored(config.path)) return { findings: [], diagnostics: [], skipped: 'ignored' };
  const size = Buffer.byteLength(text, 'utf8');
  if (size > settings.maxFileSizeKB * 1024) {
    const off = config?.levels[FILE_TOO_LARGE_ID] === 'off';
    return { findings: [], diagnostics: off ? [] : [tooLargeDiagnostic(size, settings.maxFileSizeKB)], skipped: 'too-large' };
  }
  const result = analyze(text, { fileName: fileNameOf(uri), rules: config?.levels });
  let findings = result.findings;
  if (!result.detection && findings.length && !looksLikeLowCode(text)) findings = findings.filter((f) => f.ruleId !== SYNTAX_RULE_ID);
  let suppressed = 0;
  if (config) ({ findings, suppressed } = applyConfig(findings, { levels: config.levels, matcher: config.matcher, file: config.path }));
  const out: Analysis = { findings, diagnostics: toDiagnostics(findings) };
  if (suppressed) out.suppressed = suppressed;
  return out;
}

/** Where `DocumentDiagnostics` gets a document's configuration (the server's `ConfigStore`). */
export interface ConfigSource {
  forDocument(uri: string, settingsRules: GuardSettings['rules']): Promise<DocConfig>;
}

interface Cached extends Analysis {
  version: number;
}

/** Debounced analysis and publishing of open documents' diagnostics. */
export class DocumentDiagnostics {
  private readonly timers = new Map<string, { timer: NodeJS.Timeout; version: number }>();
  private readonly cache = new Map<string, Cached>();
  /** Bumped when settings change, so analyses begun under the old settings are dropped, not cached. */
  private generation = 0;
  /** Configuration of documents (`.lowcodeguard.json`); none: settings only. */
  configs?: ConfigSource;

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly settings: SettingsStore,
    private readonly log: Logger,
    /** Quiet time after a change before analysing, in ms. */
    public debounceMs = DEFAULT_DEBOUNCE_MS,
  ) {}

  /**
   * Schedules analysis of a document after `delay` ms (default: the debounce time). A pending run for the same
   * version is kept (so open + the change event that follows it are analysed once, at once).
   */
  schedule(doc: TextDocument, delay = this.debounceMs): void {
    if (!isAnalysable(doc.languageId, doc.uri)) return;
    const pending = this.timers.get(doc.uri);
    if (pending) {
      if (pending.version === doc.version) return;
      clearTimeout(pending.timer);
    }
    const version = doc.version;
    const timer = setTimeout(() => {
      this.timers.delete(doc.uri);
      this.publish(doc.uri, version).catch((e) => this.log.error(`[diagnostics] ${describeError(e)}`));
    }, delay);
    this.timers.set(doc.uri, { timer, version });
  }

  /** Re-analyses every open document now (after a settings change). */
  revalidateAll(): void {
    for (const doc of this.documents.all()) this.schedule(doc, 0);
  }

  /** Forgets a closed document: cancels its pending analysis and drops its cache. Does not publish. */
  forget(uri: string): void {
    const pending = this.timers.get(uri);
    if (pending) clearTimeout(pending.timer);
    this.timers.delete(uri);
    this.cache.delete(uri);
  }

  /**
   * The analysis of a document's current version (cached per version). Undefined when the document is not
   * analysable, was closed, or changed while its settings were being read.
   */
  async analysisOf(uri: string): Promise<Analysis | undefined> {
    const doc = this.documents.get(uri);
    if (!doc || !isAnalysable(doc.languageId, doc.uri)) return undefined;
    const cached = this.cache.get(uri);
    if (cached && cached.version === doc.version) return cached;
    return this.compute(uri, doc.version);
  }

  private async compute(uri: string, version: number): Promise<Cached | undefined> {
    const generation = this.generation;
    const settings = await this.settings.forResource(uri);
    const config = await this.configs?.forDocument(uri, settings.rules);
    const doc = this.documents.get(uri);
    if (!doc || doc.version !== version) return undefined; // closed or changed while waiting: stale
    if (generation !== this.generation) return undefined; // settings changed while waiting: a re-run is scheduled
    const cached = this.cache.get(uri);
    if (cached && cached.version === version) return cached;
    const result: Cached = { ...analyseText(doc.getText(), uri, settings, config), version };
    this.cache.set(uri, result);
    return result;
  }

  private async publish(uri: string, version: number): Promise<void> {
    const result = await this.compute(uri, version);
    // Analysis is synchronous, so the version cannot change between compute and here; checked again for safety.
    if (!result || this.documents.get(uri)?.version !== version) return;
    await this.connection.sendDiagnostics({ uri, version, diagnostics: result.diagnostics });
  }

  /**
   * Findings of another text for a document, under the document's current settings and configuration (fix-all
   * re-analyses its intermediate texts with this). Undefined when the document is closed.
   */
  async findingsFor(uri: string, text: string): Promise<Finding[] | undefined> {
    if (!this.documents.get(uri)) return undefined;
    const settings = await this.settings.forResource(uri);
    const config = await this.configs?.forDocument(uri, settings.rules);
    return analyseText(text, uri, settings, config).findings;
  }

  /** Drops all cached analyses and any analysis in flight (after a settings change; call `revalidateAll` next). */
  clearCache(): void {
    this.generation++;
    this.cache.clear();
  }
}
