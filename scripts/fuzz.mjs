// `npm run test:fuzz`: the reliability suite (test/reliability) at full strength. The same test files run in the
// normal `npm test` with small, fixed-seed sizes; here:
// - LCG_FUZZ_RUNS=10000 mutated corpus files, plus half as many generated flow documents (≥ 10,000 cases in all),
//   each within 2 s of CPU (LCG_FUZZ_STRICT_TIME=1);
// - LCG_SCAN_FILES=20000 generated files for the workspace scan (server: full scan, cancel mid-scan; CLI), peak RSS;
// - every fix verified on minified copies of the corpus files too; the never-writes check over the whole corpus;
// - linear-scaling checks for every format at 1 MB → 4 MB;
// - LCG_REGEX_CHECK=1: every regular expression of server/src checked with recheck (minutes).
// Override any of these from the environment (e.g. LCG_FUZZ_SEED=7 npm run test:fuzz). Extra arguments after `--` go
// to node, as with run-tests.mjs.
//
// At the end it prints a summary of what really ran: each test writes its counts to a JSON file in LCG_COUNTS_DIR
// (test/reliability/lib/counts.ts; a fresh folder under os.tmpdir()), and the test results come from a TAP report.
// The run fails when a test fails, when any test was skipped (e.g. no corpus: the seeded cases would fall short), or
// when fewer than 10,000 seeded cases ran.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const MIN_SEEDED_CASES = 10_000;
const countsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lcg-fuzz-counts-'));
const tap = path.join(countsDir, 'results.tap');
const env = {
  ...process.env,
  LCG_FUZZ_RUNS: process.env.LCG_FUZZ_RUNS ?? '10000',
  LCG_FUZZ_STRICT_TIME: process.env.LCG_FUZZ_STRICT_TIME ?? '1',
  LCG_SCAN_FILES: process.env.LCG_SCAN_FILES ?? '20000',
  LCG_REGEX_CHECK: process.env.LCG_REGEX_CHECK ?? '1',
  LCG_COUNTS_DIR: countsDir,
};
const dd = process.argv.indexOf('--');
const extra = dd >= 0 ? process.argv.slice(dd + 1) : [];
// Two reporters: spec on the terminal (run-tests.mjs sets it), TAP into a file for the summary.
const reporters = ['--test-reporter-destination=stdout', '--test-reporter=tap', `--test-reporter-destination=${tap}`];
const started = Date.now();
const r = spawnSync(process.execPath, ['scripts/run-tests.mjs', 'test/reliability', '--', ...reporters, ...extra], { stdio: 'inherit', env });
const minutes = ((Date.now() - started) / 60000).toFixed(1);

