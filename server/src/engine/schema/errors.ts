/**
 * Turns ajv's raw error list into the problems worth reporting:
 * - `if` errors are dropped (they only say "must match then"; the `then` errors follow them);
 * - for each failed `oneOf`/`anyOf`, only the best-matching branch's errors are kept (see {@link pickBranch});
 * - the same value error on many items of one array is collapsed into one problem with a count.
 *
 * Branch errors are recognised by their `schemaPath`, which starts with the `oneOf`/`anyOf` error's own path plus
 * `/<branch index>/`. ajv writes schema paths relative to the schema resource a keyword lives in, so this holds only
 * while branches do not `$ref` other definitions: our schemas keep branches inline (a test checks it).
 */
import type { ErrorObject } from 'ajv';
import type { Severity } from '../types';

/** One problem to report: an ajv error, plus how many sibling array items had the same problem. */
export interface Problem {
  error: ErrorObject;
  /** Other items of the same array with the same problem (0 when not collapsed). */
  more: number;
}

/** Keywords whose error is about the value at `instancePath` itself (collapsible across array items). */
const VALUE_KEYWORDS = new Set(['type', 'enum', 'const', 'pattern', 'minLength', 'maxLength', 'minimum', 'maximum', 'minItems', 'format']);

/** True when pointer `p` is `base` or below it. */
export function isUnder(p: string, base: string): boolean {
  return p === base || p.startsWith(base + '/');
}

function depth(p: string): number {
  let n = 0;
  for (let i = 0; i < p.length; i++) if (p.charCodeAt(i) === 47) n++;
  return n;
}

function typesOf(e: ErrorObject): string[] {
  const t = (e.params as { type?: string | string[] }).type;
  return Array.isArray(t) ? t : typeof t === 'string' ? t.split(',') : [];
}

/**
 * Chooses what to report for a failed `oneOf`/`anyOf` (`e`) given its branches' errors.
 * - several branches passed (`oneOf` only): the `oneOf` error itself;
 * - every branch rejects the value's JSON type: one merged `type` error ("must be a string or an object");
 * - otherwise the branch whose type fits, with the fewest errors, then the deepest error, then the first.
 */
export function pickBranch(e: ErrorObject, branches: ErrorObject[][]): ErrorObject[] {
  if ((e.params as { passingSchemas?: unknown }).passingSchemas) return [e];
  if (branches.length === 0 || branches.some((b) => b.length === 0)) return [e];
  const typeMismatch = (b: ErrorObject[]) => b.some((x) => x.keyword === 'type' && x.instancePath === e.instancePath);
  const fitting = branches.map((b, i) => [b, i] as const).filter(([b]) => !typeMismatch(b));
  if (fitting.length === 0) {
    const types = [...new Set(branches.flatMap((b) => b.filter((x) => x.keyword === 'type' && x.instancePath === e.instancePath).flatMap(typesOf)))];
    return [{ ...e, keyword: 'type', params: { type: types.join(',') }, message: `must be ${types.join(' or ')}` }];
  }
  const score = (b: readonly ErrorObject[]) => Math.max(...b.map((x) => depth(x.instancePath)));
  let best = fitting[0];
  for (const cand of fitting.slice(1)) {
    const [b] = cand;
    if (b.length < best[0].length || (b.length === best[0].length && score(b) > score(best[0]))) best = cand;
  }
  return best[0];
}

/** Applies branch selection to ajv's error list (in ajv's order: a combinator's error follows its branches' errors). */
export function selectBranches(errors: readonly ErrorObject[]): ErrorObject[] {
  const out: ErrorObject[] = [];
  for (const e of errors) {
    if (e.keyword === 'if') continue;
    if (e.keyword !== 'oneOf' && e.keyword !== 'anyOf') {
      out.push(e);
      continue;
    }
    const prefix = e.schemaPath + '/';
    const count = Array.isArray(e.schema) ? e.schema.length : 0;
    const branches: ErrorObject[][] = Array.from({ length: count }, () => []);
    const keep: ErrorObject[] = [];
    for (const x of out) {
      if (x.schemaPath.startsWith(prefix) && isUnder(x.instancePath, e.instancePath)) {
        const i = parseInt(x.schemaPath.slice(prefix.length), 10);
        if (i >= 0 && i < count) {
          branches[i].push(x);
          continue;
        }
      }
      keep.push(x);
    }
    out.length = 0;
    out.push(...keep, ...pickBranch(e, branches));
  }
  return out;
}

function parentOf(p: string): string {
  return p.slice(0, p.lastIndexOf('/'));
}

/** Collapses the same value error (same keyword and schema location) on several items of one array into one problem. */
export function collapseItems(errors: readonly ErrorObject[]): Problem[] {
  const out: Problem[] = [];
  const groups = new Map<string, Problem>();
  for (const e of errors) {
    const last = e.instancePath.slice(e.instancePath.lastIndexOf('/') + 1);
    if (VALUE_KEYWORDS.has(e.keyword) && /^(0|[1-9]\d*)$/.test(last)) {
      const k = `${e.keyword}\u0000${e.schemaPath}\u0000${parentOf(e.instancePath)}`;
      const g = groups.get(k);
      if (g) {
        g.more++;
        continue;
      }
      const p = { error: e, more: 0 };
      groups.set(k, p);
      out.push(p);
      continue;
    }
    out.push({ error: e, more: 0 });
  }
  return out;
}

/**
 * Severity of an error, from the schema: `x-severity` on the schema object holding the keyword (a severity for all
 * its keywords, or keyword → severity); else `warning` for `additionalProperties` (most platforms ignore unknown
 * keys) and `error` for everything else (a required member, a wrong type or value: the platform rejects the file).
 */
export function severityOf(e: ErrorObject): Severity {
  const s = (e.parentSchema as { 'x-severity'?: unknown } | undefined)?.['x-severity'];
  if (s === 'error' || s === 'warning') return s;
  if (s && typeof s === 'object') {
    const k = (s as Record<string, unknown>)[e.keyword];
    if (k === 'error' || k === 'warning') return k;
  }
  return e.keyword === 'additionalProperties' ? 'warning' : 'error';
}
