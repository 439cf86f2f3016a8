/**
 * Size and load, over the built language server and CLI:
 * - a document or file over `maxFileSizeKB` gets one info diagnostic and is not analysed;
 * - 200 rapid incremental edits to a 1 MB document end with diagnostics for the final version only;
 * - a workspace scan over many generated files (1,000 here; 20,000 in `npm run test:fuzz`, LCG_SCAN_FILES) completes
 *   with the expected counts, can be cancelled mid-scan, and its peak memory is reported (and bounded);
 * - the CLI scans the same files, peak memory reported (and bounded).
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DidChangeTextDocumentNotification, ExecuteCommandRequest, WorkDoneProgressCancelNotification, type WorkDoneProgressReport } from 'vscode-languageserver-protocol/node';
import { analyze } from '../../server/src/engine';
import { analyseText } from '../../server/src/lsp/diagnostics';
import { SERVER_SCAN_COMMAND, type ScanSummary } from '../../server/src/lsp/protocol';
import { DEFAULT_SETTINGS } from '../../server/src/lsp/settings';
import { FILE_TOO_LARGE_ID } from '../../server/src/workspace/analyze-file';
import { CLI, ensureBuiltCli } from '../cli/cli-helpers';
import { json } from '../helpers';
import { LspServer } from '../lsp/harness';
import { recordCounts } from './lib/counts';
import { generatedFlow, peakRssMb, writeGeneratedWorkspace } from './lib/workspace';

const N = Number(process.env.LCG_SCAN_FILES ?? 1000);
/** Peak memory allowed for a scan of N small files (MB): generous, to catch growth that is not bounded. */
const MAX_RSS_MB = 1024;
const tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'lcg-load-')));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));
const settings = { lowcodeGuard: { enable: true, maxFileSizeKB: 1024 }, 'files.exclude': {} };

/** A webhook n8n workflow of about `bytes` bytes (many webhook nodes, each a finding). */
function bigWorkflow(bytes: number): string {
  const nodes: unknown[] = [];
  for (let i = 0; JSON.stringify(nodes).length < bytes; i++) {
    nodes.push({ id: `n${i}`, name: `Hook ${i}`, type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [i, 0], webhookId: `w${i}`, parameters: { path: `p${i}`, httpMethod: 'POST', options: { note: 'x'.repeat(1500) } } });
  }
  return json({ name: 'big', nodes, connections: {}, settings: { errorWorkflow: 'e' } });
}

test('over maxFileSizeKB: one info diagnostic, for an open document and for a file found by the scan', { timeout: 120_000 }, async () => {
  const dir = path.join(tmp, 'size');
  fs.mkdirSync(dir);
  const big = bigWorkflow(1100 * 1024);
  fs.writeFileSync(path.join(dir, 'big.json'), big);
  fs.writeFileSync(path.join(dir, 'small.json'), generatedFlow(0));
  const server = await LspServer.start({ workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'size' }], settings });
  try {
    const openUri = pathToFileURL(path.join(tmp, 'open-big.json')).href;
    await server.open(openUri, big);
    const pub = await server.diagnosticsFor(openUri, (p) => p.version === 1);
    assert.deepEqual(pub.diagnostics.map((d) => [d.code, d.severity, d.range.start.line, d.range.end.character]), [[FILE_TOO_LARGE_ID, 3, 0, 0]]);
    assert.match(String(pub.diagnostics[0].message), /over the lowcodeGuard\.maxFileSizeKB limit of 1024 KB/);
    const summary = (await server.conn.sendRequest(ExecuteCommandRequest.type, { command: SERVER_SCAN_COMMAND })) as ScanSummary;
    assert.deepEqual(summary, { files: 1, findings: 1, skipped: 1, cancelled: false });
    const onDisk = await server.diagnosticsFor(pathToFileURL(path.join(dir, 'big.json')).href);
    assert.deepEqual(onDisk.diagnostics.map((d) => [d.code, d.severity]), [[FILE_TOO_LARGE_ID, 3]]);
  } finally {
    await server.dispose();
  }
});

