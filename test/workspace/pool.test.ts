/**
 * `analyzeFiles` on a pool of worker threads (workspace/pool.ts) gives exactly what the single-thread run gives:
 * same order, same findings (every field), same file errors, suppressions applied, progress for every file, and
 * cancellation by AbortSignal. Over the shared corpus when present, else over the samples and generated files.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CORPUS } from '../helpers';
import { discoverFiles } from '../../server/src/workspace/discover';
import { analyzeFiles, defaultThreads, isFileError, MIN_FILES_PER_THREAD } from '../../server/src/workspace/scan';
import type { FileAnalysis } from '../../server/src/workspace/analyze-file';

const ROOT = path.resolve(__dirname, '..', '..');
let tmp: string;
let small: string[];

before(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lcg-pool-'));
  const sample = fs.readFileSync(path.join(ROOT, 'samples', 'n8n', 'order-webhook.json'), 'utf8');
  for (let i = 0; i < 12; i++) fs.writeFileSync(path.join(tmp, `flow-${i}.json`), sample.replace('Order intake', `Order intake ${i}`));
  fs.writeFileSync(path.join(tmp, 'broken.json'), '{ "nodes": [ { "name": "x" ], "connections": {} }');
  fs.writeFileSync(path.join(tmp, 'binary.json'), Buffer.from([0x7b, 0x00, 0x7d]));
  fs.writeFileSync(path.join(tmp, 'big.json'), sample.padEnd(40_000, ' '));
  small = [...(await discoverFiles({ roots: [path.join(ROOT, 'samples')] })), ...fs.readdirSync(tmp).map((f) => path.join(tmp, f)).sort(), path.join(tmp, 'missing.json')];
});
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Findings compared field by field (a fix by title and isPreferred: scans never keep edits). */
function comparable(results: Awaited<ReturnType<typeof analyzeFiles>>): unknown[] {
  return results.map((r) => (isFileError(r) ? r : { ...r, findings: r.findings.map((f) => ({ ...f, fix: f.fix && { title: f.fix.title, isPreferred: f.fix.isPreferred, edits: [...f.fix.edits] } })) }));
}

test('pool and single thread agree on samples and generated files (errors, binary, too large, suppressions)', { timeout: 120_000 }, async () => {
  const options = {
    maxFileSizeBytes: 30_000,
    optionsFor: (p: string) => (p.endsWith('flow-3.json') ? { rules: { 'n8n/webhook-without-auth': 'off' as const }, suppress: (f: readonly FileAnalysis['findings'][number][]) => ({ findings: f.slice(1), suppressed: 1 }) } : undefined),
  };
  const progress: number[] = [];
  const one = await analyzeFiles(small, { ...options, threads: 1 });
  const two = await analyzeFiles(small, { ...options, threads: 2, onResult: (_r, done, total) => (assert.equal(total, small.length), progress.push(done)) });
  assert.deepEqual(comparable(two), comparable(one));
  assert.deepEqual(progress, small.map((_, i) => i + 1));
  const byName = (name: string) => two.find((r) => path.basename(r.path) === name)!;
  assert.equal((byName('missing.json') as { code?: string }).code, 'ENOENT');
  assert.equal((byName('binary.json') as FileAnalysis).status, 'binary');
  assert.equal((byName('big.json') as FileAnalysis).status, 'too-large');
  assert.equal((byName('flow-3.json') as FileAnalysis).suppressed, 1);
  assert.ok((byName('flow-2.json') as FileAnalysis).findings.length > 3);
});

test('aborting a pool scan rejects with the signal’s reason', { timeout: 120_000 }, async () => {
  const abort = new AbortController();
  const reason = new Error('stop');
  const files = Array.from({ length: 20 }, () => small).flat();
  await assert.rejects(
    analyzeFiles(files, { threads: 2, signal: abort.signal, onResult: (_r, done) => done === 5 && abort.abort(reason) }),
    (e) => e === reason,
  );
});

test('auto: no pool below MIN_FILES_PER_THREAD files per thread', () => {
  assert.equal(defaultThreads(MIN_FILES_PER_THREAD - 1), 1);
  assert.equal(defaultThreads(10 * MIN_FILES_PER_THREAD), Math.min(os.availableParallelism(), 8));
});

test('pool and single thread give identical findings over the shared corpus', { skip: !CORPUS && 'shared corpus not found at ../shared/corpus', timeout: 900_000 }, async () => {
  const files = await discoverFiles({ roots: [CORPUS!] });
  const one = await analyzeFiles(files, { threads: 1 });
  const two = await analyzeFiles(files, { threads: 2 });
  assert.equal(two.length, files.length);
  assert.deepEqual(
    two.map((r) => r.path),
    files,
  );
  assert.deepEqual(comparable(two), comparable(one));
});
