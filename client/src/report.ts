/**
 * "Low-Code Guard: Show Security Report": asks the language server for the workspace's HTML report
 * (`lowcodeGuard/securityReport`) and shows it in a webview. The page's Content-Security-Policy allows only its own
 * nonce'd inline style and script (no network, no other scripts); clicking a finding's location posts
 * `{ type: 'reveal', file, line, character }`, and the extension opens that file there with `showTextDocument`.
 */
import { randomBytes } from 'node:crypto';
import { Position, ProgressLocation, Range, Uri, ViewColumn, window } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { isRevealMessage, REPORT_REQUEST, type ReportParams, type ReportResult } from '../../server/src/report/protocol';

/** Opens the report webview; resolves to the report's counts (undefined when there is nothing to show). */
export async function showSecurityReport(lc: LanguageClient): Promise<Omit<ReportResult, 'html'> | undefined> {
  if (!lc.isRunning()) {
    void window.showErrorMessage('Low-Code Guard: the language server is not running. See the "Low-Code Guard" output channel.');
    return undefined;
  }
  const panel = window.createWebviewPanel('lowcodeGuard.securityReport', 'Low-Code Guard Security Report', ViewColumn.Active, {
    enableScripts: true,
    enableCommandUris: false,
    localResourceRoots: [],
  });
  const params: ReportParams = { nonce: randomBytes(16).toString('hex'), cspSource: panel.webview.cspSource };
  const result = await window.withProgress({ location: ProgressLocation.Notification, title: 'Low-Code Guard: building the security report…' }, () =>
    lc.sendRequest<ReportResult | null>(REPORT_REQUEST, params),
  );
  if (!result) {
    panel.dispose();
    void window.showWarningMessage('Low-Code Guard: open a folder to see its security report (see the "Low-Code Guard" output channel for errors).');
    return undefined;
  }
  panel.webview.onDidReceiveMessage(async (m: unknown) => {
    if (!isRevealMessage(m)) return;
    const at = new Position(m.line, m.character);
    await window.showTextDocument(Uri.file(m.file), { selection: new Range(at, at), viewColumn: ViewColumn.One, preview: false });
  });
  panel.webview.html = result.html;
  return { files: result.files, findings: result.findings };
}
