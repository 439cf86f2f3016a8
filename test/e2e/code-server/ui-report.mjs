// UI steps for the security report webview and the "Low-Code Flows" explorer view (issue 7), run by ui.mjs after
// the scan steps. What they check against is computed, not hard-coded: the CLI of the INSTALLED extension
// (`server/out/cli.js` from the .vsix) scans the same workspace (`scan . --format json`, `inventory . --format json`).
//
// Workbench facts used (VS Code 1.139.1 DOM, checked on code-server 4.139.1):
// - a webview is `iframe.webview` (…/webview/browser/pre/index.html) holding the page in a nested iframe
//   (`#active-frame`, created as `pending-frame`); both are cross-origin frames, reached through `page.frames()`;
// - the webview host (pre/index.html `handleInnerClick`) posts `did-click-link` for every clicked `<a href>` from a
//   bubbling `click` listener on the frame's window, whether or not the page called preventDefault(), and the
//   workbench opens that URI — a `vscode://file/…:L:C` href becomes an "Unable to open" dialog in the browser;
// - the active editor tab is `.tabs-container .tab.active` (aria-label = tab title); the cursor position is the
//   status bar item `status.editor.selection` ("Ln 29, Col 19");
// - an explorer section is a `.pane` whose `.pane-header` has aria-label "<name> Section" and aria-expanded; a
//   custom tree row is `.monaco-list-row` with aria-level, aria-setsize (rows at that level), `.label-name` (the
//   TreeItem label) and `.label-description` (its description); the rows are virtual (only drawn ones exist).
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { ARTIFACTS } from './harness.mjs';

const REPORT_COMMAND = 'Low-Code Guard: Show Security Report';
const REFRESH_COMMAND = 'Low-Code Guard: Refresh Low-Code Flows';
const VIEW = 'Low-Code Flows';
const SAMPLE = 'n8n/order-webhook.json';
const RULE = 'n8n/webhook-without-auth';
/** The finding clicked in the report: the first one of this (never opened) sample. */
const CLICKED = 'power-automate/';

/**
 * The report and inventory steps, as `[name, body]` pairs for ui.mjs's runner. `ui` carries `page`, `sandbox`,
 * `WAIT_MS` and the shared helpers `quickInput(page, key, text, rowText)`.
 */
