import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { workspaceReport } from '../../server/src/report/workspace';
import { isRevealMessage } from '../../server/src/report/protocol';

const ROOT = path.resolve(__dirname, '..', '..');

test('workspaceReport: webview page of a folder, nonce in CSP, style and script', async () => {
  const r = await workspaceReport([path.join(ROOT, 'samples')], { nonce: 'abcdefABCDEF0123', cspSource: 'https://file+.vscode-resource.vscode-cdn.net' });
  assert.equal(r.files, 6); // five flow files and not-a-flow.json
  assert.ok(r.findings > 0);
  assert.equal(r.html.match(/<tr class="finding"/g)?.length, r.findings);
  assert.match(r.html, /script-src &#39;nonce-abcdefABCDEF0123&#39;/);
  assert.match(r.html, /<script nonce="abcdefABCDEF0123">/);
  assert.match(r.html, /<a class="loc" href="[^"]+" data-file="[^"]*\/samples\/n8n\/order-webhook\.json" data-line="\d+" data-character="\d+" title="n8n\/order-webhook\.json:/);
});

test('workspaceReport refuses a malformed nonce or cspSource', async () => {
  await assert.rejects(workspaceReport([ROOT], { nonce: `x' 'unsafe-inline`, cspSource: 'a' }), /nonce/);
  await assert.rejects(workspaceReport([ROOT], { nonce: 'abcdefABCDEF0123', cspSource: `a" onload="x` }), /cspSource/);
  await assert.rejects(workspaceReport([ROOT], { nonce: 'abcdefABCDEF0123', cspSource: `'self' 'unsafe-inline'` }), /cspSource/);
  await assert.rejects(workspaceReport([ROOT], { nonce: 'abcdefABCDEF0123', cspSource: `'self'; script-src *` }), /cspSource/);
});

test('workspaceReport accepts the cspSource VS Code gives webviews (quoted self and a wildcard host)', async () => {
  // The value of webview.cspSource in VS Code 1.9x and code-server 4.x (src/vs/workbench/contrib/webview/common/webview.ts).
  const r = await workspaceReport([path.join(ROOT, 'samples')], { nonce: 'abcdefABCDEF0123', cspSource: `'self' https://*.vscode-cdn.net` });
  // Quotes are entity-escaped inside the attribute; the browser decodes them before reading the policy.
  assert.match(r.html, /img-src &#39;self&#39; https:\/\/\*\.vscode-cdn\.net data:">/);
});

test('isRevealMessage accepts only well-formed reveal messages', () => {
  assert.equal(isRevealMessage({ type: 'reveal', file: '/a.json', line: 3, character: 0 }), true);
  assert.equal(isRevealMessage({ type: 'reveal', file: '', line: 3, character: 0 }), false);
  assert.equal(isRevealMessage({ type: 'reveal', file: '/a.json', line: -1, character: 0 }), false);
  assert.equal(isRevealMessage({ type: 'other' }), false);
  assert.equal(isRevealMessage(null), false);
});