/** Counts by key (one JSON file per test). */
const counts = {};
for (const f of fs.readdirSync(countsDir).filter((f) => f.endsWith('.json'))) {
  const c = JSON.parse(fs.readFileSync(path.join(countsDir, f), 'utf8'));
  counts[c.key] = c;
}
const tapText = fs.existsSync(tap) ? fs.readFileSync(tap, 'utf8') : '';
const tapCount = (name) => Number(new RegExp(`^# ${name} (\\d+)$`, 'm').exec(tapText)?.[1] ?? NaN);
const failed = [...tapText.matchAll(/^\s*not ok \d+ - (.*)$/gm)].map((m) => m[1].replace(/ # .*$/, '')).filter((n) => !n.endsWith('.test.ts'));
const skipped = [...tapText.matchAll(/^\s*ok \d+ - (.*?) # SKIP(.*)$/gm)].map((m) => `${m[1]} (${m[2].trim()})`);

const n = (x) => (typeof x === 'number' ? x.toLocaleString('en-US') : '?');
const sum = (keys, field) => keys.reduce((s, k) => s + (counts[k]?.[field] ?? 0), 0);
const specialKeys = Object.keys(counts).filter((k) => k.startsWith('special-'));
const mutated = counts['fuzz-mutated'];
const generated = counts['fuzz-generated'];
const seeded = (mutated?.cases ?? 0) + (generated?.cases ?? 0);
const malformed = counts['malformed-corpus']?.inputs ?? 0;
const special = sum(specialKeys, 'inputs');
const fixes = counts['fixes-corpus'];
const secretKeys = Object.keys(counts).filter((k) => k.startsWith('secrets-'));
const secretChecks = secretKeys.reduce((s, k) => s + counts[k].distinct * counts[k].outputs, 0);
const regex = counts['regex-recheck'];
const scan = counts['scan-many-files'];
const edits = counts['rapid-edits'];
const ro = counts['read-only'];
const scale = Object.keys(counts).filter((k) => k.startsWith('scale-')).map((k) => `${counts[k].format} ×${counts[k].ratio} (${n(counts[k].bigCpuMs)} ms CPU at ${n(counts[k].smallKB * 4)} KB)`);

const lines = [
  '',
  `== test:fuzz summary (every count written by the tests of this run; ${minutes} min) ==`,
  `Inputs tried: ${n(seeded + malformed + special)}`,
  `  mutated corpus files (fast-check, seed ${mutated?.seed ?? '?'}): ${n(mutated?.cases)} (${n(mutated?.binary)} became binary: skipped as analyzeFile skips them); slowest ${n(mutated?.slowestCpuMs)} ms CPU${mutated?.strictTime ? ' (2 s budget enforced)' : ''}`,
  `  generated n8n / Node-RED / WDL documents (seed ${generated?.seed ?? '?'}): ${n(generated?.cases)}; slowest ${n(generated?.slowestCpuMs)} ms CPU`,
  `  → seeded reproducible cases: ${n(seeded)} (required ≥ ${n(MIN_SEEDED_CASES)})`,
  `  malformed corpus files: ${n(malformed)}`,
  `  special cases: ${n(special)} (${specialKeys.map((k) => `${k.slice(8)} ${n(counts[k].inputs)}`).join(', ')})`,
  `  findings checked against range/position invariants: ${n((mutated?.findings ?? 0) + (generated?.findings ?? 0))}`,
  `Fixes applied and verified: ${n((fixes?.fixes ?? 0) + (mutated?.fixesApplied ?? 0) + (generated?.fixesApplied ?? 0))}`,
  `  corpus (${n(fixes?.corpusFiles)} files, ${n(fixes?.filesWithFixes)} with fixes): ${n(fixes?.fixesAsFound)} as found + ${n(fixes?.fixesMinified)} minified (valid JSON, finding gone, nothing new, text outside the edit identical)`,
  `  fix-all runs on the corpus: ${n(fixes?.fixAllRuns)} (applied ${n(fixes?.fixAllApplied)}, skipped ${n(fixes?.fixAllSkipped)})`,
  `  on fuzzed text: ${n((mutated?.fixesApplied ?? 0) + (generated?.fixesApplied ?? 0))} fixes applied, ${n((mutated?.fixAllRuns ?? 0) + (generated?.fixAllRuns ?? 0))} fix-all runs (edits inside the text, parsing text stays parsing)`,
  `Secrets checked: ${n(secretChecks)} (distinct secret strings × outputs searched: ${secretKeys.map((k) => `${n(counts[k].distinct)} × ${counts[k].outputs} ${counts[k].outputNames}`).join('; ')})`,
  `Regular expressions checked by recheck: ${n(regex?.expressions)} distinct (${n(regex?.safe)} safe, ${n(regex?.bounded)} bounded of which ${n(regex?.boundedByConstruction)} by their quantifiers alone, ${n(regex?.fuzzRefuted)} fuzzer verdicts refuted by timing their attack, ${n(regex?.ownTextOnly)} reading only our own text, ${n(regex?.problems)} problems)`,
  `Workspace scan: ${n(scan?.files)} generated files; server full scan ${n(scan?.serverScanMs)} ms, peak RSS ${n(scan?.serverPeakRssMb)} MB, cancelled scan stopped after ${n(scan?.cancelledAfterFiles)} files; CLI ${n(scan?.cliScanMs)} ms, peak RSS ${n(scan?.cliPeakRssMb)} MB`,
  `Rapid edits: ${n(edits?.edits)} edits to a ${n(edits?.documentBytes)}-character document, ${n(edits?.publications)} publication(s) after them (final version only)`,
  `Linear scaling (×4 size): ${scale.join('; ') || '?'}`,
  `Never writes: ${n(ro?.entries)} entries (${n(ro?.corpusFiles)} corpus files) unchanged after ${n(ro?.cliScans)} CLI scans, ${n(ro?.serverScans)} server scan and ${n(ro?.codeActions)} code actions`,
  `Tests: ${n(tapCount('tests'))} run, ${n(tapCount('pass'))} passed, ${n(tapCount('fail'))} failed, ${n(tapCount('skipped'))} skipped`,
  `Faults found: ${failed.length ? failed.join('; ') : 'none'}`,
];
const problems = [];
if (seeded < MIN_SEEDED_CASES) problems.push(`only ${seeded} seeded cases ran (required ≥ ${MIN_SEEDED_CASES})`);
if (skipped.length) problems.push(`skipped tests: ${skipped.join('; ')}`);
if (!tapText) problems.push('no TAP report was written');
for (const p of problems) lines.push(`PROBLEM: ${p}`);
lines.push(`test:fuzz finished in ${minutes} min (tests exit ${r.status})`);
console.log(lines.join('\n'));
fs.rmSync(countsDir, { recursive: true, force: true });
process.exit(r.status !== 0 ? (r.status ?? 1) : problems.length ? 1 : 0);
