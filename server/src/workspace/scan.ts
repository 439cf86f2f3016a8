/**
 * Analyses many files with bounded concurrency (reads overlap; the engine itself is synchronous). Shared by the CLI
 * and the language server's Scan Workspace command; pure Node.
 */
import { analyzeFile, type AnalyzeFileOptions, type FileAnalysis } from './analyze-file';

/** Options of `analyzeFiles`. */
export interface AnalyzeFilesOptions extends AnalyzeFileOptions {
  /** Files read at the same time (default 8). */
  concurrency?: number;
  /** Stops handing out new files; `analyzeFiles` then rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Called as each file finishes (in completion order), e.g. for progress. */
  onResult?(result: FileAnalysis | FileError, done: number, total: number): void;
  /** Per-file options laid over the others (e.g. the rule levels and suppressions of the file's configuration). */
  optionsFor?(path: string): AnalyzeFileOptions | undefined;
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
 * Runs `analyzeFile` over `paths` with at most `concurrency` files in flight. Returns one entry per path, in the
 * order of `paths`: a `FileAnalysis`, or a `FileError` when the file could not be read. Never rejects for a single
 * file; rejects only when `signal` aborts.
 */
export async function analyzeFiles(paths: readonly string[], options: AnalyzeFilesOptions = {}): Promise<(FileAnalysis | FileError)[]> {
  const { concurrency = 8, signal, onResult, optionsFor, ...fileOptions } = options;
  const out = new Array<FileAnalysis | FileError>(paths.length);
  let next = 0;
  let done = 0;
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
      out[i] = r;
      onResult?.(r, ++done, paths.length);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, paths.length)) }, worker));
  signal?.throwIfAborted();
  return out;
}