export function reportSteps({ page, sandbox, WAIT_MS, quickInput }) {
  const state = {};
  return [
    ['the workspace goes back to the samples (bulk/ deleted); the installed CLI scans it', async () => {
      rmSync(join(sandbox.ws, 'bulk'), { recursive: true, force: true });
      const cli = installedCli(sandbox);
      state.scan = JSON.parse(await runNode(cli, ['scan', '.', '--format', 'json', '--fail-on', 'none'], sandbox));
      state.inventory = JSON.parse(await runNode(cli, ['inventory', '.', '--format', 'json'], sandbox)).flows;
      state.categories = countBy(state.scan.findings, (f) => f.owasp ?? 'other');
      console.log(`# CLI: ${state.scan.files} files, ${state.scan.findings.length} findings in ${Object.keys(state.categories).length} categories; ${state.inventory.length} flows`);
      if (!state.scan.findings.some((f) => f.ruleId === RULE && f.file === SAMPLE)) throw new Error(`the CLI reports no ${RULE} in ${SAMPLE}`);
    }],
    [`F1 → "${REPORT_COMMAND}" renders the report webview with the CLI's numbers`, async () => {
      await hidePanel(page);
      await quickInput(page, 'F1', REPORT_COMMAND, 'Show Security Report');
      const frame = (state.frame = await reportFrame(page, WAIT_MS * 2).catch((e) => {
        throw new Error(`${e.message}\nLow-Code Guard log errors: ${extensionLogErrors(sandbox).join('\n') || 'none'}`);
      }));
      const num = async (sel) => Number(await frame.locator(sel).first().getAttribute('data-count', { timeout: WAIT_MS }));
      const shown = { files: await num('#files-scanned'), findings: await num('#count-total'), rows: await frame.locator('tr.finding').count() };
      const want = { files: state.scan.files, findings: state.scan.findings.length, rows: state.scan.findings.length };
      if (JSON.stringify(shown) !== JSON.stringify(want)) throw new Error(`report shows ${JSON.stringify(shown)}, the CLI ${JSON.stringify(want)}`);
      // The bar chart: one drawn (non-zero width) bar per category with findings, each with the CLI's count.
      const bars = await frame.locator('svg.bar-chart rect.bar').evaluateAll((rects) =>
        rects.map((r) => ({ cat: r.getAttribute('data-owasp'), n: Number(r.getAttribute('data-count')), width: r.getBBox().width })),
      );
      const drawn = Object.fromEntries(bars.filter((b) => b.width > 0).map((b) => [b.cat, b.n]));
      if (JSON.stringify(sorted(drawn)) !== JSON.stringify(sorted(state.categories))) {
        throw new Error(`bars drawn ${JSON.stringify(sorted(drawn))}, CLI categories ${JSON.stringify(sorted(state.categories))}`);
      }
      const row = frame.locator('tr.finding', { has: frame.locator(`a.loc[data-file$="/${SAMPLE}"]`) }).filter({ hasText: RULE });
      if ((await row.count()) !== state.scan.findings.filter((f) => f.ruleId === RULE && f.file === SAMPLE).length) {
        throw new Error(`expected a finding row for ${RULE} in ${SAMPLE}; rows for it: ${await row.count()}`);
      }
      console.log(`# report: ${shown.files} files, ${shown.findings} findings, ${Object.keys(drawn).length} bars (${Object.entries(sorted(drawn)).map(([c, n]) => `${c.replace('LCNC-SEC-', '')}:${n}`).join(' ')})`);
      console.log(`# ${SAMPLE} row: "${(await row.first().innerText()).replace(/\s+/g, ' ').trim().slice(0, 140)}"`);
      await shoot(page, 'ui-report.png');
      await frame.locator('svg.bar-chart').scrollIntoViewIfNeeded({ timeout: WAIT_MS });
      await shoot(page, 'ui-report-chart.png');
    }],
    [`clicking a finding in the report opens its file at that line (and nothing else)`, async () => {
      const link = state.frame.locator(`tr.finding a.loc[data-file*="/${CLICKED}"]`).first();
      const at = await link.evaluate((a) => ({ file: a.getAttribute('data-file'), line: Number(a.getAttribute('data-line')), character: Number(a.getAttribute('data-character')) }), undefined, { timeout: WAIT_MS });
      const name = basename(at.file);
      const before = await tabLabels(page);
      await link.click({ timeout: WAIT_MS });
      await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ timeout: WAIT_MS });
      const where = `Ln ${at.line + 1}, Col ${at.character + 1}`;
      await page.locator('.statusbar-item[id="status.editor.selection"]', { hasText: where }).waitFor({ timeout: WAIT_MS });
      const added = (await tabLabels(page)).filter((t) => !before.includes(t));
      const dialogs = page.locator('.monaco-dialog-box');
      const dialog = (await dialogs.count()) ? await dialogs.first().innerText().catch(() => '?') : '';
      console.log(`# clicked ${at.file.slice(sandbox.ws.length + 1)} line ${at.line + 1}: active tab "${name}", cursor ${where}; new tabs: ${added.join(' | ')}`);
      await page.keyboard.press('Escape'); // closes a dialog, if one is open, before the next step
      if (added.length !== 1 || dialog) {
        throw new Error(`one new editor tab expected, got ${JSON.stringify(added)}${dialog ? `; dialog: "${dialog.replace(/\s+/g, ' ').slice(0, 200)}"` : ''}` +
          ' (the webview host also follows the link\'s href: the page must stopPropagation() or render no href)');
      }
    }],
    [`the Explorer's "${VIEW}" view lists every flow with its platform and finding counts`, async () => {
      await quickInput(page, 'F1', REFRESH_COMMAND, 'Refresh Low-Code Flows');
      await page.keyboard.press('Control+Shift+E');
      const folders = await page.locator('.pane', { has: page.locator('.explorer-folders-view') }).locator('.pane-header').first().getAttribute('aria-label', { timeout: WAIT_MS });
      await setSection(page, folders, false); // room for the tree
      const pane = await setSection(page, `${VIEW} Section`, true);
      const flows = state.inventory;
      const top = pane.locator('.monaco-list-row[aria-level="1"]');
      await page.waitForFunction(
        ([header, n]) => {
          const row = document.querySelector(`.pane-header[aria-label="${header}"]`)?.closest('.pane')?.querySelector('.monaco-list-row[aria-level="1"]');
          return Number(row?.getAttribute('aria-setsize')) === n;
        },
        [`${VIEW} Section`, flows.length],
        { timeout: WAIT_MS },
      ).catch(async () => {
        throw new Error(`the view does not show ${flows.length} flows; rows: ${JSON.stringify(await rowsOf(top))}`);
      });
      await widenSideBar(page);
      const rows = await rowsOf(top);
      for (const f of flows) {
        const s = f.findings.bySeverity;
        const ok = rows.some((r) => r.name === f.name && r.desc.includes(f.platform) && [s.error, s.warning].every((n) => new RegExp(`\\b${n}\\b`).test(r.desc)));
        if (!ok) throw new Error(`no row "${f.name}" with ${f.platform}, ${s.error} error(s) and ${s.warning} warning(s) (${f.file}); rows: ${JSON.stringify(rows)}`);
      }
      for (const r of rows) console.log(`# flow: ${r.name} — ${r.desc}`);
      // Open the n8n sample's flow: its webhook trigger is listed as reachable from the internet.
      const n8n = flows.find((f) => f.file === SAMPLE);
      const trigger = n8n?.triggers.find((t) => t.internetFacing);
      if (!trigger) throw new Error(`the CLI inventory has no internet-facing trigger in ${SAMPLE}`);
      await top.filter({ has: page.locator('.label-name', { hasText: n8n.name }) }).first().locator('.monaco-tl-twistie').click({ timeout: WAIT_MS });
      const leaf = pane.locator('.monaco-list-row[aria-level="3"]', { has: page.locator('.label-name', { hasText: trigger.name }) }).first();
      await leaf.waitFor({ timeout: WAIT_MS });
      const desc = await leaf.locator('.label-description').innerText();
      if (!/internet/i.test(desc)) throw new Error(`trigger "${trigger.name}" is not marked as reachable from the internet: "${desc}"`);
      console.log(`# ${n8n.name} → trigger: ${trigger.name} — ${desc}`);
      // Beside the tree, the report rather than the clicked file (whose line may hold a sample's planted secret).
      await page.locator('.tabs-container .tab', { hasText: 'Security Report' }).first().click({ timeout: 10_000 }).catch(() => {});
      await reportFrame(page, 20_000).catch(() => console.log('# the report tab did not come back before the tree screenshot'));
      await shoot(page, 'ui-flows-tree.png');
      // Not asserted (the language server's business): whether problems of the deleted bulk/ files are gone by now.
      console.log(`# status bar problems now: ${await page.locator('.statusbar-item[id="status.problems"]').getAttribute('aria-label')}`);
    }],
  ];
}

