// Real-editor end-to-end runs on code-server (VS Code in the browser, driven by headless Chromium):
//
//   node test/e2e/run-code-server.mjs exthost   the in-editor suite (suite/index.ts, the same run() module that
//                                               @vscode/test-electron loads) in code-server's extension host
//   node test/e2e/run-code-server.mjs ui [--vsix FILE]
//                                               installs the packaged .vsix and drives the UI like a user
//
// Needs `test/e2e/setup-code-server.sh` first (code-server + Node 24 in ~/.cache/lowcode-guard-e2e, /usr/bin/chromium).
// Every run gets a fresh sandbox (temp HOME/XDG dirs, user data with autosave off, copy of samples/ as workspace),
// code-server listens on 127.0.0.1 only and is killed by process group in all cases (success, failure, hard
// timeout, Ctrl+C). The last line is `N passed, N failed`; the exit code is 0 only when nothing failed.
//
// Environment: LCG_E2E_HARD_TIMEOUT_MS (whole run, default 480000), LCG_E2E_TIMEOUT_MS (one wait, default 30000),
// LCG_E2E_KEEP=1 (keep the sandbox), LCG_E2E_CACHE (cache root), LCG_E2E_CHROMIUM (browser binary).
import { createWriteStream } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildSuite } from './build-suite.mjs';
import { addBulkCopies, cleanup, codeServerFlags, createSandbox, installation, launchBrowser, ROOT, runToEnd, startCodeServer, Tally } from './code-server/harness.mjs';
import { runUi } from './code-server/ui.mjs';

const mode = process.argv[2];
if (mode !== 'exthost' && mode !== 'ui') {
  console.error('usage: node test/e2e/run-code-server.mjs exthost | ui [--vsix FILE]');
  process.exit(2);
}
const HARD_TIMEOUT_MS = Number(process.env.LCG_E2E_HARD_TIMEOUT_MS) || 480_000;
const t0 = Date.now();
/** `[12.3s] message` progress line. */
const lap = (m) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}`);

const tally = new Tally();
/** Everything to undo, newest first: browser, code-server, sandbox. */
const teardown = [];
let finishing = false;

/** Tears down (each part bounded), prints the closing line and exits: 0 only when something passed and nothing failed. */
async function finish(extraFailure) {
  if (finishing) return;
  finishing = true;
  if (extraFailure) {
    console.log(`not ok - ${extraFailure}`);
    tally.failed++;
  }
  for (const undo of teardown.reverse()) {
    await Promise.race([undo().catch((e) => console.error(`# teardown: ${e.message}`)), new Promise((r) => setTimeout(r, 10_000))]);
  }
  lap('torn down');
  console.log(tally.closingLine());
  process.exit(tally.failed === 0 && tally.passed > 0 ? 0 : 1);
}

const hardTimer = setTimeout(() => void finish(`hard timeout: the ${mode} run took more than ${HARD_TIMEOUT_MS} ms`), HARD_TIMEOUT_MS);
hardTimer.unref();
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => void finish(`interrupted by ${sig}`));

try {
  const install = installation();
  let vsix;
  if (mode === 'ui') vsix = await packageVsix();
  else {
    const bundled = await runToEnd(process.execPath, [join(ROOT, 'scripts', 'bundle.mjs')], { env: process.env, timeoutMs: 120_000 });
    if (bundled.code !== 0) throw new Error(`node scripts/bundle.mjs failed:\n${bundled.output}`);
  }
  const s = createSandbox(install);
  teardown.push(async () => cleanup(s, tally.failed > 0));
  lap(`sandbox ${s.dir}`);

  if (mode === 'ui') {
    const added = addBulkCopies(s, Number(process.env.LCG_E2E_UI_COPIES ?? 100));
    lap(`workspace: samples/ plus ${added} copies of its flows under bulk/ (never opened)`);
    const r = await runToEnd(install.codeServer, [...codeServerFlags(s), '--install-extension', vsix], { env: s.env, timeoutMs: 120_000 });
    if (r.code !== 0 || !/successfully installed/i.test(r.output)) throw new Error(`code-server --install-extension ${vsix} failed:\n${r.output}`);
    lap(`installed ${vsix}: ${r.output.trim().split('\n').pop()}`);
  }
  const suitePath = mode === 'exthost' ? await buildSuite() : undefined;
  const server = await startCodeServer(install, s, { extraFlags: mode === 'exthost' ? ['--vscode-option', 'enable-smoke-test-driver'] : [] });
  teardown.push(() => server.stop());
  lap(`code-server ${server.origin} (pid ${server.pid}, process group killed on exit)`);
  const { context, page } = await launchBrowser(s);
  teardown.push(() => context.close());

  if (mode === 'exthost') await runExtensionHostSuite(page, server.origin, s, suitePath);
  else await runUi(page, { origin: server.origin, sandbox: s, tally, lap });
  await finish();
} catch (e) {
  await finish(e instanceof Error ? e.message : String(e));
}

