// The UI run: drives code-server's workbench (extension installed from the .vsix) with playwright-core the way a
// user would, and checks what is on screen:
//   Quick Open → samples' n8n/order-webhook.json; the Problems panel lists its findings with n8n/webhook-without-auth;
//   Ctrl+. → "Require header authentication…" removes that problem; F1 → "Low-Code Guard: Scan Workspace" shows its
//   progress and the Problems count grows with files that were never opened; then (ui-report.mjs) F1 → "Low-Code
//   Guard: Show Security Report" renders the report webview with the CLI's numbers, clicking a finding opens its
//   file at its line, and the Explorer's "Low-Code Flows" view lists every flow. Screenshots go to test/e2e/artifacts/.
//
// Workbench facts used (VS Code 1.139.1 DOM, checked on code-server 4.139.1): the status bar item `status.problems`
// has the aria-label "Errors: N, Warnings: N, Infos: N" ("No Problems" when empty); Problems rows carry the rule code
// as text and file rows the aria-label "N problems in file NAME of folder DIR"; the LSP client reports server
// progress as window progress, shown in the status bar as "<title>: <message>" (a notification toast only when a
// client asks for ProgressLocation.Notification); the client's summary is an information toast.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS } from './harness.mjs';
import { reportSteps } from './ui-report.mjs';

const SAMPLE = 'order-webhook.json';
const RULE = 'n8n/webhook-without-auth';
const FIX_TITLE = 'Require header authentication';
const COMMAND = 'Low-Code Guard: Scan Workspace';
const PROGRESS_TEXT = 'Low-Code Guard: scanning workspace';
const SUMMARY_TEXT = 'Low-Code Guard: scanned';
/** One UI wait, in ms (LCG_E2E_UI_WAIT_MS); the workbench itself may take longer to load on a busy machine. */
const WAIT_MS = Number(process.env.LCG_E2E_UI_WAIT_MS) || 60_000;
const LOAD_MS = Math.max(WAIT_MS, 120_000);

/**
 * Runs the UI steps in order against `origin` (code-server serving `sandbox.ws`); records each in `tally` and prints
 * TAP lines. After a failing step the rest are skipped (they build on each other) and a failure screenshot is taken.
 */
