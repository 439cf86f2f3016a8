#!/usr/bin/env node
/**
 * Checks that a change leaves every finding identical: bundles the engine of a git revision (default HEAD) and of
 * that revision with the engine-side paths of the working tree on top (bench/lib/trees.mjs; `--all-changes`: all of
 * server/), runs both over the same files in separate processes and compares, file by file, every finding's
 * rule id, OWASP id, severity, offset, length, range, message, JSON Pointer, docs URL and fix title / isPreferred
 * (with `--edits`, also the fix edits, computed — slow), plus the detected format and subformat.
 *
 *   node bench/compare-findings.mjs [--base=<rev>] [--edits] [--all-changes] [root ...]      (default root: ../shared/corpus)
 *
 * Findings come from the engine's `analyze(text, { fileName })` on the text `decode` gives for each file (every
 * finding, syntax errors included, no configuration), files over 30 MB skipped. Prints `IDENTICAL (…)` or the first
 * differences and exits 1. Scratch files go to .bench/cmp/ (git-ignored). Needs `git` and esbuild.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CORPUS, ROOT, WORK } from './lib/util.mjs';
import { buildTrees } from './lib/trees.mjs';

const argv = process.argv.slice(2);
const base = argv.find((a) => a.startsWith('--base='))?.slice(7) ?? 'HEAD';
const edits = argv.includes('--edits');
const roots = argv.filter((a) => !a.startsWith('--'));
const DIR = path.join(WORK, 'cmp');

if (process.env.LCG_CMP_CHILD) {
  await dump(process.env.LCG_CMP_CHILD, process.env.LCG_CMP_OUT, roots);
  process.exit(0);
}

const bundles = await buildTrees({ base, dir: DIR, name: 'cmp', minify: false, ...(argv.includes('--all-changes') ? { headPaths: ['server', 'bench/engine-entry.ts', 'schemas'] } : {}) });

const rootArgs = roots.length ? roots : [CORPUS];
for (const side of ['base', 'head']) {
  const r = spawnSync(process.execPath, ['--max-old-space-size=4096', path.join(ROOT, 'bench', 'compare-findings.mjs'), ...rootArgs], {
    stdio: 'inherit',
    env: { ...process.env, LCG_CMP_CHILD: bundles[side], LCG_CMP_OUT: path.join(DIR, `${side}.jsonl`), ...(edits ? { LCG_CMP_EDITS: '1' } : {}) },
  });
  if (r.status !== 0) throw new Error(`${side} dump failed`);
}
const A = fs.readFileSync(path.join(DIR, 'base.jsonl'), 'utf8').split('\n');
const B = fs.readFileSync(path.join(DIR, 'head.jsonl'), 'utf8').split('\n');
let diffs = 0;
let findings = 0;
for (let i = 0; i < Math.max(A.length, B.length); i++) {
  if (A[i]) findings += JSON.parse(A[i]).f.length;
  if (A[i] === B[i]) continue;
  if (++diffs <= 3) console.log(`base: ${(A[i] ?? '').slice(0, 1500)}\nhead: ${(B[i] ?? '').slice(0, 1500)}\n`);
}
const files = A.filter(Boolean).length;
console.log(diffs ? `DIFFERENT: ${diffs} of ${files} files differ (base ${base})` : `IDENTICAL: ${files} files, ${findings} findings (base ${base} vs working tree${edits ? ', fix edits included' : ''})`);
process.exit(diffs ? 1 : 0);

/** Child: analyses every file under `roots` with the engine bundle `eng`, one JSON line per file into `out`. */
async function dump(eng, out, roots) {
  const { createRequire } = await import('node:module');
  const e = createRequire(import.meta.url)(eng);
  const files = (await e.discoverFiles({ roots })).sort();
  const fd = fs.openSync(out, 'w');
  const t = performance.now();
  let n = 0;
  for (const file of files) {
    const buf = fs.readFileSync(file);
    if (buf.length > 30e6) continue;
    const text = e.decode(buf);
    const rec = { p: path.relative(ROOT, file), f: [] };
    if (text !== undefined) {
      const r = e.analyze(text, { fileName: file });
      rec.d = r.detection ? [r.detection.format, r.detection.subformat] : null;
      rec.f = r.findings.map((f) => [f.ruleId, f.owasp, f.severity, f.offset, f.length, f.range, f.message, f.pointer, f.docsUrl, f.fix ? [f.fix.title, f.fix.isPreferred, edits ? [...f.fix.edits] : null] : null]);
      n += rec.f.length;
    }
    fs.writeSync(fd, JSON.stringify(rec) + '\n');
  }
  fs.closeSync(fd);
  console.log(`${path.basename(eng)}: ${files.length} files, ${n} findings, ${((performance.now() - t) / 1000).toFixed(1)} s`);
}
