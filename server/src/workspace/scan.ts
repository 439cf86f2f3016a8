/**
 * Analyses many files with bounded concurrency (reads overlap; the engine itself is synchronous), on the calling
 * thread or, for large file sets, on a pool of worker threads (workspace/pool.ts). Shared by the CLI and the language
 * server's Scan Workspace command; pure Node.
 */
import { availableParallelism } from 'node:os';
import { analyzeFile, type AnalyzeFileOptions, type FileAnalysis } from './analyze-file';
import { AnalysisPool, analyzeOutcome, PIPELINE, type PoolOutcome, type WorkerFileOptions } from './pool';

/** Options of `analyzeFiles`. */
export interface AnalyzeFilesOptions extends AnalyzeFileOptions {
  /** Files read at the same time on the calling thread (default 8). */
  concurrency?: number;
  /**
   * Threads to analyse on: 1 = the calling thread only; a number n > 1 = the calling thread and n - 1 worker threads
   * (at most one thread per file); `'auto'` = {@link defaultThreads} (no pool for small sets). Default 1.
   * `keepFixEdits` forces the calling thread (lazily computed edits cannot cross threads).
   */
  threads?: number | 'auto';
  /** Stops handing out new files; `analyzeFiles` then rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Called as each file finishes (in completion order), e.g. for progress. */
  onResult?(result: FileAnalysis | FileError, done: number, total: number): void;
  /** Per-file options laid over the others (e.g. the rule levels and suppressions of the file's configuration). */
  optionsFor?(path: string): AnalyzeFileOptions | undefined;
  /** Told when a worker thread stops unexpectedly (its files are then analysed on the calling thread). */
  onWorkerFailure?(error: unknown): void;
}

/** A file that could not be read (vanished, permission denied, …). `code` is the Node error code when there is one. */
export interface FileError {
  path: string;
  error: string;
  code?: string;
}

/** True when `r` is a `FileError`. */
export function isFileError(r: FileAnalysis | FileError): r is FileError {
  return 'error' in r;
}

/**
 * Fewest files per thread for `'auto'` to start the pool: each worker thread loads the bundle and warms up its own
 * JIT (measured: a 2-thread corpus scan costs ~15–25 % more CPU than one thread), so small sets stay on the calling
 * thread. The pool is not the default: on the 2-core machine it was measured on (shared, load 11–17) it gained no
 * wall time (docs/performance.md).
 */
export const MIN_FILES_PER_THREAD = 500;

/**
 * Threads `'auto'` uses for `files` files: `os.availableParallelism()` (at most 8), fewer when there are fewer than
 * {@link MIN_FILES_PER_THREAD} files per thread; 1 on a single core.
 */
export function defaultThreads(files: number): number {
  return Math.max(1, Math.min(availableParallelism(), 8, Math.floor(files / MIN_FILES_PER_THREAD)));
}

/**
 * Runs `analyzeFile` over `paths` with at most `concurrency` files in flight. Returns one entry per path, in the
 * order of `paths`: a `FileAnalysis`, or a `FileError` when the file could not be read. Never rejects for a single
 * file; rejects only when `signal` aborts. Results are the same on any number of threads.
 */
export async function analyzeFiles(paths: readonly string[], options: AnalyzeFilesOptions = {}): Promise<(FileAnalysis | FileError)[]> {
  const { concurrency = 8, threads = 1, signal, onResult, optionsFor, onWorkerFailure, ...fileOptions } = options;
  const wanted = threads === 'auto' ? defaultThreads(paths.length) : Math.max(1, Math.min(Math.floor(threads), paths.length));
  const out = new Array<FileAnalysis | FileError>(paths.length);
  let done = 0;
  const record = (i: number, r: FileAnalysis | FileError) => {
    out[i] = r;
    onResult?.(r, ++done, paths.length);
  };
  if (wanted > 1 && !fileOptions.keepFixEdits && paths.length > 1) {
    await inPool(paths, wanted, fileOptions, optionsFor, record, signal, onWorkerFailure);
    signal?.throwIfAborted();
    return out;
  }
  let next = 0;
  const worker = async () => {
    while (next < paths.length) {
      signal?.throwIfAborted();
      const i = next++;
      const p = paths[i];
      let r: FileAnalysis | FileError;
      try {
        const extra = optionsFor?.(p);
        r = await analyzeFile(p, extra ? { ...fileOptions, ...extra } : fileOptions);
      } catch (e) {
        const err = e as NodeJS.ErrnoException;
        r = { path: p, error: err?.message ?? String(e), ...(err?.code ? { code: err.code } : {}) };
      }
      record(i, r);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, paths.length)) }, worker));
  signal?.throwIfAborted();
  return out;
}

/**
 * The pool variant: `threads - 1` worker threads plus the calling thread take files one by one from the same list. A
 * worker gets the data part of the file's options; `suppress` (a function) runs here on the result, as `analyzeFile`
 * would have run it. Aborting ends the workers at once.
 */
async function inPool(
  paths: readonly string[],
  threads: number,
  fileOptions: AnalyzeFileOptions,
  optionsFor: AnalyzeFilesOptions['optionsFor'],
  record: (i: number, r: FileAnalysis | FileError) => void,
  signal: AbortSignal | undefined,
  onWorkerFailure: AnalyzeFilesOptions['onWorkerFailure'],
): Promise<void> {
  signal?.throwIfAborted();
  const workers = threads - 1;
  const pool = new AnalysisPool(workers, analyzeOutcome, onWorkerFailure);
  const aborted = new Promise<never>((_, reject) => {
    if (!signal) return;
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
  aborted.catch(() => undefined);
  let next = 0;
  const take = () => (next < paths.length && !signal?.aborted ? next++ : -1);
  const run = async (i: number, on: (p: string, o: WorkerFileOptions) => Promise<PoolOutcome>) => {
    const p = paths[i];
    const { suppress, keepFixEdits: _keep, ...data } = { ...fileOptions, ...optionsFor?.(p) };
    const o = await on(p, data as WorkerFileOptions);
    if (signal?.aborted) return;
    record(i, 'result' in o ? withSuppressions(o.result, suppress) : { path: p, error: o.error, ...(o.code ? { code: o.code } : {}) });
  };
  // Each worker keeps PIPELINE files queued so it never waits for the calling thread.
  const feed = async () => {
    for (let i = take(); i >= 0; i = take()) await run(i, (p, o) => pool.run(p, o));
  };
  const local = async () => {
    for (let i = take(); i >= 0; i = take()) {
      await run(i, analyzeOutcome);
      await new Promise<void>((r) => setImmediate(r)); // lets the workers' answers in
    }
  };
  try {
    await Promise.race([Promise.all([local(), ...Array.from({ length: workers * PIPELINE }, feed)]), aborted]);
  } finally {
    await pool.close();
  }
}

/** `analyzeFile`'s suppression step, run on the calling thread (same rule: only when there are findings). */
function withSuppressions(r: FileAnalysis, suppress: AnalyzeFileOptions['suppress']): FileAnalysis {
  if (!suppress || r.findings.length === 0) return r;
  const { findings, suppressed } = suppress(r.findings, r.path);
  r.findings = findings;
  if (suppressed > 0) r.suppressed = suppressed;
  return r;
}
