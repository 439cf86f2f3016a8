/**
 * The workspace scan (`lowcodeGuard.server.scanWorkspace`): finds JSON files in the workspace folders with
 * `discoverFiles` (honouring VS Code `files.exclude` and `.gitignore`), analyses each (size-capped) and publishes
 * diagnostics per file as it goes, with cancellable work-done progress.
 *
 * Results lifecycle: diagnostics of files that are not open stay until the next scan (which clears files no longer
 * found) or until `lowcodeGuard.enable` turns false for their folder. Open documents are never published from disk:
 * their live diagnostics win, and the scan only counts them. When a scanned file that was open is closed, the
 * server re-analyses it from disk (the saved content) instead of clearing it — see {@link WorkspaceScanner.closed}.
 */
import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CancellationToken, Connection, InitializeParams, TextDocuments, WorkDoneProgressReporter, WorkspaceFolder } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { applyConfig, isConfigFile, mergeLevels, readConfigFile } from '../config';
import { analyzeFile } from '../workspace/analyze-file';
import { discoverFiles } from '../workspace/discover';
import { fileNameOf, toDiagnostics, tooLargeDiagnostic, type Analysis, type DocumentDiagnostics } from './diagnostics';
import { describeError, type Logger } from './log';
import type { ScanSummary } from './protocol';
import type { GuardSettings, SettingsStore } from './settings';
import type { ConfigStore, DocConfig } from './config';
import { toWire } from './worker';

interface Target {
  file: string;
  uri: string;
  folderUri: string;
  settings: GuardSettings;
  config?: DocConfig;
}

