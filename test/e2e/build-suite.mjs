// Bundles the in-editor suite (test/e2e/suite/index.ts) into test/e2e/out/suite/index.js with esbuild: CommonJS,
// `vscode` left external (the extension host provides it), inline source maps for readable stack traces.
// Used by run-test-electron.mjs; any other launcher (e.g. code-server's smoke-test driver) can reuse it:
//   node test/e2e/build-suite.mjs   → prints the absolute path of the built module.
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));

/** Builds the suite; resolves to the absolute path of the `run()` module to pass as `extensionTestsPath`. */
export async function buildSuite() {
  const outfile = join(HERE, 'out', 'suite', 'index.js');
  await build({
    entryPoints: [join(HERE, 'suite', 'index.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['vscode'],
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  return outfile;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(await buildSuite());
