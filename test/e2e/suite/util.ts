/**
 * Helpers of the in-editor suite: bounded waits, diagnostics by code, workspace paths, the scan command and the CLI.
 * `vscode` API and Node built-ins only (the module runs inside the extension host).
 */
import { execFile } from 'node:child_process';
import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE, SCAN_COMMAND, type ScanSummary } from '../../../server/src/lsp/protocol';

/** Deadline of one wait, in milliseconds (`LCG_E2E_TIMEOUT_MS`, default 30000). */
export const TIMEOUT_MS = Number(process.env.LCG_E2E_TIMEOUT_MS) || 30_000;
/** Extension id (`publisher.name` in package.json). */
export const EXTENSION_ID = 'lowcode-guard.lowcode-guard';

/** Thrown by a step that cannot run here; the runner reports it as `# SKIP <message>`. */
export class Skip extends Error {}

/** The `code` of a diagnostic as a string (LSP clients turn `code` + `codeDescription` into `{ value, target }`). */
export function codeOf(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  if (c === undefined) return undefined;
  return typeof c === 'object' ? String(c.value) : String(c);
}

/** Low-Code Guard diagnostics of `uri` (other extensions' diagnostics left out). */
export function guardDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === DIAGNOSTIC_SOURCE);
}

/** Low-Code Guard diagnostics of `uri` whose code is `code`. */
export function withCode(uri: vscode.Uri, code: string): vscode.Diagnostic[] {
  return guardDiagnostics(uri).filter((d) => codeOf(d) === code);
}

/** `l:c-l:c` (0-based) of a range. */
export function rangeKey(r: vscode.Range): string {
  return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}

/** Short text of a URI's Low-Code Guard diagnostics (`code@l:c-l:c`, 0-based), for failure messages. */
export function describeDiagnostics(uri: vscode.Uri): () => string {
  return () => guardDiagnostics(uri).map((d) => `${codeOf(d)}@${rangeKey(d.range)}`).join(', ') || 'no diagnostics';
}

/**
 * Polls `probe` every 50 ms until it returns something other than undefined; throws after `ms` (default
 * {@link TIMEOUT_MS}) with `what` and the last state from `describe()`. The interval only yields to the event loop.
 */
export async function waitFor<T>(what: string, probe: () => T | undefined, describe: () => string, ms = TIMEOUT_MS): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}; last seen: ${describe()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Like {@link waitFor} but resolves to false instead of throwing when the deadline passes. */
export async function becomes(probe: () => boolean, ms: number): Promise<boolean> {
  try {
    await waitFor('condition', () => (probe() ? true : undefined), () => '', ms);
    return true;
  } catch {
    return false;
  }
}

/** The workspace folder the suite works in; throws when VS Code was started without a folder. */
export function workspaceFolder(): vscode.WorkspaceFolder {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder is open: start VS Code with a copy of samples/');
  return folder;
}

/** URI of a workspace-relative, `/`-separated path. */
export function inWorkspace(rel: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceFolder().uri, ...rel.split('/'));
}

/** True when a text document or an editor tab has `uri` open. */
export function isOpen(uri: vscode.Uri): boolean {
  const key = uri.toString();
  if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === key)) return true;
  return vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === key));
}

/** Runs "Low-Code Guard: Scan Workspace" and returns its summary; throws when it returns none or was cancelled. */
export async function scanWorkspace(): Promise<ScanSummary> {
  const summary = await vscode.commands.executeCommand<ScanSummary | undefined>(SCAN_COMMAND);
  if (!summary) throw new Error(`${SCAN_COMMAND} returned no summary (is the language server running?)`);
  if (summary.cancelled) throw new Error(`${SCAN_COMMAND} was cancelled: ${JSON.stringify(summary)}`);
  return summary;
}

/** One finding of `lowcode-guard scan --format json` (the fields the suite compares). */
export interface CliFinding {
  ruleId: string;
  file: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

/**
 * Runs the extension's own CLI (`server/out/cli.js` of the installed or developed extension) with the extension
 * host's runtime (`ELECTRON_RUN_AS_NODE=1` makes desktop VS Code's binary act as Node) in `cwd`:
 * `scan . --format json --fail-on none`. Resolves to its findings; rejects on a non-zero exit, a timeout or bad JSON.
 */
export async function runCli(cwd: string): Promise<CliFinding[]> {
  return (await runCliReport(cwd)).findings;
}

/** Like {@link runCli}, resolving to the report's file count and findings. */
export function runCliReport(cwd: string): Promise<{ files: number; findings: CliFinding[] }> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} not found`);
  const cli = vscode.Uri.joinPath(ext.extensionUri, 'server', 'out', 'cli.js').fsPath;
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [cli, 'scan', '.', '--format', 'json', '--fail-on', 'none'],
      { cwd, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', NO_COLOR: '1' }, timeout: TIMEOUT_MS, maxBuffer: 32 * 1024 * 1024 },
      (err, stdout, stderr) => {
        if (err) return reject(new Error(`${cli} scan failed: ${err.message}\n${stderr}`));
        try {
          resolve(JSON.parse(stdout) as { files: number; findings: CliFinding[] });
        } catch (e) {
          reject(new Error(`${cli} scan printed no JSON report (${(e as Error).message}): ${stdout.slice(0, 200)}`));
        }
      },
    );
  });
}