/** The `file:` URI of `file` spelled with the folder's own URI as prefix (so it matches the client's spelling). */
export function fileUriIn(folderUri: string, folderPath: string, file: string): string {
  const rel = path.relative(folderPath, file);
  if (!rel || rel === '..' || rel.startsWith('..' + path.sep) || path.isAbsolute(rel)) return pathToFileURL(file).href;
  return folderUri.replace(/(?<!\/)\/+$/, '') + '/' + rel.split(path.sep).map(encodeURIComponent).join('/');
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Runs workspace scans and owns the diagnostics they publish for files that are not open. */
export class WorkspaceScanner {
  private initialFolders: WorkspaceFolder[] = [];
  private pullFolders = false;
  /** URIs covered by the last scans → their folder and whether non-empty diagnostics were published. */
  private readonly covered = new Map<string, { folderUri: string; published: boolean }>();
  private running?: AbortController;
  /** Workspace folder configurations (`.lowcodeguard.json`); none: settings only. */
  configs?: ConfigStore;

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly settings: SettingsStore,
    private readonly diagnostics: DocumentDiagnostics,
    private readonly log: Logger,
  ) {}

  /** Records the workspace folders of `initialize` and whether the client can be asked for the current ones. */
  initialize(params: InitializeParams): void {
    this.pullFolders = !!params.capabilities?.workspace?.workspaceFolders;
    if (params.workspaceFolders?.length) this.initialFolders = params.workspaceFolders;
    else if (params.rootUri) this.initialFolders = [{ uri: params.rootUri, name: path.basename(fileNameOf(params.rootUri)) }];
  }

  /** True when a scan covered this URI (its diagnostics belong to the scan when the document is not open). */
  covers(uri: string): boolean {
    return this.covered.has(uri);
  }

  /**
   * Scans every `file:` workspace folder. Stops early when `token` or the progress' cancel fires, or when a newer
   * scan starts; returns what was done so far with `cancelled: true`.
   */
  async run(token: CancellationToken, progress: WorkDoneProgressReporter & { token?: CancellationToken }): Promise<ScanSummary> {
    this.running?.abort();
    const abort = new AbortController();
    this.running = abort;
    const subs = [token.onCancellationRequested(() => abort.abort()), progress.token?.onCancellationRequested(() => abort.abort())];
    const summary: ScanSummary = { files: 0, findings: 0, skipped: 0, cancelled: false };
    progress.begin('Low-Code Guard: scanning workspace', 0, 'Finding files…', true);
    try {
      const targets = await this.collect(abort.signal);
      const seen = new Set<string>();
      let lastPct = -1;
      for (let i = 0; i < targets.length && !abort.signal.aborted; i++) {
        const pct = Math.floor((i / targets.length) * 100);
        if (pct !== lastPct) progress.report(pct, `${i}/${targets.length} files`);
        lastPct = pct;
        seen.add(await this.scanOne(targets[i], summary));
        await yieldToEventLoop(); // lets cancel notifications in
      }
      summary.cancelled = abort.signal.aborted;
      if (!summary.cancelled) this.clearStale(seen);
      return summary;
    } finally {
      subs.forEach((s) => s?.dispose());
      if (this.running === abort) this.running = undefined;
      progress.done();
    }
  }

  /** Workspace folders → files to analyse (deduplicated, folder settings attached, disabled folders left out). */
  private async collect(signal: AbortSignal): Promise<Target[]> {
    const folders = (this.pullFolders ? await this.connection.workspace.getWorkspaceFolders().catch(() => null) : null) ?? this.initialFolders;
    this.configs?.setFolders(folders);
    const targets: Target[] = [];
    const files = new Set<string>();
    for (const folder of folders) {
      if (signal.aborted || !folder.uri.startsWith('file:')) continue;
      const settings = await this.settings.forResource(folder.uri);
      if (!settings.enable) continue;
      const root = fileURLToPath(folder.uri);
      const exclude = await this.settings.filesExclude(folder.uri);
      const fc = await this.configs?.forFolder(folder.uri);
      const levels = mergeLevels(fc?.file?.config.rules, settings.rules);
      const matcher = fc?.file?.matcher;
      let found: string[];
      try {
        found = await discoverFiles({ roots: [root], exclude, gitignore: true, signal });
      } catch (e) {
        if (signal.aborted) break;
        this.log.warn(`[scan] could not list ${root}: ${(e as NodeJS.ErrnoException).code ?? describeError(e)}`);
        continue;
      }
      for (const file of found) {
        if (files.has(file)) continue;
        files.add(file);
        if (matcher?.isIgnored(file)) continue;
        targets.push({ file, uri: fileUriIn(folder.uri, root, file), folderUri: folder.uri, settings, config: { levels, matcher, path: file } });
      }
    }
    return targets;
  }

  /** Analyses one file (or counts its open document) and publishes; returns the URI used. */
  private async scanOne(t: Target, summary: ScanSummary): Promise<string> {
    const open = this.openDocument(t);
    if (open) {
      const a = await this.diagnostics.analysisOf(open.uri);
      this.count(a, summary);
      this.covered.set(open.uri, { folderUri: t.folderUri, published: false });
      return open.uri;
    }
    try {
      const a = await this.analyseFile(t.file, t.settings, t.config);
      this.count(a, summary);
      await this.publishFromDisk(t.uri, t.folderUri, a);
    } catch (e) {
      summary.skipped++;
      this.log.warn(`[scan] could not read ${t.file}: ${(e as NodeJS.ErrnoException).code ?? describeError(e)}`);
    }
    return t.uri;
  }

  /**
   * {@link readAndAnalyse}, in the document worker for files of at least `workerMinChars` bytes (so a large file in the
   * workspace does not stop the server while it is analysed), on this thread otherwise.
   */
  private async analyseFile(file: string, settings: GuardSettings, config?: DocConfig): Promise<Analysis> {
    const worker = this.diagnostics.worker;
    if (worker && settings.enable && !isConfigFile(file)) {
      const { size } = await stat(file);
      if (size >= this.diagnostics.workerMinChars && size <= settings.maxFileSizeKB * 1024) return worker.file(file, settings, toWire(config));
    }
    return readAndAnalyse(file, settings, config);
  }

  private openDocument(t: Target): TextDocument | undefined {
    const direct = this.documents.get(t.uri);
    if (direct) return direct;
    return this.documents.all().find((d) => d.uri.startsWith('file:') && path.resolve(fileNameOf(d.uri)) === t.file);
  }

  private count(a: Analysis | undefined, summary: ScanSummary): void {
    if (!a || a.skipped === 'disabled' || a.skipped === 'ignored') return;
    if (a.skipped) summary.skipped++;
    else {
      summary.files++;
      summary.findings += a.findings.length;
    }
  }

  private async publishFromDisk(uri: string, folderUri: string, a: Analysis): Promise<void> {
    if (this.documents.get(uri)) return; // opened meanwhile: live diagnostics win
    const prev = this.covered.get(uri);
    const published = a.diagnostics.length > 0;
    this.covered.set(uri, { folderUri, published });
    if (published || prev?.published) await this.connection.sendDiagnostics({ uri, diagnostics: a.diagnostics });
  }

  /** After a full scan: clears results of files that the scan no longer found (deleted, excluded). */
  private clearStale(seen: Set<string>): void {
    for (const [uri, entry] of [...this.covered]) {
      if (seen.has(uri)) continue;
      this.covered.delete(uri);
      if (entry.published && !this.documents.get(uri)) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    }
  }

  /**
   * A document was closed: if a scan covered it, re-analyse the saved file and publish that (the Problems view keeps
   * the workspace picture); otherwise clear its diagnostics.
   */
  async closed(uri: string): Promise<void> {
    const entry = this.covered.get(uri);
    if (!entry || !uri.startsWith('file:')) {
      await this.connection.sendDiagnostics({ uri, diagnostics: [] });
      return;
    }
    await this.republish(uri, entry.folderUri, true);
  }

  /**
   * Re-analyses from disk the closed files of a folder that a scan covered and publishes the result (after the
   * folder's `.lowcodeguard.json` changed). Open documents are re-validated by `DocumentDiagnostics` instead.
   */
  async refreshFolder(folderUri: string): Promise<void> {
    for (const [uri, entry] of [...this.covered]) {
      if (entry.folderUri === folderUri && uri.startsWith('file:') && !this.documents.get(uri)) await this.republish(uri, folderUri, entry.published);
    }
  }

  /** Reads, analyses and publishes one covered file (unless it was opened meanwhile); `always`: publish even when empty. */
  private async republish(uri: string, folderUri: string, always: boolean): Promise<void> {
    let a: Analysis;
    try {
      const file = fileURLToPath(uri);
      const settings = await this.settings.forResource(folderUri);
      const config = await this.configs?.forDocument(uri, settings.rules);
      a = await this.analyseFile(file, settings, config);
    } catch {
      a = { findings: [], diagnostics: [] }; // deleted or unreadable: nothing to show
    }
    if (this.documents.get(uri)) return; // reopened meanwhile
    const published = a.diagnostics.length > 0;
    this.covered.set(uri, { folderUri, published });
    if (published || always) await this.connection.sendDiagnostics({ uri, diagnostics: a.diagnostics });
  }

  /** Settings changed: clears scan results of closed files whose folder now has `lowcodeGuard.enable` false. */
  async settingsChanged(): Promise<void> {
    const enabled = new Map<string, boolean>();
    for (const [uri, entry] of [...this.covered]) {
      if (!enabled.has(entry.folderUri)) enabled.set(entry.folderUri, (await this.settings.forResource(entry.folderUri)).enable);
      if (enabled.get(entry.folderUri) || this.documents.get(uri)) continue;
      this.covered.delete(uri);
      if (entry.published) await this.connection.sendDiagnostics({ uri, diagnostics: [] });
    }
  }
}

