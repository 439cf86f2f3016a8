/**
 * Low-Code Guard language server, main thread: a thin LSP adapter over the pure engine, wired by {@link start} once
 * boot.ts has answered `initialize` (so the engine and the rest are initialised after that answer, not before).
 *
 * Wiring only; the behaviour lives in `./*`:
 * - diagnostics.ts: debounced push diagnostics for open JSON/JSONC documents, stale versions dropped; documents of
 *   200 KB and more are analysed in the document worker thread (docWorker.ts, worker.ts), so the server keeps answering.
 * - codeActions.ts: quick fixes recomputed from the current text, "Show documentation", `source.fixAll.lowcodeGuard`.
 * - ignoreAction.ts: "Ignore this finding" (adds a suppression to `.lowcodeguard.json`).
 * - config.ts: `.lowcodeguard.json` per workspace folder, reloaded when the file changes (watched) or is edited.
 * - scan.ts: the workspace scan command with cancellable progress.
 * - settings.ts: `lowcodeGuard.*` settings pulled per resource.
 * - ../report/workspace.ts: the `lowcodeGuard/securityReport` request (HTML report page for the webview).
 * Every handler is wrapped by `guard`: an error is logged (never document text) and the server keeps running.
 */
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  ExecuteCommandRequest,
  type CancellationToken,
  type CodeAction,
  type Connection,
  type ExecuteCommandParams,
  type Hover,
  type InitializeParams,
  type TextDocuments,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { admits, docsActions, FIX_ALL_KIND, fixAllAction, fixAllActionFor, isDocsUrl, isOurs, quickFixes } from './codeActions';
import { ConfigStore } from './config';
import { DEFAULT_DEBOUNCE_MS, DEFAULT_WORKER_MIN_CHARS, DocumentDiagnostics } from './diagnostics';
import { DocumentWorker } from './docWorker';
import { ignoreActions } from './ignoreAction';
import { describeError, guard } from './log';
import { SERVER_SCAN_COMMAND, SERVER_SHOW_DOCS_COMMAND, WORKSPACE_TRUSTED_NOTIFICATION, type GuardInitializationOptions, type ScanSummary } from './protocol';
import { WorkspaceScanner } from './scan';
import { SettingsStore } from './settings';
import { DOCUMENT_INFO_REQUEST, documentInfo, hoverAt, type DocumentInfo } from './hover';
import { fileNameOf } from './diagnostics';
import { fileURLToPath } from 'node:url';
import { FLOWS_REQUEST, REPORT_REQUEST, type FlowsResult, type ReportParams, type ReportResult } from '../report/protocol';
import { workspaceFlows, workspaceReport } from '../report/workspace';

/**
 * Wires the server's handlers on a connection whose `initialize` request boot.ts has answered (`params` is what the
 * client sent), then does what the `initialized` notification calls for. Runs once, when that notification arrives
 * (a client sends nothing else before it), so every handler is in place before the next message is read.
 */
