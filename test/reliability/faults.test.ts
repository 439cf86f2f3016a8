/**
 * Faults:
 * - a rule that throws gives one `engine/rule-error` finding and the other rules still run (also a rule that throws
 *   a non-Error, and one that reports a broken fix);
 * - the language server survives malformed requests and notifications and keeps answering;
 * - it never lingers: it exits when its input stream closes and when the client process named in `initialize`
 *   (`processId`) dies — vscode-languageserver's watchdog, checked every 3 s. Restarting a server that died is the
 *   client's side: vscode-languageclient's default error handler restarts it (up to 4 times in 3 minutes), which only
 *   a real VS Code can show (the e2e suite).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as os from 'node:os';
import {
  CodeActionRequest,
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExecuteCommandRequest,
  InitializeRequest,
  InitializedNotification,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, fixAll, RULE_ERROR_ID, rulesById } from '../../server/src/engine';
import { quickFixes } from '../../server/src/lsp/codeActions';
import { toDiagnostics } from '../../server/src/lsp/diagnostics';
import { defineRule } from '../../server/src/engine/rule';
import { n8nWorkflow } from '../helpers';
import { ensureServerBuilt, LspServer, SERVER_JS } from '../lsp/harness';

const webhook = n8nWorkflow([{ id: '1', name: 'Hook', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], webhookId: 'w', parameters: { path: 'x' } }]);
const meta = { owasp: 'LCNC-SEC-01', defaultSeverity: 'error', description: 'test', formats: ['n8n'], fixable: false } as const;

test('a rule that throws: one engine/rule-error finding naming it, and the other rules still run', () => {
  const real = rulesById.get('n8n/webhook-without-auth')!;
  const throwing = defineRule({ ...meta, id: 'test/throws' }, () => {
    throw new RangeError('boom');
  });
  const throwsValue = defineRule({ ...meta, id: 'test/throws-value' }, () => {
    throw 42; // eslint-disable-line no-throw-literal
  });
  const { findings } = analyze(webhook, { only: [throwing, real, throwsValue], skipSchema: true });
  assert.deepEqual(
    findings.filter((f) => f.ruleId === RULE_ERROR_ID).map((f) => [f.message, f.severity, f.offset, f.length]),
    [
      ['Rule test/throws failed on this file and was skipped: RangeError: boom', 'warning', 0, 0],
      ['Rule test/throws-value failed on this file and was skipped: a number was thrown', 'warning', 0, 0],
    ],
  );
  assert.equal(findings.filter((f) => f.ruleId === 'n8n/webhook-without-auth').length, 1, 'the real rule ran');
});

test('a fix whose edits cannot be computed: the finding is kept, fixAll and the quick fixes skip only that fix', () => {
  const failing = () => new Proxy([], { get: () => { throw new Error('no edits'); } });
  const brokenFix = defineRule({ ...meta, id: 'test/broken-fix', fixable: true }, (ctx) => {
    ctx.report({ at: ctx.root, message: 'x', fix: { title: 'broken', edits: failing() } });
  });
  const real = rulesById.get('n8n/webhook-without-auth')!;
  const { findings } = analyze(webhook, { only: [brokenFix, real], skipSchema: true });
  assert.deepEqual(findings.map((f) => f.ruleId).sort(), ['n8n/webhook-without-auth', 'test/broken-fix']);
  const all = fixAll(webhook, findings);
  assert.deepEqual(all.applied.map((f) => f.ruleId), ['n8n/webhook-without-auth']);
  assert.match(all.text, /"authentication"/);
  const doc = TextDocument.create('file:///w.json', 'json', 1, webhook);
  const diagnostics = toDiagnostics(findings);
  const actions = quickFixes({ textDocument: { uri: doc.uri }, range: diagnostics[0].range, context: { diagnostics } }, doc, findings, true);
  assert.deepEqual(actions.map((a) => a.title), [findings.find((f) => f.ruleId === 'n8n/webhook-without-auth')!.fix!.title]);
});

/** Starts the built server over stdio without the harness (to control `processId` and the streams). */
function rawServer() {
  ensureServerBuilt();
  const proc = spawn(process.execPath, [SERVER_JS, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const conn = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  conn.onError(() => undefined);
  conn.onClose(() => undefined);
  conn.listen();
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  return { proc, conn, exited };
}

test('the server exits when its input stream closes (no shutdown: exit code 1)', { timeout: 60_000 }, async () => {
  const { proc, conn, exited } = rawServer();
  await conn.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: {} });
  proc.stdin!.end();
  assert.equal(await exited, 1);
});

test('the server exits when the client process named by processId dies (watchdog)', { timeout: 60_000 }, async () => {
  const client = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  const { conn, exited } = rawServer();
  await conn.sendRequest(InitializeRequest.type, { processId: client.pid!, rootUri: null, capabilities: {} });
  await conn.sendNotification(InitializedNotification.type, {});
  client.kill('SIGKILL');
  assert.equal(await exited, 1, 'exited on its own after the client died');
});

test('malformed requests and notifications: the server answers or ignores them, logs without content, and keeps working', { timeout: 60_000 }, async () => {
  const server = await LspServer.start({ settings: { lowcodeGuard: { enable: true } } });
  try {
    const uri = pathToFileURL(path.join(os.tmpdir(), 'lcg-faults.json')).href;
    const garbage: Array<[string, unknown]> = [
      [CodeActionRequest.method, {}],
      [CodeActionRequest.method, { textDocument: { uri }, range: null, context: { diagnostics: [{ source: 'Low-Code Guard', data: { ruleId: 5, fix: true } }] } }],
      [ExecuteCommandRequest.method, { command: 'lowcodeGuard.server.scanWorkspace', arguments: [null, { evil: true }] }],
      [ExecuteCommandRequest.method, { command: 'unknown.command' }],
      ['textDocument/hover', { textDocument: { uri }, position: { line: -1, character: 1e9 } }],
    ];
    for (const [method, params] of garbage) await server.conn.sendRequest(method, params).catch((e: Error) => e);
    await server.conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: 'file:///never-opened.json', version: 3 }, contentChanges: [{ text: '{' }] });
    await server.conn.sendNotification(DidOpenTextDocumentNotification.method, { textDocument: { uri: 'not a uri', languageId: 'json', version: 1, text: '{"nodes":[],"connections":{}}' } });
    await server.conn.sendNotification('$/unknownNotification', { x: 1 });
    // Still working: a document opened now gets its diagnostics.
    await server.open(uri, webhook);
    const pub = await server.diagnosticsFor(uri, (p) => p.version === 1);
    assert.ok(pub.diagnostics.some((d) => d.code === 'n8n/webhook-without-auth'));
    assert.equal(server.proc.exitCode, null, 'still running');
    assert.ok(!server.logs.some((l) => l.message.includes('"nodes"')), 'no document content in logs');
  } finally {
    await server.dispose();
  }
});