/** The last `[error]` lines (at most 3, each cut to 400 characters) of the extension's "Low-Code Guard" log in the sandbox. */
function extensionLogErrors(sandbox) {
  const logs = readdirSync(join(sandbox.userData, 'logs'), { recursive: true }).filter((f) => String(f).endsWith('Low-Code Guard.log'));
  const lines = logs.flatMap((f) => readFileSync(join(sandbox.userData, 'logs', String(f)), 'utf8').split('\n')).filter((l) => l.includes('[error]'));
  return lines.slice(-3).map((l) => l.slice(0, 400));
}

/** `server/out/cli.js` of the extension installed in the sandbox (the code shipped in the .vsix). */
function installedCli(sandbox) {
  const dir = readdirSync(sandbox.extensions).find((d) => d.startsWith('lowcode-guard.lowcode-guard-'));
  if (!dir) throw new Error(`the extension is not installed in ${sandbox.extensions}`);
  return join(sandbox.extensions, dir, 'server', 'out', 'cli.js');
}

/** Runs `node script args` in the workspace; resolves to stdout, rejects on a non-zero exit or after 120 s. */
function runNode(script, args, sandbox) {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [script, ...args], { cwd: sandbox.ws, env: { ...sandbox.env, NO_COLOR: '1' }, timeout: 120_000, maxBuffer: 64 << 20 }, (err, stdout, stderr) =>
      err ? reject(new Error(`${script} ${args.join(' ')}: ${err.message}\n${stderr}`)) : resolve(stdout),
    );
  });
}

