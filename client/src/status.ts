/**
 * "Status at a glance": a language status item on JSON/JSONC files (the `{}` indicator in the status bar) showing
 * the low-code format the server detected (`lowcodeGuard/documentInfo`), the Low-Code Guard finding counts of the
 * active editor (its diagnostics with source "Low-Code Guard"), the language server state, and a "Scan Workspace" link.
 */
import {
  DiagnosticSeverity,
  LanguageStatusSeverity,
  languages,
  window,
  type Disposable,
  type LanguageStatusItem,
  type TextDocument,
  type Uri,
} from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { DIAGNOSTIC_SOURCE, SCAN_COMMAND } from '../../server/src/lsp/protocol';

/** Same name as `DOCUMENT_INFO_REQUEST` in server/src/lsp/hover.ts (not imported: that module pulls in the engine). */
const DOCUMENT_INFO_REQUEST = 'lowcodeGuard/documentInfo';

const FORMAT_LABEL: Record<string, string> = {
  n8n: 'n8n',
  'node-red': 'Node-RED',
  'power-automate': 'Power Automate',
  'logic-apps': 'Logic Apps',
};

/** Finding counts by severity. */
export interface FindingCounts {
  errors: number;
  warnings: number;
  other: number;
}

/** "2 errors, 1 warning" / "no findings". */
export function describeCounts(c: FindingCounts): string {
  const parts: string[] = [];
  if (c.errors) parts.push(`${c.errors} error${c.errors === 1 ? '' : 's'}`);
  if (c.warnings) parts.push(`${c.warnings} warning${c.warnings === 1 ? '' : 's'}`);
  if (c.other) parts.push(`${c.other} info`);
  return parts.length ? parts.join(', ') : 'no findings';
}

function countsOf(uri: Uri): FindingCounts {
  const c: FindingCounts = { errors: 0, warnings: 0, other: 0 };
  for (const d of languages.getDiagnostics(uri)) {
    if (d.source !== DIAGNOSTIC_SOURCE) continue;
    if (d.severity === DiagnosticSeverity.Error) c.errors++;
    else if (d.severity === DiagnosticSeverity.Warning) c.warnings++;
    else c.other++;
  }
  return c;
}

const STATE_LABEL: Record<State, string> = { [State.Running]: 'running', [State.Starting]: 'starting', [State.Stopped]: 'stopped', [State.StartFailed]: 'failed to start' };

/**
 * Creates the status item and keeps it current (active editor, diagnostics, server state changes).
 * Returns disposables for `context.subscriptions`.
 */
export function registerStatus(client: LanguageClient): Disposable[] {
  const item: LanguageStatusItem = languages.createLanguageStatusItem('lowcodeGuard.status', [{ language: 'json' }, { language: 'jsonc' }]);
  item.name = 'Low-Code Guard';
  item.command = { title: 'Scan Workspace', command: SCAN_COMMAND, tooltip: 'Low-Code Guard: scan every low-code file in the workspace' };
  let generation = 0;

  const update = async (): Promise<void> => {
    const mine = ++generation;
    const doc: TextDocument | undefined = window.activeTextEditor?.document;
    const state = client.state;
    if (state !== State.Running) {
      item.text = '$(shield) Low-Code Guard';
      item.detail = `server ${STATE_LABEL[state]}`;
      item.severity = state !== State.Starting ? LanguageStatusSeverity.Error : LanguageStatusSeverity.Information;
      item.busy = state === State.Starting;
      return;
    }
    item.busy = false;
    if (!doc || (doc.languageId !== 'json' && doc.languageId !== 'jsonc')) return;
    let info: { format: string; subformat: string } | null = null;
    try {
      info = await client.sendRequest<{ format: string; subformat: string } | null>(DOCUMENT_INFO_REQUEST, { uri: doc.uri.toString() });
    } catch {
      info = null;
    }
    if (mine !== generation) return; // a newer update is under way
    const counts = countsOf(doc.uri);
    item.text = info ? `$(shield) ${FORMAT_LABEL[info.format] ?? info.format}: ${describeCounts(counts)}` : '$(shield) Not a low-code file';
    item.detail = info ? `Low-Code Guard · ${info.subformat} · server running` : 'Low-Code Guard · server running';
    item.severity = counts.errors ? LanguageStatusSeverity.Warning : LanguageStatusSeverity.Information;
  };
  const refresh = () => void update();
  refresh();

  return [
    item,
    window.onDidChangeActiveTextEditor(refresh),
    languages.onDidChangeDiagnostics((e) => {
      const active = window.activeTextEditor?.document.uri.toString();
      if (active && e.uris.some((u) => u.toString() === active)) refresh();
    }),
    client.onDidChangeState(refresh),
  ];
}
