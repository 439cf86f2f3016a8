/**
 * Hover over JSON-RPC (built server, see harness.ts): a finding's range shows its rule id, OWASP category, severity,
 * quick-fix availability and documentation link; an n8n `{{ … }}` block names the untrusted trigger its data comes
 * from; `lowcodeGuard/documentInfo` returns the detected format. No sleeps: diagnostics are awaited.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { HoverRequest, type Hover, type MarkupContent } from 'vscode-languageserver-protocol/node';
import { OWASP_TITLES, type OwaspId } from '../../server/src/engine';
import { LspServer, ROOT } from './harness';

const T = { timeout: 30_000 };
const SAMPLE = path.join(ROOT, 'samples', 'n8n', 'order-webhook.json');
const uri = pathToFileURL(SAMPLE).href;
const text = fs.readFileSync(SAMPLE, 'utf8');
let server: LspServer;

before(async () => {
  server = await LspServer.start({ initializationOptions: { debounceMs: 0 } });
  await server.open(uri, text);
});
after(() => server?.dispose());

const markdown = (h: Hover | null): string => {
  assert.ok(h, 'a hover');
  assert.equal((h.contents as MarkupContent).kind, 'markdown');
  return (h.contents as MarkupContent).value;
};

test('hover over each finding shows rule id, OWASP id and title, severity, quick fix and docs URL', T, async () => {
  const { diagnostics } = await server.diagnosticsFor(uri, (p) => p.version === 1);
  assert.ok(diagnostics.length >= 3, `sample has findings (${diagnostics.length})`);
  for (const d of diagnostics) {
    const data = d.data as { ruleId: string; owasp?: OwaspId; fix?: { title: string } };
    const md = markdown(await server.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: d.range.start }));
    assert.ok(md.includes(`\`${data.ruleId}\``), `${data.ruleId} in hover`);
    if (data.owasp) assert.ok(md.includes(`**${data.owasp}** ${OWASP_TITLES[data.owasp]}`), `${data.owasp} in hover`);
    if (d.codeDescription) assert.ok(md.includes(`[Documentation](${d.codeDescription.href})`), 'docs link');
    assert.match(md, data.fix ? /- Quick fix: yes — / : /- Quick fix: none/);
    assert.match(md, /- Severity: (Error|Warning|Info|Hint)/);
  }
});

test('hover over the webhook finding: exact content for n8n/webhook-without-auth', T, async () => {
  const { diagnostics } = await server.diagnosticsFor(uri, (p) => p.version === 1);
  const d = diagnostics.find((x) => x.code === 'n8n/webhook-without-auth');
  assert.ok(d, 'sample flags its webhook');
  const md = markdown(await server.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: d.range.end }));
  assert.match(md, /\*\*Low-Code Guard\*\* · `n8n\/webhook-without-auth`/);
  assert.ok(md.includes('https://github.com/lowcode-guard/lowcode-guard/blob/main/docs/rules/n8n/webhook-without-auth.md'));
  assert.match(md, /LCNC-SEC-0\d/);
});

test('hover over an n8n {{ $json… }} block names the Webhook trigger upstream', T, async () => {
  const at = text.indexOf('$json.body.email');
  const lines = text.slice(0, at).split('\n');
  const position = { line: lines.length - 1, character: lines[lines.length - 1].length + 2 };
  const md = markdown(await server.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position }));
  assert.ok(md.includes('**n8n expression**'), md);
  assert.ok(md.includes("reads this node's input items, which come from **Order Webhook** (Webhook trigger — HTTP requests from outside)"), md);
});

test('no hover outside findings and expressions', T, async () => {
  await server.diagnosticsFor(uri, (p) => p.version === 1);
  const h = await server.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 1, character: 4 } });
  assert.equal(h, null);
});

test('lowcodeGuard/documentInfo returns the detected format', T, async () => {
  assert.deepEqual(await server.conn.sendRequest('lowcodeGuard/documentInfo', { uri }), { format: 'n8n', subformat: 'workflow' });
  assert.equal(await server.conn.sendRequest('lowcodeGuard/documentInfo', { uri: 'file:///not-open.json' }), null);
});
