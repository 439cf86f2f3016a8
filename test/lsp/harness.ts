/**
 * A minimal LSP client for tests: spawns the BUILT language server (`server/out/server.js`) over `--stdio` or
 * `--node-ipc` and talks JSON-RPC to it with vscode-jsonrpc. It answers the server's requests
 * (`workspace/configuration` from `settings`, `window/workDoneProgress/create`, `client/registerCapability` (recorded),
 * `workspace/workspaceFolders`, `window/showDocument` (recorded, success)) and records notifications so tests can
 * wait for them (no sleeps).
 */
import { spawn, spawnSync, fork, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildSync } from 'esbuild';
import {
  ConfigurationRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializeRequest,
  InitializedNotification,
  IPCMessageReader,
  IPCMessageWriter,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShowDocumentRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  WorkDoneProgress,
  WorkDoneProgressCreateRequest,
  WorkspaceFoldersRequest,
  createProtocolConnection,
  type ClientCapabilities,
  type ConfigurationParams,
  type FileEvent,
  type Registration,
  type ShowDocumentParams,
  type InitializeResult,
  type LogMessageParams,
  type ProgressToken,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type WorkDoneProgressBegin,
  type WorkDoneProgressEnd,
  type WorkDoneProgressReport,
  type WorkspaceFolder,
} from 'vscode-languageserver-protocol/node';

export const ROOT = path.resolve(__dirname, '..', '..');
/**
 * The server bundle under test: `server/out/server.js`, or the file named by `LCG_SERVER_JS` (e.g. a bundle unpacked
 * from the .vsix; then nothing is built).
 */
export const SERVER_JS = process.env.LCG_SERVER_JS ? path.resolve(process.env.LCG_SERVER_JS) : path.join(ROOT, 'server', 'out', 'server.js');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

/**
 * Builds `server/out/server.js` with `node scripts/bundle.mjs` when it is missing or older than any file under
 * `server/src`. If the full bundle fails (e.g. another entry point does not compile), builds the server entry alone
 * with the same esbuild options, so this test still runs the real bundle of the current sources.
 */
export function ensureServerBuilt(): void {
  if (process.env.LCG_SERVER_JS) return;
  const inputs = () => Math.max(newestMtime(path.join(ROOT, 'server', 'src')), fs.statSync(path.join(ROOT, 'scripts', 'bundle.mjs')).mtimeMs);
  const fresh = () => fs.existsSync(SERVER_JS) && fs.statSync(SERVER_JS).mtimeMs >= inputs();
  if (fresh()) return;
  const r = spawnSync(process.execPath, ['scripts/bundle.mjs'], { cwd: ROOT, encoding: 'utf8' });
  if (r.status === 0 && fresh()) return;
  buildSync({
    absWorkingDir: ROOT,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minify: false,
    legalComments: 'none',
    logLevel: 'error',
    entryPoints: ['server/src/server.ts'],
    outfile: SERVER_JS,
  });
}

type ProgressValue = WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd;

/** Options of {@link LspServer.start}. */
export interface StartOptions {
  transport?: 'stdio' | 'ipc';
  workspaceFolders?: WorkspaceFolder[];
  /** Settings by section (`lowcodeGuard`, `files.exclude`), answered to `workspace/configuration`. Mutable later. */
  settings?: Record<string, unknown>;
  initializationOptions?: unknown;
}

/** A running language server and the client end of its connection. */
export class LspServer {
  readonly diagnostics: PublishDiagnosticsParams[] = [];
  readonly progress: { token: ProgressToken; value: ProgressValue }[] = [];
  readonly progressTokens: ProgressToken[] = [];
  readonly logs: LogMessageParams[] = [];
  readonly configRequests: ConfigurationParams[] = [];
  /** Capabilities the server registered dynamically (`client/registerCapability`). */
  readonly registrations: Registration[] = [];
  /** `window/showDocument` requests (answered `{ success: true }`). */
  readonly shownDocuments: ShowDocumentParams[] = [];
  /** Runs before each `workspace/configuration` answer (tests use it to send something first). */
  beforeConfigurationReply?: (params: ConfigurationParams) => Promise<void> | void;
  stderr = '';
  initializeResult!: InitializeResult;
  private readonly listeners = new Set<() => void>();
  private readonly exited: Promise<number | null>;
  private exitedEarly?: Error;

  private constructor(
    readonly proc: ChildProcess,
    readonly conn: ProtocolConnection,
    public settings: Record<string, unknown>,
    private readonly folders: WorkspaceFolder[],
  ) {
    this.exited = new Promise((resolve) =>
      proc.on('exit', (code, signal) => {
        const hint = this.stderr.includes("Cannot find module './impl/format'")
          ? "\nHint: jsonc-parser's UMD entry cannot be bundled; scripts/bundle.mjs needs mainFields: ['module', 'main'] (microsoft/node-jsonc-parser#57)."
          : '';
        this.exitedEarly = new Error(`language server exited (code ${code}, signal ${signal}); stderr:\n${this.stderr.slice(-2000)}${hint}`);
        resolve(code);
        for (const l of [...this.listeners]) l();
      }),
    );
    proc.stderr?.on('data', (d: Buffer) => (this.stderr += d.toString()));
    conn.onNotification(PublishDiagnosticsNotification.type, (p) => this.record(() => this.diagnostics.push(p)));
    conn.onNotification(LogMessageNotification.type, (p) => this.record(() => this.logs.push(p)));
    conn.onRequest(ConfigurationRequest.type, async (params) => {
      this.configRequests.push(params);
      await this.beforeConfigurationReply?.(params);
      return params.items.map((item) => (item.section === undefined ? null : this.settings[item.section] ?? null));
    });
    conn.onRequest(WorkDoneProgressCreateRequest.type, (params) => {
      this.progressTokens.push(params.token);
      conn.onProgress(WorkDoneProgress.type, params.token, (value) => this.record(() => this.progress.push({ token: params.token, value })));
    });
    conn.onRequest(RegistrationRequest.type, (params) => {
      this.record(() => this.registrations.push(...params.registrations));
      return undefined;
    });
    conn.onRequest(ShowDocumentRequest.type, (params) => {
      this.record(() => this.shownDocuments.push(params));
      return { success: true };
    });
    conn.onRequest(WorkspaceFoldersRequest.type, () => this.folders);
  }

