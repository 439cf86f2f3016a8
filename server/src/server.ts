/**
 * Entry point of the language server bundle (`server/out/server.js`, built by `scripts/bundle.mjs`).
 *
 * The same bundle also runs as the server's worker threads (`new Worker(__filename, { workerData })`): the document
 * worker (lsp/worker.ts, `workerData.lowcodeGuardWorker === 'document'`) and the scan pool's workers
 * (workspace/pool.ts, `'scan'`). Each role's modules are required only in the thread that plays it, so a worker never
 * starts an LSP connection and the main thread does not initialise what it does not use (lsp/boot.ts answers
 * `initialize` before the engine is loaded). The required modules start
 * serving when they are initialised in their worker.
 */
import { isMainThread, workerData } from 'node:worker_threads';

const role = isMainThread ? 'main' : (workerData as { lowcodeGuardWorker?: string } | null)?.lowcodeGuardWorker;
if (role === 'main') require('./lsp/boot');
else if (role === 'document') require('./lsp/worker');
else if (role === 'scan') require('./workspace/pool');
