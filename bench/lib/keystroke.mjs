/**
 * Child process of the benchmark: per-file analysis time ("keystroke": what the server does after each edit, without
 * the debounce) of ours and of VS Code's JSON validation on the same text, in a fresh process, printed as one JSON line.
 *
 *   node bench/lib/keystroke.mjs <file> <runs> <schemaKind|auto>
 *
 * Each side gets 2 untimed warm-up runs, then `runs` timed runs; reports median and p95 (ms) and the findings /
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
const [file, runsArg] = process.argv.slice(2);
const runs = Number(runsArg ?? 20);
const text = engine.decode(fs.readFileSync(file));
const loadBefore = load();

const ours = [];
let findings = 0;
let detection;
for (let i = 0; i < runs + 2; i++) {
  const t = performance.now();
  const r = engine.analyze(text, { fileName: file });
  const dt = performance.now() - t;
  if (i >= 2) ours.push(dt);
  findings = r.findings.length;
  detection = r.detection;
}
const kind = detection ? schemaKind(detection.format, detection.subformat) : 'none';
const v = createJsonValidator();
const theirs = [];
let diagnostics = 0;
for (let i = 0; i < runs + 2; i++) {
  const t = performance.now();
  diagnostics = await v.validate(text, kind);
  const dt = performance.now() - t;
  if (i >= 2) theirs.push(dt);
}
console.log(
  JSON.stringify({
    file,
    bytes: fs.statSync(file).size,
    runs,
    load: loadBefore,
    ours: { median: median(ours), p95: p95(ours), max: Math.max(...ours), findings },
    jsonls: { median: median(theirs), p95: p95(theirs), diagnostics, schema: kind },
  }),
);
