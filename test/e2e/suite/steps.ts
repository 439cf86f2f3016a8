/**
 * The steps of the in-editor suite, in the order they run (see index.ts for the runner). Each step finds what it
 * needs by itself, so one failure does not hide the others. Workspace: a fresh copy of `samples/` (the steps write
 * files there and delete them again; the quick fix is reverted, never saved).
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { REFRESH_FLOWS_COMMAND, SHOW_REPORT_COMMAND } from '../../../server/src/report/protocol';
import { CONFIG_RULE, EXPECTED, FIX_RULE, N8N_SAMPLE } from './expected';
import { restartStep } from './restart';
import {
  becomes,
  codeOf,
  describeDiagnostics,
  guardDiagnostics,
  inWorkspace,
  isOpen,
  rangeKey,
  runCli,
  runCliReport,
  scanWorkspace,
  Skip,
  waitFor,
  withCode,
  workspaceFolder,
} from './util';

/** A named step; it throws to fail and throws {@link Skip} to be reported as skipped. */
export type Step = [name: string, body: () => Promise<void>];

const SAMPLES = Object.keys(EXPECTED);
const CONFIG_FILE = '.lowcodeguard.json';
/** Written at the workspace root by the configuration step and deleted afterwards; never opened. */
const UNOPENED_COPY = 'lowcode-guard-e2e-unopened.json';

/** Sorted `path|code|range` keys of every Low-Code Guard diagnostic under the workspace folder. */
function editorFindingKeys(root: string): string[] {
  const keys: string[] = [];
  for (const [uri, diagnostics] of vscode.languages.getDiagnostics()) {
    if (uri.scheme !== 'file' || !uri.fsPath.startsWith(root + path.sep)) continue;
    const rel = path.relative(root, uri.fsPath).split(path.sep).join('/');
    for (const d of diagnostics) if (d.source === 'Low-Code Guard') keys.push(`${rel}|${codeOf(d)}|${rangeKey(d.range)}`);
  }
  return keys.sort();
}

/** Opens `rel` in an editor (so commands such as revert act on it) and returns its document. */
async function show(rel: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(inWorkspace(rel));
  await vscode.window.showTextDocument(document);
  return document;
}

