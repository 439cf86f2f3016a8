/**
 * The CLI's HTML report in a real browser (headless Chromium through playwright-core): no request leaves the page,
 * no dialog opens (the XSS payloads in a file name and a node name stay text), the charts and counts are in the DOM,
 * the "Start here" box, worst-first order, step names, embedded rule explanations and the inventory summary are there,
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
import { ruleDoc } from '../../server/src/report/rule-docs';

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
      assert.ok((await page.locator('details.group .file-line a.loc').allTextContents()).includes(`samples/${EVIL_FILE}`));
      assert.match((await page.locator('td.msg').allTextContents()).join('\n'), new RegExp(EVIL_NODE.replace(/[()[\]\\/.*+?^$|{}]/g, '\\$&')));
      assert.ok((await page.locator('tr.finding .step b').allTextContents()).includes(EVIL_NODE), 'the node name is shown as text in the step column');

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
      // Links open the file from disk: relative to the report's folder, never vscode://.
      const hrefs = await page.locator('a.loc').evaluateAll((els) => els.map((e) => e.getAttribute('href') ?? ''));
      assert.ok(hrefs.length > 0 && hrefs.every((h) => h.startsWith('samples/')), hrefs.find((h) => !h.startsWith('samples/')));
      assert.ok(hrefs.includes('samples/n8n/order-webhook.json'));

      // "Start here": three items, worst first, each one sentence naming its flow and step.
      const start = await page.locator('#start-here li.start-item').evaluateAll((els) =>
        els.map((e) => ({ sev: e.getAttribute('data-severity'), flow: e.getAttribute('data-flow'), step: e.getAttribute('data-step'), text: e.querySelector('.sentence')?.textContent ?? '', word: e.querySelector('.sev')?.textContent })),
      );
      assert.equal(start.length, 3);
      assert.deepEqual(start.map((i) => i.sev), ['error', 'error', 'error']);
      assert.equal(start[0].word, 'Fix now');
      for (const i of start) {
        assert.ok(i.flow && i.step, JSON.stringify(i));
        assert.ok(i.text.includes(`flow “${i.flow}”`) && i.text.includes(`“${i.step}”`), i.text);
      }
      // The secret is in two flows: it comes first and says so.
      assert.match(start[0].text, /^In n8n flow “Order intake \(sample with deliberate risks\)”, node “Send to ERP”: Hardcoded bearer token .* The same problem is in 1 more place\.$/);
      const box = await page.locator('#start-here').boundingBox();
      assert.ok(box && box.y < 200, 'the box is at the top of the page');

      // Worst first: flow groups by their worst finding, findings inside each group by severity.
      const RANK: Record<string, number> = { error: 0, warning: 1, info: 2, hint: 3 };
      const groups = await page.locator('details.group').evaluateAll((els) => els.map((g) => ({ worst: g.getAttribute('data-worst')!, rows: [...g.querySelectorAll('tr.finding')].map((r) => r.getAttribute('data-severity')!) })));
      for (let i = 1; i < groups.length; i++) assert.ok(RANK[groups[i - 1].worst] <= RANK[groups[i].worst], `group ${i} order`);
      for (const g of groups) {
        assert.equal(g.rows[0], g.worst);
        for (let i = 1; i < g.rows.length; i++) assert.ok(RANK[g.rows[i - 1]] <= RANK[g.rows[i]], 'findings worst first');
      }
      // Steps as the designer names them (WDL keys with spaces), severity words with the machine word beside them.
      const steps = await page.locator('tr.finding').evaluateAll((els) => els.map((e) => e.getAttribute('data-step')));
      for (const name of ['Post invoice to billing', 'When a HTTP request is received', 'Push order to ERP', 'Find Customer']) assert.ok(steps.includes(name), name);
      assert.equal(await page.locator('#count-error .l').textContent(), 'Fix now');
      assert.equal(await page.locator('#count-error .machine').textContent(), 'error');
      assert.ok((await page.locator('tr.finding td.cat').first().textContent())?.match(/^[A-Z][a-z].*LCNC-SEC-\d\d$/), 'plain category name first, then the code');

      // The rule's explanation and its platform fix are embedded (docs/rules), not only linked.
      const why = ruleDoc('n8n/webhook-without-auth')!.why.split('\n')[0];
      assert.ok((await page.locator('#rule-n8n-webhook-without-auth .why').textContent())?.includes(why.replace(/\*\*|`/g, '').slice(0, 40)));
      assert.deepEqual(await page.locator('#rule-wdl-request-trigger-without-auth .how h4').allTextContents(), ['How to fix it in Power Automate', 'How to fix it in Logic Apps']);
      assert.deepEqual(await page.locator('#rule-n8n-webhook-without-auth .how h4').allTextContents(), ['How to fix it in n8n']);

      // Inventory summary: every flow, the triggers anyone can call, hosts, credentials (names only).
      assert.equal(await page.locator('#inv-flows').getAttribute('data-count'), '6');
      assert.equal(Number(await page.locator('#inv-open-triggers').getAttribute('data-count')), await page.locator('li.open-trigger').count());
      assert.ok((await page.locator('li.host code').allTextContents()).includes('http://billing.contoso-finance.com'));
      assert.ok((await page.locator('li.credential code').allTextContents()).includes('Office 365 Outlook (shared_office365)'));
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
