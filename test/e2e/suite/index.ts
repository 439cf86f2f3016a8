/**
 * In-editor end-to-end suite: the `run()` module that VS Code loads as `extensionTestsPath` inside the extension host
 * (`@vscode/test-electron` for desktop VS Code, or code-server's smoke-test driver — see test/e2e/README.md).
 *
 * It uses the `vscode` API only, against the workspace the launcher opened (a fresh copy of `samples/`, or any folder
 * holding an `n8n/*.json` flow with an unauthenticated webhook):
 * 1. opens the n8n sample and waits until the language server publishes `n8n/webhook-without-auth`;
 * 2. asks for code actions on that diagnostic, applies the quick fix, checks the diagnostic goes and the text is JSON;
 * 3. copies the sample to a file that is never opened, runs `lowcodeGuard.scanWorkspace` and waits for its diagnostics.
 *
 * No test framework: steps run in order, each logs `ok`/`not ok`; `run()` rejects when any step failed, which makes
 * the test host exit non-zero. Waiting is a poll with a deadline (`LCG_E2E_TIMEOUT_MS`, default 30000 ms per wait),
 * never a fixed sleep.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const RULE = 'n8n/webhook-without-auth';
/** Preferred sample (samples/n8n/webhook-no-auth.json); otherwise the first `n8n/*.json` in the workspace. */
const PREFERRED_SAMPLE = 'webhook-no-auth.json';
/** Written beside the workspace root for step 3 and deleted afterwards. */
const UNOPENED_NAME = 'lowcode-guard-e2e-unopened.json';
const TIMEOUT_MS = Number(process.env.LCG_E2E_TIMEOUT_MS) || 30_000;

/** The `code` of a diagnostic as a string (LSP clients turn `code` + `codeDescription` into `{ value, target }`). */
function codeOf(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  if (c === undefined) return undefined;
  return typeof c === 'object' ? String(c.value) : String(c);
}

/** Diagnostics of `uri` whose code is `code`. */
function diagnosticsWithCode(uri: vscode.Uri, code: string): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => codeOf(d) === code);
}

/**
 * Polls `probe` until it returns a value other than undefined, or throws after `TIMEOUT_MS` with `what` and the last
 * state (`describe()`), so a failure says what was seen. The interval only yields to the event loop between checks.
 */
