/**
 * Applying a configuration to files and findings: globs (picomatch, POSIX flavour), JSON Pointer prefixes, rule
 * levels. Pure apart from `node:path` arithmetic (no file system).
 *
 * Glob semantics (documented in docs/configuration.md):
 * - a glob is matched against the file's path relative to the configuration's folder, `/`-separated;
 * - picomatch syntax (`*`, `**`, `?`, `[…]`, `{a,b}`, `!(…)`), with `dot: true` so `**` also enters dot folders;
 *   a backslash escapes the next character on every OS (`picomatch/posix`), so `\\[` is a literal `[`;
 * - a glob that matches a folder covers every file below it (`fixtures` = `fixtures/**`), as in `.gitignore`;
 * - a leading `./` and trailing `/` are ignored; matching is case-sensitive on every OS;
 * - files outside the configuration's folder never match (only `rules` applies to them).
 */
import * as path from 'node:path';
import picomatch from 'picomatch/posix';
import type { Finding, RuleLevel } from '../engine';
import type { GuardConfig, Suppression } from './types';

/** A compiled glob test over `/`-separated relative paths. */
type Test = (rel: string) => boolean;

/** A glob without a leading `./` or trailing `/` (the forms users write for folders). */
export function normalizeGlob(glob: string): string {
  return glob.replace(/^(?:\.\/)+/, '').replace(/(?<!\/)\/+$/, ''); // (the look-behind keeps it linear on `///…x`)
}

/** Compiled globs by normalized text (the parser validates each glob by compiling it, the matcher then reuses it). */
const compiledGlobs = new Map<string, Test>();
const MAX_CACHED_GLOBS = 10_000;

/**
 * Most `*` wildcards a glob may hold outside whole `**` segments. picomatch turns each into a lazy `[^/]*?` in one
 * regular expression, so a name that does not match costs about n^k steps for k wildcards: measured on a 250-character
 * file name, `*a*a*b` 62 ms, `*a*a*a*b` 2.1 s, `*a*a*a*a*b` 110 s (picomatch 4, Node 20). A workspace configuration
 * is untrusted input (a pull request can carry one), so more than 3 is refused as `config/invalid`.
 */
export const MAX_GLOB_WILDCARDS = 3;

/**
 * Counts the `*` wildcards of a glob that are not whole `**` segments (a run of stars counts once; a backslash
 * escapes the next character, as `escapeGlob` writes). Alternatives in braces all count: `{*a*a,*b}` has 3.
 */
export function globWildcards(glob: string): number {
  let n = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c !== '*') continue;
    let j = i;
    while (glob[j + 1] === '*') j++;
    const wholeSegment = j > i && (i === 0 || glob[i - 1] === '/') && (j + 1 === glob.length || glob[j + 1] === '/');
    if (!wholeSegment) n++;
    i = j;
  }
  return n;
}

/**
 * Compiles a glob (cached). Throws, with a message for the user, when picomatch cannot compile it or when it has more
 * than `MAX_GLOB_WILDCARDS` wildcards (used by the parser to report bad globs).
 */
export function compileGlob(glob: string): Test {
  const g = normalizeGlob(glob);
  if (!g) throw new Error('empty glob');
  const wildcards = globWildcards(g);
  if (wildcards > MAX_GLOB_WILDCARDS) {
    throw new Error(`it has ${wildcards} "*" wildcards besides whole "**" segments; at most ${MAX_GLOB_WILDCARDS} are allowed, because matching more can take seconds per file name`);
  }
  let t = compiledGlobs.get(g);
  if (!t) {
    t = picomatch(g, { dot: true });
    if (compiledGlobs.size >= MAX_CACHED_GLOBS) compiledGlobs.clear();
    compiledGlobs.set(g, t);
  }
  return t;
}

/** Escapes a literal path so it matches only itself as a glob (backslash before each glob metacharacter). */
export function escapeGlob(literal: string): string {
  return literal.replace(/[\\*?[\]{}()!+@,^$|]/g, '\\$&');
}

/** True when `rel` or one of its parent folders matches one of the tests. */
function matchesPathOrParent(tests: readonly Test[], rel: string): boolean {
  for (let p = rel; p; ) {
    for (const t of tests) if (t(p)) return true;
    const i = p.lastIndexOf('/');
    p = i < 0 ? '' : p.slice(0, i);
  }
  return false;
}

