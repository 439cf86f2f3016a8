/**
 * "Low-Code Guard: Scan Workspace" with a cancellable progress notification. The scan runs in the language server
 * (`workspace/executeCommand` `lowcodeGuard.server.scanWorkspace`); this module only shows it:
 * - the request carries a client-created `workDoneToken`, so the server reports `$/progress` begin/report/end on it
 *   (LSP 3.15+ "client initiated progress"; the server uses the token when present) and the notification shows its
 *   percentage and "i/n files" message;
 * - the notification's Cancel button cancels the request (`$/cancelRequest`), which aborts the server's scan; the
 *   server then answers with what it scanned so far (`cancelled: true`), or the client library rejects with a
 *   cancellation, which is reported the same way.
 * Without a token the server would create its own progress, which vscode-languageclient shows in the status bar only
 * (`ProgressLocation.Window`, no Cancel button in view) — the reason for this module.
 */
import { randomUUID } from 'node:crypto';
import { ProgressLocation, window } from 'vscode';
import { ExecuteCommandRequest, WorkDoneProgress, type LanguageClient } from 'vscode-languageclient/node';
import { SERVER_SCAN_COMMAND, type ScanSummary } from '../../server/src/lsp/protocol';

/** Runs the scan under a cancellable notification; resolves to the server's summary (undefined: no answer). */
export async function scanWithProgress(lc: LanguageClient): Promise<ScanSummary | undefined> {
  return window.withProgress({ location: ProgressLocation.Notification, title: 'Low-Code Guard: scanning workspace', cancellable: true }, async (progress, cancel) => {
    const workDoneToken = randomUUID();
    let reported = 0;
    const sub = lc.onProgress(WorkDoneProgress.type, workDoneToken, (v) => {
      if (v.kind === 'end') return;
      const pct = typeof v.percentage === 'number' ? Math.max(0, Math.min(100, v.percentage)) : undefined;
      const increment = pct === undefined ? undefined : Math.max(0, pct - reported);
      if (pct !== undefined) reported = Math.max(reported, pct);
      progress.report({ ...(v.message ? { message: v.message } : {}), ...(increment ? { increment } : {}) });
    });
    try {
      const summary = (await lc.sendRequest(ExecuteCommandRequest.type, { command: SERVER_SCAN_COMMAND, arguments: [], workDoneToken }, cancel)) as ScanSummary | null;
      return summary ?? (cancel.isCancellationRequested ? { files: 0, findings: 0, skipped: 0, cancelled: true } : undefined);
    } catch (e) {
      if (cancel.isCancellationRequested) return { files: 0, findings: 0, skipped: 0, cancelled: true };
      throw e;
    } finally {
      sub.dispose();
    }
  });
}
