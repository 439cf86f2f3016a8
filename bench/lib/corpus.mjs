/**
 * Child process of the benchmark: one corpus-wide measurement in a fresh Node process, printed as one JSON line.
 *
 *   node bench/lib/corpus.mjs floor|scan|jsonls [--shard=i/n] [--threads=n] [--passes=n] root...
 *
 * - `floor`: read every file (fs.readFileSync, UTF-8) and JSON.parse it — the least any JSON tool must do.
 * - `scan`: what the CLI does (`discoverFiles` then `analyzeFiles`, concurrency 16) with the bundled engine;
 *   the first pass in a fresh process, so schema compilation and JIT warm-up are included, as in a real CLI run.
 *   `--threads=n` scans with `analyzeFiles({ threads: n })` (the calling thread + n − 1 worker threads);
 *   `--passes=n` scans the same files n times in the process and reports every pass (`passMs`, `passCpuMs`), the
 *   first of which is `ms`: later passes show what JIT warm-up cost the first.
 * - `jsonls`: vscode-json-languageservice parse + doValidation of every file with our schema for its format.
 * The file list is discovered before timing (`discoverMs` is reported apart). `ms` is wall time, `cpuMs` the process's
 * CPU time (user + system, all threads) over the same span: on a busy machine the CPU time is the steadier figure.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { WORK, load } from './util.mjs';

const require = createRequire(import.meta.url);
const engine = require(path.join(WORK, 'engine.cjs'));

const [mode, ...rest] = process.argv.slice(2);
const roots = rest.filter((a) => !a.startsWith('--'));
const opt = (name) => rest.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];

const t0 = performance.now();
const shard = opt('shard')?.split('/').map(Number); // --shard=i/n: every n-th file from the i-th (parallel-scan measurement)
const files = (await engine.discoverFiles({ roots })).filter((_, i) => !shard || i % shard[1] === shard[0]);
const discoverMs = performance.now() - t0;
const bytes = files.reduce((n, f) => n + fs.statSync(f).size, 0);
// Warm the page cache so every mode reads from memory.
for (const f of files) fs.readFileSync(f);
const loadBefore = load();

let ms;
let extra = {};
const cpu0 = process.cpuUsage();
if (mode === 'floor') {
  const t = performance.now();
  let parsed = 0;
  for (const f of files) {
    try {
      JSON.parse(fs.readFileSync(f, 'utf8'));
      parsed++;
    } catch {
      // malformed files count as read
    }
  }
  ms = performance.now() - t;
  extra = { parsed };
} else if (mode === 'scan') {
  const threads = Number(opt('threads') ?? 1);
  const passMs = [];
  const passCpuMs = [];
  let results;
  for (let i = 0; i < Number(opt('passes') ?? 1); i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    results = await engine.analyzeFiles(files, { concurrency: 16, threads });
    passMs.push(performance.now() - t);
    const d = process.cpuUsage(c);
    passCpuMs.push((d.user + d.system) / 1000);
  }
  ms = passMs[0];
  const findings = results.reduce((n, r) => n + (r.findings?.length ?? 0), 0);
  const byRule = {};
  for (const r of results) for (const f of r.findings ?? []) byRule[f.ruleId] = (byRule[f.ruleId] ?? 0) + 1;
  extra = { findings, byRule, heapUsed: process.memoryUsage().heapUsed, threads, passMs, passCpuMs };
} else if (mode === 'jsonls') {
  const { createJsonValidator, schemaKind } = await import('./jsonls.mjs');
  const kinds = files.map((f) => {
    const text = engine.decode(fs.readFileSync(f));
    const d = text === undefined ? undefined : engine.analyze(text, { only: [], skipSchema: true }).detection;
    return d ? schemaKind(d.format, d.subformat) : 'none';
  });
  const v = createJsonValidator();
  const t = performance.now();
  let diagnostics = 0;
  for (let i = 0; i < files.length; i++) diagnostics += await v.validate(fs.readFileSync(files[i], 'utf8'), kinds[i]);
  ms = performance.now() - t;
  extra = { diagnostics, withSchema: kinds.filter((k) => k !== 'none').length };
} else {
  throw new Error(`unknown mode ${mode}`);
}
const cpu = process.cpuUsage(cpu0);
// A scan's CPU time is its first pass's (what `ms` measures); other modes time one pass.
const cpuMs = extra.passCpuMs?.[0] ?? (cpu.user + cpu.system) / 1000;
console.log(JSON.stringify({ mode, ms, cpuMs, files: files.length, bytes, discoverMs, load: loadBefore, ...extra }));
