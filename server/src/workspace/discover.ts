/**
 * Finds candidate low-code definition files under folders, for the CLI and the Scan Workspace command.
 * Pure Node (fs + fast-glob + ignore): no `vscode`/LSP imports, so the language server can import it too.
 *
 * Rules of the walk:
 * - A file given directly as a root is always included (whatever its extension, even if ignored).
 * - Under a folder: files whose name ends in one of `extensions` (default `.json`), found by fast-glob, dot folders
 *   included; `node_modules` and `.git` folders are never entered; symbolic links are not followed (as git does not).
 * - `.gitignore` files apply as git applies them: each file's patterns are relative to its own folder, deeper files take
 *   precedence over shallower ones, the last matching pattern of a file wins (`!` re-includes), and a file inside an
 *   ignored folder stays ignored. `.gitignore` files above the scanned folder count when the folder is inside a git
 *   work tree (found by walking up to a `.git` entry), and so does that repository's `.git/info/exclude`.
 *   Global excludes (`core.excludesFile`) are not read. A folder given by name that git itself ignores is still
 *   scanned (asking for it is taken as meaning it), with only the `.gitignore` files inside it.
 * - Ignored folders are still walked by fast-glob (their files are filtered afterwards), except `node_modules`, `.git`
 *   and `exclude` globs, which are pruned during the walk.
 */
import fg from 'fast-glob';
import ignore, { type Ignore } from 'ignore';
import { existsSync, promises as fsp, statSync } from 'node:fs';
import * as path from 'node:path';

/** Options of `discoverFiles`. */
export interface DiscoverOptions {
  /** Files or folders to search (absolute or relative to `cwd`). A file given directly is always included. */
  roots: string[];
  /** Base for relative roots; default `process.cwd()`. */
  cwd?: string;
  /** Extra glob patterns to leave out (e.g. VS Code `files.exclude` keys), matched against paths relative to each root. */
  exclude?: string[];
  /** Honour `.gitignore` files (default true). */
  gitignore?: boolean;
  /** Stops the walk early: `discoverFiles` then rejects with the signal's reason (an `AbortError` by default). */
  signal?: AbortSignal;
  /** File name endings to collect under folders (default `['.json']`). Low-code exports are `.json`; `.jsonc` is not used by any of the four platforms. */
  extensions?: string[];
}

/** Folders never entered. */
const ALWAYS_SKIPPED = ['**/node_modules/**', '**/.git/**'];

/**
 * Absolute paths of `.json` files under the roots (sorted, without duplicates), skipping `node_modules`, `.git`,
 * `exclude` globs and git-ignored files.
 * Throws (rejects) with the fs error when a root does not exist, and with `signal.reason` when aborted.
 */
export async function discoverFiles(options: DiscoverOptions): Promise<string[]> {
  const cwd = options.cwd ?? process.cwd();
  const signal = options.signal;
  const useGitignore = options.gitignore !== false;
  const extensions = options.extensions ?? ['.json'];
  const exclude = (options.exclude ?? []).flatMap(excludeGlobs);
  const found = new Set<string>();

  for (const r of options.roots) {
    signal?.throwIfAborted();
    const root = path.resolve(cwd, r);
    const st = await fsp.stat(root);
    if (!st.isDirectory()) {
      found.add(root);
      continue;
    }
    const candidates: string[] = [];
    const gitignores: string[] = [];
    const patterns = extensions.map((e) => `**/*${e.startsWith('.') ? e : '.' + e}`);
    if (useGitignore) patterns.push('**/.gitignore');
    const stream = fg.stream(patterns, {
      cwd: root,
      dot: true,
      onlyFiles: true,
      followSymbolicLinks: false,
      suppressErrors: true,
      ignore: [...ALWAYS_SKIPPED, ...exclude],
    });
    for await (const entry of stream) {
      if (signal?.aborted) {
        (stream as unknown as { destroy?: () => void }).destroy?.();
        signal.throwIfAborted();
      }
      const rel = String(entry);
      if (useGitignore && (rel === '.gitignore' || rel.endsWith('/.gitignore'))) gitignores.push(rel);
      else candidates.push(rel);
    }
    signal?.throwIfAborted();
    const keep = useGitignore ? await gitignoreFilter(root, gitignores) : () => true;
    for (const rel of candidates) if (keep(rel)) found.add(path.join(root, rel));
  }
  return [...found].sort();
}

