/**
 * Entry point of the language server bundle (`server/out/server.js`, built by `scripts/bundle.mjs`).
 *
 * On the main thread it runs lsp/boot.ts, which answers `initialize` after loading only the LSP library, then requires
 * the rest of the server (lsp/main.ts) from the second bundle, `server/out/server-main.js` (server-main.ts), when the
 * client's `initialized` arrives. The worker threads (the document worker, lsp/worker.ts, `workerData.lowcodeGuardWorker
 * === 'document'`, and the scan pool's, workspace/pool.ts, `'scan'`) run server-main.js (`new Worker(__filename)` in
 * that bundle); should this file be started as a worker, it hands the role to server-main.ts, which dispatches it.
 * Each role's modules are required only in the thread that plays it, so a worker never starts an LSP connection and
 * the main thread does not initialise what it does not use.
 */
import { isMainThread } from 'node:worker_threads';

if (isMainThread) require('./lsp/boot');
else require('./server-main');