/**
 * Reads and analyses a file with the CLI's `analyzeFile` (size checked with `stat` first, so huge files are never
 * read; binary files skipped; syntax errors only for low-code-looking files), under its configuration (levels,
 * `ignore`, suppressions). A `.lowcodeguard.json` file gets its configuration diagnostics. Throws the fs error on
 * I/O failure.
 */
export async function readAndAnalyse(file: string, settings: GuardSettings, config?: DocConfig): Promise<Analysis> {
  if (!settings.enable) return { findings: [], diagnostics: [], skipped: 'disabled' };
  if (isConfigFile(file)) {
    const findings = (await readConfigFile(file))?.diagnostics ?? [];
    return { findings, diagnostics: toDiagnostics(findings) };
  }
  if (config?.matcher && config.path && config.matcher.isIgnored(config.path)) return { findings: [], diagnostics: [], skipped: 'ignored' };
  const levels = config?.levels;
  const r = await analyzeFile(file, {
    maxFileSizeBytes: settings.maxFileSizeKB * 1024,
    rules: levels,
    suppress: config ? (findings, p) => applyConfig(findings, { levels, matcher: config.matcher, file: config.path ?? p }) : undefined,
  });
  // No finding left (engine/file-too-large turned off or suppressed): no diagnostic either.
  if (r.status === 'too-large') return { findings: [], diagnostics: r.findings.length ? [tooLargeDiagnostic(r.bytes, settings.maxFileSizeKB)] : [], skipped: 'too-large' };
  if (r.status === 'binary') return { findings: [], diagnostics: [], skipped: 'binary' };
  return { findings: r.findings, diagnostics: toDiagnostics(r.findings) };
}
