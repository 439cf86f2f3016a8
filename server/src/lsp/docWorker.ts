/**
 * Main-thread side of the document worker (lsp/worker.ts): one worker thread, started on first use, that analyses
 * large open documents and answers quick-fix, hover, fix-all and format requests about them, so the language server's
 * event loop never runs a multi-megabyte analysis.
 *
 * Jobs run one at a time, in order. A newer `analyse` of a document replaces its queued one (the older resolves
 * `undefined`); when the running job is an older version's analysis of a large text (≥ {@link TERMINATE_MIN_CHARS}),
 * the worker is terminated and started again, since its result would be dropped anyway. A worker that dies on its own
 * (crash, out of memory) fails the running job with {@link WorkerFailure}; the next job starts a new worker.
 */
import { Worker } from 'node:worker_threads';
import type { Hover, Position } from 'vscode-languageserver/node';
import type { TextEdit } from '../engine';
import { changeLog } from './changes';
import type { Analysis } from './diagnostics';
import type { DocumentInfo } from './hover';
import { DOCUMENT_WORKER, type DocRef, type WireConfig, type WorkerRequest } from './worker';
import type { GuardSettings } from './settings';
// Loaded in this module's thread too: under tsx a worker runs this very file, and this import makes it serve.
import './worker';

/** Requests about a document version. */
type DocRequest = Exclude<WorkerRequest, { kind: 'info' } | { kind: 'forget' } | { kind: 'file' }>;

/** Texts at least this long (UTF-16 code units) are worth a worker restart when a newer version makes their analysis useless. */
export const TERMINATE_MIN_CHARS = 1_000_000;

/** The worker stopped (crashed, ran out of memory, or could not start) while it ran a job. */
export class WorkerFailure extends Error {
  constructor(readonly reason: string) {
    super(`the analysis worker stopped: ${reason}`);
    this.name = 'WorkerFailure';
  }
}

interface Job {
  id: number;
  req: WorkerRequest;
  resolve(v: unknown): void;
  reject(e: unknown): void;
}

/** Options of {@link DocumentWorker}. */
export interface DocumentWorkerOptions {
  /** Heap limit of the worker in MB (`resourceLimits.maxOldGenerationSizeMb`); default: Node's. */
  maxOldGenerationSizeMb?: number;
  /** Told when the worker stops unexpectedly (for a log line). */
  onFailure?(reason: string): void;
}

/** The document worker, seen from the main thread. All methods are safe to call at any time. */
export class DocumentWorker {
  private worker?: Worker;
  /** Document URI → version of the text the current worker holds for it (so the text is not sent again). */
  private readonly holds = new Map<string, number>();
  private readonly queue: Job[] = [];
  private running?: Job;
  private nextId = 0;

  constructor(private readonly options: DocumentWorkerOptions = {}) {}

  /** Analysis of a document version in the worker; undefined when a newer analysis of the same document replaced it. */
  async analyse(ref: DocRef): Promise<Analysis | undefined> {
    for (const j of [...this.queue]) {
      if (j.req.kind === 'analyse' && j.req.uri === ref.uri) {
        this.queue.splice(this.queue.indexOf(j), 1);
        j.resolve(undefined);
      }
    }
    const r = this.running;
    if (r && r.req.kind === 'analyse' && r.req.uri === ref.uri && r.req.version !== ref.version && (r.req.chars ?? 0) >= TERMINATE_MIN_CHARS) {
      this.running = undefined;
      this.stop();
      r.resolve(undefined);
    }
    return (await this.withText({ kind: 'analyse', chars: ref.text?.length, ...ref })) as Analysis | undefined;
  }

  /** Fix edits of findings (by index in that version's analysis); null entries for findings without a usable fix. */
  async edits(ref: DocRef, indices: number[]): Promise<(TextEdit[] | null)[]> {
    return (await this.withText({ kind: 'edits', indices, ...ref })) as (TextEdit[] | null)[];
  }

  /** The hover of a position in a document version. */
  async hover(ref: DocRef, position: Position): Promise<Hover | null> {
    return (await this.withText({ kind: 'hover', position, ...ref })) as Hover | null;
  }

