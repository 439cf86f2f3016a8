/**
 * Secret scanning over one string: known token formats (`patterns.ts`) and the context rule (a literal value under
 * a secret-sounding name). Pure and linear in the input; the caller maps offsets back into the document.
 */
import { redact } from '../redact';
import { CONTEXT_PATTERNS, looksRandom, SECRET_PATTERNS, type SecretPattern } from './patterns';

/** One secret found in a string: `[start, end)` in UTF-16 code units of that string. */
export interface SecretMatch {
  /** Pattern id (`github-token`, …) or `secret-field` / `secret-assignment` for the context rule. */
  id: string;
  label: string;
  severity: 'error' | 'warning';
  start: number;
  end: number;
  secret: string;
  /** The field name that made a context match (`password`, `X-API-Key`). */
  field?: string;
}

/** Strings shorter than this cannot hold any known format (the shortest, `Password=xxxx;`, is longer). */
const MIN_KNOWN = 12;

/** Runs one pattern over `value` (which holds one of its hints), adding matches that overlap nothing found before. */
function runPattern(p: SecretPattern, value: string, out: SecretMatch[]): void {
  p.regex.lastIndex = 0;
  for (let m = p.regex.exec(value); m; m = p.regex.exec(value)) {
    const g = m.indices?.groups?.s;
    const [start, end] = g ?? m.indices![0];
    const secret = value.slice(start, end);
    if (m[0].length === 0) p.regex.lastIndex++;
    if (overlaps(out, start, end)) continue;
    if (p.accept && !p.accept(secret, value, start)) continue;
    out.push({ id: p.id, label: p.label, severity: p.severity, start, end, secret });
  }
}

function overlaps(found: readonly SecretMatch[], start: number, end: number): boolean {
  return found.some((f) => start < f.end && f.start < end);
}

/** The patterns (table, then context patterns) in that order. */
const ALL_PATTERNS: readonly SecretPattern[] = [...SECRET_PATTERNS, ...CONTEXT_PATTERNS];