test('200 rapid incremental edits to a 1 MB document: diagnostics are published for the final version only', { timeout: 300_000 }, async (t) => {
  const defaults = { lowcodeGuard: { enable: true }, 'files.exclude': {} }; // the default size limit (5120 KB)
  const server = await LspServer.start({ settings: defaults });
  try {
    const uri = pathToFileURL(path.join(tmp, 'rapid-1mb.json')).href;
    let doc = TextDocument.create(uri, 'json', 1, bigWorkflow(1000 * 1024));
    assert.ok(doc.getText().length > 1000 * 1024);
    await server.open(uri, doc.getText());
    await server.diagnosticsFor(uri, (p) => p.version === 1);
    // As in server.test.ts: the settings read after a configuration change is answered only once every edit is
    // written, so any analysis begun for an older version finds the document changed and must drop its result.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    server.beforeConfigurationReply = () => gate;
    const from = server.diagnostics.length;
    await server.changeSettings(defaults);
    const started = Date.now();
    for (let v = 2; v <= 201; v++) {
      // Rename node "Hook <k>" to "Edit <v>": a small edit in the middle of the text.
      const text = doc.getText();
      const at = text.indexOf('"Hook ', Math.floor((text.length * (v % 97)) / 97));
      const start = at >= 0 ? at : text.indexOf('"Hook ');
      const change = { range: { start: doc.positionAt(start + 1), end: doc.positionAt(start + 5) }, text: `Ed${v}` };
      doc = TextDocument.update(doc, [change], v);
      await server.conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: v }, contentChanges: [change] });
    }
    release();
    const last = await server.diagnosticsFor(uri, (p) => p.version === 201, from);
    const ms = Date.now() - started;
    const expected = analyseText(doc.getText(), uri, DEFAULT_SETTINGS).diagnostics;
    assert.equal(last.diagnostics.length, expected.length);
    assert.deepEqual(last.diagnostics, JSON.parse(JSON.stringify(expected)));
    assert.ok(analyze(doc.getText()).findings.some((f) => f.message.includes('"Ed201')), 'the final edit is in what was analysed');
    assert.deepEqual(server.diagnostics.slice(from).map((p) => p.version), [201]);
    recordCounts('rapid-edits', { edits: 200, documentBytes: doc.getText().length, publications: server.diagnostics.length - from });
    t.diagnostic(`1 MB document, 200 edits: final diagnostics (${last.diagnostics.length}) ${ms} ms after the first edit`);
  } finally {
    await server.dispose();
  }
});

test(`workspace scan of ${N.toLocaleString('en-US')} generated files: completes, counts, cancellable mid-scan, bounded memory`, { timeout: 3_600_000 }, async (t) => {
  const dir = path.join(tmp, 'many');
  writeGeneratedWorkspace(dir, N);
  const perKind = [0, 1, 2, 3, 4].map((k) => analyze(generatedFlow(k), { fileName: `f${k}.json` }).findings.length);
  const expectedFindings = Array.from({ length: N }, (_, i) => perKind[i % 5]).reduce((a, b) => a + b, 0);
  assert.ok(expectedFindings >= N / 5, 'every webhook file has a finding');
  const server = await LspServer.start({ workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'many' }], settings });
  const serverScan: { ms?: number; rss?: number; cancelledAfter?: number } = {};
  try {
    let started = Date.now();
    const full = (await server.conn.sendRequest(ExecuteCommandRequest.type, { command: SERVER_SCAN_COMMAND })) as ScanSummary;
    const fullMs = Date.now() - started;
    assert.deepEqual(full, { files: N, findings: expectedFindings, skipped: 0, cancelled: false });
    const rss = peakRssMb(server.proc.pid!);
    if (rss !== undefined) assert.ok(rss < MAX_RSS_MB, `server peak RSS ${rss.toFixed(0)} MB`);

    // Cancel the next scan from the progress UI once it reports 20 % or more.
    const progressFrom = server.progress.length;
    const tokensFrom = server.progressTokens.length;
    const cancelled = server.waitFor(() => {
      const r = server.progress.slice(progressFrom).find((p) => p.value.kind === 'report' && ((p.value as WorkDoneProgressReport).percentage ?? 0) >= 20);
      return r ? r : undefined;
    });
    started = Date.now();
    const pending = server.conn.sendRequest(ExecuteCommandRequest.type, { command: SERVER_SCAN_COMMAND }) as Promise<ScanSummary>;
    await cancelled;
    await server.conn.sendNotification(WorkDoneProgressCancelNotification.type, { token: server.progressTokens[tokensFrom] });
    const partial = await pending;
    assert.equal(partial.cancelled, true);
    assert.ok(partial.files >= N / 5 && partial.files < N, `cancelled after ${partial.files} of ${N} files`);
    assert.equal(server.progress.at(-1)?.value.kind, 'end');
    Object.assign(serverScan, { ms: fullMs, rss: rss === undefined ? undefined : Math.round(rss), cancelledAfter: partial.files });
    t.diagnostic(`server: full scan of ${N} files ${fullMs} ms, peak RSS ${rss?.toFixed(0) ?? '?'} MB; cancelled scan stopped after ${partial.files} files (${Date.now() - started} ms)`);
  } finally {
    await server.dispose();
  }

  ensureBuiltCli();
  const rssFile = path.join(tmp, 'cli-rss.txt');
  const preload = `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(rssFile)}, String(process.resourceUsage().maxRSS)))`;
  const pre = path.join(tmp, 'maxrss.cjs');
  fs.writeFileSync(pre, preload);
  const started = Date.now();
  const r = spawnSync(process.execPath, ['--require', pre, CLI, 'scan', dir, '--format', 'json', '--fail-on', 'none'], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { files: number; findings: unknown[] };
  assert.deepEqual([out.files, out.findings.length], [N, expectedFindings]);
  const cliRss = Number(fs.readFileSync(rssFile, 'utf8')) / 1024;
  assert.ok(cliRss < MAX_RSS_MB, `CLI peak RSS ${cliRss.toFixed(0)} MB`);
  t.diagnostic(`CLI: ${N} files ${Date.now() - started} ms, peak RSS ${cliRss.toFixed(0)} MB`);
  recordCounts('scan-many-files', { files: N, findings: expectedFindings, serverScanMs: serverScan.ms, serverPeakRssMb: serverScan.rss, cancelledAfterFiles: serverScan.cancelledAfter, cliScanMs: Date.now() - started, cliPeakRssMb: Math.round(cliRss) });
});