function countBy(items, key) {
  const out = {};
  for (const i of items) out[key(i)] = (out[key(i)] ?? 0) + 1;
  return out;
}

function sorted(o) {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * Polls every frame of the page until one holds the report's bar chart (the webview's inner iframe); resolves to
 * that frame, throws after `ms`. Frames that go away while being asked are skipped.
 */
async function reportFrame(page, ms) {
  const deadline = Date.now() + ms;
  for (;;) {
    for (const f of page.frames()) {
      if (f === page.mainFrame()) continue;
      if (await f.locator('svg.bar-chart').count().catch(() => 0)) return f;
    }
    // The command shows a warning or error notification instead of the report when it cannot build one: stop there.
    const refused = await page.evaluate(() =>
      [...document.querySelectorAll('.notification-toast')]
        .filter((t) => /Low-Code Guard/.test(t.innerText) && /warning|error/.test(t.querySelector('.notification-list-item-icon')?.className ?? ''))
        .map((t) => t.innerText.split('\n')[0]),
    );
    if (refused.length || Date.now() > deadline) {
      const toast = await page.locator('.notification-toast').allInnerTexts().catch(() => []);
      throw new Error(`${refused.length ? 'the command refused' : `no webview frame with the report's bar chart after ${ms} ms`}; frames: ${page.frames().map((f) => f.url().split('?')[0].split('/').pop()).join(', ')}; notifications: ${toast.map((t) => t.split('\n')[0]).join(' | ') || 'none'}`);
    }
    await new Promise((r) => setTimeout(r, 250)); // polling interval, not a wait for an outcome
  }
}

/** Closes the bottom panel (Problems) when it is open, so the report gets the editor area's full height. */
async function hidePanel(page) {
  const panel = page.locator('.part.panel');
  if (!(await panel.isVisible())) return;
  await page.keyboard.press('Control+J');
  await panel.waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => console.log('# the panel stayed open'));
}

/** Titles of the open editor tabs. */
function tabLabels(page) {
  return page.locator('.tabs-container .tab').evaluateAll((tabs) => tabs.map((t) => t.getAttribute('aria-label') ?? ''));
}

/**
 * Expands (`open`) or collapses the explorer section whose header has the aria-label `label` ("Low-Code Flows
 * Section"), clicking the header when needed; resolves to the section (`.pane`).
 */
async function setSection(page, label, open) {
  const header = page.locator(`.pane-header[aria-label="${label}"]`).first();
  await header.waitFor({ timeout: 30_000 });
  if ((await header.getAttribute('aria-expanded')) !== String(open)) await header.click();
  await page.locator(`.pane-header[aria-label="${label}"][aria-expanded="${open}"]`).waitFor({ timeout: 30_000 });
  return page.locator('.pane', { has: header });
}

/** `{ name, desc }` of the drawn rows of a tree locator. */
function rowsOf(rows) {
  return rows.evaluateAll((rs) => rs.map((r) => ({ name: r.querySelector('.label-name')?.textContent ?? '', desc: r.querySelector('.label-description')?.textContent ?? '' })));
}

/** Best effort: drags the side bar's sash to 45% of the window so tree descriptions are not cut (not asserted). */
async function widenSideBar(page) {
  const sash = page.locator('.monaco-sash.vertical:not(.disabled)').first(); // the side bar's; the others are disabled
  const box = await sash.boundingBox().catch(() => null);
  if (!box || box.x > 600) return;
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width / 2, y);
  await page.mouse.down();
  await page.mouse.move(Math.round((page.viewportSize()?.width ?? 1400) * 0.45), y, { steps: 8 });
  await page.mouse.up();
}

/** Saves a screenshot of the window to test/e2e/artifacts/NAME and prints its path. */
async function shoot(page, name) {
  const path = join(ARTIFACTS, name);
  await page.screenshot({ path });
  console.log(`# screenshot: ${path}`);
}
