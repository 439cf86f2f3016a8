/**
 * The language server answers `lowcodeGuard/securityReport` with the workspace folder's report page (webview mode),
 * over the BUILT server (test/lsp/harness.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspServer } from '../lsp/harness';
import { FLOWS_REQUEST, REPORT_REQUEST, type FlowsResult, type ReportResult } from '../../server/src/report/protocol';

const SAMPLES = path.resolve(__dirname, '..', '..', 'samples');

test('lowcodeGuard/securityReport and lowcodeGuard/flows answer for the samples folder; null without a folder', { timeout: 120_000 }, async () => {
  const server = await LspServer.start({ workspaceFolders: [{ uri: pathToFileURL(SAMPLES).href, name: 'samples' }] });
  try {
    const r = (await server.conn.sendRequest(REPORT_REQUEST, { nonce: '0123456789abcdef', cspSource: 'vscode-webview://abc' })) as ReportResult | null;
    assert.ok(r);
    assert.equal(r.files, 6);
    assert.equal(r.html.match(/<tr class="finding"/g)?.length, r.findings);
    assert.match(r.html, /<script nonce="0123456789abcdef">/);
    const bad = await server.conn.sendRequest(REPORT_REQUEST, { nonce: 'short', cspSource: 'x' });
    assert.equal(bad, null);
    const flows = (await server.conn.sendRequest(FLOWS_REQUEST)) as FlowsResult | null;
    assert.ok(flows);
    assert.deepEqual(flows.flows.map((f) => [f.file, f.platform]), [
      ['logic-apps/OrderSync/workflow.json', 'logic-apps'],
      ['logic-apps/azuredeploy.json', 'logic-apps'],
      ['n8n/order-webhook.json', 'n8n'],
      ['node-red/flows.json', 'node-red'],
      ['power-automate/Workflows/InvoiceIntake-3F2A9C4E-1B7D-EF11-9340-7C1E521A0E3F.json', 'power-automate'],
    ]);
    assert.equal(flows.flows[2].absPath, path.join(SAMPLES, 'n8n', 'order-webhook.json'));
    assert.deepEqual(flows.flows[2].triggers, [{ name: 'Order Webhook', type: 'n8n-nodes-base.webhook', internetFacing: true, line: 4 }]);
  } finally {
    await server.dispose();
  }
  const empty = await LspServer.start();
  try {
    assert.equal(await empty.conn.sendRequest(REPORT_REQUEST, { nonce: '0123456789abcdef', cspSource: 'x' }), null);
    assert.equal(await empty.conn.sendRequest(FLOWS_REQUEST), null);
  } finally {
    await empty.dispose();
  }
});