/** `--vsix FILE` when given; otherwise `npm run package` (type-check, bundle, vsce) → lowcode-guard.vsix at the root. */
async function packageVsix() {
  const i = process.argv.indexOf('--vsix');
  if (i > 0) {
    if (!process.argv[i + 1]) throw new Error('--vsix needs a file');
    return resolve(process.argv[i + 1]);
  }
  lap('npm run package');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = await runToEnd(npm, ['run', '--silent', 'package'], { env: process.env, timeoutMs: 240_000 });
  if (r.code !== 0) throw new Error(`npm run package failed (exit ${r.code}):\n${r.output}`);
  return join(ROOT, 'lowcode-guard.vsix');
}

/**
 * Loads the workbench with the smoke-test driver payload (extensionDevelopmentPath = repository root,
 * extensionTestsPath = bundled suite), echoes the suite's console output, counts its TAP lines (`ok`, `not ok`,
 * `# SKIP`) and waits for the exit code that code-server passes to `window.codeAutomationExit`.
 */
async function runExtensionHostSuite(page, origin, s, suitePath) {
  const timeoutMs = Number(process.env.LCG_E2E_EXTHOST_TIMEOUT_MS) || 240_000;
  let resolveExit;
  const exited = new Promise((r) => (resolveExit = r));
  const consoleLog = createWriteStream(join(s.dir, 'workbench-console.log'));
  teardown.push(async () => consoleLog.end());
  // The workbench logs a lot through the same channel: echo the suite's TAP lines only (all of it with
  // LCG_E2E_VERBOSE=1; everything is written to workbench-console.log in the sandbox).
  const verbose = process.env.LCG_E2E_VERBOSE === '1';
  const onLine = (line) => {
    consoleLog.write(`[${((Date.now() - t0) / 1000).toFixed(1)}s] ${line}\n`);
    if (verbose || /^(ok |not ok |#|1\.\.\d)/.test(line)) console.log(line);
    const m = /^(not )?ok \d+ - .*?(# SKIP\b.*)?$/.exec(line);
    if (!m) return;
    if (m[1]) tally.failed++;
    else if (m[2]) tally.skipped++;
    else tally.passed++;
  };
  await page.exposeFunction('codeAutomationLog', (_type, args) => {
    const text = (args ?? []).map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ');
    for (const line of text.split('\n')) onLine(line);
  });
  await page.exposeFunction('codeAutomationExit', (code) => resolveExit(code));
  const host = new URL(origin).host;
  const payload = JSON.stringify([
    ['extensionDevelopmentPath', `vscode-remote://${host}${ROOT}`],
    ['extensionTestsPath', `vscode-remote://${host}${suitePath}`],
  ]);
  lap('loading the workbench with the extension-host test payload');
  await page.goto(`${origin}/?folder=${encodeURIComponent(s.ws)}&payload=${encodeURIComponent(payload)}`, { waitUntil: 'domcontentloaded' });
  let timer;
  const code = await Promise.race([exited, new Promise((r) => (timer = setTimeout(() => r('timeout'), timeoutMs)))]);
  clearTimeout(timer);
  lap(`extension host test run ended: exit code ${code}`);
  if (code === 'timeout') throw new Error(`the extension-host suite did not finish within ${timeoutMs} ms`);
  if (code !== 0 && tally.failed === 0) throw new Error(`the extension-host suite exited with code ${code}`);
  if (code === 0 && tally.passed === 0) throw new Error('the extension-host suite exited 0 but reported no passing step');
}
