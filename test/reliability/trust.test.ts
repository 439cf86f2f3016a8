/**
 * Workspace trust over the built language server: in VS Code's Restricted Mode the client sends
 * `initializationOptions.workspaceTrusted: false`, and a workspace `.lowcodeguard.json` (which could turn rules off,
 * ignore files, suppress findings) is not applied — neither to open documents nor to a workspace scan — and one log
 * line says so. When trust is granted (`lowcodeGuard/workspaceTrusted`), the configuration applies at once.
 * A trusted workspace, or a client that says nothing about trust, gets the configuration as before.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ExecuteCommandRequest, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { SERVER_SCAN_COMMAND, WORKSPACE_TRUSTED_NOTIFICATION, type ScanSummary } from '../../server/src/lsp/protocol';
import { n8nWorkflow } from '../helpers';
import { LspServer } from '../lsp/harness';

const WEBHOOK = 'n8n/webhook-without-auth';
const tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'lcg-trust-')));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));
const settings = { lowcodeGuard: { enable: true }, 'files.exclude': {} };
const hook = (name: string) => n8nWorkflow([{ id: '1', name, type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], webhookId: 'w', parameters: { path: name } }]);

/** A workspace whose configuration turns the webhook rule off and ignores a folder holding another open webhook. */
function workspace(name: string): { ws: string; open: string; ignored: string } {
  const ws = path.join(tmp, name);
  fs.mkdirSync(path.join(ws, 'flows', 'ignored'), { recursive: true });
  fs.writeFileSync(path.join(ws, '.lowcodeguard.json'), JSON.stringify({ rules: { [WEBHOOK]: 'off' }, ignore: ['flows/ignored/**'] }, null, 2));
  const open = path.join(ws, 'flows', 'open.json');
  const ignored = path.join(ws, 'flows', 'ignored', 'hidden.json');
  fs.writeFileSync(open, hook('open'));
  fs.writeFileSync(ignored, hook('hidden'));
  return { ws, open, ignored };
}

const codes = (p: PublishDiagnosticsParams) => p.diagnostics.map((d) => String(d.code));
const restrictedLines = (server: LspServer) => server.logs.filter((l) => l.message.includes('Restricted Mode'));

async function start(ws: string, initializationOptions?: unknown): Promise<LspServer> {
  return LspServer.start({ workspaceFolders: [{ uri: pathToFileURL(ws).href, name: path.basename(ws) }], settings, initializationOptions });
}

test('untrusted workspace: .lowcodeguard.json ("off", ignore globs) is not applied to open documents nor to the scan, said once; granting trust applies it', { timeout: 120_000 }, async () => {
  const { ws, open, ignored } = workspace('untrusted');
  const server = await start(ws, { workspaceTrusted: false });
  try {
    const uri = pathToFileURL(open).href;
    await server.open(uri, fs.readFileSync(open, 'utf8'));
    const first = await server.diagnosticsFor(uri, (p) => p.version === 1);
    assert.ok(codes(first).includes(WEBHOOK), `the rule the configuration turns off still runs: ${codes(first).join(', ')}`);

    const summary = (await server.conn.sendRequest(ExecuteCommandRequest.type, { command: SERVER_SCAN_COMMAND })) as ScanSummary;
    assert.equal(summary.cancelled, false);
    const hidden = await server.diagnosticsFor(pathToFileURL(ignored).href);
    assert.ok(codes(hidden).includes(WEBHOOK), 'the file the configuration ignores is scanned');
    const lines = restrictedLines(server);
    assert.equal(lines.length, 1, 'said once, though the configuration was asked for many times');
    assert.equal(lines[0].message, `[config] Restricted Mode: ${path.join(ws, '.lowcodeguard.json')} is not applied (bundled rules and your user settings only) until you trust this workspace.`);

    const from = server.diagnostics.length;
    await server.conn.sendNotification(WORKSPACE_TRUSTED_NOTIFICATION);
    const trusted = await server.diagnosticsFor(uri, (p) => p.version === 1, from);
    assert.ok(!codes(trusted).includes(WEBHOOK), `trust granted: the rule is off (${codes(trusted).join(', ')})`);
    const rescanned = (await server.conn.sendRequest(ExecuteCommandRequest.type, { command: SERVER_SCAN_COMMAND })) as ScanSummary;
    assert.equal(rescanned.cancelled, false);
    const last = server.published(pathToFileURL(ignored).href).at(-1)!;
    assert.deepEqual(codes(last), [], 'trust granted: the ignored file has no diagnostics');
    assert.equal(restrictedLines(server).length, 1);
  } finally {
    await server.dispose();
  }
});

for (const [label, options] of [
  ['trusted workspace', { workspaceTrusted: true }],
  ['client that says nothing about trust', undefined],
] as const) {
  test(`${label}: .lowcodeguard.json applies ("off" honoured, ignored folder left out), no Restricted Mode line`, { timeout: 120_000 }, async () => {
    const { ws, open, ignored } = workspace(label.replace(/\W+/g, '-'));
    const server = await start(ws, options);
    try {
      const uri = pathToFileURL(open).href;
      await server.open(uri, fs.readFileSync(open, 'utf8'));
      const first = await server.diagnosticsFor(uri, (p) => p.version === 1);
      assert.ok(!codes(first).includes(WEBHOOK), codes(first).join(', '));
      const summary = (await server.conn.sendRequest(ExecuteCommandRequest.type, { command: SERVER_SCAN_COMMAND })) as ScanSummary;
      assert.equal(summary.cancelled, false);
      assert.ok(server.published(pathToFileURL(ignored).href).every((p) => p.diagnostics.length === 0), 'the ignored file gets no diagnostics');
      assert.deepEqual(restrictedLines(server), []);
    } finally {
      await server.dispose();
    }
  });
}
