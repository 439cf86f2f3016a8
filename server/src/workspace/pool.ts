/**
 * A pool of worker threads (node:worker_threads) that runs `analyzeFile` for `analyzeFiles` (workspace/scan.ts), so a
 * large scan uses more than one core. Pure Node (no LSP imports).
 *
 * Worker entry: no separate bundle. A worker runs the very file this module was loaded from (`__filename`: the
 * esbuild bundle `server/out/cli.js` or `server/out/server.js`, or this source file under tsx) with
 * `workerData = { lowcodeGuardWorker: 'scan' }`; when this module is initialised in such a thread it answers
 * jobs on `parentPort` (see {@link serveScanJobs} at the bottom). The bundles' entry points run their main code only
 * on the main thread (`isMainThread`), so a worker does nothing else.
 *
 * Messages: main → worker `{ id, path, options }` (the data part of `AnalyzeFileOptions`: never `suppress`, which is
 * a function and is applied on the main thread); worker → main `{ id, result }` (a `FileAnalysis`, fix edits dropped)
 * or `{ id, error, code? }` (the fs error of that file). A worker that dies (crash, out of memory) hands its files back:
 * they are analysed on the main thread, so a scan's results never depend on the pool.
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { analyzeFile, type AnalyzeFileOptions, type FileAnalysis } from './analyze-file';

/** `workerData.lowcodeGuardWorker` of a scan worker. */
export const SCAN_WORKER = 'scan';

/** The part of `AnalyzeFileOptions` that crosses to a worker (plain data). */
export type WorkerFileOptions = Omit<AnalyzeFileOptions, 'suppress' | 'keepFixEdits'>;

/** One file's outcome from the pool: its analysis, or the error that kept it from being read. */
export type PoolOutcome = { result: FileAnalysis } | { error: string; code?: string };

interface Job {
  id: number;
  path: string;
  options: WorkerFileOptions;
  resolve(o: PoolOutcome): void;
}

interface Slot {
  worker: Worker;
  inFlight: Map<number, Job>;
  dead: boolean;
}

/** Files handed to one worker before it answers (keeps a worker busy while the main thread collects results). */
export const PIPELINE = 2;

/**
 * Worker threads that analyse files. `run` queues a file and resolves with its outcome; `close` ends the threads.
 * Never rejects for a file: a worker that dies hands its files to `fallback` (the main thread).
 */
export class AnalysisPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 0;
  private closed = false;

  /**
   * @param threads number of worker threads (≥ 1).
   * @param fallback analyses a file on the calling thread when its worker died.
   * @param onWorkerFailure told once per worker that stopped unexpectedly (for a log line).
   */
  constructor(
    threads: number,
    private readonly fallback: (path: string, options: WorkerFileOptions) => Promise<PoolOutcome>,
    private readonly onWorkerFailure?: (error: unknown) => void,
  ) {
    for (let i = 0; i < threads; i++) this.slots.push(this.spawn());
  }

  private spawn(): Slot {
    const worker = new Worker(__filename, { workerData: { lowcodeGuardWorker: SCAN_WORKER } });
    const slot: Slot = { worker, inFlight: new Map(), dead: false };
    worker.on('message', (m: { id: number } & PoolOutcome) => {
      const job = slot.inFlight.get(m.id);
      if (!job) return;
      slot.inFlight.delete(m.id);
      job.resolve('result' in m ? { result: m.result } : { error: m.error, ...(m.code ? { code: m.code } : {}) });
      this.pump();
    });
    const die = (error: unknown) => {
      if (slot.dead) return;
      slot.dead = true;
      if (this.closed) return;
      this.onWorkerFailure?.(error);
      const orphans = [...slot.inFlight.values()];
      slot.inFlight.clear();
      for (const job of orphans) void this.fallback(job.path, job.options).then(job.resolve);
      // No live worker left: the main thread takes the rest of the queue.
      if (this.slots.every((s) => s.dead)) for (const job of this.queue.splice(0)) void this.fallback(job.path, job.options).then(job.resolve);
      else this.pump();
    };
    worker.on('error', die);
    worker.on('exit', (code) => die(new Error(`analysis worker exited with code ${code}`)));
    return slot;
  }

  /** Queues one file; resolves with its outcome (never rejects). */
  run(path: string, options: WorkerFileOptions): Promise<PoolOutcome> {
    return new Promise((resolve) => {
      const job: Job = { id: this.nextId++, path, options, resolve };
      if (this.closed || this.slots.every((s) => s.dead)) {
        void this.fallback(path, options).then(resolve);
        return;
      }
      this.queue.push(job);
      this.pump();
    });
  }

  /** Hands queued files to live workers with room in their pipeline. */
  private pump(): void {
    for (const slot of this.slots) {
      while (!slot.dead && slot.inFlight.size < PIPELINE && this.queue.length) {
        const job = this.queue.shift()!;
        slot.inFlight.set(job.id, job);
        slot.worker.postMessage({ id: job.id, path: job.path, options: job.options });
      }
    }
  }

  /** Ends every worker thread (queued files are dropped: their promises never settle). Safe to call twice. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.queue.length = 0;
    await Promise.all(this.slots.map((s) => s.worker.terminate().catch(() => undefined)));
  }
}

/** Runs `analyzeFile` and turns a thrown fs error into an outcome (used by workers and by the fallback). */
export async function analyzeOutcome(path: string, options: WorkerFileOptions): Promise<PoolOutcome> {
  try {
    return { result: await analyzeFile(path, options) };
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    return { error: err?.message ?? String(e), ...(err?.code ? { code: err.code } : {}) };
  }
}

/** Worker side: answers `{ id, path, options }` messages with `{ id, result }` or `{ id, error, code? }`. */
function serveScanJobs(): void {
  const port = parentPort!;
  port.on('message', (m: { id: number; path: string; options: WorkerFileOptions }) => {
    void analyzeOutcome(m.path, m.options).then((o) => port.postMessage({ id: m.id, ...o }));
  });
}

if (!isMainThread && (workerData as { lowcodeGuardWorker?: string } | null)?.lowcodeGuardWorker === SCAN_WORKER) serveScanJobs();
