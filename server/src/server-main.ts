/**
 * Entry point of the language server's second bundle (`server/out/server-main.js`, built by `scripts/bundle.mjs`):
 * everything the server needs after answering `initialize` (lsp/main.ts and the engine, rules, configuration, scans
 * and reports it pulls), kept out of `server/out/server.js` so the process that answers `initialize` reads only the
 * LSP library and the boot code (issue #4).
 *
 * Roles, as in `server.ts`:
 * - main thread: required by lsp/boot.ts (the bundle maps its `require('./main')` here) once the client's
 *   `initialized` arrives; exports {@link start}, which loads lsp/main.ts only when called;
 * - worker threads: the document worker (lsp/docWorker.ts starts `new Worker(__filename, { workerData:
 *   { lowcodeGuardWorker: 'document' } })`, lsp/worker.ts) and the scan pool's workers (workspace/pool.ts, `'scan'`)
 *   run `__filename`, which in this bundle is this file: each role's modules are required only in the thread that
 *   plays it, and start serving when they are initialised there.
 *
 * The LSP library, vscode-languageserver-textdocument and lsp/changes.ts are not inlined: both bundles require them
 * from `server/out/lib/`, so each thread holds one instance of each (see scripts/bundle.mjs).
 */
import { isMainThread, workerData } from 'node:worker_threads';
import type * as Main from './lsp/main';

const role = isMainThread ? 'main' : (workerData as { lowcodeGuardWorker?: string } | null)?.lowcodeGuardWorker;
if (role === 'document') require('./lsp/worker');
else if (role === 'scan') require('./workspace/pool');

/** lsp/main.ts `start`: wires the server on the connection and documents that boot.ts created (main thread only). */
export function start(...args: Parameters<typeof Main.start>): ReturnType<typeof Main.start> {
  return (require('./lsp/main') as typeof Main).start(...args);
}
