// Bundles the client, the language server and the CLI with esbuild (CommonJS, Node 20).
//
// The language server is split so that the process answering `initialize` reads only the LSP library and the boot
// code (issue #4):
// - server/out/server.js: the entry (server/src/server.ts): lsp/boot.ts and what it imports;
// - server/out/server-main.js: server/src/server-main.ts: lsp/main.ts and everything it pulls (engine, rules,
//   configuration, scans, reports), required by boot on `initialized`; also the document/scan worker threads'
//   file (they run `__filename`);
// - server/out/lib/*.js: modules both of them use, each bundled once and required by both (`./lib/<name>.js`), so
//   Node's module cache gives a thread ONE instance of each: the LSP library (the connection boot creates is used by
//   main; `instanceof ResponseError` holds), vscode-languageserver-textdocument, and lsp/changes.ts (its change log
//   is filled by boot's TextDocuments and read by main's document worker client).
import { build } from 'esbuild';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateSchemaValidators } from './gen-schema-validators.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

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

/** Shared library bundles: file under server/out/lib (without .js) → the package specifier it holds. */
const LIBS = {
  'vscode-languageserver-node': 'vscode-languageserver/node',
  'vscode-languageserver-textdocument': 'vscode-languageserver-textdocument',
};
/** Shared source modules: file under server/out/lib → the source file (without extension) it holds. */
const SHARED_SOURCES = {
  'lsp-changes': 'server/src/lsp/changes',
};
const libBySpecifier = new Map(Object.entries(LIBS).map(([file, spec]) => [spec, file]));
const libBySource = new Map(Object.entries(SHARED_SOURCES).map(([file, src]) => [path.join(ROOT, src), file]));

/**
 * esbuild plugin: imports of the shared modules become `require('<prefix><file>.js')` (external), and
 * `extra` maps a source file (without extension) to the external path its imports become.
 * `prefix` is the shared lib folder relative to the output file ('./lib/' from server/out, './' from server/out/lib).
 * `self` is the shared file being built (not mapped to itself).
 */
function shared({ prefix, self, extra = {} }) {
  const extraByPath = new Map(Object.entries(extra).map(([src, out]) => [path.join(ROOT, src), out]));
  return {
    name: 'lcg-shared',
    setup(b) {
      b.onResolve({ filter: /^vscode-languageserver(\/node)?$|^vscode-languageserver-textdocument$/ }, (args) => {
        const file = libBySpecifier.get(args.path);
        // The non-/node entry would be a second copy of the library: refuse it rather than ship two.
        if (!file) return { errors: [{ text: `import '${args.path}' from 'vscode-languageserver/node' instead (one library copy per thread)` }] };
        return file === self ? undefined : { path: `${prefix}${file}.js`, external: true };
      });
      b.onResolve({ filter: /^\.\.?\// }, (args) => {
        const abs = path.resolve(args.resolveDir, args.path).replace(/\.[cm]?[jt]s$/, '');
        const out = extraByPath.get(abs);
        if (out) return { path: out, external: true };
        const file = libBySource.get(abs);
        return file && file !== self ? { path: `${prefix}${file}.js`, external: true } : undefined;
      });
    },
  };
}

/** Fails the build when a bundle inlined a module that must come from a shared bundle (a second copy). */
function assertNotInlined(result, name, own = '') {
  const inputs = Object.keys(result.metafile.inputs).filter((i) => i !== own);
  const bad = inputs.filter((i) => /node_modules\/vscode-(languageserver|jsonrpc)/.test(i) || /server\/src\/lsp\/changes\.ts$/.test(i));
  if (bad.length) throw new Error(`${name} inlines shared modules: ${bad.join(', ')}`);
}

const builds = [
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'client/out/extension.js', external: ['vscode'] }),
  build({
    ...common,
    entryPoints: ['server/src/cli.ts'],
    outfile: 'server/out/cli.js',
    banner: { js: '#!/usr/bin/env node' },
  }),
  ...Object.entries(LIBS).map(([file, spec]) =>
    build({
      ...common,
      stdin: { contents: `export * from ${JSON.stringify(spec)};`, resolveDir: ROOT, sourcefile: `${file}.ts`, loader: 'ts' },
      outfile: `server/out/lib/${file}.js`,
      plugins: [shared({ prefix: './', self: file })],
    }),
  ),
  ...Object.entries(SHARED_SOURCES).map(([file, src]) =>
    build({ ...common, entryPoints: [`${src}.ts`], outfile: `server/out/lib/${file}.js`, plugins: [shared({ prefix: './', self: file })], metafile: true }).then((r) =>
      assertNotInlined(r, `lib/${file}.js`, `${src}.ts`),
    ),
  ),
  build({
    ...common,
    entryPoints: ['server/src/server.ts'],
    outfile: 'server/out/server.js',
    metafile: true,
    // boot.ts `require('./main')` and server.ts `require('./server-main')` load the second bundle.
    plugins: [shared({ prefix: './lib/', extra: { 'server/src/lsp/main': './server-main.js', 'server/src/server-main': './server-main.js' } })],
  }).then((r) => {
    assertNotInlined(r, 'server.js');
    const heavy = Object.keys(r.metafile.inputs).filter((i) => /server\/src\/(engine|workspace|report)\/|server\/src\/lsp\/main\.ts$/.test(i));
    if (heavy.length) throw new Error(`server.js (boot) inlines ${heavy.length} modules it should leave to server-main.js, e.g. ${heavy[0]}`);
  }),
  build({
    ...common,
    entryPoints: ['server/src/server-main.ts'],
    outfile: 'server/out/server-main.js',
    metafile: true,
    plugins: [shared({ prefix: './lib/' })],
  }).then((r) => assertNotInlined(r, 'server-main.js')),
];
await Promise.all(builds);