/** fast-glob ignore patterns for one `exclude` glob: without a leading `./`, and also pruning a matching folder. */
function excludeGlobs(glob: string): string[] {
  const g = glob.replace(/^\.\//, '').replace(/(?<!\/)\/+$/, ''); // (the look-behind keeps it linear on `///…x`)
  if (!g) return [];
  return g.endsWith('/**') ? [g] : [g, `${g}/**`];
}

/** One source of ignore rules, anchored at a folder (absolute), in precedence order within that folder. */
interface IgnoreLevel {
  dir: string;
  ig: Ignore;
}

/** True on file systems git treats as case-insensitive by default (core.ignorecase). */
const IGNORE_CASE = process.platform === 'win32' || process.platform === 'darwin';

async function readRules(file: string): Promise<Ignore | undefined> {
  try {
    return ignore({ ignorecase: IGNORE_CASE }).add(await fsp.readFile(file, 'utf8'));
  } catch {
    return undefined; // unreadable .gitignore: git skips it too
  }
}

/** The folder holding `.git` at or above `dir`, or undefined. */
function findRepoRoot(dir: string): string | undefined {
  for (let d = dir; ; ) {
    if (existsSync(path.join(d, '.git'))) return d;
    const parent = path.dirname(d);
    if (parent === d) return undefined;
    d = parent;
  }
}

/**
 * Builds a predicate over paths relative to `root` (with `/`) that is false for git-ignored files.
 * `gitignores` are the `.gitignore` files found under `root` (relative paths).
 */
async function gitignoreFilter(root: string, gitignores: string[]): Promise<(rel: string) => boolean> {
  const levels = new Map<string, IgnoreLevel[]>(); // folder (absolute) → its rule sources, strongest first
  const addLevel = (dir: string, ig: Ignore | undefined, last = false) => {
    if (!ig) return;
    const list = levels.get(dir) ?? [];
    if (last) list.push({ dir, ig });
    else list.unshift({ dir, ig });
    levels.set(dir, list);
  };
  for (const g of gitignores) {
    const dir = path.join(root, path.dirname(g));
    addLevel(dir, await readRules(path.join(root, g)));
  }
  const repo = findRepoRoot(root);
  if (repo) {
    // .gitignore files between the repository root and the scanned folder (exclusive: the root's own was globbed).
    for (let d = path.dirname(root); repo !== root && d.length >= repo.length; d = path.dirname(d)) {
      const f = path.join(d, '.gitignore');
      if (existsSync(f)) addLevel(d, await readRules(f));
      if (d === repo) break;
    }
    const exclude = path.join(repo, '.git', 'info', 'exclude');
    if (isFile(exclude)) addLevel(repo, await readRules(exclude), true); // below the repo root's .gitignore
  }
  if (!levels.size) return () => true;

  const dirCache = new Map<string, boolean>(); // folder path relative to root → ignored
  /** Git's decision for one path (folder when `isDir`), given that its parent folders are not ignored: deepest rule source first. */
  const base = repo ?? root;
  const decide = (abs: string, isDir: boolean): boolean => {
    for (let d = path.dirname(abs); ; d = path.dirname(d)) {
      for (const level of levels.get(d) ?? []) {
        const rel = toPosix(path.relative(level.dir, abs)) + (isDir ? '/' : '');
        const t = level.ig.test(rel);
        if (t.ignored) return true;
        if (t.unignored) return false;
      }
      if (d === base || path.dirname(d) === d) return false;
    }
  };
  // A folder asked for by name that git ignores (e.g. `build/`) is scanned with only the .gitignore files inside it.
  if (repo && repo !== root && decide(root, true)) {
    for (const dir of [...levels.keys()]) if (dir !== root && !dir.startsWith(root + path.sep)) levels.delete(dir);
  }
  return (rel) => {
    const parts = rel.split('/');
    let dirRel = '';
    for (let i = 0; i < parts.length - 1; i++) {
      dirRel = dirRel ? `${dirRel}/${parts[i]}` : parts[i];
      let ignored = dirCache.get(dirRel);
      if (ignored === undefined) dirCache.set(dirRel, (ignored = decide(path.join(root, dirRel), true)));
      if (ignored) return false;
    }
    return !decide(path.join(root, rel), false);
  };
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

function toPosix(p: string): string {
  return path.sep === '/' ? p : p.split(path.sep).join('/');
}
