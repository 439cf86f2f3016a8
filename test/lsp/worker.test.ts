/**
 * The document worker over JSON-RPC (built server, see harness.ts): large documents are analysed off the main thread,
 * so cheap requests are answered while a multi-megabyte analysis runs; a newer version replaces an older run (only the
 * last version's diagnostics are published); results (diagnostics, quick fixes, fix-all, hover, document info) are
 * the same as on the main thread; a worker that runs out of memory gives a diagnostic and the server keeps working.
 * Order is asserted, never timing. No sleeps.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CodeActionRequest, DidChangeTextDocumentNotification, ExecuteCommandRequest, HoverRequest, type CodeAction, type Diagnostic, type TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol/node';
import * as os from 'node:os';
import { LspServer, ROOT } from './harness';

const T = { timeout: 180_000 };
const SAMPLE = path.join(ROOT, 'samples', 'n8n', 'order-webhook.json');
const sampleText = fs.readFileSync(SAMPLE, 'utf8');
const servers: LspServer[] = [];
after(() => Promise.all(servers.map((s) => s.dispose())));

async function start(initializationOptions: Record<string, unknown>): Promise<LspServer> {
  const s = await LspServer.start({ initializationOptions: { debounceMs: 0, ...initializationOptions } });
  servers.push(s);
  return s;
}

/** An n8n workflow of about `mb` MB: the sample's nodes repeated under new names (so every copy has its findings). */
function largeWorkflow(mb: number, extraName = ''): string {
  const wf = JSON.parse(sampleText) as { nodes: { name: string; id: string }[]; connections: unknown };
  const nodes: unknown[] = [];
  const one = JSON.stringify(wf.nodes).length;
  for (let i = 0; nodes.length * (one / wf.nodes.length) < mb * 1024 * 1024; i++) {
    for (const n of wf.nodes) nodes.push({ ...n, name: `${n.name} ${i}${extraName}`, id: `${n.id.slice(0, 24)}${String(i).padStart(12, '0')}` });
  }
  return JSON.stringify({ name: 'large generated workflow', nodes, connections: {} }, null, 2);
}

const uriOf = (name: string) => pathToFileURL(path.join(ROOT, '.test-tmp', name)).href;

/** A code action request carrying the given diagnostics (quick fixes) or asking for fix-all. */
function codeActions(server: LspServer, uri: string, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
  const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return server.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics, ...(only ? { only } : {}) } }) as Promise<CodeAction[]>;
}

test('a cheap request on a small document is answered before a large document’s diagnostics arrive', T, async () => {
  const server = await start({});
  const small = uriOf('small.json');
  await server.open(small, sampleText);
  const smallDiags = (await server.diagnosticsFor(small, (p) => p.version === 1)).diagnostics;
  const large = uriOf('large.json');
  const text = largeWorkflow(3);
  assert.ok(text.length > 3_000_000, `generated ${text.length} characters`);
  const d = smallDiags.find((x) => (x.data as { fix?: unknown }).fix);
  assert.ok(d, 'the sample has a fixable finding');
  // The requests go out right after the answer to the large document's settings request: the server reads them after
  // it has that answer, i.e. once it can start the analysis (on the main thread, it would answer after publishing).
  const sent = new Promise<[Promise<unknown>, Promise<CodeAction[]>]>((resolve) => {
    server.beforeConfigurationReply = (params) => {
      if (!params.items.some((i) => i.scopeUri === large)) return;
      server.beforeConfigurationReply = undefined;
      setImmediate(() => resolve([server.conn.sendRequest(HoverRequest.type, { textDocument: { uri: small }, position: d.range.start }), codeActions(server, small, [d])]));
    };
  });
  await server.open(large, text);
  const [hoverP, fixesP] = await sent;
  const hover = await hoverP;
  const fixes = await fixesP;
  assert.equal(server.published(large).length, 0, 'the large document’s diagnostics came after both answers');
  assert.ok(hover, 'hover answered');
  assert.ok(fixes.some((a) => a.edit), 'quick fix answered with an edit');
  const published = await server.diagnosticsFor(large, (p) => p.version === 1);
  assert.ok(published.diagnostics.length > 100, `large document analysed (${published.diagnostics.length} diagnostics)`);
});

