/**
 * Preloaded (`node --require …/sandbox.cjs`) into the built CLI or language server by hostile.test.ts:
 * - any network use (net, tls, http, https, http2, dgram, dns, fetch) throws and is recorded;
 * - any process or code loading (child_process, process.dlopen, a worker thread running code that is not one of the
 *   program's own files under the repository root, e.g. `eval: true` or a workspace file) throws and is recorded;
 *   worker threads that run the program's own bundle (the scan's worker pool) are allowed and listed in `workers`;
 * - every path given to the public `fs` API (sync, callback and promise forms) is recorded.
 * The record is written as JSON to the file named by LCG_SANDBOX_LOG when the process exits.
 */
'use strict';
const fs = require('node:fs');
const LOG = process.env.LCG_SANDBOX_LOG;
const path = require('node:path');
const { fileURLToPath } = require('node:url');
const ROOT = path.resolve(__dirname, '..', '..', '..');
const record = { network: [], exec: [], paths: [], workers: [] };
const writeFileSync = fs.writeFileSync;

function forbid(kind, name) {
  return function () {
    record[kind].push(name);
    throw new Error(`sandbox: ${name} is forbidden`);
  };
}
for (const mod of ['net', 'tls', 'http', 'https', 'http2', 'dgram', 'dns']) {
  const m = require(`node:${mod}`);
  for (const key of Object.keys(m)) {
    if (typeof m[key] === 'function' && /^(connect|createConnection|request|get|createSocket|lookup|resolve\w*|lookupService)$/.test(key)) m[key] = forbid('network', `${mod}.${key}`);
  }
}
require('node:dns').promises.lookup = forbid('network', 'dns.promises.lookup');
require('node:net').Socket.prototype.connect = forbid('network', 'net.Socket.connect');
globalThis.fetch = forbid('network', 'fetch');
const cp = require('node:child_process');
for (const key of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']) cp[key] = forbid('exec', `child_process.${key}`);
const wt = require('node:worker_threads');
const RealWorker = wt.Worker;
wt.Worker = class SandboxWorker extends RealWorker {
  constructor(file, options) {
    const f = file instanceof URL ? fileURLToPath(file) : String(file);
    const own = !options?.eval && path.isAbsolute(f) && path.resolve(f).startsWith(ROOT + path.sep) && !path.resolve(f).includes(`${path.sep}node_modules${path.sep}`);
    if (!own) forbid('exec', 'worker_threads.Worker')();
    record.workers.push(path.relative(ROOT, f));
    super(file, options);
  }
};
process.dlopen = forbid('exec', 'process.dlopen');

function logPaths(target, prefix) {
  for (const key of Object.keys(target)) {
    const orig = target[key];
    if (typeof orig !== 'function' || /^[A-Z]/.test(key)) continue; // (the log itself is written with the saved original)
    target[key] = function (p, ...rest) {
      if (typeof p === 'string' || p instanceof URL || Buffer.isBuffer(p)) record.paths.push(`${prefix}${key} ${String(p)}`);
      return orig.call(this, p, ...rest);
    };
  }
}
logPaths(fs, 'fs.');
logPaths(fs.promises, 'fs.promises.');

process.on('exit', () => {
  if (LOG) writeFileSync(LOG, JSON.stringify(record));
});
