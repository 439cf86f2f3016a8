#!/usr/bin/env node
/**
 * Before/after in the same minute: bundles the engine of a git revision (default HEAD) and of that revision with the
 * engine-side paths of the working tree on top (bench/lib/trees.mjs; `--all-changes`: all of server/), with the
 * options of scripts/bundle.mjs (minified), and runs a corpus scan with each, alternately, in fresh processes.
 *
 *   node bench/ab.mjs [--base=<rev>] [--rounds=2] [--passes=2] [--all-changes] [root ...]      (default root: ../shared/corpus)
 *
 * Each process discovers the files, reads them once (page cache), then runs `analyzeFiles` (concurrency 16, as the
 * CLI) `--passes` times and prints wall and CPU time (user + system of the process) of each pass: the first pass
 * is a cold CLI run (module initialisation excluded, schema set-up and JIT warm-up included), later ones warm.
 * The module load time (`require` of the bundle) is printed apart. Scratch files in .bench/cmp/ (git-ignored).
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CORPUS, ROOT, WORK } from './lib/util.mjs';
import { buildTrees } from './lib/trees.mjs';

const argv = process.argv.slice(2);
const opt = (n, d) => argv.find((a) => a.startsWith(`--${n}=`))?.split('=')[1] ?? d;
const roots = argv.filter((a) => !a.startsWith('--'));
const DIR = path.join(WORK, 'cmp');

if (process.env.LCG_AB_CHILD) {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const { createRequire } = await import('node:module');
  const e = createRequire(import.meta.url)(process.env.LCG_AB_CHILD);
  const c = process.cpuUsage(cpu0);
  const loadMs = { ms: performance.now() - t0, cpuMs: (c.user + c.system) / 1000 };
  const files = await e.discoverFiles({ roots });
  for (const f of files) fs.readFileSync(f);
  const passes = [];
  let findings = 0;
  for (let i = 0; i < Number(process.env.LCG_AB_PASSES); i++) {
    const cpu = process.cpuUsage();
    const t = performance.now();
    const r = await e.analyzeFiles(files, { concurrency: 16 });
    const d = process.cpuUsage(cpu);
    passes.push({ ms: Math.round(performance.now() - t), cpuMs: Math.round((d.user + d.system) / 1000) });
    findings = r.reduce((n, x) => n + (x.findings?.length ?? 0), 0);
  }
  console.log(JSON.stringify({ loadMs, passes, findings, files: files.length, maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024) }));
  process.exit(0);
}

const base = opt('base', 'HEAD');
const bundles = await buildTrees({ base, dir: DIR, name: 'ab', minify: true, ...(argv.includes('--all-changes') ? { headPaths: ['server', 'bench/engine-entry.ts', 'schemas'] } : {}) });

const rootArgs = roots.length ? roots : [CORPUS];
for (let round = 0; round < Number(opt('rounds', 2)); round++) {
  for (const side of ['base', 'head']) {
    const l = os.loadavg()[0].toFixed(1);
    const out = execFileSync(process.execPath, [path.join(ROOT, 'bench', 'ab.mjs'), ...rootArgs], {
      env: { ...process.env, LCG_AB_CHILD: bundles[side], LCG_AB_PASSES: opt('passes', '2') },
    });
    const r = JSON.parse(out.toString().trim().split('\n').pop());
    const passes = r.passes.map((p) => `${p.cpuMs} ms CPU (${p.ms} ms wall)`).join(', ');
    console.log(`${side.padEnd(4)} load ${l}: module load ${Math.round(r.loadMs.cpuMs)} ms CPU; scans: ${passes}; ${r.findings} findings; peak RSS ${r.maxRssMB} MB`);
  }
}
