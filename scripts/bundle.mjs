// Bundles the client, the language server and the CLI with esbuild (CommonJS, Node 20).
import { build } from 'esbuild';
import { generateSchemaValidators } from './gen-schema-validators.mjs';

// The schema validators are generated code (ajv standalone, server/src/engine/schema/generated/): regenerate them
// first, so a bundle never ships validators older than schemas/ (and no process compiles a schema at run time).
const regenerated = await generateSchemaValidators();
if (regenerated.length) console.log(`regenerated schema validators: ${regenerated.join(', ')}`);

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: false,
  minify: process.env.LCG_MINIFY !== '0',
  legalComments: 'none',
  // jsonc-parser's UMD build loads ./impl/* through a require esbuild cannot follow: prefer the ES module build.
  mainFields: ['module', 'main'],
  logLevel: 'warning',
};

await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'client/out/extension.js', external: ['vscode'] }),
  build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'server/out/server.js' }),
  build({
    ...common,
    entryPoints: ['server/src/cli.ts'],
    outfile: 'server/out/cli.js',
    banner: { js: '#!/usr/bin/env node' },
  }),
]);
