/**
 * The split server bundle (scripts/bundle.mjs, issue #4): `server/out/server.js` holds only the boot code (lsp/boot.ts)
 * and requires the LSP library and the rest of the server (`server-main.js`) from files next to it; modules both need
 * are bundled once under `server/out/lib/` so a thread holds one instance of each.
 *
 * The runtime check is the one a second copy would break silently: boot's `TextDocuments` records the edits of large
 * documents in lsp/changes.ts's change log, and main's document worker client (docWorker.ts) reads that log to send
 * the worker a few edited characters instead of the whole text. With two copies of changes.ts the log it reads stays
 * empty and every change is sent whole. A preloaded script (main thread only) records what the server posts to its
 * worker threads. Order is asserted, never timing.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DidChangeTextDocumentNotification } from 'vscode-languageserver-protocol/node';
import { ensureServerBuilt, LspServer, ROOT, SERVER_JS } from './harness';

const OUT = path.dirname(SERVER_JS);
let tmp = '';
before(() => {
  ensureServerBuilt();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lcg-split-'));
});
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Relative paths `require`d by a built file, resolved against its folder. */
function requiresOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return [...new Set([...text.matchAll(/\brequire\((["'])(\.{1,2}\/[^"']+)\1\)/g)].map((m) => path.resolve(path.dirname(file), m[2])))];
}

test('server.js is the boot code only: it requires server-main.js and the shared lib bundles, which exist', () => {
  const boot = requiresOf(SERVER_JS);
  const main = path.join(OUT, 'server-main.js');
  const lsp = path.join(OUT, 'lib', 'vscode-languageserver-node.js');
  assert.ok(boot.includes(main) && boot.includes(lsp), `server.js requires ${boot.map((p) => path.relative(OUT, p)).join(', ')}`);
  for (const f of [...boot, ...requiresOf(main)]) assert.ok(fs.existsSync(f), `${path.relative(OUT, f)} exists`);
  const bootText = fs.readFileSync(SERVER_JS, 'utf8');
  // A rule id (engine) and a vscode-jsonrpc message (LSP library) must live in the other bundles, not in server.js.
  assert.ok(!bootText.includes('n8n/webhook-without-auth') && fs.readFileSync(main, 'utf8').includes('n8n/webhook-without-auth'), 'the engine is in server-main.js only');
  const marker = 'Header must provide a Content-Length property.';
  assert.deepEqual(
    [SERVER_JS, main, lsp].map((f) => fs.readFileSync(f, 'utf8').includes(marker)),
    [false, false, true],
    'the LSP library is in lib/vscode-languageserver-node.js only',
  );
});

test('one change log per thread: an incremental change of a large document reaches the document worker as edits, not as the whole text', { timeout: 120_000 }, async () => {
  const sample = JSON.parse(fs.readFileSync(path.join(ROOT, 'samples', 'n8n', 'order-webhook.json'), 'utf8')) as { nodes: { name: string }[] };
  const nodes = Array.from({ length: 100 }, (_, i) => sample.nodes.map((n) => ({ ...n, name: `${n.name} ${i}` }))).flat();
  const text = JSON.stringify({ name: 'large', nodes, connections: {} }, null, 2);
  assert.ok(text.length > 150_000 && text.length < 1_000_000, `generated ${text.length} characters`);
  const uri = pathToFileURL(path.join(ROOT, '.test-tmp', 'split-large.json')).href;
  const log = path.join(tmp, 'posted.json');
  const preload = path.join(tmp, 'record-posts.cjs');
  fs.writeFileSync(
    preload,
    `'use strict';
const wt = require('node:worker_threads');
if (wt.isMainThread) {
  const posted = [];
  const post = wt.Worker.prototype.postMessage;
  wt.Worker.prototype.postMessage = function (m, ...rest) {
    const r = m && m.req; // docWorker.ts posts { id, req }
    if (r && typeof r === 'object') posted.push({ kind: r.kind, version: r.version, text: typeof r.text === 'string', edits: Array.isArray(r.edits) ? r.edits.length : null });
    return post.call(this, m, ...rest);
  };
  process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(log)}, JSON.stringify(posted)));
}
`,
  );
  const saved = process.env.NODE_OPTIONS;
  process.env.NODE_OPTIONS = `${saved ?? ''} --require ${preload}`.trim();
  let server: LspServer;
  try {
    // workerMinChars 0: every document goes to the worker; the change log records documents of 100,000+ characters.
    server = await LspServer.start({ initializationOptions: { debounceMs: 0, workerMinChars: 0 } });
  } finally {
    if (saved === undefined) delete process.env.NODE_OPTIONS;
    else process.env.NODE_OPTIONS = saved;
  }
  try {
    await server.open(uri, text);
    await server.diagnosticsFor(uri, (p) => p.version === 1);
    // "large" → "Large" (line 1, after `  "name": "`).
    await server.conn.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 1, character: 11 }, end: { line: 1, character: 12 } }, text: 'L' }],
    });
    await server.diagnosticsFor(uri, (p) => p.version === 2);
  } finally {
    await server.shutdown();
  }
  const analyses = (JSON.parse(fs.readFileSync(log, 'utf8')) as { kind?: string; version?: number; text: boolean; edits: number | null }[]).filter((m) => m.kind === 'analyse');
  assert.deepEqual(analyses, [
    { kind: 'analyse', version: 1, text: true, edits: null },
    { kind: 'analyse', version: 2, text: false, edits: 1 },
  ]);
});