test('a newer version replaces the older run: only the last version’s diagnostics are published', T, async () => {
  const server = await start({});
  const uri = uriOf('versions.json');
  const v1 = largeWorkflow(3);
  await server.open(uri, v1);
  await server.change(uri, 2, largeWorkflow(3, ' b'));
  // Version 3 drops every node but the webhook: one finding set, easy to tell apart from versions 1 and 2.
  const wf = JSON.parse(sampleText) as { nodes: unknown[] };
  const v3 = JSON.stringify({ ...wf, nodes: wf.nodes.slice(0, 1), connections: {} }, null, 2);
  await server.change(uri, 3, v3);
  const last = await server.diagnosticsFor(uri, (p) => p.version === 3);
  // A round trip more, so anything the server still sent about older versions would be recorded by now.
  await server.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 0 } });
  assert.deepEqual(server.published(uri).map((p) => p.version), [3]);
  assert.ok(last.diagnostics.some((x) => x.code === 'n8n/webhook-without-auth'), 'version 3 analysed');
  assert.ok(last.diagnostics.length < 10, `only version 3's findings (${last.diagnostics.length})`);
});

test('the worker gives the same diagnostics, quick fixes, fix-all, hover and document info as the main thread', T, async () => {
  const [inWorker, onMain] = await Promise.all([start({ workerMinChars: 0 }), start({ worker: false })]);
  const uri = uriOf('same.json');
  const results = [];
  for (const server of [inWorker, onMain]) {
    await server.open(uri, sampleText);
    const { diagnostics } = await server.diagnosticsFor(uri, (p) => p.version === 1);
    const quick = await codeActions(server, uri, diagnostics);
    const all = await codeActions(server, uri, diagnostics, ['source.fixAll.lowcodeGuard']);
    const hovers = [];
    for (const d of diagnostics) hovers.push(await server.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: d.range.start }));
    const at = sampleText.indexOf('$json.body.email');
    const line = sampleText.slice(0, at).split('\n').length - 1;
    hovers.push(await server.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character: at - sampleText.lastIndexOf('\n', at) + 1 } }));
    const info = await server.conn.sendRequest('lowcodeGuard/documentInfo', { uri });
    results.push({ diagnostics, quick, all, hovers, info });
  }
  assert.ok(results[1].diagnostics.length >= 3 && results[1].quick.some((a) => a.edit) && results[1].all.length === 1, 'the sample exercises fixes');
  assert.deepEqual(results[0], results[1]);
});

test('a worker out of memory gives a warning diagnostic; the server keeps answering and analysing', T, async () => {
  const server = await start({ workerHeapMb: 8 });
  const large = uriOf('oom.json');
  await server.open(large, largeWorkflow(3));
  const { diagnostics } = await server.diagnosticsFor(large, (p) => p.version === 1);
  assert.equal(diagnostics.length, 1);
  assert.equal(diagnostics[0].code, 'engine/analysis-failed');
  assert.match(String(diagnostics[0].message), /^Low-Code Guard could not analyse this document: its analysis stopped \(.+\)\. The next edit tries again\.$/);
  await server.waitFor(() => server.logs.find((l) => /\[worker\] the analysis worker stopped/.test(l.message)));
  const small = uriOf('after-oom.json');
  await server.open(small, sampleText);
  const after = await server.diagnosticsFor(small, (p) => p.version === 1);
  assert.ok(after.diagnostics.some((x) => x.code === 'n8n/webhook-without-auth'), 'small documents are still analysed');
});

/** 0-based line/character of an offset. */
function positionAt(text: string, offset: number) {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

test('incremental edits reach the worker as edits: same diagnostics as the main thread after each version', T, async () => {
  const [inWorker, onMain] = await Promise.all([start({ workerMinChars: 0 }), start({ worker: false })]);
  const uri = uriOf('edits.json');
  let text = largeWorkflow(0.2);
  assert.ok(text.length > 100_000, 'large enough for the change log');
  for (const s of [inWorker, onMain]) await s.open(uri, text);
  const edit = (from: number, to: number, insert: string): TextDocumentContentChangeEvent => ({ range: { start: positionAt(text, from), end: positionAt(text, to) }, text: insert });
  const versions: TextDocumentContentChangeEvent[][] = [];
  const steps: [string, string][] = [
    ['"http://erp', '"https://erp'], // one insecure URL less
    ['"name": "large generated workflow"', '"name": "large generated workflow, edited"'],
  ];
  for (const [find, replace] of steps) {
    const at = text.indexOf(find);
    versions.push([edit(at, at + find.length, replace)]);
    text = text.slice(0, at) + replace + text.slice(at + find.length);
  }
  // Two changes in one notification, the second on the result of the first; then a deletion at the start.
  const a = text.lastIndexOf('"allowUnauthorizedCerts": true');
  const first = edit(a, a + '"allowUnauthorizedCerts": true'.length, '"allowUnauthorizedCerts": false');
  text = text.slice(0, a) + '"allowUnauthorizedCerts": false' + text.slice(a + '"allowUnauthorizedCerts": true'.length);
  const second = edit(1, 1, '\n  ');
  text = text.slice(0, 1) + '\n  ' + text.slice(1);
  versions.push([first, second]);
  versions.push([edit(1, 4, '')]);
  text = text.slice(0, 1) + text.slice(4);
  let version = 1;
  const last: Diagnostic[][] = [];
  for (const changes of versions) {
    version++;
    const v = version;
    for (const s of [inWorker, onMain]) await s.conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: v }, contentChanges: changes });
    const [w, m] = await Promise.all([inWorker, onMain].map((s) => s.diagnosticsFor(uri, (p) => p.version === v)));
    assert.deepEqual(w.diagnostics, m.diagnostics, `version ${v}`);
    last.push(w.diagnostics);
  }
  // The result is the analysis of the final text: a fresh server agrees.
  const fresh = await start({ worker: false });
  await fresh.open(uri, text);
  assert.deepEqual((await fresh.diagnosticsFor(uri, (p) => p.version === 1)).diagnostics, last[last.length - 1]);
  assert.notDeepEqual(last[0], last[2], 'the edits changed the findings');
});