export async function runUi(page, { origin, sandbox, tally, lap }) {
  mkdirSync(ARTIFACTS, { recursive: true });
  for (const f of ['ui-scan-progress.png', 'ui-after-scan.png', 'ui-report.png', 'ui-report-chart.png', 'ui-flows-tree.png', 'ui-failure.png']) rmSync(join(ARTIFACTS, f), { force: true }); // no stale pictures
  const state = {};
  const steps = [
    ['the workbench loads the copied samples', async () => {
      await page.goto(`${origin}/?folder=${encodeURIComponent(sandbox.ws)}`, { waitUntil: 'domcontentloaded' });
      await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: LOAD_MS });
    }],
    [`Quick Open opens n8n/${SAMPLE}`, async () => {
      await quickInput(page, 'Control+P', SAMPLE, SAMPLE);
      await page.locator('.tabs-container .tab.active', { hasText: SAMPLE }).waitFor({ timeout: WAIT_MS });
    }],
    [`the Problems panel lists ${SAMPLE}'s findings, ${RULE} among them`, async () => {
      await page.keyboard.press('Control+Shift+M');
      await page.locator('.markers-panel .monaco-list-row', { hasText: RULE }).first().waitFor({ timeout: WAIT_MS });
      const fileRow = page.locator(`.markers-panel .monaco-list-row[aria-label*="in file ${SAMPLE}"]`).first();
      state.fileLabel = await fileRow.getAttribute('aria-label', { timeout: WAIT_MS });
      state.before = await problemCount(page);
      const inFile = Number(/^(\d+) problems?/.exec(state.fileLabel ?? '')?.[1]);
      if (!(inFile > 0) || state.before.total !== inFile) {
        throw new Error(`expected the status bar total to equal the file's count: "${state.fileLabel}" vs "${state.before.label}"`);
      }
      console.log(`# Problems: "${state.fileLabel}"; status bar: ${state.before.label}`);
    }],
    [`Ctrl+. → "${FIX_TITLE}…" removes the ${RULE} problem`, async () => {
      await page.locator('.markers-panel .monaco-list-row', { hasText: RULE }).first().dblclick(); // selects the range in the editor
      await page.locator('.monaco-editor.focused').first().waitFor({ timeout: WAIT_MS });
      const fix = page.locator('.action-widget .monaco-list-row', { hasText: FIX_TITLE }).first();
      // On a busy machine the code actions may not be there yet when Ctrl+. is pressed ("No code actions available"):
      // press it again until the menu lists the fix.
      await retrying(WAIT_MS, `the "${FIX_TITLE}" quick fix menu`, async (each) => {
        await page.keyboard.press('Control+.');
        return fix.waitFor({ timeout: each }).then(() => true, async () => (await page.keyboard.press('Escape'), false));
      });
      console.log(`# quick fix offered: ${(await fix.innerText()).trim()}`);
      await fix.click();
      await page.locator('.monaco-editor .view-lines', { hasText: 'headerAuth' }).first().waitFor({ timeout: WAIT_MS });
      await page.locator('.markers-panel .monaco-list-row', { hasText: RULE }).first().waitFor({ state: 'detached', timeout: WAIT_MS });
      state.afterFix = await waitForCount(page, { max: state.before.total }, `fewer than ${state.before.total} problems`);
      console.log(`# after the fix: ${state.afterFix.label}`);
    }],
    [`F1 → "${COMMAND}" shows progress and the Problems count grows with unopened files`, async () => {
      await watchForProgress(page);
      await quickInput(page, 'F1', COMMAND, 'Scan Workspace');
      const progress = page.locator('.statusbar-item, .notification-toast', { hasText: PROGRESS_TEXT }).first();
      const progressShot = join(ARTIFACTS, 'ui-scan-progress.png');
      if (await progress.waitFor({ timeout: WAIT_MS }).then(() => true, () => false)) {
        await page.screenshot({ path: progressShot });
      }
      const summary = page.locator('.notification-toast', { hasText: SUMMARY_TEXT }).first();
      await summary.waitFor({ timeout: WAIT_MS * 2 });
      const seen = await page.evaluate(() => window.__lcgProgress);
      if (!seen.length) throw new Error(`no "${PROGRESS_TEXT}" progress appeared in the status bar or a notification`);
      console.log(`# progress shown in the ${[...new Set(seen.map((s) => s.where))].join(' and ')}: "${seen[seen.length - 1].text}"`);
      console.log(`# progress screenshot: ${progressShot}`);
      console.log(`# notification: "${(await summary.innerText()).split('\n')[0].trim()}"`);
      const after = await waitForCount(page, { min: state.afterFix.total }, `more than ${state.afterFix.total} problems`);
      console.log(`# after the scan: ${after.label}`);
      // Files that were never opened now have rows in the Problems panel (the list is virtual: look at drawn rows).
      const other = page.locator(`.markers-panel .monaco-list-row[aria-label*=" in file "]:not([aria-label*="in file ${SAMPLE} "])`).first();
      await other.waitFor({ timeout: WAIT_MS });
      console.log(`# unopened file in the Problems panel: "${await other.getAttribute('aria-label')}"`);
      const shot = join(ARTIFACTS, 'ui-after-scan.png');
      await page.screenshot({ path: shot });
      console.log(`# screenshot: ${shot}`);
    }],
    ...reportSteps({ page, sandbox, WAIT_MS, quickInput }),
  ];

  let broken = false;
  for (const [i, [name, body]] of steps.entries()) {
    if (broken) {
      tally.skipped++;
      console.log(`ok ${i + 1} - ${name} # SKIP an earlier step failed`);
      continue;
    }
    const started = Date.now();
    try {
      await body();
      tally.passed++;
      console.log(`ok ${i + 1} - ${name} (${Date.now() - started} ms)`);
    } catch (e) {
      broken = true;
      tally.failed++;
      console.log(`not ok ${i + 1} - ${name}`);
      console.log(`# ${String(e instanceof Error ? e.message : e).replace(/\n/g, '\n# ')}`);
      const shot = join(ARTIFACTS, 'ui-failure.png');
      if (await page.screenshot({ path: shot }).then(() => true, () => false)) console.log(`# failure screenshot: ${shot}`);
    }
  }
  lap('UI steps done');
}

