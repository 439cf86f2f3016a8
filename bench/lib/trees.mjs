/**
 * Two source trees of the engine for before/after comparisons (bench/ab.mjs, bench/compare-findings.mjs):
 * `base` is a git revision's server/, schemas/, scripts/ and bench/engine-entry.ts; `head` is the same plus the
 * working-tree versions of the paths given (default: the engine-side paths — server/src/engine, the workspace's
 * analyze-file.ts and discover.ts, config/schema.ts — so that other people's uncommitted work in the same checkout
 * does not enter the comparison). Both are bundled with the options of scripts/bundle.mjs into `<dir>/<name>-{base,head}.cjs`.
 */
import { build } from 'esbuild';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from './util.mjs';

/** Working-tree paths that make up "the change" by default. */
export const ENGINE_PATHS = ['server/src/engine', 'server/src/workspace/analyze-file.ts', 'server/src/workspace/discover.ts', 'server/src/config/schema.ts', 'bench/engine-entry.ts'];

/** Builds the two bundles; resolves with their paths. `minify` as the shipped bundles (default true). */
export async function buildTrees({ base = 'HEAD', dir, name, headPaths = ENGINE_PATHS, minify = true }) {
  const out = {};
  for (const side of ['base', 'head']) {
    const tree = path.join(dir, `${name}-${side}`);
    fs.rmSync(tree, { recursive: true, force: true });
    fs.mkdirSync(tree, { recursive: true });
    const paths = ['server', 'bench/engine-entry.ts', 'schemas', 'scripts'].filter((p) => spawnSync('git', ['cat-file', '-e', `${base}:${p}`], { cwd: ROOT }).status === 0);
    execFileSync('sh', ['-c', `git archive ${JSON.stringify(base)} ${paths.join(' ')} | tar -x -C ${JSON.stringify(tree)}`], { cwd: ROOT });
    if (side === 'head') {
      for (const p of headPaths) {
        const from = path.join(ROOT, p);
        fs.rmSync(path.join(tree, p), { recursive: true, force: true });
        if (fs.existsSync(from)) fs.cpSync(from, path.join(tree, p), { recursive: true });
      }
    }
    out[side] = path.join(dir, `${name}-${side}.cjs`);
    await build({
      entryPoints: [path.join(tree, 'bench', 'engine-entry.ts')],
      outfile: out[side],
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      minify,
      legalComments: 'none',
      mainFields: ['module', 'main'],
      logLevel: 'warning',
      nodePaths: [path.join(ROOT, 'node_modules')],
    });
  }
  return out;
}
