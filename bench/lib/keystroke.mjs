/**
 * Child process of the benchmark: per-file analysis time ("keystroke": what the server does after each edit, without
 * the debounce) of ours and of VS Code's JSON validation on the same text, in a fresh process, printed as one JSON line.
 *
 *   node bench/lib/keystroke.mjs <file> <runs> [budget seconds, default 120]
 *
 * Each side gets 2 untimed warm-up runs, then `runs` timed runs (fewer, at least 3, when they would take longer than
 * `budget` seconds per side: the count is reported); reports median and p95 (ms) and the findings /
 * diagnostics count. Ours = `analyze(text, { fileName })` (parse, detect, schema, rules: everything but the LSP
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
/** Timed runs for a side whose warm-up run took `ms`: as many as wanted, fewer (at least 3) if they would exceed the budget. */
const runsFor = (ms) => Math.max(3, Math.min(wanted, Math.floor(budgetMs / Math.max(ms, 1))));
const text = engine.decode(fs.readFileSync(file));
const loadBefore = load();

const ours = [];
let findings = 0;
let detection;
let oursRuns = wanted;
for (let i = 0; i < oursRuns + 2; i++) {
  const t = performance.now();
  const r = engine.analyze(text, { fileName: file });
  const dt = performance.now() - t;
  if (i === 0) oursRuns = runsFor(dt);
  if (i >= 2) ours.push(dt);
  findings = r.findings.length;
  detection = r.detection;
}
const kind = detection ? schemaKind(detection.format, detection.subformat) : 'none';
const v = createJsonValidator();
const theirs = [];
let diagnostics = 0;
let theirRuns = wanted;
for (let i = 0; i < theirRuns + 2; i++) {
  const t = performance.now();
  diagnostics = await v.validate(text, kind);
  const dt = performance.now() - t;
  if (i === 0) theirRuns = runsFor(dt);
  if (i >= 2) theirs.push(dt);
}
console.log(
  JSON.stringify({
    file,
    bytes: fs.statSync(file).size,
    load: loadBefore,
    ours: { runs: ours.length, median: median(ours), p95: p95(ours), max: Math.max(...ours), findings },
    jsonls: { runs: theirs.length, median: median(theirs), p95: p95(theirs), diagnostics, schema: kind },
  }),
);
