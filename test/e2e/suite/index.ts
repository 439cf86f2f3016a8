/**
 * In-editor end-to-end suite: the `run()` module that VS Code loads as `extensionTestsPath` inside the extension host
 * (`@vscode/test-electron` for desktop VS Code, or code-server's smoke-test driver — see test/e2e/README.md).
 *
 * It uses the `vscode` API only, against the workspace the launcher opened (a fresh copy of `samples/`). The steps
 * (steps.ts) check: Scan Workspace publishes diagnostics for never-opened files; every sample shows its expected rule
 * codes at their exact ranges (expected.ts); the editor shows exactly what the CLI reports; a quick fix removes its
 * diagnostic and leaves valid JSON; turning a rule off in `.lowcodeguard.json` updates diagnostics (skipped with a
 * message while the language server ignores that file); the report command matches the CLI; and, last, a killed
 * language server is restarted by the client and diagnostics come back (restart.ts).
 *
 * No test framework: steps run in order and print TAP lines (`ok N - name`, `not ok N - name`,
 * `ok N - name # SKIP reason`); `run()` rejects when any step failed, which makes the test host exit non-zero.
 * Waiting is a poll with a deadline (`LCG_E2E_TIMEOUT_MS`, default 30000 ms per wait), never a fixed sleep.
 */
import { steps } from './steps';
import { Skip } from './util';

/**
 * Entry point called by the VS Code test host. Runs every step (a failure does not stop the others), resolves when
 * none failed, rejects otherwise (the host then exits with code 1).
 */
export async function run(): Promise<void> {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  console.log(`1..${steps.length}`);
  for (const [i, [name, body]] of steps.entries()) {
    const started = Date.now();
    try {
      await body();
      passed++;
      console.log(`ok ${i + 1} - ${name} (${Date.now() - started} ms)`);
    } catch (err) {
      if (err instanceof Skip) {
        skipped++;
        console.log(`ok ${i + 1} - ${name} # SKIP ${err.message}`);
        continue;
      }
      failed++;
      console.log(`not ok ${i + 1} - ${name}`);
      console.log(`# ${(err instanceof Error ? (err.stack ?? err.message) : String(err)).replace(/\n/g, '\n# ')}`);
    }
  }
  console.log(`# suite: ${passed} passed, ${failed} failed, ${skipped} skipped`);
  if (failed) throw new Error(`Low-Code Guard e2e: ${failed} step(s) failed (see "not ok" above)`);
}
