/**
 * Fuzzing the engine with fast-check, seeded and reproducible:
 * 1. mutated corpus files (lib/mutations.ts): no exception escapes `analyze`, every invariant of lib/invariants.ts holds;
 * 2. generated low-code-shaped documents with random JSON in every setting (lib/shapes.ts): same checks.
 * The normal test run does a fixed-seed subset; `npm run test:fuzz` sets LCG_FUZZ_RUNS (≥ 10,000 cases in all) and
 * LCG_FUZZ_STRICT_TIME=1, which also fails any case that takes more than 2 s of CPU. LCG_FUZZ_SEED changes the seed.
 * On a failure fast-check prints the seed and the path of the counterexample: rerun with both to reproduce it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyze } from '../../server/src/engine';
import { CORPUS } from '../helpers';
import { recordCounts } from './lib/counts';
import { checkAnalysis, newStats } from './lib/invariants';
import { applyOp, applyStructural, corpusFiles, corpusText, describeCase, opsArb, structuralArb } from './lib/mutations';
import { indentArb, shapedDocumentArb } from './lib/shapes';

const RUNS = Number(process.env.LCG_FUZZ_RUNS ?? 300);
const SEED = Number(process.env.LCG_FUZZ_SEED ?? 424242);
const STRICT_TIME = process.env.LCG_FUZZ_STRICT_TIME === '1';
/** The per-case CPU budget of the fuzz run (user + system time of this process, so other processes' load does not count). */
const MAX_CPU_MS = 2000;

/** Runs `fn`, returning its CPU time in ms. */
function cpuMs(fn: () => void): number {
  const start = process.cpuUsage();
  fn();
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1000;
}

class Slowest {
  ms = 0;
  what = '';
  add(ms: number, what: string): void {
    if (ms > this.ms) [this.ms, this.what] = [ms, what];
    if (STRICT_TIME) assert.ok(ms <= MAX_CPU_MS, `${what}: ${ms.toFixed(0)} ms of CPU (budget ${MAX_CPU_MS} ms)`);
  }
}

test('fuzz: mutated corpus files never make analyze throw, and every finding range and fix is sound', { skip: !CORPUS && 'shared corpus not found at ../shared/corpus', timeout: 3_600_000 }, (t) => {
  const files = corpusFiles(CORPUS);
  assert.ok(files.length > 3000, `corpus has ${files.length} files`);
  const stats = newStats();
  const slowest = new Slowest();
  let binary = 0;
  let tried = 0;
  fc.assert(
    fc.property(fc.nat({ max: files.length - 1 }), structuralArb, opsArb, (i, structural, ops) => {
      tried++;
      const file = files[i];
      let text: string | undefined = applyStructural(corpusText(file), structural);
      for (const op of ops) if (text !== undefined) text = applyOp(text, op);
      if (text === undefined) {
        binary++; // a NUL byte: analyzeFile skips such files (see malformed.test.ts); nothing to analyse
        return;
      }
      const where = describeCase(file, structural, ops);
      let result!: ReturnType<typeof analyze>;
      slowest.add(cpuMs(() => (result = analyze(text!, { fileName: file }))), where);
      checkAnalysis(text, result, where, stats);
    }),
    { seed: SEED, numRuns: RUNS },
  );
  t.diagnostic(`${tried} mutated corpus files (seed ${SEED}): ${binary} became binary, ${stats.findings} findings checked, ${stats.fixesApplied} fixes applied, fixAll run ${stats.fixAllRuns} times; slowest ${slowest.ms.toFixed(0)} ms CPU (${slowest.what.slice(0, 160)})`);
  recordCounts('fuzz-mutated', { cases: tried, seed: SEED, binary, findings: stats.findings, fixesApplied: stats.fixesApplied, fixAllRuns: stats.fixAllRuns, slowestCpuMs: Math.round(slowest.ms), strictTime: STRICT_TIME ? 1 : 0 });
});

test('fuzz: generated n8n / Node-RED / WDL shapes with random JSON settings', { timeout: 3_600_000 }, (t) => {
  const stats = newStats();
  const slowest = new Slowest();
  const runs = Math.max(100, Math.round(RUNS / 2));
  let tried = 0;
  fc.assert(
    fc.property(shapedDocumentArb, indentArb, (doc, indent) => {
      tried++;
      const text = JSON.stringify(doc, null, indent) ?? 'null';
      let result!: ReturnType<typeof analyze>;
      slowest.add(cpuMs(() => (result = analyze(text, { fileName: 'generated.json' }))), text.slice(0, 120));
      checkAnalysis(text, result, `generated ${text.slice(0, 80)}`, stats);
      assert.deepEqual(result.findings.filter((f) => f.ruleId === 'engine/rule-error').map((f) => f.message), [], 'no rule fails on a generated document');
    }),
    { seed: SEED + 1, numRuns: runs },
  );
  t.diagnostic(`${tried} generated documents (seed ${SEED + 1}): ${stats.findings} findings checked, ${stats.fixesApplied} fixes applied; slowest ${slowest.ms.toFixed(0)} ms CPU`);
  recordCounts('fuzz-generated', { cases: tried, seed: SEED + 1, findings: stats.findings, fixesApplied: stats.fixesApplied, fixAllRuns: stats.fixAllRuns, slowestCpuMs: Math.round(slowest.ms), strictTime: STRICT_TIME ? 1 : 0 });
});

test('the invariant checker itself rejects a range outside the text, a wrong position, a split surrogate pair and a fix that breaks the JSON', () => {
  const text = '{"a":"😀x"}';
  const good = analyze(text);
  const finding = (offset: number, length: number, range = good.lines.rangeAt(offset, length)) => ({ ruleId: 'x/y', severity: 'warning' as const, message: 'm', pointer: '', offset, length, range });
  const bad = (f: ReturnType<typeof finding> & { fix?: unknown }) => assert.throws(() => checkAnalysis(text, { ...good, findings: [f as never] }, 'self-test'), assert.AssertionError);
  bad(finding(5, 99));
  bad({ ...finding(1, 3), range: { start: { line: 0, character: 2 }, end: { line: 0, character: 4 } } });
  bad(finding(7, 1));
  const broken = analyze('{"nodes":[],"connections":{}}');
  assert.throws(() => checkAnalysis('{"nodes":[],"connections":{}}', { ...broken, findings: [{ ...finding(1, 1), fix: { title: 't', edits: [{ offset: 0, length: 1, content: '[' }] } }] }, 'self-test'), assert.AssertionError);
});