async function waitFor<T>(what: string, probe: () => T | undefined, describe: () => string): Promise<T> {
  const deadline = Date.now() + TIMEOUT_MS;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${TIMEOUT_MS} ms waiting for ${what}; last seen: ${describe()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Short text of a URI's diagnostics for failure messages. */
function describeDiagnostics(uri: vscode.Uri): () => string {
  return () => {
    const all = vscode.languages.getDiagnostics(uri);
    return all.length ? all.map((d) => `${codeOf(d)}@${d.range.start.line + 1}:${d.range.start.character + 1}`).join(', ') : 'no diagnostics';
  };
}

/** The workspace folder the suite works in; throws when VS Code was started without a folder. */
function workspaceFolder(): vscode.WorkspaceFolder {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder is open: start VS Code with a folder that contains n8n/*.json');
  return folder;
}

/** The n8n sample to open: `n8n/webhook-no-auth.json` when present, else the first `n8n/*.json` by path. */
async function findN8nSample(): Promise<vscode.Uri> {
  const found = await vscode.workspace.findFiles('**/n8n/*.json', '**/node_modules/**');
  found.sort((a, b) => a.path.localeCompare(b.path));
  const uri = found.find((u) => u.path.endsWith(`/${PREFERRED_SAMPLE}`)) ?? found[0];
  if (!uri) throw new Error(`no n8n/*.json file in the workspace ${workspaceFolder().uri.fsPath}`);
  return uri;
}

/** State shared by the steps. */
interface Ctx {
  sample?: vscode.Uri;
  document?: vscode.TextDocument;
}

type Step = [name: string, body: (ctx: Ctx) => Promise<void>];

const steps: Step[] = [
  [
    `opening an n8n sample publishes ${RULE}`,
    async (ctx) => {
      ctx.sample = await findN8nSample();
      console.log(`# sample: ${vscode.workspace.asRelativePath(ctx.sample)}`);
      ctx.document = await vscode.workspace.openTextDocument(ctx.sample);
      await vscode.window.showTextDocument(ctx.document);
      const uri = ctx.sample;
      const found = await waitFor(
        `${RULE} on ${uri.fsPath}`,
        () => (diagnosticsWithCode(uri, RULE).length ? diagnosticsWithCode(uri, RULE) : undefined),
        describeDiagnostics(uri),
      );
      assert.ok(found[0].message.length > 0, 'the diagnostic has a message');
    },
  ],
  [
    'the quick fix removes the diagnostic and leaves valid JSON',
    async (ctx) => {
      const uri = ctx.sample!;
      const document = ctx.document!;
      const before = diagnosticsWithCode(uri, RULE);
      const target = before[0];
      const actions =
        (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
          'vscode.executeCodeActionProvider',
          uri,
          target.range,
          vscode.CodeActionKind.QuickFix.value,
          10, // resolve lazily-filled edits of up to 10 actions
        )) ?? [];
      // The command's results carry title, kind, edit, command and isPreferred, but not `diagnostics` (VS Code's
      // API converter drops them), so quick fixes are recognised by kind; the range limits them to this diagnostic.
      const fixes = actions.filter(
        (a): a is vscode.CodeAction => 'kind' in a && !!a.kind && vscode.CodeActionKind.QuickFix.contains(a.kind),
      );
      assert.ok(fixes.length > 0, `a quick fix for ${RULE} is offered; got: ${actions.map((a) => a.title).join(' | ') || 'none'}`);
      const fix = fixes.find((a) => a.isPreferred) ?? fixes[0];
      console.log(`# applying: ${fix.title}`);
      const textBefore = document.getText();
      if (fix.edit) assert.ok(await vscode.workspace.applyEdit(fix.edit), 'workspace edit applied');
      if (fix.command) await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
      assert.notEqual(document.getText(), textBefore, 'the fix changed the document');
      await waitFor(
        `${RULE} count to drop from ${before.length} to ${before.length - 1}`,
        () => (diagnosticsWithCode(uri, RULE).length === before.length - 1 ? true : undefined),
        describeDiagnostics(uri),
      );
      assert.doesNotThrow(() => JSON.parse(document.getText()), 'the fixed document is valid JSON');
      // Leave the file as it is on disk (the fix was never saved).
      await vscode.commands.executeCommand('workbench.action.files.revert');
    },
  ],
  [
    'Scan Workspace reports a file that was never opened',
    async (ctx) => {
      const folder = workspaceFolder();
      const unopened = vscode.Uri.joinPath(folder.uri, UNOPENED_NAME);
      await vscode.workspace.fs.writeFile(unopened, await vscode.workspace.fs.readFile(ctx.sample!));
      try {
        assert.ok(
          !vscode.workspace.textDocuments.some((d) => d.uri.toString() === unopened.toString()),
          'the copy is not open in the editor',
        );
        await vscode.commands.executeCommand('lowcodeGuard.scanWorkspace');
        await waitFor(
          `${RULE} on the unopened ${unopened.fsPath}`,
          () => (diagnosticsWithCode(unopened, RULE).length ? true : undefined),
          describeDiagnostics(unopened),
        );
      } finally {
        await vscode.workspace.fs.delete(unopened);
      }
    },
  ],
];

/**
 * Entry point called by the VS Code test host. Resolves when every step passed; rejects when a step failed
 * (the host then exits with code 1).
 */
export async function run(): Promise<void> {
  const ctx: Ctx = {};
  let failed = false;
  console.log(`1..${steps.length}`);
  for (const [i, [name, body]] of steps.entries()) {
    // Later steps build on the earlier ones: after a failure they are reported as skipped.
    if (failed) {
      console.log(`ok ${i + 1} - ${name} # SKIP an earlier step failed`);
      continue;
    }
    try {
      await body(ctx);
      console.log(`ok ${i + 1} - ${name}`);
    } catch (err) {
      failed = true;
      console.log(`not ok ${i + 1} - ${name}`);
      console.log(`# ${(err instanceof Error ? (err.stack ?? err.message) : String(err)).replace(/\n/g, '\n# ')}`);
    }
  }
  if (failed) throw new Error('Low-Code Guard e2e: a step failed (see "not ok" above)');
  console.log(`# all ${steps.length} steps passed`);
}
