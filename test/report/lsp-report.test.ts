/**
 * The language server answers `lowcodeGuard/securityReport` with the workspace folder's report page (webview mode),
 * over the BUILT server (test/lsp/harness.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspServer } from '../lsp/harness';
import { REPORT_REQUEST, type ReportResult } from '../../server/src/report/protocol';

const SAMPLES = path.resolve(__dirname, '..', '..', 'samples');

test('lowcodeGuard/securityReport returns the samples folder report; null without a folder', { timeout: 120_000 }, async () => {
  const server = await LspServer.start({ workspaceFolders: [{ uri: pathToFileURL(SAMPLES).href, name: 'samples' }] });
  try {
    const r = (await server.conn.sendRequest(REPORT_REQUEST, { nonce: '0123456789abcdef', cspSource: 'vscode-webview://abc' })) as ReportResult | null;
    assert.ok(r);
    assert.equal(r.files, 6);
    assert.equal(r.html.match(/<tr class="finding"/g)?.length, r.findings);
    assert.match(r.html, /<script nonce="0123456789abcdef">/);
    const bad = await server.conn.sendRequest(REPORT_REQUEST, { nonce: 'short', cspSource: 'x' });
    assert.equal(bad, null);
  } finally {
    await server.dispose();
  }
  const empty = await LspServer.start();
  try {
    assert.equal(await empty.conn.sendRequest(REPORT_REQUEST, { nonce: '0123456789abcdef', cspSource: 'x' }), null);
  } finally {
    await empty.dispose();
  }
});