  /** Spawns the built server and runs `initialize`/`initialized`. */
  static async start(options: StartOptions = {}): Promise<LspServer> {
    ensureServerBuilt();
    let proc: ChildProcess;
    let conn: ProtocolConnection;
    if (options.transport === 'ipc') {
      proc = fork(SERVER_JS, ['--node-ipc'], { silent: true });
      conn = createProtocolConnection(new IPCMessageReader(proc), new IPCMessageWriter(proc));
    } else {
      proc = spawn(process.execPath, [SERVER_JS, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
      conn = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    }
    const folders = options.workspaceFolders ?? [];
    const server = new LspServer(proc, conn, options.settings ?? {}, folders);
    conn.listen();
    const capabilities: ClientCapabilities = {
      workspace: {
        configuration: true,
        didChangeConfiguration: { dynamicRegistration: true },
        didChangeWatchedFiles: { dynamicRegistration: true },
        workspaceFolders: true,
        workspaceEdit: { documentChanges: true, resourceOperations: ['create'] },
      },
      window: { workDoneProgress: true, showDocument: { support: true } },
      textDocument: {
        synchronization: { dynamicRegistration: false },
        publishDiagnostics: { versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
        codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } }, isPreferredSupport: true, dataSupport: true },
      },
    };
    server.initializeResult = await server.orExit(conn.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: folders[0]?.uri ?? null,
      workspaceFolders: folders.length ? folders : null,
      capabilities,
      initializationOptions: options.initializationOptions,
    }));
    await conn.sendNotification(InitializedNotification.type, {});
    return server;
  }

  /** `p`, or a rejection with the server's stderr if the process exits first. */
  orExit<T>(p: Promise<T>): Promise<T> {
    return Promise.race([p, this.waitFor<never>(() => undefined)]);
  }

  private record(push: () => void): void {
    push();
    for (const l of [...this.listeners]) l();
  }

  /**
   * Resolves when `check()` returns a value (checked now and after every recorded notification); rejects if the
   * server process exits first. The test runner's `timeout` bounds the wait.
   */
  waitFor<T>(check: () => T | undefined): Promise<T> {
    return new Promise((resolve, reject) => {
      const l = () => {
        const v = check();
        if (v !== undefined) {
          this.listeners.delete(l);
          resolve(v);
        } else if (this.exitedEarly) {
          this.listeners.delete(l);
          reject(this.exitedEarly);
        }
      };
      this.listeners.add(l);
      l();
    });
  }

  /** The first (already received or future) publishDiagnostics for `uri` that matches `pred`, searching from index `from`. */
  diagnosticsFor(uri: string, pred: (p: PublishDiagnosticsParams) => boolean = () => true, from = 0): Promise<PublishDiagnosticsParams> {
    return this.waitFor(() => this.diagnostics.slice(from).find((p) => p.uri === uri && pred(p)));
  }

  /** Every publishDiagnostics received so far for `uri`. */
  published(uri: string): PublishDiagnosticsParams[] {
    return this.diagnostics.filter((p) => p.uri === uri);
  }

  open(uri: string, text: string, version = 1, languageId = 'json'): Promise<void> {
    return this.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version, text } });
  }

  /** Sends a full-text change. */
  change(uri: string, version: number, text: string): Promise<void> {
    return this.conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  close(uri: string): Promise<void> {
    return this.conn.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  /** Sends `workspace/didChangeWatchedFiles` (as a client's file watcher does after a file changed on disk). */
  changeWatchedFiles(changes: FileEvent[]): Promise<void> {
    return this.conn.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
  }

  /** Replaces the settings and sends `workspace/didChangeConfiguration` (pull model: `settings` null). */
  changeSettings(settings: Record<string, unknown>): Promise<void> {
    this.settings = settings;
    return this.conn.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
  }

  /** `shutdown` then `exit`; resolves with the process exit code. */
  async shutdown(): Promise<number | null> {
    await this.conn.sendRequest(ShutdownRequest.type);
    await this.conn.sendNotification(ExitNotification.type);
    const code = await this.exited;
    this.conn.dispose();
    return code;
  }

  /** Stops the server whatever its state (for `after` hooks): shutdown/exit, else kill. */
  async dispose(): Promise<void> {
    if (this.proc.exitCode !== null || this.proc.signalCode !== null) return;
    try {
      await Promise.race([this.shutdown(), new Promise((_, reject) => setTimeout(() => reject(new Error('shutdown timed out')), 5000).unref())]);
    } catch {
      this.proc.kill();
    }
  }
}