export function start(connection: Connection, documents: TextDocuments<TextDocument>, params: InitializeParams): void {
  const log = connection.console;
  const settings = new SettingsStore(connection);
  const diagnostics = new DocumentDiagnostics(connection, documents, settings, log);
  const scanner = new WorkspaceScanner(connection, documents, settings, diagnostics, log);
  const configs = new ConfigStore(documents);
  diagnostics.configs = configs;
  scanner.configs = configs;
  let dynamicConfigRegistration = false;
  let watchRegistration = false;
  let folderEvents = false;
  let versionedEdits = false;
  let createFiles = false;
  let showDocument = false;

  // What `initialize` said (boot.ts answered it with the capabilities).
  {
    const caps = params.capabilities ?? {};
    settings.configure(caps);
    scanner.initialize(params);
    dynamicConfigRegistration = !!caps.workspace?.didChangeConfiguration?.dynamicRegistration;
    watchRegistration = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    folderEvents = !!caps.workspace?.workspaceFolders;
    versionedEdits = !!caps.workspace?.workspaceEdit?.documentChanges;
    createFiles = !!caps.workspace?.workspaceEdit?.resourceOperations?.includes('create');
    showDocument = !!caps.window?.showDocument?.support;
    configs.setFolders(params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : []));
    // VS Code Restricted Mode: workspace `.lowcodeguard.json` files are not applied (lsp/config.ts).
    configs.setTrusted((params.initializationOptions as GuardInitializationOptions | undefined)?.workspaceTrusted !== false);
    // Internal knob (tests, slow machines): `initializationOptions.debounceMs`.
    // Internal knobs (tests, benchmarks): `workerMinChars` (documents at least this long go to the worker; 0 = all),
    // `workerHeapMb` (the worker's heap limit), `worker: false` (everything on the main thread).
    const init = (params.initializationOptions ?? {}) as { debounceMs?: unknown; workerMinChars?: unknown; workerHeapMb?: unknown; worker?: unknown };
    const debounce = init.debounceMs;
    diagnostics.debounceMs = typeof debounce === 'number' && debounce >= 0 ? debounce : DEFAULT_DEBOUNCE_MS;
    diagnostics.workerMinChars = typeof init.workerMinChars === 'number' && init.workerMinChars >= 0 ? init.workerMinChars : DEFAULT_WORKER_MIN_CHARS;
    if (init.worker !== false) {
      const heap = typeof init.workerHeapMb === 'number' && init.workerHeapMb > 0 ? init.workerHeapMb : undefined;
      diagnostics.worker = new DocumentWorker({ maxOldGenerationSizeMb: heap, onFailure: (reason) => log.error(`[worker] the analysis worker stopped: ${reason}`) });
    }
  }

  // The client's `initialized` notification (boot.ts received it and called start): registrations.
  const initialized = guard(log, 'initialized', undefined, async () => {
    if (folderEvents) connection.workspace.onDidChangeWorkspaceFolders((e) => configs.changeFolders(e.added, e.removed));
    if (settings.pulls && dynamicConfigRegistration) {
      await connection.client.register(DidChangeConfigurationNotification.type, { section: ['lowcodeGuard', 'files.exclude'] });
    }
    // Clients without dynamic registration may still send these events from their own watchers.
    if (watchRegistration) await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/.lowcodeguard.json' }] });
  });

  /** A folder's `.lowcodeguard.json` changed (on disk or in the editor): reload it, re-validate, refresh scan results. */
  const configChanged = guard(log, 'configChanged', undefined, async (folderUri: string) => {
    configs.invalidate(folderUri);
    diagnostics.clearCache();
    diagnostics.revalidateAll();
    await scanner.refreshFolder(folderUri);
  });
  configs.onRestricted = (configPath) =>
    log.info(`[config] Restricted Mode: ${configPath} is not applied (bundled rules and your user settings only) until you trust this workspace.`);
  /** Workspace trust granted: read every folder's configuration file again. */
  connection.onNotification(
    WORKSPACE_TRUSTED_NOTIFICATION,
    guard(log, 'workspaceTrusted', undefined, async () => {
      for (const folderUri of configs.setTrusted(true)) await configChanged(folderUri);
    }),
  );
  const configTimers = new Map<string, NodeJS.Timeout>();
  /** Debounced {@link configChanged} for edits of an open configuration document. */
  function configEdited(uri: string, delay: number): void {
    const folderUri = configs.configFolderOf(uri);
    if (!folderUri) return;
    clearTimeout(configTimers.get(folderUri));
    configTimers.set(folderUri, setTimeout(() => (configTimers.delete(folderUri), void configChanged(folderUri)), delay));
  }

  documents.onDidOpen((e) => {
    diagnostics.schedule(e.document, 0);
    configEdited(e.document.uri, 0);
  });
  documents.onDidChangeContent((e) => {
    diagnostics.schedule(e.document);
    configEdited(e.document.uri, diagnostics.debounceMs);
  });
  documents.onDidClose(
    guard(log, 'didClose', undefined, async (e) => {
      diagnostics.forget(e.document.uri);
      settings.forget(e.document.uri);
      configEdited(e.document.uri, 0);
      await scanner.closed(e.document.uri);
    }),
  );

  connection.onDidChangeWatchedFiles(
    guard(log, 'didChangeWatchedFiles', undefined, async (params) => {
      const folders = new Set(params.changes.map((c) => configs.configFolderOf(c.uri)).filter((f): f is string => !!f));
      for (const f of folders) await configChanged(f);
    }),
  );

  connection.onDidChangeConfiguration(
    guard(log, 'didChangeConfiguration', undefined, async (params) => {
      settings.changed(params.settings);
      diagnostics.clearCache();
      diagnostics.revalidateAll();
      await scanner.settingsChanged();
    }),
  );

  connection.onCodeAction(
    guard(log, 'codeAction', [] as CodeAction[], async (params) => {
      const only = params.context.only;
      const ours = params.context.diagnostics.filter(isOurs);
      const quick = admits(only, CodeActionKind.QuickFix) && ours.length > 0;
      const fixAllWanted = !!only?.length && admits(only, FIX_ALL_KIND);
      if (!quick && !fixAllWanted) return [];
      const doc = documents.get(params.textDocument.uri);
      const analysis = doc && (await diagnostics.analysisOf(doc.uri));
      if (!doc || !analysis) return [];
      const actions: CodeAction[] = [];
      if (quick) {
        // Analyses made in the worker carry no fix edits: the worker computes those the request needs.
        actions.push(...quickFixes(params, doc, await diagnostics.withFixEdits(analysis, ours), versionedEdits));
        actions.push(...(await ignoreActions(ours, doc, analysis.findings, configs, { versioned: versionedEdits, create: createFiles })));
        if (showDocument) actions.push(...docsActions(ours));
      }
      if (fixAllWanted && analysis.ref) {
        const all = fixAllActionFor(doc, await diagnostics.fixAllInWorker(analysis), versionedEdits);
        if (all && documents.get(doc.uri)?.version === analysis.version) actions.push(all);
      } else if (fixAllWanted) {
        const all = await fixAllAction(doc, analysis.findings, (text) => diagnostics.findingsFor(doc.uri, text), versionedEdits);
        if (all) actions.push(all);
      }
      return actions;
    }),
  );

  const EMPTY_SUMMARY: ScanSummary = { files: 0, findings: 0, skipped: 0, cancelled: true };

  // Registered as a plain request: `onExecuteCommand` takes the client's `workDoneToken` out of the params before the
  // handler sees them, so the scan could not tell that the client created its progress.
  connection.onRequest(
    ExecuteCommandRequest.type,
    guard(log, 'executeCommand', null as ScanSummary | boolean | null, async (params: ExecuteCommandParams, token: CancellationToken) => {
      if (params.command === SERVER_SHOW_DOCS_COMMAND) {
        const url = params.arguments?.[0];
        if (!showDocument || !isDocsUrl(url)) return null;
        return (await connection.window.showDocument({ uri: url, external: true })).success;
      }
      if (params.command !== SERVER_SCAN_COMMAND) return null;
      if ((await configs.reloadAll()).length) {
        diagnostics.clearCache();
        diagnostics.revalidateAll();
      }
      // Client-initiated progress when the request carried a token, else server-initiated (cancellable) progress.
      const progress = params.workDoneToken !== undefined ? connection.window.attachWorkDoneProgress(params.workDoneToken) : await connection.window.createWorkDoneProgress();
      return (await scanner.run(token, progress).catch((e) => {
        log.error(`[scan] ${describeError(e)}`);
        return EMPTY_SUMMARY;
      })) satisfies ScanSummary;
    }),
  );

  /** "Show Security Report": the HTML report of the `file:` workspace folders (report/workspace.ts); null without one. */
  connection.onRequest(
    REPORT_REQUEST,
    guard(log, 'securityReport', null as ReportResult | null, async (params: ReportParams) => {
      const folders = ((await connection.workspace.getWorkspaceFolders()) ?? []).filter((f) => f.uri.startsWith('file:')).map((f) => fileURLToPath(f.uri));
      if (!folders.length) return null;
      return await workspaceReport(folders, params);
    }),
  );

  /** "Low-Code Flows" explorer view: the flow inventory of the `file:` workspace folders; null without one. */
  connection.onRequest(
    FLOWS_REQUEST,
    guard(log, 'flows', null as FlowsResult | null, async () => {
      const folders = ((await connection.workspace.getWorkspaceFolders()) ?? []).filter((f) => f.uri.startsWith('file:')).map((f) => fileURLToPath(f.uri));
      return folders.length ? await workspaceFlows(folders) : null;
    }),
  );

  /** Hover: findings under the cursor (rule, OWASP category, severity, quick fix, docs) and n8n expression data sources (lsp/hover.ts). */
  connection.onHover(
    guard(log, 'hover', null as Hover | null, async (params) => {
      const doc = documents.get(params.textDocument.uri);
      const analysis = doc && (await diagnostics.analysisOf(doc.uri));
      if (!doc || !analysis) return null;
      // A large document's hover is computed in the worker (it parses the text for n8n expressions).
      if (analysis.ref) return (await diagnostics.hoverInWorker(analysis, params.position)) ?? null;
      return hoverAt(doc, analysis.findings, params.position);
    }),
  );

  /** `lowcodeGuard/documentInfo`: the detected format of an open document, for the client's status item. */
  connection.onRequest(
    DOCUMENT_INFO_REQUEST,
    guard(log, 'documentInfo', null as DocumentInfo | null, async (params: { uri: string }) => {
      const doc = documents.get(params.uri);
      if (!doc) return null;
      return diagnostics.worker && diagnostics.isLarge(doc) ? await diagnostics.worker.info(doc.getText(), fileNameOf(doc.uri)) : documentInfo(doc.getText(), fileNameOf(doc.uri));
    }),
  );

  process.on('unhandledRejection', (e) => log.error(`[unhandledRejection] ${describeError(e)}`));
  void initialized();
}