/**
 * Calls `attempt(eachMs)` until it resolves true, giving each try a third of `ms` (at least 10 s) and all of them
 * together at most `ms`; throws "timed out after … waiting for WHAT (N tries)" otherwise.
 */
async function retrying(ms, what, attempt) {
  const deadline = Date.now() + ms;
  const each = Math.max(10_000, Math.round(ms / 3));
  for (let tries = 1; ; tries++) {
    const left = deadline - Date.now();
    if (await attempt(Math.max(1_000, Math.min(each, left)))) return;
    if (Date.now() >= deadline) throw new Error(`timed out after ${ms} ms waiting for ${what} (${tries} tries)`);
  }
}

/**
 * Opens a quick input with `key` (pressed again when the widget does not show, e.g. a key lost while focus moved),
 * types `text`, waits for a row containing `rowText` and accepts it with Enter.
 */
async function quickInput(page, key, text, rowText) {
  const input = page.locator('.quick-input-widget input');
  await retrying(WAIT_MS, `the quick input after ${key}`, async (each) => {
    await page.keyboard.press(key);
    return input.waitFor({ state: 'visible', timeout: each }).then(() => true, () => false);
  });
  await page.keyboard.type(text);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: rowText }).first().waitFor({ timeout: WAIT_MS });
  await page.keyboard.press('Enter');
}

/** The status bar's problem counts: `{ total, label }` from the `status.problems` item's aria-label. */
async function problemCount(page) {
  const label = (await page.locator('.statusbar-item[id="status.problems"]').getAttribute('aria-label', { timeout: WAIT_MS })) ?? '';
  const total = [...label.matchAll(/\d+/g)].reduce((n, m) => n + Number(m[0]), 0);
  return { total, label };
}

/**
 * Waits until the status bar's problem total is above `min` (or below `max`), checked in the page on every change;
 * resolves to the counts, throws with the last label after WAIT_MS.
 */
async function waitForCount(page, { min = -1, max = Infinity }, what) {
  try {
    await page.waitForFunction(
      ({ min, max }) => {
        const label = document.querySelector('.statusbar-item[id="status.problems"]')?.getAttribute('aria-label') ?? '';
        const total = [...label.matchAll(/\d+/g)].reduce((n, m) => n + Number(m[0]), 0);
        return total > min && total < max;
      },
      { min, max: max === Infinity ? Number.MAX_SAFE_INTEGER : max },
      { timeout: WAIT_MS }, // checked on every animation frame
    );
  } catch {
    throw new Error(`timed out after ${WAIT_MS} ms waiting for ${what}; status bar: ${(await problemCount(page)).label}`);
  }
  return problemCount(page);
}

/**
 * Records every appearance of the scan progress text in the status bar or a notification into
 * `window.__lcgProgress` (`{ where, text }[]`), so a scan that ends between two polls is still seen.
 */
async function watchForProgress(page) {
  await page.evaluate((needle) => {
    window.__lcgProgress = [];
    const look = () => {
      for (const [where, sel] of [['status bar', '.part.statusbar .statusbar-item'], ['notification', '.notification-toast']]) {
        for (const el of document.querySelectorAll(sel)) {
          const t = el.innerText ?? ''; // not textContent: a toast holds a <style> element
          const at = t.indexOf(needle);
          if (at >= 0) window.__lcgProgress.push({ where, text: t.slice(at, at + 80).trim() });
        }
      }
    };
    new MutationObserver(look).observe(document.body, { subtree: true, childList: true, characterData: true });
  }, PROGRESS_TEXT);
}
