/**
 * Helpers for the CLI tests: they run the BUILT command (`node server/out/cli.js`) as a child process, as users and
 * CI do. `ensureBuiltCli()` runs `node scripts/bundle.mjs` once when `server/out/cli.js` is missing or older than any
 * source under `server/src/`, `package.json` or the bundle script (`npm test` builds first, so usually nothing to do).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** Repository root. */
export const ROOT = path.resolve(__dirname, '..', '..');
/** The built CLI. */
export const CLI = path.join(ROOT, 'server', 'out', 'cli.js');

function newestMtime(p: string): number {
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let m = 0;
  for (const e of fs.readdirSync(p)) m = Math.max(m, newestMtime(path.join(p, e)));
  return m;
}

let built = false;

function sourcesMtime(): number {
  return Math.max(newestMtime(path.join(ROOT, 'server', 'src')), newestMtime(path.join(ROOT, 'package.json')), newestMtime(path.join(ROOT, 'scripts', 'bundle.mjs')));
}

function isStale(): boolean {
  return !fs.existsSync(CLI) || fs.statSync(CLI).mtimeMs < sourcesMtime();
}

/**
 * Builds the bundles when the CLI bundle is missing or stale; throws with the build's output when that fails.
 * Test files run in parallel processes, so the build holds a lock folder (`server/out/.cli-build.lock`) and the
 * others wait for it, then re-check.
 */
export function ensureBuiltCli(): void {
  if (built) return;
  if (isStale()) {
    const lock = path.join(ROOT, 'server', 'out', '.cli-build.lock');
    fs.mkdirSync(path.dirname(lock), { recursive: true });
    for (;;) {
      try {
        fs.mkdirSync(lock);
        break;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
        // A lock left by a killed run (older than 5 minutes) is taken over.
        if (Date.now() - fs.statSync(lock).mtimeMs > 5 * 60_000) fs.rmSync(lock, { recursive: true, force: true });
        else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
      }
    }
    try {
      if (isStale()) {
        const need = sourcesMtime();
        const r = spawnSync(process.execPath, ['scripts/bundle.mjs'], { cwd: ROOT, encoding: 'utf8' });
        if (r.status !== 0 || !fs.existsSync(CLI) || fs.statSync(CLI).mtimeMs < need) {
          throw new Error(`node scripts/bundle.mjs failed (exit ${r.status}); server/out/cli.js is missing or stale:\n${r.stdout}\n${r.stderr}`);
        }
      }
    } finally {
      fs.rmSync(lock, { recursive: true, force: true });
    }
  }
  built = true;
}

/** What a CLI run returned. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `node server/out/cli.js …args` in `cwd` (default: the repository root). `env` entries are added to a copy of
 * the environment with NO_COLOR, FORCE_COLOR and CI removed (so colour tests control them).
 */
export function runCli(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): CliRun {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  delete env.CI;
  Object.assign(env, options.env);
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: options.cwd ?? ROOT, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Creates a temporary folder with the given files (path → content; a Buffer is written as is). Returns its real path. */
export function makeWorkspace(files: Record<string, string | Buffer>): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'lcg-cli-')));
  for (const [rel, content] of Object.entries(files)) {
    const p = path.join(dir, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, content);
  }
  return dir;
}

/** Removes a folder made by `makeWorkspace`. */
export function removeWorkspace(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/** 0-based line/character of the first occurrence of `needle` in `text` (UTF-16 units); throws when absent. */
export function positionOf(text: string, needle: string, from = 0): { line: number; character: number } {
  const i = text.indexOf(needle, from);
  if (i < 0) throw new Error(`${JSON.stringify(needle)} not in text`);
  const before = text.slice(0, i);
  const line = before.split('\n').length - 1;
  return { line, character: i - (before.lastIndexOf('\n') + 1) };
}

/** Matches a JavaScript stack-trace line (`    at fn (file:line:col)`). */
export const STACK_LINE = /^\s+at .+:\d+:\d+\)?$/m;
