/**
 * Small helpers shared by the benchmark scripts: statistics, child processes that print one JSON line, load average.
 * Times are milliseconds (performance.now), sizes bytes.
 */
import { spawn } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (bench/lib/../..). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Scratch folder of the benchmark (git-ignored): bundles, synthetic files, corpus copies, results. */
export const WORK = path.join(ROOT, '.bench');
/** The shared corpus (`../shared/corpus` from the repository root), or `LCG_CORPUS`. */
export const CORPUS = process.env.LCG_CORPUS ? path.resolve(process.env.LCG_CORPUS) : path.resolve(ROOT, '..', 'shared', 'corpus');
/** Where the baselines' own package.json/lockfile/node_modules live. */
export const BASELINES = path.join(ROOT, 'bench', 'baselines');

/** Value at quantile q (0..1) of numbers, nearest-rank on the sorted copy; NaN for none. */
export function quantile(values, q) {
  if (!values.length) return NaN;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}
export const median = (v) => quantile(v, 0.5);
export const p95 = (v) => quantile(v, 0.95);

/** 1-minute load average, rounded to 2 decimals. */
export function load() {
  return Math.round(os.loadavg()[0] * 100) / 100;
}

/**
 * Runs `node [nodeArgs] script args`, resolves with the last stdout line parsed as JSON (the child's result).
 * Rejects with the child's stderr when it exits non-zero or prints no JSON.
 */
export function runJson(script, args = [], { nodeArgs = [], env = {}, cwd = ROOT } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, script, ...args], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      try {
        if (code !== 0) throw new Error(`exit ${code}`);
        resolve(JSON.parse(last));
      } catch (e) {
        reject(new Error(`${path.basename(script)} ${args.join(' ')}: ${e.message}\n${err.slice(-2000)}`));
      }
    });
  });
}

/**
 * Runs a command and resolves with its wall time in ms and exit code (output discarded unless `capture`).
 * Rejects only when the command cannot start.
 */
export function timeCommand(cmd, args, { cwd = ROOT, env = {}, capture = false } = {}) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', capture ? 'pipe' : 'ignore', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout?.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ ms: performance.now() - t0, code, stdout: out, stderr: err }));
  });
}

/** `1,234` */
export function int(n) {
  return Math.round(n).toLocaleString('en-US');
}

/** Milliseconds as text: `0.42 ms`, `12.3 ms`, `1,234 ms`. */
export function ms(n) {
  if (!Number.isFinite(n)) return 'n/a';
  if (n < 1) return `${n.toFixed(2)} ms`;
  if (n < 100) return `${n.toFixed(1)} ms`;
  return `${int(n)} ms`;
}

/** Bytes as MB (10^6) with one decimal. */
export function mb(n) {
  return `${(n / 1e6).toFixed(1)} MB`;
}
