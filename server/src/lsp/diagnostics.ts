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
import { analyze, RULE_ERROR_ID, SYNTAX_RULE_ID, type Finding, type Severity } from '../engine';
import { applyConfig, isConfigFile, parseConfig } from '../config';
import { FILE_TOO_LARGE_ID, looksLikeLowCode } from '../workspace/analyze-file';
import { DIAGNOSTIC_SOURCE, type DiagnosticData } from './protocol';
import type { GuardSettings, SettingsStore } from './settings';
import type { DocConfig } from './config';
import { describeError, type Logger } from './log';
import { WorkerFailure, type DocumentWorker } from './docWorker';
import { changeLog } from './changes';
import { toWire, type DocRef } from './worker';
import { findingFor, hasFix } from './codeActions';
import type { Hover, Position } from 'vscode-languageserver/node';
import type { TextEdit } from '../engine';

/** Default quiet time after the last change before a document is analysed, in milliseconds. */
export const DEFAULT_DEBOUNCE_MS = 200;

/**
 * Open documents at least this long (UTF-16 code units, ≈ bytes for JSON) are analysed in the document worker
 * (lsp/docWorker.ts), smaller ones on the main thread. Measured (docs/performance.md): below it an analysis takes
 * under ~50 ms; the worker round trip adds a few ms (copying the text and findings between threads).
 */
export const DEFAULT_WORKER_MIN_CHARS = 200_000;

/** Code of the diagnostic shown when the document worker stopped while analysing a document (crash, out of memory). */
export const ANALYSIS_FAILED_ID = 'engine/analysis-failed';

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

/** A cached analysis: of that version; `ref` when it was made in the document worker (which keeps its fix edits). */
export interface Cached extends Analysis {
  version: number;
  ref?: Omit<DocRef, 'text'>;
}

/** The warning diagnostic on a document whose analysis stopped in the worker; nothing else is published for that version. */
export function analysisFailedDiagnostic(reason: string): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Warning,
    source: DIAGNOSTIC_SOURCE,
    code: ANALYSIS_FAILED_ID,
    message: `Low-Code Guard could not analyse this document: ${reason}. The next edit tries again.`,
  };
}

/**
 * Logs each failing rule once per document: one `[diagnostics] rule <id> failed on <uri>: <error>` warning the first
 * time an analysis of `uri` holds an `engine/rule-error` finding for that rule (not on every keystroke). The text
 * logged is the finding's message, which the engine builds from the rule id and `errorText` (quoted parts and
 * document tokens of 8+ characters replaced by `…`), so no document text and no secret is logged. `forget(uri)` (on
 * close) lets a reopened document log again.
 */
export class RuleErrorLog {
  private readonly seen = new Map<string, Set<string>>();

  constructor(private readonly log: Logger) {}

  /** Logs the `engine/rule-error` findings of an analysis of `uri` not yet logged for that document; returns how many were logged. */
  note(uri: string, findings: readonly Finding[]): number {
    let logged = 0;
    for (const f of findings) {
      if (f.ruleId !== RULE_ERROR_ID) continue;
      // "Rule <id> failed on this file and was skipped: <error>" (engine/index.ts); other failures (schema validation) by their message's start.
      const m = /^Rule (\S+) failed on this file and was skipped: ([\s\S]*)$/.exec(f.message);
      const colon = f.message.indexOf(':');
      const rule = m ? m[1] : f.message.slice(0, colon > 0 ? colon : 40);
      let rules = this.seen.get(uri);
      if (!rules) this.seen.set(uri, (rules = new Set()));
      if (rules.has(rule)) continue;
      rules.add(rule);
      this.log.warn(m ? `[diagnostics] rule ${rule} failed on ${uri} and was skipped: ${m[2]}` : `[diagnostics] ${f.message} (${uri})`);
      logged++;
    }
    return logged;
  }

  /** Forgets a document (closed): a later failure on it is logged again. */
  forget(uri: string): void {
    this.seen.delete(uri);
  }
}

