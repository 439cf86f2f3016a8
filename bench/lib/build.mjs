// Bundles bench/engine-entry.ts (the engine and workspace code the CLI and server ship) into .bench/engine.cjs with
// the options of scripts/bundle.mjs, so in-process measurements run the same code as the shipped bundles.
import { build } from 'esbuild';
import * as path from 'node:path';
import { ROOT, WORK } from './util.mjs';

await build({
  entryPoints: [path.join(ROOT, 'bench', 'engine-entry.ts')],
  outfile: path.join(WORK, 'engine.cjs'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: true,
  legalComments: 'none',
  mainFields: ['module', 'main'],
  logLevel: 'warning',
});
