// Bundles, with the options of scripts/bundle.mjs (minified CommonJS for Node 20):
// - bench/engine-entry.ts (the engine and workspace code the CLI and server ship) into .bench/engine.cjs, so
//   in-process measurements run the same code as the shipped bundles;
// - bench/servers/library-only.ts (a server that loads only vscode-languageserver) into .bench/library-only-server.js,
//   the baseline of the `initialize` row.
import { build } from 'esbuild';
import * as path from 'node:path';
import { ROOT, WORK } from './util.mjs';

const options = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: true,
  legalComments: 'none',
  mainFields: ['module', 'main'],
  logLevel: 'warning',
};
await Promise.all([
  build({ ...options, entryPoints: [path.join(ROOT, 'bench', 'engine-entry.ts')], outfile: path.join(WORK, 'engine.cjs') }),
  build({ ...options, entryPoints: [path.join(ROOT, 'bench', 'servers', 'library-only.ts')], outfile: path.join(WORK, 'library-only-server.js') }),
]);
