/**
 * Low-Code Guard language server: a thin LSP adapter over the pure engine (`./engine`).
 * Transport comes from argv (`--stdio`, `--node-ipc`, `--socket=`), as `createConnection(ProposedFeatures.all)` reads it.
 *
 * Wiring only; the behaviour lives in `./lsp/*`:
 * - diagnostics.ts: debounced push diagnostics for open JSON/JSONC documents, stale versions dropped.
 * - codeActions.ts: quick fixes recomputed from the current text.
 * - scan.ts: the workspace scan command with cancellable progress.
 * - settings.ts: `lowcodeGuard.*` settings pulled per resource.
 * Every handler is wrapped by `guard`: an error is logged (never document text) and the server keeps running.
 */
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  ProposedFeatures,
  TextDocumentSyncKind,
  TextDocuments,
  createConnection,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { quickFixes, hasFix, wantsQuickFixes } from './lsp/codeActions';
import { DEFAULT_DEBOUNCE_MS, DocumentDiagnostics } from './lsp/diagnostics';
import { describeError, guard } from './lsp/log';
import { SERVER_SCAN_COMMAND, type ScanSummary } from './lsp/protocol';
import { WorkspaceScanner } from './lsp/scan';
import { SettingsStore } from './lsp/settings';

const connection = createConnection(ProposedFeatures.all);
const log = connection.console;
const documents = new TextDocuments(TextDocument);
const settings = new SettingsStore(connection);
const diagnostics = new DocumentDiagnostics(connection, documents, settings, log);
const scanner = new WorkspaceScanner(connection, documents, settings, diagnostics, log);
let dynamicConfigRegistration = false;
let versionedEdits = false;

connection.onInitialize((params): InitializeResult => {
  const caps = params.capabilities ?? {};
  settings.configure(caps);
  scanner.initialize(params);
  dynamicConfigRegistration = !!caps.workspace?.didChangeConfiguration?.dynamicRegistration;
  versionedEdits = !!caps.workspace?.workspaceEdit?.documentChanges;
  // Internal knob (tests, slow machines): `initializationOptions.debounceMs`.
  const debounce = (params.initializationOptions as { debounceMs?: unknown } | undefined)?.debounceMs;
  diagnostics.debounceMs = typeof debounce === 'number' && debounce >= 0 ? debounce : DEFAULT_DEBOUNCE_MS;
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      executeCommandProvider: { commands: [SERVER_SCAN_COMMAND] },
      workspace: { workspaceFolders: { supported: true } },
    },
    serverInfo: { name: 'Low-Code Guard' },
  };
});

connection.onInitialized(
  guard(log, 'initialized', undefined, async () => {
    if (settings.pulls && dynamicConfigRegistration) {
      await connection.client.register(DidChangeConfigurationNotification.type, { section: ['lowcodeGuard', 'files.exclude'] });
    }
  }),
);

documents.onDidOpen((e) => diagnostics.schedule(e.document, 0));
documents.onDidChangeContent((e) => diagnostics.schedule(e.document));
documents.onDidClose(
  guard(log, 'didClose', undefined, async (e) => {
    diagnostics.forget(e.document.uri);
    settings.forget(e.document.uri);
    await scanner.closed(e.document.uri);
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
  guard(log, 'codeAction', [], async (params) => {
    if (!wantsQuickFixes(params.context.only) || !params.context.diagnostics.some(hasFix)) return [];
    const doc = documents.get(params.textDocument.uri);
    const analysis = doc && (await diagnostics.analysisOf(doc.uri));
    if (!doc || !analysis) return [];
    return quickFixes(params, doc, analysis.findings, versionedEdits);
  }),
);

const EMPTY_SUMMARY: ScanSummary = { files: 0, findings: 0, skipped: 0, cancelled: true };

connection.onExecuteCommand(
  guard(log, 'executeCommand', null as ScanSummary | null, async (params, token, workDone) => {
    if (params.command !== SERVER_SCAN_COMMAND) return null;
    // Client-initiated progress when the request carried a token, else server-initiated (cancellable) progress.
    const progress = params.workDoneToken !== undefined ? workDone : await connection.window.createWorkDoneProgress();
    return (await scanner.run(token, progress).catch((e) => {
      log.error(`[scan] ${describeError(e)}`);
      return EMPTY_SUMMARY;
    })) satisfies ScanSummary;
  }),
);

process.on('unhandledRejection', (e) => log.error(`[unhandledRejection] ${describeError(e)}`));

documents.listen(connection);
connection.listen();