/** True when finding pointer `p` is `base` or below it (`/nodes/1` covers `/nodes/1/x`, not `/nodes/10`). */
export function pointerCovers(base: string | undefined, p: string): boolean {
  if (!base) return true;
  return p === base || p.startsWith(base + '/');
}

/** A configuration bound to its folder, with globs compiled once. */
export interface ConfigMatcher {
  readonly config: GuardConfig;
  /** Absolute path of the folder holding the configuration (globs are relative to it). */
  readonly folder: string;
  /** `/`-separated path of `absPath` relative to the folder; undefined when it is the folder itself or outside it. */
  relative(absPath: string): string | undefined;
  /** True when the file matches an `ignore` glob. */
  isIgnored(absPath: string): boolean;
  /** The first suppression that covers the finding in that file, if any. */
  suppressionFor(finding: Pick<Finding, 'ruleId' | 'pointer'>, absPath: string): Suppression | undefined;
}

/**
 * Compiles a configuration's globs for its folder (absolute). Globs that do not compile match nothing (the parser
 * already reported and dropped them, so this only guards hand-built configurations).
 */
export function compileConfig(config: GuardConfig, folder: string): ConfigMatcher {
  const safe = (g: string): Test => {
    try {
      return compileGlob(g);
    } catch {
      return () => false;
    }
  };
  const ignore = config.ignore.map(safe);
  const suppressions = config.suppressions.map((s) => ({ s, tests: s.files.map(safe) }));
  const root = path.resolve(folder);
  const relative = (absPath: string): string | undefined => {
    const rel = path.relative(root, path.resolve(absPath));
    if (!rel || rel === '..' || rel.startsWith('..' + path.sep) || path.isAbsolute(rel)) return undefined;
    return path.sep === '/' ? rel : rel.split(path.sep).join('/');
  };
  return {
    config,
    folder: root,
    relative,
    isIgnored(absPath) {
      const rel = relative(absPath);
      return rel !== undefined && ignore.length > 0 && matchesPathOrParent(ignore, rel);
    },
    suppressionFor(finding, absPath) {
      if (!suppressions.length) return undefined;
      const rel = relative(absPath);
      if (rel === undefined) return undefined;
      for (const { s, tests } of suppressions) {
        if (s.rule === finding.ruleId && pointerCovers(s.pointer, finding.pointer) && matchesPathOrParent(tests, rel)) return s;
      }
      return undefined;
    },
  };
}

/**
 * Rule levels in force: the configuration file's, overridden entry by entry by `overrides` (the VS Code setting
 * `lowcodeGuard.rules`, as ESLint's `eslint.rules.customizations` overrides the ESLint config). Null-prototype result.
 */
export function mergeLevels(...sources: (Readonly<Record<string, RuleLevel>> | undefined)[]): Record<string, RuleLevel> {
  const out = Object.create(null) as Record<string, RuleLevel>;
  for (const s of sources) if (s) for (const k of Object.keys(s)) out[k] = s[k];
  return out;
}

/** What {@link applyConfig} needs. */
export interface ApplyOptions {
  /** Levels in force (see {@link mergeLevels}). `off` drops the rule's findings; a severity replaces theirs. */
  levels?: Readonly<Record<string, RuleLevel>>;
  /** The configuration for suppressions; with `file`, the absolute path of the file the findings belong to. */
  matcher?: ConfigMatcher;
  file?: string;
}

/**
 * Applies levels and suppressions to one file's findings, after analysis. Levels are re-applied here because the
 * engine only applies them to security rules and `json/schema-violation`; re-applying is idempotent. Returns the
 * findings kept (same order) and how many suppressions removed (findings of rules turned off are not counted).
 */
export function applyConfig(findings: readonly Finding[], options: ApplyOptions): { findings: Finding[]; suppressed: number } {
  const { levels, matcher, file } = options;
  const kept: Finding[] = [];
  let suppressed = 0;
  for (const f of findings) {
    const level = levels?.[f.ruleId];
    if (level === 'off') continue;
    if (matcher && file !== undefined && matcher.suppressionFor(f, file)) {
      suppressed++;
      continue;
    }
    kept.push(level && level !== f.severity ? { ...f, severity: level } : f);
  }
  return { findings: kept, suppressed };
}