  /** The one edit of fix-all for a document version, or undefined when nothing is fixable. */
  async fixAll(ref: DocRef): Promise<TextEdit | undefined> {
    return ((await this.withText({ kind: 'fixAll', ...ref })) as TextEdit | null) ?? undefined;
  }

  /** The detected format of a text (lsp/hover.ts `documentInfo`). */
  async info(text: string, fileName: string): Promise<DocumentInfo | null> {
    return (await this.send({ kind: 'info', text, fileName })) as DocumentInfo | null;
  }

  /** Scan Workspace: a file on disk read and analysed in the worker (lsp/scan.ts `readAndAnalyse`; fs errors reject). */
  async file(file: string, settings: GuardSettings, config: WireConfig | undefined): Promise<Analysis> {
    return (await this.send({ kind: 'file', file, settings, config })) as Analysis;
  }

  /** Drops what the worker keeps for a closed document. */
  forget(uri: string): void {
    if (!this.holds.delete(uri) || !this.worker) return;
    void this.send({ kind: 'forget', uri }).catch(() => undefined);
  }

  /** Ends the worker; queued jobs fail. */
  dispose(): void {
    this.stop();
    for (const j of this.queue.splice(0)) j.reject(new WorkerFailure('the server is stopping'));
  }

  /**
   * Sends a document request without its text when the worker holds that version, with the edits since the version it
   * holds when the change log has them, with the whole text otherwise (or when the worker says it is missing).
   */
  private async withText(req: DocRequest): Promise<unknown> {
    const held = this.holds.get(req.uri);
    const edits = held !== undefined && held !== req.version ? changeLog.since(req.uri, held, req.version) : undefined;
    const lean: DocRequest = held === req.version ? { ...req, text: undefined } : edits ? { ...req, text: undefined, base: held, edits } : req;
    try {
      const v = await this.send(lean);
      this.holds.set(req.uri, req.version);
      changeLog.trim(req.uri, req.version);
      return v;
    } catch (e) {
      if (!(e instanceof Error && e.message === 'missing') || lean.text !== undefined) throw e;
      this.holds.delete(req.uri);
      const v = await this.send(req);
      this.holds.set(req.uri, req.version);
      return v;
    }
  }

  private send(req: WorkerRequest): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, req, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    if (this.running || !this.queue.length) return;
    const job = this.queue.shift()!;
    this.running = job;
    let worker: Worker;
    try {
      worker = this.worker ?? this.start();
    } catch (e) {
      this.running = undefined;
      job.reject(new WorkerFailure(e instanceof Error ? e.name : 'could not start'));
      this.pump();
      return;
    }
    worker.postMessage({ id: job.id, req: job.req });
  }

  private start(): Worker {
    const limits = this.options.maxOldGenerationSizeMb ? { resourceLimits: { maxOldGenerationSizeMb: this.options.maxOldGenerationSizeMb } } : {};
    const worker = new Worker(__filename, { workerData: { lowcodeGuardWorker: DOCUMENT_WORKER }, ...limits });
    this.worker = worker;
    this.holds.clear();
    worker.on('message', (m: { id: number; value?: unknown; error?: string }) => {
      const job = this.running;
      if (this.worker !== worker || !job || job.id !== m.id) return;
      this.running = undefined;
      if (m.error !== undefined) job.reject(new Error(m.error));
      else job.resolve(m.value);
      this.pump();
    });
    const failed = (reason: string) => {
      if (this.worker !== worker) return; // terminated on purpose
      this.worker = undefined;
      this.holds.clear();
      this.options.onFailure?.(reason);
      const job = this.running;
      this.running = undefined;
      job?.reject(new WorkerFailure(reason));
      this.pump();
    };
    worker.on('error', (e: NodeJS.ErrnoException) => failed(e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'out of memory' : `${e.name}${e.code ? ` (${e.code})` : ''}`));
    worker.on('exit', (code) => failed(`exited with code ${code}`));
    // An idle worker must not keep the server alive after its client went away.
    worker.unref();
    return worker;
  }

  private stop(): void {
    const w = this.worker;
    this.worker = undefined;
    this.holds.clear();
    if (w) void w.terminate().catch(() => undefined);
    queueMicrotask(() => this.pump());
  }
}
