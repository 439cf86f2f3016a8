/**
 * Low-Code Guard VS Code client: starts the language server (`server/out/server.js`, Node IPC) for JSON/JSONC
 * documents and forwards the palette command "Low-Code Guard: Scan Workspace" to it, under a cancellable progress
 * notification (`scan.ts`). No analysis happens here.
 *
 * The palette command id (`lowcodeGuard.scanWorkspace`) differs from the server's command id
 * (`lowcodeGuard.server.scanWorkspace`) because vscode-languageclient registers the server's commands itself.
 * `lowcodeGuard.trace.server` is read by vscode-languageclient from the client id `lowcodeGuard`.
 */
import { commands, window, workspace, type ExtensionContext, type LogOutputChannel } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { SCAN_COMMAND, WORKSPACE_TRUSTED_NOTIFICATION, type GuardInitializationOptions, type ScanSummary } from '../../server/src/lsp/protocol';
import { FLOWS_VIEW, REFRESH_FLOWS_COMMAND, SHOW_REPORT_COMMAND } from '../../server/src/report/protocol';
import { FlowsProvider } from './flows';
import { showSecurityReport } from './report';
import { scanWithProgress } from './scan';
import { registerStatus } from './status';

let client: LanguageClient | undefined;

/** Activates the extension: output channel, scan command, language client. */
export async function activate(context: ExtensionContext): Promise<void> {
  const output: LogOutputChannel = window.createOutputChannel('Low-Code Guard', { log: true });
  context.subscriptions.push(output);

  const module = context.asAbsolutePath('server/out/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'json' },
      { scheme: 'file', language: 'jsonc' },
      { scheme: 'untitled', language: 'json' },
      { scheme: 'untitled', language: 'jsonc' },
    ],
    outputChannel: output,
    // Workspace trust: in Restricted Mode the server leaves the workspace's .lowcodeguard.json out (a function, so a
    // restarted server gets the trust of the moment).
    initializationOptions: (): GuardInitializationOptions => ({ workspaceTrusted: workspace.isTrusted }),
  };
  const lc = new LanguageClient('lowcodeGuard', 'Low-Code Guard', serverOptions, clientOptions);
  client = lc;
  context.subscriptions.push(...registerStatus(lc));
  const flowsProvider = new FlowsProvider(lc);

  context.subscriptions.push(
    commands.registerCommand(SCAN_COMMAND, async () => {
      if (!lc.isRunning()) {
        void window.showErrorMessage('Low-Code Guard: the language server is not running. See the "Low-Code Guard" output channel.');
        return undefined;
      }
      const summary = await scanWithProgress(lc);
      if (summary) void window.showInformationMessage(describe(summary));
      return summary;
    }),
    commands.registerCommand(SHOW_REPORT_COMMAND, () => showSecurityReport(lc)),
    window.registerTreeDataProvider(FLOWS_VIEW, flowsProvider),
    commands.registerCommand(REFRESH_FLOWS_COMMAND, () => flowsProvider.refresh()),
    workspace.onDidGrantWorkspaceTrust(() => {
      if (lc.isRunning()) void lc.sendNotification(WORKSPACE_TRUSTED_NOTIFICATION);
    }),
  );

  try {
    await lc.start();
    flowsProvider.refresh();
  } catch (e) {
    output.error(`Low-Code Guard language server failed to start: ${e instanceof Error ? e.message : String(e)}`);
    void window.showErrorMessage('Low-Code Guard: the language server failed to start. See the "Low-Code Guard" output channel.');
  }
}

/** The summary line shown after a scan. */
function describe(s: ScanSummary): string {
  const files = `${s.files} file${s.files === 1 ? '' : 's'}`;
  const findings = `${s.findings} finding${s.findings === 1 ? '' : 's'}`;
  const skipped = s.skipped ? `, ${s.skipped} skipped (too large or unreadable)` : '';
  return `Low-Code Guard: ${s.cancelled ? 'scan cancelled after' : 'scanned'} ${files}, ${findings}${skipped}.`;
}

/** Stops the language server. */
export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
