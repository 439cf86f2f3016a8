/**
 * The contract client/src/scan.ts relies on, over the built language server: a Scan Workspace request that carries a
 * client-created `workDoneToken` gets its `$/progress` begin/report/end on that token (no server-created progress),
 * and cancelling the request (what the notification's Cancel button does) stops the scan: the answer says
 * `cancelled: true`, or the request is refused as cancelled (code -32800), and the progress ends.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CancellationTokenSource, ExecuteCommandRequest, ResponseError, WorkDoneProgress, type WorkDoneProgressBegin, type WorkDoneProgressEnd, type WorkDoneProgressReport } from 'vscode-languageserver-protocol/node';
import { SERVER_SCAN_COMMAND, type ScanSummary } from '../../server/src/lsp/protocol';
import { LspServer } from '../lsp/harness';

const T = { timeout: 60_000 };
const SAMPLES = path.resolve(__dirname, '..', '..', 'samples');
const settings = { lowcodeGuard: { enable: true, maxFileSizeKB: 5120 }, 'files.exclude': {} };

function workspace(): { root: string; uri: string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lcg-scanprog-'));
  fs.cpSync(SAMPLES, path.join(root, 'samples'), { recursive: true });
  return { root, uri: pathToFileURL(root).href };
}

type Value = WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd;

/** Progress values of one scan: those on the client's token, else those on the token the server created. */
function progressOf(server: LspServer, token: string, seen: Value[]): Value[] {
  if (seen.length) return seen;
  return server.progress.filter((p) => p.token === server.progressTokens[0]).map((p) => p.value as Value);
}

async function settle(values: () => Value[]): Promise<void> {
  // $/progress is a notification: the end may arrive just after the response.
  for (let i = 0; i < 200 && values().at(-1)?.kind !== 'end'; i++) await new Promise((r) => setImmediate(r));
}

test('scan with a client workDoneToken: progress begin → "i/n files" reports → end, complete summary', T, async () => {
  const ws = workspace();
  const server = await LspServer.start({ workspaceFolders: [{ uri: ws.uri, name: 'ws' }], settings });
  try {
    const token = 'lcg-client-token-1';
    const seen: Value[] = [];
    server.conn.onProgress(WorkDoneProgress.type, token, (v) => void seen.push(v));
    const summary = (await server.conn.sendRequest(ExecuteCommandRequest.type, { command: SERVER_SCAN_COMMAND, arguments: [], workDoneToken: token })) as ScanSummary;
    assert.deepEqual(summary, { files: 6, findings: 28, skipped: 0, cancelled: false });
    await settle(() => progressOf(server, token, seen));
    const values = progressOf(server, token, seen);
    assert.equal(values[0].kind, 'begin');
    assert.equal((values[0] as WorkDoneProgressBegin).cancellable, true);
    assert.equal(values.at(-1)!.kind, 'end');
    const reports = values.filter((v): v is WorkDoneProgressReport => v.kind === 'report');
    assert.ok(reports.length >= 1);
    assert.ok(reports.every((r) => typeof r.percentage === 'number' && /^\d+\/6 files$/.test(r.message ?? '')), JSON.stringify(reports));
  } finally {
    await server.dispose();
    fs.rmSync(ws.root, { recursive: true, force: true });
  }
});

test('progress goes to the client\'s token (shown in the cancellable notification), not to a server-created one', {
  ...T,
}, async () => {
  const ws = workspace();
  const server = await LspServer.start({ workspaceFolders: [{ uri: ws.uri, name: 'ws' }], settings });
  try {
    const token = 'lcg-client-token-3';
    const seen: Value[] = [];
    server.conn.onProgress(WorkDoneProgress.type, token, (v) => void seen.push(v));
    await server.conn.sendRequest(ExecuteCommandRequest.type, { command: SERVER_SCAN_COMMAND, arguments: [], workDoneToken: token });
    await settle(() => seen);
    assert.deepEqual(server.progressTokens, [], 'no server-created progress (vscode-languageclient shows that one in the status bar only)');
    assert.equal(seen[0]?.kind, 'begin');
    assert.equal(seen.at(-1)?.kind, 'end');
  } finally {
    await server.dispose();
    fs.rmSync(ws.root, { recursive: true, force: true });
  }
});

test('cancelling the request stops the scan (the Cancel button of the notification)', T, async () => {
  const ws = workspace();
  const server = await LspServer.start({ workspaceFolders: [{ uri: ws.uri, name: 'ws' }], settings });
  try {
    const token = 'lcg-client-token-2';
    const seen: Value[] = [];
    server.conn.onProgress(WorkDoneProgress.type, token, (v) => void seen.push(v));
    const cts = new CancellationTokenSource();
    // Cancel while the server waits for files.exclude, before it lists any file (deterministic).
    server.beforeConfigurationReply = async (params) => {
      if (params.items[0]?.section === 'files.exclude') cts.cancel();
    };
    let outcome: ScanSummary | number;
    try {
      outcome = (await server.conn.sendRequest(ExecuteCommandRequest.type, { command: SERVER_SCAN_COMMAND, arguments: [], workDoneToken: token }, cts.token)) as ScanSummary;
    } catch (e) {
      assert.ok(e instanceof ResponseError, String(e));
      outcome = e.code;
    }
    if (typeof outcome === 'number') assert.equal(outcome, -32800);
    else assert.deepEqual(outcome, { files: 0, findings: 0, skipped: 0, cancelled: true });
    await settle(() => progressOf(server, token, seen));
    assert.equal(progressOf(server, token, seen).at(-1)?.kind, 'end');
    assert.deepEqual(server.diagnostics.filter((d) => d.diagnostics.length), [], 'no file was scanned');
  } finally {
    await server.dispose();
    fs.rmSync(ws.root, { recursive: true, force: true });
  }
});