/** Every distinct hint, longest first (see {@link activePatterns}). */
const HINT_LIST = [...new Set(ALL_PATTERNS.flatMap((p) => p.hints))].sort((a, b) => b.length - a.length);
/** One alternation of every hint, longest first: at any position the longest hint there is the one matched. */
const HINTS = new RegExp(HINT_LIST.map((h) => h.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
/**
 * For each hint, the indices into `ALL_PATTERNS` of the patterns that a match of it enables: the patterns of that
 * hint and of every hint inside it (`sk-` inside `sk-ant-`, `pat` inside `github_pat_`), since those occur too.
 */
const ENABLES = new Map(HINT_LIST.map((h) => [h, ALL_PATTERNS.flatMap((p, i) => (p.hints.some((x) => h.includes(x)) ? [i] : []))]));
const NO_PATTERNS: readonly SecretPattern[] = [];

/**
 * The patterns that can match in `text`: exactly those with a hint that `text` contains (`p.hints.some((h) =>
 * text.includes(h))`), in table order, found in one regex pass over `text` instead of one `includes` per hint per
 * pattern. The pass restarts one character after each match and tries the longest hints first, so no occurrence is
 * hidden by an overlapping one: a hint starting at the same position as the matched one is a prefix of it, hence
 * inside it ({@link ENABLES}), and one starting later is found by the restart.
 */
export function activePatterns(text: string): readonly SecretPattern[] {
  HINTS.lastIndex = 0;
  let m = HINTS.exec(text);
  if (!m) return NO_PATTERNS;
  const on = new Uint8Array(ALL_PATTERNS.length);
  for (; m; m = HINTS.exec(text)) {
    for (const i of ENABLES.get(m[0])!) on[i] = 1;
    HINTS.lastIndex = m.index + 1;
  }
  return ALL_PATTERNS.filter((_, i) => on[i] === 1);
}

/**
 * `s` with every known-format secret in it redacted (`redact`): for text that quotes a name or label taken from a
 * flow — a finding message, a fix title, an inventory or report label — since a workflow, tab or node can be named
 * with a token in it (`Flow ghp_…`); `common/hardcoded-secret` reports the name itself, but every other message that
 * quotes that name would print it whole. Returns `s` itself when it holds no hint of a known secret (the usual case:
 * one regex pass over `s`).
 */
export function redactSecretsIn(s: string): string {
  const found = findKnownSecrets(s);
  if (!found.length) return s;
  let out = '';
  let at = 0;
  for (const m of found) {
    if (m.start < at) continue;
    out += s.slice(at, m.start) + redact(s.slice(m.start, m.end));
    at = m.end;
  }
  return out + s.slice(at);
}

/**
 * Known-format secrets in `value`, left to right. Earlier table entries win over later ones on overlap (a JWT
 * inside `Bearer …` is reported as a JWT, once). Only the patterns with a hint in `value` run ({@link activePatterns}).
 */
export function findKnownSecrets(value: string): SecretMatch[] {
  const out: SecretMatch[] = [];
  if (value.length < MIN_KNOWN) return out;
  for (const p of activePatterns(value)) runPattern(p, value, out);
  return out.sort((a, b) => a.start - b.start);
}

// ---------------------------------------------------------------------------------------------------------------
// Context rule

/**
 * Normalised field names (lower case, letters and digits only) that hold secrets. A field matches when its
 * normalised name equals one of these or ends with one (`openai_api_key` → `openaiapikey` ends with `apikey`).
 */
const SECRET_NAME_SUFFIXES = [
  'password', 'passwd', 'passphrase', 'pwd',
  'secret', 'clientsecret', 'apisecret', 'appsecret', 'consumersecret', 'secretkey', 'secretaccesskey', 'signingsecret', 'webhooksecret',
  'token', 'accesstoken', 'refreshtoken', 'authtoken', 'apitoken', 'bearertoken', 'idtoken', 'sessiontoken',
  'apikey', 'accesskey', 'privatekey', 'masterkey', 'sharedkey', 'encryptionkey', 'subscriptionkey', 'licensekey',
  'authorization',
];

/** Names that end like a secret but are not: pagination cursors, CSRF and other one-time values, token metadata. */
const NOT_SECRET_NAMES = new Set([
  'pagetoken', 'nextpagetoken', 'nexttoken', 'continuationtoken', 'synctoken', 'cursortoken', 'paginationtoken', 'csrftoken', 'xsrftoken',
  'publickey', 'publishablekey', 'sitekey', 'recaptchasitekey', 'idempotencykey', 'tokenendpoint', 'postmantoken',
]);

/** Normalises a field name: `X-API-Key` → `xapikey`. */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** True when a field of this name holds a secret (see `SECRET_NAME_SUFFIXES`). */
export function isSecretName(name: string): boolean {
  let r = nameCache.get(name);
  if (r === undefined) {
    const n = normalizeName(name);
    r = !!n && n.length <= 60 && !NOT_SECRET_NAMES.has(n) && SECRET_NAME_SUFFIXES.some((s) => n.endsWith(s));
    if (nameCache.size > 5000) nameCache.clear();
    // A copy of the key: names are regex captures or tree strings, i.e. V8 slices that would keep their whole
    // document alive in this module-level cache (strings under 13 characters are copies already).
    nameCache.set(name.length < 13 ? name : (' ' + name).slice(1), r);
  }
  return r;
}

/** Field names repeat across a document (`value`, `url`, `name`): remember the verdicts (bounded). */
const nameCache = new Map<string, boolean>();

/** Values that are placeholders, not secrets: filler words, masks, repeated characters. */
const PLACEHOLDER = /(your|xxx|\*\*\*|\.\.\.|…|changeme|change_me|change-me|example|placeholder|replace|insert|dummy|sample|redacted|todo|tbd|foobar|<|>)/i;
const PLACEHOLDER_EXACT = /^(none|null|nil|undefined|true|false|test|demo|n\/a|na|secret|password|token|apikey|api_key|string|value|empty|default|required|optional|enabled|disabled)$/i;

/**
 * True when `v` is an expression or reference rather than a literal: n8n `={{ … }}` / `{{ … }}`, WDL `@…` / `@{…}`,
 * ARM `[parameters(…)]`, shell/JS `${…}` `$(…)` `$NAME` `%NAME%`, `process.env.X`, Node-RED `msg.`/`flow.`/`global.`/`env.`.
 */
export function isExpressionOrReference(v: string): boolean {
  const t = v.trim();
  if (/\{\{|\}\}|@\{|\$\{|\$\(/.test(t)) return true;
  if (t.startsWith('@') && !t.startsWith('@@')) return true;
  if (t.startsWith('[') && t.endsWith(']')) return true;
  if (/^\$[A-Za-z_]/.test(t) || /^%[A-Za-z_][A-Za-z0-9_]*%$/.test(t)) return true;
  if (/^(process\.env|env\.|msg\.|flow\.|global\.|\$env|\$vars|\$secrets|\$json|\$node|\$credentials)/.test(t)) return true;
  return false;
}

/**
 * True for values that name something instead of being a secret: `ENV_NAME`, `api_key`, `gitlabToken`
 * (identifiers), `{developer-token}` (a template slot), file paths (`d:/keys/private.pem`, `./key.pem`, `~/.ssh/id_rsa`).
 */
export function isNameOrPath(s: string): boolean {
  if ((/^[A-Z][A-Z0-9_]*$/.test(s) && /[A-Z]{3}/.test(s)) || /^[a-z]+(?:[_-][a-z]+)*$/.test(s) || /^[a-z]+(?:[A-Z][a-z]+)+$/.test(s)) return true;
  if (/^\{[^{}]*\}$/.test(s)) return true;
  if (/^(?:[A-Za-z]:[\\/]|\.{1,2}\/|~\/)/.test(s) || /^\/(?:[\w.-]+\/)+[\w.-]*$/.test(s) || /\.(pem|key|crt|cer|p12|pfx|json|txt|env)$/i.test(s)) return true;
  return false;
}

/** Shannon entropy in bits per character (UTF-16 code units). */
export function entropy(s: string): number {
  const counts = new Map<number, number>();
  for (let i = 0; i < s.length; i++) counts.set(s.charCodeAt(i), (counts.get(s.charCodeAt(i)) ?? 0) + 1);
  let h = 0;
  for (const c of counts.values()) {
    const p = c / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

/** Longest value the context rule looks at; longer strings are text or data, not a password or key. */
export const MAX_CONTEXT_VALUE = 10_000;

/**
 * The literal secret in a value under a secret-sounding name, or undefined when the value is empty, an expression,
 * a placeholder, a URL, prose, or too short / too regular to be a secret. Rules (documented in the rule page):
 * after dropping an n8n `=` expression marker and an auth scheme word (`Bearer `, `Basic `, `Token `), the value
 * must be 8–10,000 characters, have no whitespace runs (prose), use at least two character classes (lower, upper,
 * digit, other) and have an entropy of at least 2.5 bits per character. Returns the secret's `[start, end)` in `v`.
 */
export function literalSecret(v: string): { start: number; end: number } | undefined {
  if (v.length > MAX_CONTEXT_VALUE) return undefined;
  let start = 0;
  let end = v.length;
  while (start < end && /\s/.test(v[start])) start++;
  while (end > start && /\s/.test(v[end - 1])) end--;
  if (v[start] === '=') {
    // n8n: a leading "=" switches to expression mode; "={{ … }}" is an expression, "=abc" a literal.
    start++;
  }
  const scheme = /^(Bearer|Basic|Token|token|bearer|basic)\s+/.exec(v.slice(start, end));
  if (scheme) start += scheme[0].length;
  const s = v.slice(start, end);
  if (s.length < 8 || isExpressionOrReference(s) || PLACEHOLDER.test(s) || PLACEHOLDER_EXACT.test(s)) return undefined;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(s) || /\s/.test(s)) return undefined;
  if (isNameOrPath(s)) return undefined;
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((r) => r.test(s)).length;
  if (classes < 2 || entropy(s) < 2.5 || !looksRandom(s)) return undefined;
  return { start, end };
}

/**
 * `name = "value"` / `"name": "value"` assignments inside code, JSON text or `.env`-style text, where `name` is
 * secret-sounding. The name is at most 40 characters and the value 8–200 characters between matching quotes.
 */
const ASSIGNMENT = /(?<![A-Za-z0-9_$])(?<name>[A-Za-z_$][A-Za-z0-9_.$-]{0,40})["']?\s{0,3}[:=]\s{0,3}(?<q>["'`])(?<s>[^"'`\s]{8,200})\k<q>/dg;

/** Every secret name contains one of these (case-insensitive): a fast pre-check before `ASSIGNMENT`. */
const NAME_HINT = /pass|pwd|secret|token|key|auth/i;

/** Longest string scanned for assignments (code nodes are rarely longer; the regex is linear either way). */
export const MAX_ASSIGNMENT_SCAN = 100_000;

/** Secret-named assignments with literal values inside `value` (code, JSON text, `.env` text). */
export function findSecretAssignments(value: string): SecretMatch[] {
  const out: SecretMatch[] = [];
  if (value.length > MAX_ASSIGNMENT_SCAN || !/[:=]/.test(value) || !NAME_HINT.test(value)) return out;
  ASSIGNMENT.lastIndex = 0;
  for (let m = ASSIGNMENT.exec(value); m; m = ASSIGNMENT.exec(value)) {
    const name = m.groups!.name;
    if (!isSecretName(name.slice(name.lastIndexOf('.') + 1))) continue;
    const [s0] = m.indices!.groups!.s;
    const lit = literalSecret(m.groups!.s);
    if (!lit) continue;
    const start = s0 + lit.start;
    const end = s0 + lit.end;
    out.push({ id: 'secret-assignment', label: `value of "${name}"`, severity: 'warning', start, end, secret: value.slice(start, end), field: name });
  }
  return out;
}
