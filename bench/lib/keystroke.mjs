/**
 * Child process of the benchmark: per-file analysis time ("keystroke": what the server does after each edit, without
 * the debounce) of ours and of VS Code's JSON validation on the same text, in a fresh process, printed as one JSON line.
 *
 *   node bench/lib/keystroke.mjs <file> <runs> [budget seconds, default 120]
 *
 * Each side gets up to 20 untimed warm-up runs (an editor's server has run its code on many edits before, and both
 * sides' JIT needs a few dozen runs to settle: with 2 warm-ups the median mostly measured tier-up and collection of
 * the first runs, 4–20 ms swings on a 0.2 MB file), then `runs` timed runs; warm-ups and runs are fewer (at least 2
 * and 3) when they would take longer than `budget` seconds per side: the counts are reported. Reports median and p95
 * (ms), the first run in the fresh process (`first`, cold) and the findings / diagnostics count. Ours = `analyze(text, { fileName })` (parse, detect, schema, rules: everything but the LSP
 * conversion); json-ls = `parseJSONDocument` + `doValidation` with our schema.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { WORK, load, median, p95 } from './util.mjs';
import { createJsonValidator, schemaKind } from './jsonls.mjs';

const require = createRequire(import.meta.url);
const engine = require(path.join(WORK, 'engine.cjs'));
const [file, runsArg, budgetArg] = process.argv.slice(2);
const wanted = Number(runsArg ?? 20);
const budgetMs = Number(budgetArg ?? 120) * 1000;
/** Timed runs for a side whose first run took `ms`: as many as wanted, fewer (at least 3) if they would exceed the budget. */
const runsFor = (ms) => Math.max(3, Math.min(wanted, Math.floor(budgetMs / Math.max(ms, 1))));
/** Warm-up runs for a side whose first run took `ms`: 20, fewer (at least 2) if they would exceed the budget. */
const warmupsFor = (ms) => Math.max(2, Math.min(WARMUPS, Math.floor(budgetMs / Math.max(ms, 1))));
const WARMUPS = 20;
const text = engine.decode(fs.readFileSync(file));
const loadBefore = load();

const ours = [];
let findings = 0;
let detection;
let oursRuns = wanted;
let oursWarmups = WARMUPS;
let oursFirst = NaN;
for (let i = 0; i < oursRuns + oursWarmups; i++) {
  const t = performance.now();
  const r = engine.analyze(text, { fileName: file });
  const dt = performance.now() - t;
  if (i === 0) (oursFirst = dt), (oursRuns = runsFor(dt)), (oursWarmups = warmupsFor(dt));
  if (i >= oursWarmups) ours.push(dt);
  findings = r.findings.length;
  detection = r.detection;
}
const kind = detection ? schemaKind(detection.format, detection.subformat) : 'none';
const v = createJsonValidator();
const theirs = [];
let diagnostics = 0;
let theirRuns = wanted;
let theirWarmups = WARMUPS;
let theirFirst = NaN;
for (let i = 0; i < theirRuns + theirWarmups; i++) {
  const t = performance.now();
  diagnostics = await v.validate(text, kind);
  const dt = performance.now() - t;
  if (i === 0) (theirFirst = dt), (theirRuns = runsFor(dt)), (theirWarmups = warmupsFor(dt));
  if (i >= theirWarmups) theirs.push(dt);
}
console.log(
  JSON.stringify({
    file,
    bytes: fs.statSync(file).size,
    load: loadBefore,
    ours: { runs: ours.length, warmups: oursWarmups, first: oursFirst, median: median(ours), p95: p95(ours), max: Math.max(...ours), findings },
    jsonls: { runs: theirs.length, warmups: theirWarmups, first: theirFirst, median: median(theirs), p95: p95(theirs), diagnostics, schema: kind },
  }),
);
