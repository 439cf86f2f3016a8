/**
 * Child process of the benchmark: measurements over the real language server (`server.js --stdio`),
 * driven by a minimal LSP client, printed as one JSON line.
 *
 *   node bench/lib/lsp.mjs ready <runs>            spawn → `initialize` answered (and → `initialized` sent), per run
 *   node bench/lib/lsp.mjs roundtrip <file> <runs>  didChange → publishDiagnostics of that version, debounce 0;
 *                                                   plus the longest answer time of cheap requests sent every 5 ms
 *                                                   while the server analyses (how long it stops answering)
 *   node bench/lib/lsp.mjs scan <folder>            Scan Workspace over a folder: time, then the server's RSS (VmRSS)
 *                                                   and peak RSS (VmHWM) from /proc (Linux)
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { ROOT, load, median, p95 } from './util.mjs';

const require = createRequire(path.join(ROOT, 'package.json'));
const rpc = require('vscode-languageserver-protocol/node');
/** The server bundle: the run's copy (bench/run.mjs copies the bundles so a rebuild during the run changes nothing). */
const SERVER = process.env.LCG_BENCH_SERVER ?? path.join(ROOT, 'server', 'out', 'server.js');

/** Starts the server and initializes it; resolves with the connection, the child and the time to `initialize`. */
async function start({ folder, debounceMs = 0 } = {}) {
  const t0 = performance.now();
  const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const conn = rpc.createProtocolConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
  const diagnostics = [];
  const waiters = [];
  conn.onNotification(rpc.PublishDiagnosticsNotification.type, (p) => {
    diagnostics.push(p);
    for (const w of [...waiters]) if (w.test(p)) waiters.splice(waiters.indexOf(w), 1), w.resolve(p);
  });
  conn.onRequest(rpc.WorkDoneProgressCreateRequest.type, () => null);
  conn.onNotification(rpc.LogMessageNotification.type, () => {});
  conn.listen();
  const uri = folder ? pathToFileURL(folder).href : null;
  await conn.sendRequest(rpc.InitializeRequest.type, {
    processId: process.pid,
    rootUri: uri,
    workspaceFolders: folder ? [{ uri, name: path.basename(folder) }] : null,
    capabilities: { window: { workDoneProgress: true } },
    initializationOptions: { debounceMs },
  });
  const readyMs = performance.now() - t0;
  await conn.sendNotification(rpc.InitializedNotification.type, {});
  const waitFor = (test) => new Promise((resolve) => waiters.push({ test, resolve }));
  const stop = async () => {
    await conn.sendRequest(rpc.ShutdownRequest.type).catch(() => {});
    await conn.sendNotification(rpc.ExitNotification.type).catch(() => {});
    await new Promise((r) => (child.exitCode !== null ? r() : child.on('exit', r)));
    conn.dispose();
  };
  return { conn, child, readyMs, waitFor, diagnostics, stop };
}

function procStatus(pid) {
  const s = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k) => Number(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm').exec(s)?.[1] ?? NaN) * 1024;
  return { rss: kb('VmRSS'), peakRss: kb('VmHWM') };
}

const [mode, ...args] = process.argv.slice(2);
const loadBefore = load();
let result;
if (mode === 'ready') {
  const runs = Number(args[0] ?? 10);
  const times = [];
  for (let i = 0; i < runs; i++) {
    const s = await start();
    times.push(s.readyMs);
    await s.stop();
  }
  result = { median: median(times), p95: p95(times), runs };
} else if (mode === 'roundtrip') {
  const [file, runsArg] = args;
  const runs = Number(runsArg ?? 20);
  const text = fs.readFileSync(file, 'utf8');
  const s = await start({ debounceMs: 0 });
  const uri = pathToFileURL(path.resolve(file)).href;
  let version = 1;
  const first = s.waitFor((p) => p.uri === uri && p.version === 1);
  await s.conn.sendNotification(rpc.DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'json', version, text } });
  const firstDiag = await first;
  const times = [];
  const stalls = [];
  // Cheap requests (a code action request with no diagnostics is answered at once) sent every 5 ms during each run.
  const ping = () => {
    const t = performance.now();
    return s.conn
      .sendRequest('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [] } })
      .then(() => performance.now() - t);
  };
  for (let i = 0; i < runs + 2; i++) {
    version++;
    // Insert, then remove, a space after the first character: the JSON stays valid and the findings the same.
    const change = version % 2 === 0 ? { range: { start: { line: 0, character: 1 }, end: { line: 0, character: 1 } }, text: ' ' } : { range: { start: { line: 0, character: 1 }, end: { line: 0, character: 2 } }, text: '' };
    const v = version;
    const got = s.waitFor((p) => p.uri === uri && p.version === v);
    const pings = [];
    let done = false;
    const t = performance.now();
    await s.conn.sendNotification(rpc.DidChangeTextDocumentNotification.type, { textDocument: { uri, version: v }, contentChanges: [change] });
    const timer = setInterval(() => !done && pings.push(ping()), 5);
    pings.push(ping());
    await got;
    const dt = performance.now() - t;
    done = true;
    clearInterval(timer);
    const lat = await Promise.all(pings);
    if (i >= 2) {
      times.push(dt);
      stalls.push(Math.max(...lat));
    }
  }
  await s.stop();
  result = { file, bytes: Buffer.byteLength(text), runs, diagnostics: firstDiag.diagnostics.length, median: median(times), p95: p95(times), stallMedian: median(stalls), stallMax: Math.max(...stalls) };
} else if (mode === 'scan') {
  const folder = path.resolve(args[0]);
  const s = await start({ folder });
  const before = procStatus(s.child.pid);
  const t = performance.now();
  const summary = await s.conn.sendRequest(rpc.ExecuteCommandRequest.type, { command: 'lowcodeGuard.server.scanWorkspace', arguments: [] });
  const ms = performance.now() - t;
  const after = procStatus(s.child.pid);
  // A little idle time lets the server's GC run, as it would in an editor after the scan.
  await new Promise((r) => setTimeout(r, 2000));
  const settled = procStatus(s.child.pid);
  await s.stop();
  result = { ms, summary, rssBefore: before.rss, rssAfterScan: after.rss, rssSettled: settled.rss, peakRss: settled.peakRss, published: s.diagnostics.length };
} else {
  throw new Error(`unknown mode ${mode}`);
}
console.log(JSON.stringify({ mode, load: loadBefore, ...result }));
