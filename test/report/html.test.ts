import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { renderHtmlReport } from '../../server/src/report/html';
import { reportData } from '../../server/src/report/data';
import { escapeHtml, safeHttpsUrl } from '../../server/src/report/escape';
import { relativeHref } from '../../server/src/report/sections';
import { cli, EVIL_FILE, EVIL_NODE, makeScanDir } from './fixtures';

test('escapeHtml, safeHttpsUrl, relativeHref', () => {
  assert.equal(escapeHtml(`<a href="x" onclick='y'>&</a>`), '&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  assert.equal(safeHttpsUrl('javascript:alert(1)'), undefined);
  assert.equal(safeHttpsUrl('https://example.com/a" onmouseover="x'), undefined);
  assert.equal(safeHttpsUrl('https://example.com/docs/a.md'), 'https://example.com/docs/a.md');
  assert.equal(relativeHref('/tmp/out', '/tmp/a b/<x>.json'), '../a%20b/%3Cx%3E.json');
  assert.equal(relativeHref('/tmp', '/tmp/w/f#1.json'), 'w/f%231.json');
});

test('scan --format html --output: one self-contained page, payloads escaped, counts match the JSON report', async () => {
  const dir = makeScanDir();
  try {
    const r = await cli(dir, ['scan', 'samples', '--format', 'html', '--output', 'report.html']);
    assert.equal(r.code, 1);
    assert.equal(r.out, '');
    const html = fs.readFileSync(path.join(dir, 'report.html'), 'utf8');
    const json = JSON.parse((await cli(dir, ['scan', 'samples', '--format', 'json'])).out) as { findings: Array<{ ruleId: string; severity: string; owasp?: string }> };
    assert.match(html, /^<!doctype html>/);
    // No network: nothing is loaded from anywhere (no src attribute, no stylesheet link, no url(), no @import).
    const markup = html.replace(/"[^"]*"/g, '""'); // attribute values (escaped file names) may contain " src=" as text
    assert.ok(!/<[^>]*\ssrc=|<link\b|url\(|@import/i.test(markup), 'nothing is loaded from elsewhere');
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;; img-src data:">/);
    assert.ok(!/<script/i.test(html), 'no script in the CLI page');
    // The payloads appear only escaped.
    assert.ok(!html.includes(EVIL_FILE) && !html.includes(EVIL_NODE));
    assert.ok(html.includes(escapeHtml(EVIL_FILE)));
    assert.ok(html.includes(escapeHtml(`"${EVIL_NODE}"`)));
    // Counts.
    assert.equal(html.match(/<tr class="finding"/g)?.length, json.findings.length);
    assert.match(html, new RegExp(`id="count-total" data-count="${json.findings.length}"`));
    assert.match(html, new RegExp(`id="count-error" data-count="${json.findings.filter((f) => f.severity === 'error').length}"`));
    const sec04 = json.findings.filter((f) => f.owasp === 'LCNC-SEC-04').length;
    assert.match(html, new RegExp(`<rect class="bar" x="\\d+" y="\\d+" width="\\d+" height="\\d+" rx="2" data-owasp="LCNC-SEC-04" data-count="${sec04}">`));
    // A finding links to its file (relative to the report, as it is opened from disk) with its line as text, and its
    // rule's explanation, fix and docs page are in the page.
    assert.ok(!html.includes('vscode://'));
    assert.match(html, /<a class="loc" href="samples\/n8n\/order-webhook\.json" data-file="[^"]*\/samples\/n8n\/order-webhook\.json" data-line="\d+" data-character="\d+" title="samples\/n8n\/order-webhook\.json:\d+:\d+">line \d+:\d+<\/a>/);
    assert.match(html, /<div class="rule" id="rule-n8n-webhook-without-auth" data-rule="n8n\/webhook-without-auth">[\s\S]*?<h4>Why it matters<\/h4>[\s\S]*?<h4>How to fix it in n8n<\/h4>[\s\S]*?<a href="https:\/\/github\.com\/lowcode-guard\/lowcode-guard\/blob\/main\/docs\/rules\/n8n\/webhook-without-auth\.md">/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('empty scan renders a page without charts data and without errors', () => {
  const html = renderHtmlReport({ files: 0, formats: {}, findings: [] }, { generatedAt: new Date('2026-01-02T03:04:05Z') });
  assert.match(html, /<time datetime="2026-01-02T03:04:05Z">/);
  assert.match(html, /No findings\. Nothing to fix\./);
  assert.match(html, /<section id="start-here" class="start"><h2>Start here<\/h2><p>Nothing to fix: no security risk was found in these files\.<\/p><\/section>/);
  assert.equal(reportData([]).total, 0);
});

test('webview mode: nonce on style and script, strict CSP, reveal message script', () => {
  const html = renderHtmlReport({ files: 0, formats: {}, findings: [] }, { webview: { nonce: 'abc123', cspSource: 'vscode-webview://x' } });
  assert.match(html, /content="default-src &#39;none&#39;; style-src &#39;nonce-abc123&#39;; script-src &#39;nonce-abc123&#39;; img-src vscode-webview:\/\/x data:"/);
  assert.match(html, /<style nonce="abc123">/);
  assert.match(html, /<script nonce="abc123">[^<]*postMessage\(\{type:'reveal'/);
});

test('connectorDisplayName: designer names of common connectors, unknown ones undefined', async () => {
  const { connectorDisplayName } = await import('../../server/src/report/connectors');
  assert.equal(connectorDisplayName('shared_office365'), 'Office 365 Outlook');
  assert.equal(connectorDisplayName('/providers/Microsoft.PowerApps/apis/shared_commondataserviceforapps'), 'Microsoft Dataverse');
  assert.equal(connectorDisplayName('shared_contoso-20invoicing-5fdd00e4805bfffb8f-5fbaee43593a7efda0'), undefined);
  assert.equal(connectorDisplayName(undefined), undefined);
});
