/**
 * `.lowcodeguard.json` in the language server over JSON-RPC (built server, see harness.ts): the "Ignore this finding"
 * round trip (the edit applied to disk as a client would, the watched-file notification, the diagnostic gone), the
 * configuration edited live in the editor, the `lowcodeGuard.rules` setting overriding the file, "Show
 * documentation" through `window/showDocument`, `source.fixAll.lowcodeGuard`, and the workspace scan with a
 * configuration. No sleeps: every wait is for a notification.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CodeActionRequest,
  ExecuteCommandRequest,
  FileChangeType,
  type CodeAction,
  type CreateFile,
  type Diagnostic,
  type PublishDiagnosticsParams,
  type TextDocumentEdit,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { parseConfig } from '../../server/src/config';
import { SERVER_SCAN_COMMAND, SERVER_SHOW_DOCS_COMMAND } from '../../server/src/lsp/protocol';
import { n8nWorkflow } from '../helpers';
import { LspServer } from './harness';

const T = { timeout: 60_000 };
const HOOK = 'n8n/webhook-without-auth';
const DOCS = 'https://github.com/lowcode-guard/lowcode-guard/blob/main/docs/rules/n8n/webhook-without-auth.md';
const tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'lcg-lsp-config-')));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

const hook = (id: string, name: string, y = 0) => ({ id, name, type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, y], parameters: { path: name.toLowerCase(), httpMethod: 'POST' } });
const twoHooks = n8nWorkflow([hook('a', 'Orders'), hook('b', 'Refunds', 200)], { settings: { errorWorkflow: 'wf-errors' } });

/** A workspace folder on disk with the given files; returns its path, URI and a URI maker. */
function workspace(name: string, files: Record<string, string>) {
  const root = path.join(tmp, name);
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
  const folderUri = pathToFileURL(root).href;
  return { root, folderUri, uri: (rel: string) => `${folderUri}/${rel}`, configUri: `${folderUri}/.lowcodeguard.json`, configPath: path.join(root, '.lowcodeguard.json') };
}

const hooks = (p: PublishDiagnosticsParams) => p.diagnostics.filter((d) => d.code === HOOK);
const start = (ws: ReturnType<typeof workspace>, settings: Record<string, unknown> = {}) =>
  LspServer.start({ workspaceFolders: [{ uri: ws.folderUri, name: 'ws' }], settings: { lowcodeGuard: { enable: true, maxFileSizeKB: 5120, ...settings } }, initializationOptions: { debounceMs: 0 } });

async function actionsFor(server: LspServer, uri: string, d: Diagnostic, only = ['quickfix']): Promise<CodeAction[]> {
  return (await server.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: d.range, context: { diagnostics: [d], only } })) as CodeAction[];
}

