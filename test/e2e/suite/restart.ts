/**
 * Fault step of the in-editor suite (issue #5): the language server process dies, vscode-languageclient starts a new
 * one, and diagnostics come back.
 *
 * The server is found through Linux's /proc (the step is skipped where there is none): the process whose parent is
 * this extension host (`process.pid`; the suite runs in the same process as the extension, and vscode-languageclient
 * starts the server with `child_process.fork` for `TransportKind.ipc`) and whose command line holds the extension's
 * `server/out/server.js`. Other VS Code windows or e2e runs on the same machine have other parents, so they never match.
 *
 * Facts this rests on (vscode-languageclient 11, `lib/common/client.js`, `handleConnectionClosed` and
 * `DefaultErrorHandler`): when the connection closes unexpectedly the default error handler answers "restart" for
 * the first 4 closes within 3 minutes (a 5th shows an error and leaves the server stopped), the client disposes its
 * diagnostic collection and calls `start()` again, which forks a new server and re-sends every open document. One
 * kill per run stays well inside that budget.
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXPECTED, N8N_SAMPLE } from './expected';
import type { Step } from './steps';
import { codeOf, describeDiagnostics, EXTENSION_ID, guardDiagnostics, inWorkspace, rangeKey, scanWorkspace, Skip, waitFor } from './util';

/** One process seen in /proc: pid, parent pid, state letter (`R`, `S`, `Z`, …) and argv. */
interface ProcInfo {
  pid: number;
  ppid: number;
  state: string;
  argv: string[];
}

/** Every process of /proc that can be read (processes that exit while being read are left out). */
function processes(): ProcInfo[] {
  const out: ProcInfo[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // /proc/<pid>/stat: "pid (comm) state ppid …"; comm may contain spaces and parentheses, so split after the last ')'.
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const argv = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0').filter(Boolean);
      out.push({ pid: Number(name), ppid: Number(ppid), state, argv });
    } catch {
      // gone, or not ours to read
    }
  }
  return out;
}

/** Absolute path of the server module the extension starts (`server/out/server.js` of the extension under test). */
function serverModule(): string {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} not found`);
  return path.join(ext.extensionPath, 'server', 'out', 'server.js');
}

/** Live (not zombie) children of this extension host running `module`. */
function serverProcesses(module: string): ProcInfo[] {
  return processes().filter((p) => p.ppid === process.pid && p.state !== 'Z' && p.argv.includes(module));
}

/** Failure text: every process running a `server.js`, with its parent, so a mismatch can be told from a missing server. */
function describeServers(module: string): () => string {
  return () => {
    const seen = processes().filter((p) => p.argv.some((a) => a.endsWith(`${path.sep}server.js`)));
    const list = seen.map((p) => `pid ${p.pid} ppid ${p.ppid} ${p.state} ${p.argv.join(' ')}`).join('; ');
    return `extension host pid ${process.pid}, module ${module}; server.js processes: ${list || 'none'}`;
  };
}

/** `code@l:c-l:c` keys of the expected findings of `rel`, moved down by `lines`. */
function expectedKeys(rel: string, lines: number): string[] {
  return EXPECTED[rel].map(({ code, range: [sl, sc, el, ec] }) => `${code}@${sl + lines}:${sc}-${el + lines}:${ec}`);
}

/** Resolves once every key of `wanted` is among the Low-Code Guard diagnostics of `uri`. */
async function waitForKeys(what: string, uri: vscode.Uri, wanted: string[]): Promise<void> {
  await waitFor(
    what,
    () => {
      const seen = new Set(guardDiagnostics(uri).map((d) => `${codeOf(d)}@${rangeKey(d.range)}`));
      return wanted.every((w) => seen.has(w)) ? true : undefined;
    },
    describeDiagnostics(uri),
  );
}

export const restartStep: Step = [
  'after the language server is killed (SIGKILL) the client restarts it and diagnostics come back',
  async () => {
    let procReadable = true;
    try {
      readdirSync('/proc');
    } catch {
      procReadable = false;
    }
    if (process.platform !== 'linux' || !procReadable) throw new Skip(`needs Linux /proc to find the server process (platform ${process.platform})`);
    const module = serverModule();
    const uri = inWorkspace(N8N_SAMPLE);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    await waitForKeys(`${N8N_SAMPLE} to show its findings before the kill`, uri, expectedKeys(N8N_SAMPLE, 0));

    const [old] = await waitFor(
      'exactly one Low-Code Guard server process started by this extension host',
      () => {
        const found = serverProcesses(module);
        return found.length === 1 ? found : undefined;
      },
      describeServers(module),
    );
    console.log(`# killing the language server: pid ${old.pid} (${old.argv.slice(1).join(' ')})`);
    process.kill(old.pid, 'SIGKILL');

    const [fresh] = await waitFor(
      `a new server process after pid ${old.pid} was killed`,
      () => {
        const found = serverProcesses(module);
        return found.length === 1 && found[0].pid !== old.pid ? found : undefined;
      },
      describeServers(module),
    );
    console.log(`# restarted: pid ${fresh.pid}`);
    assert.ok(fresh.argv.includes(`--clientProcessId=${process.pid}`), `the new server was started for this extension host: ${fresh.argv.join(' ')}`);

    // An edit only the new server can have seen: one line inserted at the top moves every finding down by one line.
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, new vscode.Position(0, 0), '\n');
    assert.ok(await vscode.workspace.applyEdit(edit), 'edit applied');
    try {
      const moved = expectedKeys(N8N_SAMPLE, 1);
      await waitForKeys(`the restarted server to report ${moved.join(', ')} on the edited ${N8N_SAMPLE}`, uri, moved);
      // The server's commands are registered again: a workspace scan answers with every sample.
      const summary = await scanWorkspace();
      assert.ok(summary.files >= Object.keys(EXPECTED).length, `the scan after the restart analysed every sample (summary: ${JSON.stringify(summary)})`);
      assert.deepEqual(serverProcesses(module).map((p) => p.pid), [fresh.pid], 'still one server process, the restarted one');
    } finally {
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.files.revert'); // back to the text on disk
    }
    await waitForKeys(`${N8N_SAMPLE} to show its original findings after the revert`, uri, expectedKeys(N8N_SAMPLE, 0));
  },
];