test('Scan Workspace analyses large files in the worker with the same results as on the main thread', T, async () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'lcg-worker-scan-'));
  try {
    fs.writeFileSync(path.join(folder, 'flow.json'), sampleText);
    fs.writeFileSync(path.join(folder, 'large.json'), largeWorkflow(0.3));
    fs.writeFileSync(path.join(folder, 'broken.json'), '{ "nodes": [ }, "connections": {} }');
    const workspaceFolders = [{ uri: pathToFileURL(folder).href, name: 'w' }];
    const runs = [];
    for (const initializationOptions of [{ debounceMs: 0, workerMinChars: 0 }, { debounceMs: 0, worker: false }]) {
      const s = await LspServer.start({ workspaceFolders, initializationOptions });
      servers.push(s);
      const summary = await s.conn.sendRequest(ExecuteCommandRequest.type, { command: 'lowcodeGuard.server.scanWorkspace', arguments: [] });
      const published = [...s.diagnostics].sort((a, b) => a.uri.localeCompare(b.uri));
      runs.push({ summary, published });
    }
    assert.deepEqual(runs[0], runs[1]);
    assert.equal(runs[1].published.length, 3, 'every file has diagnostics');
    assert.ok(runs[1].published.find((p) => p.uri.endsWith('/large.json'))!.diagnostics.length > 10);
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
});

test('a document closed and opened again under the same URI and version gets its own diagnostics, never the closed one’s', T, async () => {
  for (const workerMinChars of [Infinity, 1]) {
    const s = await start(workerMinChars === Infinity ? {} : { workerMinChars });
    const uri = uriOf(`reopen-${workerMinChars}.json`);
    const a = largeWorkflow(0.3); // many findings
    const b = sampleText; // the sample's few
    const expectA = (await s.open(uriOf(`reopen-ref-a-${workerMinChars}.json`), a), (await s.diagnosticsFor(uriOf(`reopen-ref-a-${workerMinChars}.json`))).diagnostics.length);
    const expectB = (await s.open(uriOf(`reopen-ref-b-${workerMinChars}.json`), b), (await s.diagnosticsFor(uriOf(`reopen-ref-b-${workerMinChars}.json`))).diagnostics.length);
    assert.ok(expectA > expectB, `${expectA} > ${expectB}`);
    // A's analysis is running when A is closed and B opens at version 1: the client closes and reopens right after it
    // answers the settings request of A's analysis, i.e. while A's text is being analysed (in the worker when
    // workerMinChars is 1: its result then arrives after B was opened).
    const from = s.published(uri).length;
    let reopened: Promise<void> | undefined;
    s.beforeConfigurationReply = (params) => {
      if (reopened || !params.items.some((i) => i.scopeUri === uri)) return;
      reopened = new Promise<void>((resolve, reject) =>
        setImmediate(() => {
          s.close(uri)
            .then(() => s.open(uri, b, 1))
            .then(resolve, reject);
        }),
      );
    };
    await s.open(uri, a, 1);
    await s.waitFor(() => reopened);
    await reopened;
    await s.diagnosticsFor(uri, (p) => p.version === 1, from);
    // A later version settles whatever was still running; every publication after B opened is B's.
    await s.change(uri, 2, b);
    await s.diagnosticsFor(uri, (p) => p.version === 2, from);
    const after = s.published(uri).slice(from).filter((p) => p.diagnostics.length > 0);
    assert.ok(after.length >= 2, JSON.stringify(after.map((p) => p.version)));
    for (const p of after) assert.equal(p.diagnostics.length, expectB, `version ${p.version} (workerMinChars ${workerMinChars})`);
  }
});