export const steps: Step[] = [
  [
    'Scan Workspace publishes diagnostics for files that were never opened',
    async () => {
      const uris = SAMPLES.map(inWorkspace);
      assert.deepEqual(uris.filter(isOpen).map((u) => u.fsPath), [], 'no sample is open before the scan');
      const summary = await scanWorkspace();
      console.log(`# scan summary: ${JSON.stringify(summary)}`);
      assert.ok(summary.files >= SAMPLES.length, `the scan analysed all ${SAMPLES.length} sample files (summary: ${JSON.stringify(summary)})`);
      for (const rel of SAMPLES) {
        const uri = inWorkspace(rel);
        const codes = [...new Set(EXPECTED[rel].map((f) => f.code))];
        await waitFor(
          `${codes.join(', ') || 'the scan'} on the unopened ${rel}`,
          () => (codes.every((c) => withCode(uri, c).length > 0) ? true : undefined),
          describeDiagnostics(uri),
        );
        if (!codes.length) assert.deepEqual(guardDiagnostics(uri), [], `${rel} is not a low-code file: no diagnostics`);
      }
      assert.deepEqual(uris.filter(isOpen).map((u) => u.fsPath), [], 'the scan opened no sample');
    },
  ],
  [
    "each sample's expected rule codes and ranges appear when it is opened",
    async () => {
      for (const rel of SAMPLES) {
        const uri = inWorkspace(rel);
        await vscode.workspace.openTextDocument(uri);
        const wanted = EXPECTED[rel].map((f) => `${f.code}@${f.range[0]}:${f.range[1]}-${f.range[2]}:${f.range[3]}`);
        await waitFor(
          `${rel} to show ${wanted.join(', ')}`,
          () => {
            const seen = new Set(guardDiagnostics(uri).map((d) => `${codeOf(d)}@${rangeKey(d.range)}`));
            return wanted.every((w) => seen.has(w)) ? true : undefined;
          },
          describeDiagnostics(uri),
        );
        if (!wanted.length) assert.deepEqual(guardDiagnostics(uri), [], `${rel} is not a low-code file: no diagnostics`);
        console.log(`# ${rel}: ${guardDiagnostics(uri).length} diagnostics, ${wanted.length} expected ones present`);
      }
    },
  ],
  [
    'the editor shows exactly the findings of the CLI (`lowcode-guard scan --format json`)',
    async () => {
      const root = workspaceFolder().uri.fsPath;
      const cli = (await runCli(root)).map((f) => {
        const r = f.range;
        const rel = path.relative(root, path.resolve(root, f.file)).split(path.sep).join('/');
        return `${rel}|${f.ruleId}|${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
      });
      cli.sort();
      console.log(`# CLI: ${cli.length} findings`);
      const key = (a: string[]) => a.join('\n');
      await waitFor(
        'the editor diagnostics to equal the CLI findings',
        () => (key(editorFindingKeys(root)) === key(cli) ? true : undefined),
        () => {
          const ed = editorFindingKeys(root);
          const onlyEditor = ed.filter((k) => !cli.includes(k));
          const onlyCli = cli.filter((k) => !ed.includes(k));
          return `only in the editor: ${onlyEditor.join('; ') || '-'}; only in the CLI: ${onlyCli.join('; ') || '-'}`;
        },
      );
    },
  ],
  [
    `the ${FIX_RULE} quick fix removes its diagnostic and leaves valid JSON`,
    async () => {
      const document = await show(N8N_SAMPLE);
      const uri = document.uri;
      const before = await waitFor(`${FIX_RULE} on ${N8N_SAMPLE}`, () => (withCode(uri, FIX_RULE).length ? withCode(uri, FIX_RULE) : undefined), describeDiagnostics(uri));
      const actions =
        (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
          'vscode.executeCodeActionProvider',
          uri,
          before[0].range,
          vscode.CodeActionKind.QuickFix.value,
          10, // resolve lazily-filled edits of up to 10 actions
        )) ?? [];
      // The command's results carry title, kind, edit, command and isPreferred, but not `diagnostics` (VS Code's
      // API converter drops them), so quick fixes are recognised by kind; the range limits them to this diagnostic.
      const fixes = actions.filter((a): a is vscode.CodeAction => 'kind' in a && !!a.kind && vscode.CodeActionKind.QuickFix.contains(a.kind));
      assert.ok(fixes.length > 0, `a quick fix for ${FIX_RULE} is offered; got: ${actions.map((a) => a.title).join(' | ') || 'none'}`);
      const fix = fixes.find((a) => a.isPreferred) ?? fixes[0];
      console.log(`# applying: ${fix.title}`);
      const textBefore = document.getText();
      if (fix.edit) assert.ok(await vscode.workspace.applyEdit(fix.edit), 'workspace edit applied');
      if (fix.command) await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
      assert.notEqual(document.getText(), textBefore, 'the fix changed the document');
      try {
        await waitFor(
          `${FIX_RULE} count to drop from ${before.length} to ${before.length - 1}`,
          () => (withCode(uri, FIX_RULE).length === before.length - 1 ? true : undefined),
          describeDiagnostics(uri),
        );
        assert.doesNotThrow(() => JSON.parse(document.getText()), 'the fixed document is valid JSON');
      } finally {
        await vscode.window.showTextDocument(document);
        await vscode.commands.executeCommand('workbench.action.files.revert'); // back to the text on disk
      }
    },
  ],
  [
    `turning ${CONFIG_RULE} off in ${CONFIG_FILE} updates open and scanned files`,
    async () => {
      const open = await show(N8N_SAMPLE);
      const copy = inWorkspace(UNOPENED_COPY);
      const config = inWorkspace(CONFIG_FILE);
      await vscode.workspace.fs.writeFile(copy, await vscode.workspace.fs.readFile(inWorkspace('node-red/flows.json')));
      let configWritten = false;
      try {
        await scanWorkspace();
        await waitFor(`${CONFIG_RULE} on the unopened ${UNOPENED_COPY}`, () => (withCode(copy, CONFIG_RULE).length ? true : undefined), describeDiagnostics(copy));
        await waitFor(`${CONFIG_RULE} on the open ${N8N_SAMPLE}`, () => (withCode(open.uri, CONFIG_RULE).length ? true : undefined), describeDiagnostics(open.uri));

        const body = JSON.stringify({ rules: { [CONFIG_RULE]: 'off' } }, null, 2) + '\n';
        await vscode.workspace.fs.writeFile(config, new TextEncoder().encode(body));
        configWritten = true;
        await scanWorkspace();
        // The scan re-publishes closed files before it answers; a short grace covers diagnostics still in flight.
        if (!(await becomes(() => withCode(copy, CONFIG_RULE).length === 0, 5_000))) {
          throw new Skip(
            `the language server ignores ${CONFIG_FILE}: ${CONFIG_RULE} is still reported on a scanned file after ` +
              `writing {"rules": {"${CONFIG_RULE}": "off"}} and scanning again (configuration support not there yet?)`,
          );
        }
        await waitFor(`${CONFIG_RULE} to leave the open ${N8N_SAMPLE}`, () => (withCode(open.uri, CONFIG_RULE).length === 0 ? true : undefined), describeDiagnostics(open.uri));
        assert.ok(withCode(open.uri, FIX_RULE).length > 0, `other rules still report on ${N8N_SAMPLE}: ${describeDiagnostics(open.uri)()}`);

        await vscode.workspace.fs.delete(config);
        configWritten = false;
        await scanWorkspace();
        await waitFor(`${CONFIG_RULE} to come back on the open ${N8N_SAMPLE} once ${CONFIG_FILE} is gone`, () => (withCode(open.uri, CONFIG_RULE).length ? true : undefined), describeDiagnostics(open.uri));
      } finally {
        if (configWritten) await vscode.workspace.fs.delete(config);
        await vscode.workspace.fs.delete(copy);
      }
    },
  ],
  [
    `"Show Security Report" opens the report with the CLI's counts; "Refresh Low-Code Flows" completes`,
    async () => {
      const cli = await runCliReport(workspaceFolder().uri.fsPath);
      const isReport = (t: vscode.Tab) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('lowcodeGuard.securityReport');
      const reportTabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs.filter(isReport));
      // The command resolves to the report's counts, or undefined after showing a warning (no folder, server error).
      const shown = await vscode.commands.executeCommand<{ files: number; findings: number } | undefined>(SHOW_REPORT_COMMAND);
      try {
        assert.ok(shown, `${SHOW_REPORT_COMMAND} returned no report (it showed a warning instead; see the "Low-Code Guard" output channel)`);
        assert.deepEqual({ files: shown.files, findings: shown.findings }, { files: cli.files, findings: cli.findings.length }, 'the report counts what the CLI counts');
        // The tab model reaches the extension host as an event after the panel is created.
        await waitFor('the report tab', () => (reportTabs().length === 1 ? true : undefined), () => `tabs: ${vscode.window.tabGroups.all.flatMap((g) => g.tabs.map((t) => t.label)).join(', ')}`);
        console.log(`# report: ${shown.files} files, ${shown.findings} findings`);
      } finally {
        await vscode.window.tabGroups.close(reportTabs());
      }
      await vscode.commands.executeCommand(REFRESH_FLOWS_COMMAND);
    },
  ],
  // Last: it kills the language server (one of vscode-languageclient's 4 restarts in 3 minutes).
  restartStep,
];