test('Ignore this finding: creates .lowcodeguard.json, then appends to it; after each write the finding is gone', T, async () => {
  const ws = workspace('ignore', { 'flows/orders.json': twoHooks });
  const server = await start(ws);
  try {
    const watch = await server.waitFor(() => server.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles'));
    assert.deepEqual(watch.registerOptions, { watchers: [{ globPattern: '**/.lowcodeguard.json' }] }, 'the server watches .lowcodeguard.json');
    const uri = ws.uri('flows/orders.json');
    await server.open(uri, twoHooks);
    const first = hooks(await server.diagnosticsFor(uri, (p) => p.version === 1));
    assert.deepEqual(first.map((d) => (d.data as { pointer: string }).pointer), ['/nodes/0', '/nodes/1']);

    // 1. No configuration yet: CreateFile + insert.
    const actions = await actionsFor(server, uri, first[0]);
    assert.deepEqual(actions.map((a) => a.title), ['Require header authentication on "Orders"', `Ignore this finding (${HOOK})`, `Show documentation for ${HOOK}`]);
    const ignore = actions[1];
    assert.equal(ignore.kind, 'quickfix');
    assert.equal(ignore.isPreferred, false);
    assert.deepEqual(ignore.diagnostics, [first[0]]);
    const [create, insert] = ignore.edit!.documentChanges! as [CreateFile, TextDocumentEdit];
    assert.deepEqual(create, { kind: 'create', uri: ws.configUri, options: { overwrite: false, ignoreIfExists: true } });
    assert.deepEqual(insert.textDocument, { uri: ws.configUri, version: null });
    assert.equal(insert.edits.length, 1);
    assert.deepEqual(insert.edits[0].range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    const created = (insert.edits[0] as TextEdit).newText;
    assert.deepEqual(JSON.parse(created), { suppressions: [{ rule: HOOK, files: 'flows/orders.json', pointer: '/nodes/0', reason: 'Reviewed: <fill in why>' }] });
    // Apply as a client does (create the file, insert), then its file watcher reports the new file.
    fs.writeFileSync(ws.configPath, created);
    let from = server.diagnostics.length;
    await server.changeWatchedFiles([{ uri: ws.configUri, type: FileChangeType.Created }]);
    const afterFirst = await server.diagnosticsFor(uri, () => true, from);
    assert.deepEqual(hooks(afterFirst).map((d) => (d.data as { pointer: string }).pointer), ['/nodes/1'], 'the first hook is suppressed, the second is not');

    // 2. The file exists (not open): an edit of its text on disk, keeping what is there.
    const second = hooks(afterFirst)[0];
    const ignore2 = (await actionsFor(server, uri, second)).find((a) => a.title.startsWith('Ignore'))!;
    const [edit] = ignore2.edit!.documentChanges! as TextDocumentEdit[];
    assert.deepEqual(edit.textDocument, { uri: ws.configUri, version: null });
    const updated = TextDocument.applyEdits(TextDocument.create(ws.configUri, 'json', 0, created), edit.edits as TextEdit[]);
    assert.ok(updated.startsWith(created.slice(0, created.lastIndexOf('}', created.lastIndexOf(']')))), 'the first suppression is untouched');
    const parsed = parseConfig(updated);
    assert.deepEqual(parsed.diagnostics, []);
    assert.deepEqual(parsed.config.suppressions.map((s) => s.pointer), ['/nodes/0', '/nodes/1']);
    fs.writeFileSync(ws.configPath, updated);
    from = server.diagnostics.length;
    await server.changeWatchedFiles([{ uri: ws.configUri, type: FileChangeType.Changed }]);
    assert.deepEqual(hooks(await server.diagnosticsFor(uri, () => true, from)), []);

    // 3. Deleted: both come back.
    fs.rmSync(ws.configPath);
    from = server.diagnostics.length;
    await server.changeWatchedFiles([{ uri: ws.configUri, type: FileChangeType.Deleted }]);
    assert.equal(hooks(await server.diagnosticsFor(uri, () => true, from)).length, 2);
    assert.deepEqual(server.logs.filter((l) => l.type === 1), []);
  } finally {
    await server.dispose();
  }
});

test('the configuration open in the editor applies live; a syntax error keeps the last good one; its own diagnostics are published', T, async () => {
  const ws = workspace('live', { 'flows/orders.json': twoHooks });
  const server = await start(ws);
  try {
    const uri = ws.uri('flows/orders.json');
    await server.open(uri, twoHooks);
    assert.equal(hooks(await server.diagnosticsFor(uri, (p) => p.version === 1)).length, 2);

    let from = server.diagnostics.length;
    const v1 = '{\n  "rules": { "n8n/webhook-without-auth": "off", "n8n/webhok": "info" }\n}\n';
    await server.open(ws.configUri, v1, 1, 'jsonc');
    const own = await server.diagnosticsFor(ws.configUri, (p) => p.version === 1, from);
    const unknownAt = { line: 1, character: v1.split('\n')[1].indexOf('"n8n/webhok"') };
    assert.deepEqual(own.diagnostics.map((d) => [d.code, d.severity, d.range.start, d.source]), [['config/unknown-rule', 2, unknownAt, 'Low-Code Guard']]);
    assert.deepEqual(hooks(await server.diagnosticsFor(uri, () => true, from)), [], 'rule off while the file is only open, not saved');

    from = server.diagnostics.length;
    await server.change(ws.configUri, 2, '{\n  "rules": { "n8n/webhook-without-auth": "off" \n');
    const broken = await server.diagnosticsFor(ws.configUri, (p) => p.version === 2, from);
    assert.ok(broken.diagnostics.length > 0 && broken.diagnostics.every((d) => d.code === 'config/syntax-error' && d.severity === 1));
    // The edit re-validates open documents: the flow is published again, with the last good configuration (rule off).
    assert.deepEqual(hooks(await server.diagnosticsFor(uri, () => true, from)), []);

    // Closed without saving: the file on disk (none) applies again.
    from = server.diagnostics.length;
    await server.close(ws.configUri);
    assert.equal(hooks(await server.diagnosticsFor(uri, (p) => hooks(p).length > 0, from)).length, 2);
    assert.ok(await server.diagnosticsFor(ws.configUri, (p) => p.version === undefined && p.diagnostics.length === 0, from), 'a closed configuration no scan covered is cleared');
  } finally {
    await server.dispose();
  }
});

test('lowcodeGuard.rules overrides the file entry by entry (the user setting wins)', T, async () => {
  const ws = workspace('settings', { 'flows/orders.json': twoHooks, '.lowcodeguard.json': JSON.stringify({ rules: { [HOOK]: 'off' } }) });
  const server = await start(ws, { rules: { [HOOK]: 'error', 'not a level': 'loud' } });
  try {
    const uri = ws.uri('flows/orders.json');
    await server.open(uri, twoHooks);
    const pub = await server.diagnosticsFor(uri, (p) => p.version === 1);
    assert.deepEqual(hooks(pub).map((d) => d.severity), [1, 1]);
    const from = server.diagnostics.length;
    await server.changeSettings({ lowcodeGuard: { enable: true, maxFileSizeKB: 5120 } });
    assert.deepEqual(hooks(await server.diagnosticsFor(uri, () => true, from)), [], 'without the setting, the file turns the rule off');
  } finally {
    await server.dispose();
  }
});

test('Show documentation: a command action; the server asks the client to open the page externally; other URLs are refused', T, async () => {
  const ws = workspace('docs', { 'flows/orders.json': twoHooks });
  const server = await start(ws);
  try {
    const uri = ws.uri('flows/orders.json');
    await server.open(uri, twoHooks);
    const [d] = hooks(await server.diagnosticsFor(uri, (p) => p.version === 1));
    const docs = (await actionsFor(server, uri, d)).find((a) => a.title === `Show documentation for ${HOOK}`)!;
    assert.deepEqual(docs.command, { title: `Show documentation for ${HOOK}`, command: SERVER_SHOW_DOCS_COMMAND, arguments: [DOCS] });
    assert.equal(docs.edit, undefined);
    assert.equal(await server.conn.sendRequest(ExecuteCommandRequest.type, docs.command!), true);
    assert.deepEqual(server.shownDocuments, [{ uri: DOCS, external: true }]);
    assert.equal(await server.conn.sendRequest(ExecuteCommandRequest.type, { command: SERVER_SHOW_DOCS_COMMAND, arguments: ['https://evil.example/x'] }), null);
    assert.equal(server.shownDocuments.length, 1);
  } finally {
    await server.dispose();
  }
});

test('source.fixAll.lowcodeGuard: declared; applies every fix at once; the result has none of those findings and no new one', T, async () => {
  const sample = n8nWorkflow(
    [
      hook('a', 'Orders'),
      hook('b', 'Refunds', 200),
      { id: 'c', name: 'Call API', type: 'n8n-nodes-base.httpRequest', typeVersion: 4.2, position: [200, 0], parameters: { url: 'https://api.example.com/x', options: { allowUnauthorizedCerts: true } } },
    ],
    { settings: { callerPolicy: 'any', errorWorkflow: 'wf-errors' } },
  );
  const ws = workspace('fixall', { 'flows/sample.json': sample });
  const server = await start(ws);
  try {
    assert.deepEqual(server.initializeResult.capabilities.codeActionProvider, { codeActionKinds: ['quickfix', 'source.fixAll.lowcodeGuard'] });
    const uri = ws.uri('flows/sample.json');
    await server.open(uri, sample);
    const before = (await server.diagnosticsFor(uri, (p) => p.version === 1)).diagnostics;
    const fixable = before.filter((d) => (d.data as { fix?: unknown }).fix).map((d) => `${d.code} ${(d.data as { pointer: string }).pointer}`);
    assert.equal(fixable.length, 4);
    const none = await server.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: before[0].range, context: { diagnostics: [], only: ['quickfix'] } });
    assert.deepEqual(none, [], 'no fix-all in a quick-fix request');
    const actions = (await server.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: before[0].range, context: { diagnostics: [], only: ['source.fixAll'] } })) as CodeAction[];
    assert.equal(actions.length, 1);
    assert.equal(actions[0].kind, 'source.fixAll.lowcodeGuard');
    assert.equal(actions[0].title, 'Fix all Low-Code Guard findings that have a quick fix');
    const [change] = actions[0].edit!.documentChanges! as TextDocumentEdit[];
    assert.deepEqual(change.textDocument, { uri, version: 1 });
    const fixed = TextDocument.applyEdits(TextDocument.create(uri, 'json', 1, sample), change.edits as TextEdit[]);
    assert.doesNotThrow(() => JSON.parse(fixed));
    await server.change(uri, 2, fixed);
    const after2 = (await server.diagnosticsFor(uri, (p) => p.version === 2)).diagnostics.map((d) => `${d.code} ${(d.data as { pointer: string }).pointer}`);
    for (const k of fixable) assert.ok(!after2.includes(k), `${k} fixed`);
    const old = new Set(before.map((d) => `${d.code} ${(d.data as { pointer: string }).pointer}`));
    assert.deepEqual(after2.filter((k) => !old.has(k)), [], 'no new finding');
    const again = await server.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: before[0].range, context: { diagnostics: [], only: ['source.fixAll.lowcodeGuard'] } });
    assert.deepEqual(again, [], 'nothing left to fix');
  } finally {
    await server.dispose();
  }
});

