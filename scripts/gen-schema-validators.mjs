#!/usr/bin/env node
// Generates the schema validators (ajv standalone code) under server/src/engine/schema/generated/ from schemas/*.json,
// with the code in server/src/engine/schema/generate.ts (bundled here with esbuild, ajv loaded from node_modules).
// Writes a file only when its text changed. `--check`: write nothing, exit 1 when a file is missing or stale.
// Run by scripts/bundle.mjs before bundling; test/engine/schema-generated.test.ts checks the committed files.
import { build } from 'esbuild';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SCHEMA_DIR = path.join(ROOT, 'server', 'src', 'engine', 'schema');
const OUT_DIR = path.join(SCHEMA_DIR, 'generated');

/**
 * Regenerates the files. Resolves with the names of the files that were (with `check`: would be) rewritten.
 * Rejects when a schema does not compile.
 */
export async function generateSchemaValidators({ check = false } = {}) {
  const out = await build({
    entryPoints: [path.join(SCHEMA_DIR, 'generate.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    write: false,
    logLevel: 'warning',
  });
  const mod = { exports: {} };
  const req = createRequire(path.join(SCHEMA_DIR, 'generate.ts'));
  new Function('module', 'exports', 'require', out.outputFiles[0].text)(mod, mod.exports, req);
  const changed = [];
  fs.mkdirSync(OUT_DIR, { recursive: true });
  for (const [name, generate] of Object.entries(mod.exports.GENERATED_FILES)) {
    const file = path.join(OUT_DIR, name);
    const text = generate();
    const old = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
    if (old === text) continue;
    changed.push(name);
    if (!check) fs.writeFileSync(file, text);
  }
  return changed;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const check = process.argv.includes('--check');
  const changed = await generateSchemaValidators({ check });
  if (check && changed.length) {
    console.error(`stale generated schema validators: ${changed.join(', ')} (run node scripts/gen-schema-validators.mjs)`);
    process.exit(1);
  }
  console.log(changed.length ? `${check ? 'stale' : 'written'}: ${changed.join(', ')}` : 'schema validators up to date');
}
