/**
 * The CLI's HTML report in a real browser (headless Chromium through playwright-core): no request leaves the page,
 * no dialog opens (the XSS payloads in a file name and a node name stay text), the charts and counts are in the DOM,
 * and screenshots (light and dark) go to test/report/artifacts/ (git-ignored) for a person to look at.
 * Skips when /usr/bin/chromium is absent.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { cli, EVIL_FILE, EVIL_NODE, makeScanDir } from './fixtures';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = path.join(__dirname, 'artifacts');
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

test('HTML report renders in Chromium: charts, counts, escaped payloads, no network', { skip: !fs.existsSync(CHROMIUM) && `${CHROMIUM} not found (apt-get install -y chromium)`, timeout: 120_000 }, async () => {
  const { chromium } = await import('playwright-core');
  const dir = makeScanDir();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
  try {
    const r = await cli(dir, ['scan', 'samples', '--format', 'html', '--output', 'report.html']);
    assert.equal(r.code, 1);
    const json = JSON.parse((await cli(dir, ['scan', 'samples', '--format', 'json'])).out) as { findings: Array<{ owasp?: string; severity: string; file: string }> };
    const url = pathToFileURL(path.join(dir, 'report.html')).href;

    for (const scheme of ['light', 'dark'] as const) {
      const page = await browser.newPage({ colorScheme: scheme, viewport: { width: 1200, height: 900 } });
      const requests: string[] = [];
      const dialogs: string[] = [];
      page.on('request', (q) => {
        if (q.url() !== url) requests.push(q.url());
      });
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      await page.goto(url, { waitUntil: 'load' });

      assert.deepEqual(requests, [], 'the page loads nothing');
      assert.deepEqual(dialogs, [], 'no script ran');
      assert.equal(await page.locator('img').count(), 0);
      assert.equal(await page.locator('script').count(), 0);
      assert.ok((await page.locator('details.file summary code').allTextContents()).includes(`samples/${EVIL_FILE}`));
      assert.match((await page.locator('td.msg').allTextContents()).join('\n'), new RegExp(EVIL_NODE.replace(/[()[\]\\/.*+?^$|{}]/g, '\\$&')));

      // Bar chart: 10 OWASP bars with the JSON report's counts, and visible widths for non-zero counts.
      const bars = await page.locator('svg.bar-chart rect.bar').evaluateAll((els) => els.map((e) => ({ id: e.getAttribute('data-owasp'), n: Number(e.getAttribute('data-count')), w: (e as unknown as { getBBox(): { width: number } }).getBBox().width })));
      assert.equal(bars.length, 10);
      for (const b of bars) {
        assert.equal(b.n, json.findings.filter((f) => f.owasp === b.id).length, `count of ${b.id}`);
        assert.equal(b.w > 0, b.n > 0, `width of ${b.id}`);
      }
      // Heat map: one row per file with findings; the cells of a row add up to that file's findings.
      const files = [...new Set(json.findings.map((f) => f.file))];
      assert.equal(await page.locator('svg.heat-map g.heat-row').count(), files.length);
      const evilCells = await page.locator(`svg.heat-map rect.heat[data-file="samples/${EVIL_FILE}"]`).evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-count'))));
      assert.equal(evilCells.reduce((a, b) => a + b, 0), json.findings.filter((f) => f.file === `samples/${EVIL_FILE}`).length);
      // Findings list and summary.
      assert.equal(await page.locator('tr.finding').count(), json.findings.length);
      assert.equal(await page.locator('#count-total .n').textContent(), String(json.findings.length));
      assert.equal(await page.locator('#count-error .n').textContent(), String(json.findings.filter((f) => f.severity === 'error').length));
      assert.ok((await page.locator('tr.top-rule').count()) > 0);
      const href = await page.locator('a.loc').first().getAttribute('href');
      assert.match(href ?? '', /^vscode:\/\/file\/.+:\d+:\d+$/);
      // The theme follows prefers-color-scheme.
      const bg = await page.evaluate<string>('getComputedStyle(document.body).backgroundColor');
      assert.equal(bg, scheme === 'dark' ? 'rgb(13, 17, 23)' : 'rgb(255, 255, 255)');

      fs.mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: path.join(ARTIFACTS, `report-${scheme}.png`), fullPage: true });
      await page.screenshot({ path: path.join(ARTIFACTS, `report-${scheme}-top.png`) });
      await page.close();
    }
  } finally {
    await browser.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('webview page in Chromium: nonce\'d style applies under the CSP, clicking a location posts a reveal message', { skip: !fs.existsSync(CHROMIUM) && `${CHROMIUM} not found (apt-get install -y chromium)`, timeout: 120_000 }, async () => {
  const { chromium } = await import('playwright-core');
  const { workspaceReport } = await import('../../server/src/report/workspace');
  const samples = path.resolve(__dirname, '..', '..', 'samples');
  const { html } = await workspaceReport([samples], { nonce: 'n0nce0123456789abc', cspSource: 'https://example.invalid' });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lcg-webview-'));
  const file = path.join(dir, 'webview.html');
  fs.writeFileSync(file, html);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
  try {
    const page = await browser.newPage({ colorScheme: 'light' });
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    // Stand-in for the VS Code webview API: records what the page posts.
    await page.addInitScript('window.__posted = []; window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__posted.push(m) });');
    await page.goto(pathToFileURL(file).href);
    assert.equal(await page.evaluate<string>('getComputedStyle(document.body).backgroundColor'), 'rgb(255, 255, 255)');
    const first = page.locator('a.loc').first();
    const expected = { type: 'reveal', file: await first.getAttribute('data-file'), line: Number(await first.getAttribute('data-line')), character: Number(await first.getAttribute('data-character')) };
    await first.click();
    assert.deepEqual(await page.evaluate('window.__posted'), [expected]);
    assert.equal(page.url(), pathToFileURL(file).href, 'the click did not navigate');
    assert.deepEqual(violations, []);
  } finally {
    await browser.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
