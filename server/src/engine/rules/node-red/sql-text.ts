/**
 * Finding SQL text built from data: string concatenation and template literals in JavaScript code, and Mustache
 * tags in query templates. Helpers for `node-red/sql-injection`; pure string scanning (no parser), so the results
 * are heuristics and the rule documents them.
 */
import { blankComments } from './function-child-process';

/** SQL statement shapes (case-insensitive): statement heads, and WHERE / SET / VALUES clauses. */
const SQL = new RegExp(
  [
    String.raw`\binsert\s+(?:or\s+\w+\s+)?into\b`,
    String.raw`\bupdate\s+[\w."\x60\[\]]+\s+set\b`,
    String.raw`\bdelete\s+from\b`,
    String.raw`\breplace\s+into\b`,
    String.raw`\bwhere\s+[\w."\x60\[\]]+\s*(?:=|<|>|!=|\blike\b|\bin\b)`,
    String.raw`\bvalues\s*\(`,
    String.raw`\b(?:and|or)\s+[\w."\x60\[\]]+\s*(?:=|<|>|\blike\b)\s*['"(]?$`,
    String.raw`\bset\s+[\w."\x60\[\]]+\s*=\s*['"]?$`,
    String.raw`\b(?:exec|execute|call)\s+[\w.\[\]]+\s*(?:\(\s*)?['"]?$`, // (not \s*\(?\s*: quadratic on whitespace)
  ].join('|'),
  'i',
);

const SELECT = /\bselect\s/i;
const FROM = /\bfrom\b/i;

/** True when a piece of literal text looks like (part of) an SQL statement. */
export function looksLikeSql(text: string): boolean {
  if (SQL.test(text)) return true;
  // `select … from`: the first `select` followed by `from` anywhere after it (as /\bselect\s[\s\S]*?\bfrom\b/ tests,
  // which is quadratic on many `select` without `from`).
  const m = SELECT.exec(text);
  return !!m && FROM.test(text.slice(m.index + m[0].length));
}

/** Operands that make a value safe to join into SQL: number conversions and escaping/formatting helpers. */
const SAFE_OPERAND = { test: isSafeOperand };
const CALL = /^\(?\s*([\w$.]+)\s*\(/;
const SAFE_CALLEE = /^(?:parseInt|parseFloat|Number|Math\.\w+)$/;
const HELPER_WORD = /escape|Escape|format|Format|quote|Quote/;

/**
 * True for a digit, or a call of parseInt, parseFloat, Number, Math.*, or a function whose name (after its last dot)
 * holds escape/format/quote — what /^(?:\(?\s*)(?:parseInt|…|[\w$.]*(?:escape|…|Quote)[\w$]*)\s*\(|^\d/ tests,
 * without its quadratic backtracking over a long callee name.
 */
function isSafeOperand(s: string): boolean {
  if (/^\d/.test(s)) return true;
  const m = CALL.exec(s);
  if (!m) return false;
  const callee = m[1];
  return SAFE_CALLEE.test(callee) || HELPER_WORD.test(callee.slice(callee.lastIndexOf('.') + 1));
}

/** A place in code (indices into the code string, end exclusive) where SQL text is joined with a value. */
export interface SqlJoin {
  start: number;
  end: number;
  /** `concatenation` for `"…" + value`, `template literal` for `` `…${value}…` ``. */
  how: 'concatenation' | 'template literal';
}

/**
 * The first place in JavaScript `code` where a string literal holding SQL is joined with a non-literal value: by `+`
 * on either side, or by `${…}` inside a template literal. Comments are ignored; operands that convert to numbers or
 * call an escaping/formatting function (`parseInt(…)`, `mysql.escape(…)`, `SqlString.format(…)`) do not count.
 * Returns the literal's span (quotes included), or undefined.
 */
export function findSqlJoin(code: string): SqlJoin | undefined {
  const src = blankComments(code);
  for (let i = 0; i < src.length; i++) {
    const q = src[i];
    if (q !== '"' && q !== "'" && q !== '`') continue;
    let j = i + 1;
    const holes: string[] = [];
    while (j < src.length && src[j] !== q) {
      if (src[j] === '\\') j += 2;
      else if (q === '`' && src[j] === '$' && src[j + 1] === '{') {
        const close = matchBrace(src, j + 1);
        holes.push(src.slice(j + 2, close));
        j = close + 1;
      } else j++;
    }
    const end = Math.min(j + 1, src.length);
    const body = src.slice(i + 1, end - 1);
    if (looksLikeSql(body)) {
      if (q === '`' && holes.some((h) => !SAFE_OPERAND.test(h.trim()))) return { start: i, end, how: 'template literal' };
      const after = /^\s*\+\s*([\s\S]{0,80})/.exec(src.slice(end));
      if (after && !/^['"`]/.test(after[1]) && !SAFE_OPERAND.test(after[1])) return { start: i, end, how: 'concatenation' };
      const before = /([\w$\])])\s*\+\s*$/.exec(src.slice(Math.max(0, i - 80), i));
      if (before && !/^\d$/.test(before[1])) return { start: i, end, how: 'concatenation' };
    }
    i = end - 1;
  }
  return undefined;
}

/** Index of the `}` closing the `{` at `open` (template-literal holes may nest braces); the string length when unclosed. */
function matchBrace(s: string, open: number): number {
  let depth = 0;
  for (let k = open; k < s.length; k++) {
    if (s[k] === '{') depth++;
    else if (s[k] === '}' && --depth === 0) return k;
  }
  return s.length;
}

/** One Mustache variable tag: its span in the template and the name it looks up. */
export interface MustacheTag {
  start: number;
  end: number;
  name: string;
  /** True for `{{{…}}}` and `{{& …}}` (no HTML escaping). */
  raw: boolean;
}

/**
 * The Mustache variable tags of a template (sections, comments, partials and delimiter changes are skipped),
 * for which `keep(name)` is true. Custom delimiters are not followed.
 */
export function mustacheTags(template: string, keep: (name: string) => boolean): MustacheTag[] {
  const out: MustacheTag[] = [];
  // The tag's inside is split in code: `\s*([&#/^!>=])?\s*([^{}]*?)\s*` backtracks polynomially over whitespace.
  const re = /\{\{(\{)?([^{}]*)\}?\}\}/g;
  for (let m = re.exec(template); m; m = re.exec(template)) {
    const inner = m[2].trimStart();
    const sigil = /^[&#/^!>=]/.test(inner) ? inner[0] : undefined;
    if (sigil && sigil !== '&') continue;
    const name = (sigil ? inner.slice(1) : inner).trim();
    if (!name || !keep(name)) continue;
    out.push({ start: m.index, end: m.index + m[0].length, name, raw: m[1] === '{' || sigil === '&' });
  }
  return out;
}
