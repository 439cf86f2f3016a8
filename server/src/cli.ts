/**
 * Entry point of the `lowcode-guard` command (bundled to `server/out/cli.js` with a shebang by `scripts/bundle.mjs`).
 * See `cli/program.ts` for the commands, options and exit codes.
 */
import { isMainThread } from 'node:worker_threads';
import { runCli } from './cli/program';

// This bundle also runs as the scan pool's worker threads (workspace/pool.ts answers their jobs): CLI on the main thread only.
if (isMainThread) main();

function main(): void {
  // `lowcode-guard scan | head` closes the pipe early: stop quietly instead of throwing EPIPE.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });

  runCli(process.argv.slice(2), { cwd: process.cwd(), env: process.env, stdout: process.stdout, stderr: process.stderr }).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      // An internal error: one line, no stack trace unless LOWCODE_GUARD_DEBUG is set.
      const err = e instanceof Error ? e : new Error(String(e));
      process.stderr.write(`lowcode-guard: internal error: ${err.message}\n`);
      if (process.env.LOWCODE_GUARD_DEBUG) process.stderr.write(`${err.stack}\n`);
      process.exitCode = 2;
    },
  );
}
