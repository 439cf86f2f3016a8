// Runs the in-editor suite (test/e2e/suite) in desktop VS Code with @vscode/test-electron 2.x (`npm run test:e2e`).
//
// VS Code binary: $VSCODE_EXECUTABLE when set (must exist); otherwise @vscode/test-electron tries to download the
// newest stable VS Code that satisfies engines.vscode into .vscode-test/ (15 s idle timeout per request, and the whole
// attempt is capped by $LCG_E2E_DOWNLOAD_TIMEOUT_MS, default 300000 ms). When no binary can be had (offline machines
// fail with ENOTFOUND), it prints the one SKIP line below and exits 0; LCG_E2E_DEBUG=1 adds the reason on stderr.
//
// With a binary: bundles the extension (scripts/bundle.mjs) and the suite (build-suite.mjs), copies samples/ to a fresh
// temporary workspace (the suite applies a quick fix and writes a file there), starts VS Code with a throw-away user
// data dir (autosave off) and other extensions disabled, and exits with the suite's result (0 passed, 1 failed).
// On Linux without a display, run it under `xvfb-run -a`.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSuite } from './build-suite.mjs';

const require = createRequire(import.meta.url);
const { runTests, downloadAndUnzipVSCode, SilentReporter } = require('@vscode/test-electron');

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SKIP_LINE = 'SKIP e2e (test-electron): no VS Code binary available (set VSCODE_EXECUTABLE to run)';

/** Path of a VS Code executable, or undefined when none is configured and the download fails or runs out of time. */
async function resolveExecutable() {
  const fromEnv = process.env.VSCODE_EXECUTABLE;
  if (fromEnv) {
    if (!existsSync(fromEnv)) {
      console.error(`e2e: VSCODE_EXECUTABLE=${fromEnv} does not exist`);
      process.exit(2);
    }
    return fromEnv;
  }
  const capMs = Number(process.env.LCG_E2E_DOWNLOAD_TIMEOUT_MS) || 300_000;
  let timer;
  const cap = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`VS Code download did not finish within ${capMs} ms`)), capMs);
  });
  try {
    return await Promise.race([
      downloadAndUnzipVSCode({
        extensionDevelopmentPath: ROOT,
        cachePath: join(ROOT, '.vscode-test'),
        reporter: new SilentReporter(),
        timeout: 15_000,
      }),
      cap,
    ]);
  } catch (err) {
    if (process.env.LCG_E2E_DEBUG) console.error('e2e: download failed:', err);
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}

/** A fresh workspace (copy of samples/) and user data dir under one temporary folder. */
function prepareSandbox() {
  const dir = mkdtempSync(join(tmpdir(), 'lcg-e2e-'));
  const workspace = join(dir, 'workspace');
  cpSync(join(ROOT, 'samples'), workspace, { recursive: true });
  const userData = join(dir, 'user-data');
  mkdirSync(join(userData, 'User'), { recursive: true });
  writeFileSync(
    join(userData, 'User', 'settings.json'),
    JSON.stringify({ 'files.autoSave': 'off', 'workbench.startupEditor': 'none', 'security.workspace.trust.enabled': false }, null, 2),
  );
  return { dir, workspace, userData, extensions: join(dir, 'extensions') };
}

const executable = await resolveExecutable();
if (!executable) {
  console.log(SKIP_LINE);
  process.exit(0); // a failed download may leave sockets or timers behind: do not wait for them
}

const bundled = spawnSync(process.execPath, [join(ROOT, 'scripts', 'bundle.mjs')], { cwd: ROOT, stdio: 'inherit' });
if (bundled.status !== 0) {
  console.error('e2e: bundling the extension failed (node scripts/bundle.mjs)');
  process.exit(1);
}
const extensionTestsPath = await buildSuite();
const sandbox = prepareSandbox();
let exitCode = 1;
try {
  exitCode = await runTests({
    vscodeExecutablePath: executable,
    extensionDevelopmentPath: ROOT,
    extensionTestsPath,
    launchArgs: [
      sandbox.workspace,
      '--disable-extensions',
      `--user-data-dir=${sandbox.userData}`,
      `--extensions-dir=${sandbox.extensions}`,
    ],
  });
} catch (err) {
  console.error(`e2e: ${err instanceof Error ? err.message : String(err)}`);
  exitCode = typeof err?.code === 'number' && err.code !== 0 ? err.code : 1;
} finally {
  rmSync(sandbox.dir, { recursive: true, force: true });
}
process.exit(exitCode);
