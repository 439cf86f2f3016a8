/**
 * Start of the language server's main thread: opens the connection and answers `initialize` with the server's
 * capabilities at once, then initialises and wires everything else (main.ts: engine, rules, configuration, scans,
 * reports) when the client's `initialized` notification arrives — so the client sees the server ready after loading
 * only the LSP library, and the rest is loaded before any document message is read. Transport comes from argv (`--stdio`,
 * `--node-ipc`, `--socket=`), as `createConnection(ProposedFeatures.all)` reads it.
 */
import { CodeActionKind, createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind, type InitializeParams, type InitializeResult } from 'vscode-languageserver/node';
import { documentsConfiguration } from './changes';
import { FIX_ALL_KIND, SERVER_SCAN_COMMAND, SERVER_SHOW_DOCS_COMMAND } from './protocol';

/** What the server offers (static: it does not depend on the client's capabilities). */
export const CAPABILITIES: InitializeResult = {
  capabilities: {
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
    codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
    hoverProvider: true,
    executeCommandProvider: { commands: [SERVER_SCAN_COMMAND, SERVER_SHOW_DOCS_COMMAND] },
    workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
  },
  serverInfo: { name: 'Low-Code Guard' },
};

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(documentsConfiguration);

let initParams: InitializeParams | undefined;
let started = false;

/** Loads and wires the rest of the server (once). */
function startOnce(): void {
  if (started || !initParams) return;
  started = true;
  try {
    // In the bundle this is `server/out/server-main.js` (scripts/bundle.mjs); from source (tsx), lsp/main.ts.
    (require('./main') as typeof import('./main')).start(connection, documents, initParams);
  } catch (e) {
    const err = e as { name?: string; code?: string };
    connection.console.error(`[start] the server could not start: ${err?.name ?? 'Error'}${err?.code ? ` (${err.code})` : ''}`);
  }
}

connection.onInitialize((params) => {
  initParams = params;
  // A client that never sends `initialized` (it must) still gets a working server.
  setTimeout(startOnce, 2000).unref();
  return CAPABILITIES;
});
// The client's next message after the answer (LSP: nothing else may come before it); main.ts then registers what it needs.
connection.onInitialized(startOnce);

documents.listen(connection);
connection.listen();