/** Debounced analysis and publishing of open documents' diagnostics. */
export class DocumentDiagnostics {
  private readonly timers = new Map<string, { timer: NodeJS.Timeout; version: number }>();
  private readonly cache = new Map<string, Cached>();
  /** Analyses under way (so a code action during an analysis waits for it instead of starting another). */
  private readonly inFlight = new Map<string, { version: number; generation: number; opening: number; result: Promise<Cached | undefined> }>();
  /** URI → how many times its document was closed (see `opening`). Grows by one small entry per URI ever closed. */
  private readonly openings = new Map<string, number>();
  /** Analyses documents of at least {@link workerMinChars} off the main thread; none: everything on the main thread. */
  worker?: DocumentWorker;
  /** See {@link DEFAULT_WORKER_MIN_CHARS}. */
  workerMinChars = DEFAULT_WORKER_MIN_CHARS;
  /** Bumped when settings change, so analyses begun under the old settings are dropped, not cached. */
  private generation = 0;
  /** Configuration of documents (`.lowcodeguard.json`); none: settings only. */
  configs?: ConfigSource;
  /** Rule failures already logged, per document. */
  private readonly ruleErrors: RuleErrorLog;

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly settings: SettingsStore,
    private readonly log: Logger,
    /** Quiet time after a change before analysing, in ms. */
    public debounceMs = DEFAULT_DEBOUNCE_MS,
  ) {
    this.ruleErrors = new RuleErrorLog(log);
  }

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
    this.inFlight.delete(uri);
    // A document opened again under the same URI starts again at version 1: analyses of the closed one still running
    // must not be taken for it (same URI and version). Each close starts a new "opening" of the URI.
    this.openings.set(uri, this.opening(uri) + 1);
    this.worker?.forget(uri);
    this.ruleErrors.forget(uri);
    changeLog.forget(uri);
  }

  /**
   * The analysis of a document's current version (cached per version). Undefined when the document is not
   * analysable, was closed, or changed while its settings were being read.
   */
  async analysisOf(uri: string): Promise<Cached | undefined> {
    const doc = this.documents.get(uri);
    if (!doc || !isAnalysable(doc.languageId, doc.uri)) return undefined;
    const cached = this.cache.get(uri);
    if (cached && cached.version === doc.version) return cached;
    return this.compute(uri, doc.version);
  }

  /** How many times the document at `uri` was closed: tells a reopened document from the closed one. */
  private opening(uri: string): number {
    return this.openings.get(uri) ?? 0;
  }

  /** True while the open document at `uri` is still the one, at the version, an analysis started for. */
  private isCurrent(uri: string, version: number, opening: number): boolean {
    return this.documents.get(uri)?.version === version && this.opening(uri) === opening;
  }

  private compute(uri: string, version: number): Promise<Cached | undefined> {
    const running = this.inFlight.get(uri);
    const opening = this.opening(uri);
    if (running && running.version === version && running.generation === this.generation && running.opening === opening) return running.result;
    const entry = { version, generation: this.generation, opening, result: this.computeNow(uri, version) };
    this.inFlight.set(uri, entry);
    const done = () => void (this.inFlight.get(uri) === entry && this.inFlight.delete(uri));
    entry.result.then(done, done);
    return entry.result;
  }

  private async computeNow(uri: string, version: number): Promise<Cached | undefined> {
    const generation = this.generation;
    const opening = this.opening(uri);
    const settings = await this.settings.forResource(uri);
    const config = await this.configs?.forDocument(uri, settings.rules);
    const doc = this.documents.get(uri);
    if (!doc || !this.isCurrent(uri, version, opening)) return undefined; // closed or changed while waiting: stale
    if (generation !== this.generation) return undefined; // settings changed while waiting: a re-run is scheduled
    const cached = this.cache.get(uri);
    if (cached && cached.version === version) return cached;
    const text = doc.getText();
    let result: Cached;
    if (this.worker && text.length >= this.workerMinChars && settings.enable && !isConfigFile(uri)) {
      const ref = { uri, version, settings, config: toWire(config) };
      try {
        const a = await this.worker.analyse({ ...ref, text });
        if (!a) return undefined; // a newer version replaced this run
        result = { ...a, version, ref };
      } catch (e) {
        if (!(e instanceof WorkerFailure)) throw e;
        this.log.error(`[diagnostics] analysis of a ${Math.round(text.length / 1024)} KB document stopped: ${e.reason}`);
        result = { findings: [], diagnostics: [analysisFailedDiagnostic(`its analysis stopped (${e.reason})`)], version };
      }
      // Analysed off the main thread: the document or the settings may have changed meanwhile.
      if (!this.isCurrent(uri, version, opening) || generation !== this.generation) return undefined;
    } else {
      result = { ...analyseText(text, uri, settings, config), version };
    }
    this.ruleErrors.note(uri, result.findings);
    this.cache.set(uri, result);
    return result;
  }

  /**
   * The findings of an analysis with the fix edits that quick fixes for `wanted` diagnostics need. Analyses made in
   * the worker carry no edits: those are asked of the worker (which kept them); others are returned as they are.
   */
  async withFixEdits(a: Cached, wanted: readonly Diagnostic[]): Promise<readonly Finding[]> {
    const doc = a.ref && this.documents.get(a.ref.uri);
    if (!a.ref || !this.worker || !doc || doc.version !== a.version) return a.findings;
    const indices = [...new Set(wanted.filter(hasFix).map((d) => findingFor(d, a.findings)).filter((f): f is Finding => !!f).map((f) => a.findings.indexOf(f)))];
    if (!indices.length) return a.findings;
    let edits: (TextEdit[] | null)[];
    try {
      edits = await this.worker.edits({ ...a.ref, text: doc.getText() }, indices);
    } catch (e) {
      this.log.error(`[codeAction] fix edits: ${describeError(e)}`);
      return a.findings;
    }
    const out = [...a.findings];
    indices.forEach((i, k) => {
      const f = out[i];
      if (f.fix && edits[k]) out[i] = { ...f, fix: { ...f.fix, edits: edits[k]! } };
    });
    return out;
  }

  /** Fix-all's one edit for an analysis made in the worker (run there); undefined for other analyses or when nothing is fixable. */
  async fixAllInWorker(a: Cached): Promise<TextEdit | undefined> {
    const doc = a.ref && this.documents.get(a.ref.uri);
    if (!a.ref || !this.worker || !doc || doc.version !== a.version) return undefined;
    return this.worker.fixAll({ ...a.ref, text: doc.getText() });
  }

  /** The hover of an analysis made in the worker (computed there: it parses the text); undefined for other analyses. */
  async hoverInWorker(a: Cached, position: Position): Promise<Hover | null | undefined> {
    const doc = a.ref && this.documents.get(a.ref.uri);
    if (!a.ref || !this.worker || !doc || doc.version !== a.version) return undefined;
    return this.worker.hover({ ...a.ref, text: doc.getText() }, position);
  }

  /** True when a document is long enough to be analysed in the worker. */
  isLarge(doc: TextDocument): boolean {
    return !!this.worker && doc.getText().length >= this.workerMinChars;
  }

  private async publish(uri: string, version: number): Promise<void> {
    const opening = this.opening(uri);
    const result = await this.compute(uri, version);
    // The version may have changed while the worker analysed (then a newer run publishes), or the document was closed.
    if (!result || !this.isCurrent(uri, version, opening)) return;
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