test('workspace scan: ignored files get nothing, suppressions apply to closed files, the configuration\'s own problems are published', T, async () => {
  const config = '{\n  "ignore": ["fixtures"],\n  "suppressions": [ { "rule": "n8n/webhook-without-auth", "files": "flows/**", "pointer": "/nodes/0", "reason": "proxy" } ],\n  "rulez": {}\n}\n';
  const ws = workspace('scan', { 'flows/orders.json': twoHooks, 'fixtures/hook.json': twoHooks, '.lowcodeguard.json': config });
  const server = await start(ws);
  try {
    const summary = await server.conn.sendRequest(ExecuteCommandRequest.type, { command: SERVER_SCAN_COMMAND });
    const flow = await server.diagnosticsFor(ws.uri('flows/orders.json'));
    assert.deepEqual(hooks(flow).map((d) => (d.data as { pointer: string }).pointer), ['/nodes/1']);
    const own = await server.diagnosticsFor(ws.configUri);
    assert.deepEqual(own.diagnostics.map((d) => [d.code, d.range.start.line]), [['config/invalid', 3]]);
    const findings = flow.diagnostics.length + own.diagnostics.length;
    assert.deepEqual(summary, { files: 2, findings, skipped: 0, cancelled: false }, 'orders.json and .lowcodeguard.json; fixtures/ ignored');
    assert.ok(!server.diagnostics.some((p) => p.uri.includes('/fixtures/')), 'ignored files are not published');
  } finally {
    await server.dispose();
  }
});
