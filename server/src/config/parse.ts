/**
 * Parsing and validating a `.lowcodeguard.json` text. Pure (no file system, no network, nothing evaluated) and
 * never throws: every problem becomes a diagnostic with a range in the text, and the configuration keeps what is
 * valid, with defaults for the rest:
 * - not valid JSON(C) (comments and trailing commas are fine) → one `config/syntax-error` per parse error (at most 10)
 *   and an all-default configuration: a half-typed file never hides findings;
 * - a schema violation → `config/invalid` on the offending value (or key, for an unknown key; or the object's
 *   opening brace, for a missing key), and only that entry is left out (one rule level, one glob, one suppression);
 * - a glob that picomatch cannot compile → `config/invalid`, entry left out;
 * - an unknown rule id (in `rules` or a suppression's `rule`) → `config/unknown-rule` warning naming the closest
 *   known id and listing the known ids; the entry is kept (it has no effect).
 */
import { getNodeValue, parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { allRules, engineDocsUrl, LineIndex, REMOTE_REFERENCE_ID, RULE_ERROR_ID, SCHEMA_RULE_ID, SYNTAX_RULE_ID, type Finding, type JsonNode, type RuleLevel, type Severity } from '../engine';
import { prop } from '../engine/json';
import { escapeToken, findAt, parsePointer } from '../engine/pointer';
import { preview } from '../engine/schema/messages';
import { tooDeepAt } from '../engine/depth';
import { isRemoteUrl, quoteUrl } from '../engine/remote-ref';
import { FILE_TOO_LARGE_ID } from '../workspace/analyze-file';
import { compileGlob } from './match';
import { configValidator, type ErrorObject } from './schema';
import { CONFIG_DOCS_URL, CONFIG_INVALID_ID, CONFIG_SYNTAX_ID, CONFIG_UNKNOWN_RULE_ID, emptyConfig, type GuardConfig, type ParsedConfig, type Suppression } from './types';

/** Engine ids that are not security rules but can still be given a level or suppressed. */
export const ENGINE_IDS: readonly string[] = [SYNTAX_RULE_ID, SCHEMA_RULE_ID, RULE_ERROR_ID, FILE_TOO_LARGE_ID, REMOTE_REFERENCE_ID];

/**
 * Diagnostic id (info): a `$schema` or `$ref` in the configuration names a remote URL. Low-Code Guard never fetches
 * it (the file is validated with the bundled schema); documented with `engine/remote-reference` in docs/rules/README.md.
 */
export const CONFIG_REMOTE_REFERENCE_ID = 'config/remote-reference';

/** Every id a configuration may name: the security rules (`allRules`) and the engine ids, sorted. */
export function knownRuleIds(): string[] {
  return [...allRules.map((r) => r.meta.id), ...ENGINE_IDS].sort();
}

const MAX_SYNTAX_DIAGNOSTICS = 10;

/** Deepest nesting parsed (a valid configuration nests 4 levels; see engine/depth.ts for why deep input is refused). */
export const MAX_CONFIG_DEPTH = 32;

/** Parses and validates a configuration text (see the module comment). `text` may start with a BOM. */
export function parseConfig(text: string): ParsedConfig {
  const src = text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text;
  const lines = new LineIndex(text);
  const diagnostics: Finding[] = [];
  const report = (ruleId: string, severity: Severity, message: string, offset: number, length: number, pointer: string) =>
    diagnostics.push({ ruleId, severity, message, range: lines.rangeAt(offset, length), offset, length, pointer, docsUrl: `${CONFIG_DOCS_URL}#${anchorOf(ruleId)}` });

  const deep = tooDeepAt(src, MAX_CONFIG_DEPTH);
  if (deep >= 0) {
    report(CONFIG_SYNTAX_ID, 'error', `Configuration nested deeper than ${MAX_CONFIG_DEPTH} levels; it is not parsed and defaults are used.`, deep, 1, '');
    return { config: emptyConfig(), diagnostics, syntaxError: true };
  }
  const errors: ParseError[] = [];
  let root: JsonNode | undefined;
  try {
    root = parseTree(src, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true });
  } catch (e) {
    report(CONFIG_SYNTAX_ID, 'error', `Configuration could not be parsed (${(e as Error).message}); defaults are used.`, 0, 0, '');
    return { config: emptyConfig(), diagnostics, syntaxError: true };
  }
  if (errors.length) {
    const seen = new Set<string>();
    for (const err of errors) {
      const key = `${err.offset}:${err.error}`;
      if (seen.has(key) || seen.size >= MAX_SYNTAX_DIAGNOSTICS) continue;
      seen.add(key);
      report(CONFIG_SYNTAX_ID, 'error', `JSON syntax error: ${humanize(printParseErrorCode(err.error))}. The whole configuration is ignored (defaults are used) until this is fixed.`, err.offset, err.length, '');
    }
    return { config: emptyConfig(), diagnostics, syntaxError: true };
  }
  if (!root) return { config: emptyConfig(), diagnostics, syntaxError: false }; // empty file: nothing configured

  const value = getNodeValue(root) as unknown;
  const validate = configValidator();
  const dropped = new Set<string>();
  if (!validate(value)) {
    for (const e of selectErrors(validate.errors ?? [])) {
      const { offset, length } = locate(root, e);
      report(CONFIG_INVALID_ID, 'error', messageOf(e), offset, length, pointerOf(e));
      dropped.add(dropKey(pointerOf(e)));
    }
  }
  if (dropped.has('')) return { config: emptyConfig(), diagnostics, syntaxError: false };

  const config = build(root, dropped, (node, message, pointer) => report(CONFIG_INVALID_ID, 'error', message, node.offset, node.length, pointer));
  checkRuleIds(root, config, dropped, report);
  checkRemoteReferences(root, (message, node, pointer) => {
    report(CONFIG_REMOTE_REFERENCE_ID, 'info', message, node.offset, node.length, pointer);
    diagnostics[diagnostics.length - 1].docsUrl = engineDocsUrl(REMOTE_REFERENCE_ID);
  });
  diagnostics.sort((a, b) => a.offset - b.offset);
  return { config, diagnostics, syntaxError: false };
}

/** `CloseBraceExpected` → `close brace expected`. */
function humanize(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** Anchor of a diagnostic id's section in docs/configuration.md (`config/unknown-rule` → `config-unknown-rule`). */
function anchorOf(id: string): string {
  return id.replace(/[^a-z0-9-]/g, '-');
}

/** One error per value: same-path duplicates dropped, `required` errors merged per object. */
function selectErrors(errors: readonly ErrorObject[]): ErrorObject[] {
  const out: ErrorObject[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    if (e.keyword === 'required') {
      const prev = out.find((x) => x.keyword === 'required' && x.instancePath === e.instancePath);
      if (prev) {
        (prev.params as { missing: string[] }).missing.push(String(e.params.missingProperty));
        continue;
      }
      out.push({ ...e, params: { ...e.params, missing: [String(e.params.missingProperty)] } });
      continue;
    }
    const key = e.keyword === 'additionalProperties' ? `${e.instancePath}\u0000+${String(e.params.additionalProperty)}` : e.instancePath;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(e);
  }
  return out;
}

/** The span to underline: the value; an unknown key's key; a missing key's object's opening brace. */
function locate(root: JsonNode, e: ErrorObject): { offset: number; length: number } {
  const node = findAt(root, e.instancePath) ?? root;
  if (e.keyword === 'additionalProperties') {
    const key = prop(node, String(e.params.additionalProperty))?.parent?.children?.[0];
    if (key) return { offset: key.offset, length: key.length };
  }
  if (e.keyword === 'required') return { offset: node.offset, length: 1 };
  return { offset: node.offset, length: node.length };
}

/** JSON Pointer of what an error is about (an unknown key's own pointer). */
function pointerOf(e: ErrorObject): string {
  return e.keyword === 'additionalProperties' ? `${e.instancePath}/${escapeToken(String(e.params.additionalProperty))}` : e.instancePath;
}

/** `/suppressions/0/files` → `suppressions[0].files`; `/rules/n8n~1x` → `rules["n8n/x"]`. */
export function describePath(pointer: string): string {
  let out = '';
  for (const seg of parsePointer(pointer)) {
    if (/^(0|[1-9]\d*)$/.test(seg) && out) out += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

function messageOf(e: ErrorObject): string {
  const where = describePath(e.instancePath);
  const expected = (e.parentSchema as { 'x-expected'?: string } | undefined)?.['x-expected'];
  const subject = where ? `"${where}"` : 'The configuration';
  switch (e.keyword) {
    case 'additionalProperties': {
      const allowed = Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      return `Unknown key "${String(e.params.additionalProperty)}"${where ? ` in "${where}"` : ''}; allowed keys: ${allowed.map((k) => `"${k}"`).join(', ')}. It is ignored.`;
    }
    case 'required': {
      const missing = (e.params as { missing: string[] }).missing;
      return `${subject} is missing ${missing.map((k) => `"${k}"`).join(' and ')}; this entry is ignored until it is complete.`;
    }
    default:
      return `${subject} must be ${expected ?? e.message ?? 'valid'}, found ${preview(e.data)}. ${where ? 'This entry is ignored.' : 'Defaults are used.'}`;
  }
}

/**
 * Which part of the configuration an error invalidates (from the error's pointer, an unknown key's own pointer
 * included): `''` (all), `rules`, `rules/<id>`, `ignore/<i>`, `suppressions/<i>` (an unknown key in a suppression
 * drops it: a misspelt `pointer` must not widen it to the whole file), or an unknown top-level key (nothing to drop).
 */
function dropKey(instancePath: string): string {
  const segs = parsePointer(instancePath);
  if (segs.length === 0) return '';
  return segs.length === 1 ? segs[0] : `${segs[0]}/${segs[1]}`;
}

/** Builds the configuration from the tree, leaving out dropped parts and globs that do not compile. */
function build(root: JsonNode, dropped: ReadonlySet<string>, bad: (node: JsonNode, message: string, pointer: string) => void): GuardConfig {
  const config = emptyConfig();
  const rules = dropped.has('rules') ? undefined : prop(root, 'rules');
  for (const p of rules?.type === 'object' ? rules.children ?? [] : []) {
    const id = p.children?.[0]?.value as string;
    const level = p.children?.[1] && (getNodeValue(p.children[1]) as RuleLevel);
    if (!dropped.has(`rules/${id}`) && level && LEVELS.includes(level)) config.rules[id] = level;
  }
  const globOk = (node: JsonNode, pointer: string): boolean => {
    try {
      compileGlob(String(node.value));
      return true;
    } catch (e) {
      bad(node, `"${describePath(pointer)}" is not a glob Low-Code Guard accepts (${(e as Error).message}). This entry is ignored.`, pointer);
      return false;
    }
  };
  const ignore = dropped.has('ignore') ? undefined : prop(root, 'ignore');
  (ignore?.children ?? []).forEach((g, i) => {
    if (!dropped.has(`ignore/${i}`) && globOk(g, `/ignore/${i}`)) config.ignore.push(String(g.value));
  });
  const sups = dropped.has('suppressions') ? undefined : prop(root, 'suppressions');
  (sups?.children ?? []).forEach((s, i) => {
    if (dropped.has(`suppressions/${i}`)) return;
    const filesNode = prop(s, 'files');
    const globs = filesNode?.type === 'array' ? filesNode.children ?? [] : filesNode ? [filesNode] : [];
    const base = `/suppressions/${i}/files`;
    if (!globs.every((g, j) => globOk(g, filesNode?.type === 'array' ? `${base}/${j}` : base))) return;
    const sup: Suppression = { rule: String(prop(s, 'rule')?.value), files: globs.map((g) => String(g.value)), reason: String(prop(s, 'reason')?.value) };
    const pointer = prop(s, 'pointer')?.value as string | undefined;
    if (pointer) sup.pointer = pointer;
    config.suppressions.push(sup);
  });
  return config;
}

/** Warns about rule ids no rule has, in `rules` keys and suppressions' `rule` values. */
function checkRuleIds(root: JsonNode, config: GuardConfig, dropped: ReadonlySet<string>, report: (id: string, sev: Severity, msg: string, offset: number, length: number, pointer: string) => void): void {
  const known = knownRuleIds();
  const knownSet = new Set(known);
  const warn = (id: string, node: JsonNode, pointer: string) => {
    const near = closest(id, known);
    const hint = near ? ` Did you mean "${near}"?` : '';
    // Known ids of the same platform prefix when it is one (the full list is long), else all of them.
    const prefix = id.includes('/') ? id.slice(0, id.indexOf('/') + 1).toLowerCase() : '';
    const same = known.filter((k) => prefix && k.startsWith(prefix));
    const list = same.length ? `Known ${prefix}… ids: ${same.join(', ')}` : `Known ids: ${known.join(', ')}`;
    report(CONFIG_UNKNOWN_RULE_ID, 'warning', `Unknown rule id "${id}": it has no effect.${hint} ${list}.`, node.offset, node.length, pointer);
  };
  const rules = prop(root, 'rules');
  if (!dropped.has('rules') && rules?.type === 'object') {
    for (const p of rules.children ?? []) {
      const key = p.children?.[0];
      const id = key?.value as string;
      if (key && id in config.rules && !knownSet.has(id)) warn(id, key, `/rules/${escapeToken(id)}`);
    }
  }
  (prop(root, 'suppressions')?.children ?? []).forEach((s, i) => {
    const ruleNode = prop(s, 'rule');
    if (dropped.has('suppressions') || dropped.has(`suppressions/${i}`) || !ruleNode) return;
    if (!knownSet.has(String(ruleNode.value))) warn(String(ruleNode.value), ruleNode, `/suppressions/${i}/rule`);
  });
}

/** Reports every `$schema`/`$ref` key (any depth) whose string value is a remote URL (network scheme or `//host`). */
function checkRemoteReferences(root: JsonNode, report: (message: string, node: JsonNode, pointer: string) => void): void {
  const visit = (node: JsonNode, pointer: string): void => {
    for (const [i, child] of (node.children ?? []).entries()) {
      if (child.type !== 'property') {
        visit(child, `${pointer}/${i}`);
        continue;
      }
      const key = String(child.children?.[0]?.value);
      const value = child.children?.[1];
      if (!value) continue;
      const at = `${pointer}/${escapeToken(key)}`;
      if ((key === '$schema' || key === '$ref') && value.type === 'string' && isRemoteUrl(String(value.value))) {
        report(
          `"${key}" names a remote URL (${quoteUrl(String(value.value))}) that Low-Code Guard does not fetch: it never downloads anything and validates this file with its bundled schema. VS Code's own JSON support may still download it unless the json.schemaDownload.enable setting is off.`,
          value,
          at,
        );
      }
      visit(value, at);
    }
  };
  visit(root, '');
}

/** The known id nearest to `id` by edit distance, when it is close (at most a third of its length). */
export function closest(id: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Math.max(2, Math.floor(id.length / 3)) + 1;
  for (const k of known) {
    const d = distance(id.toLowerCase(), k);
    if (d < bestD) {
      best = k;
      bestD = d;
    }
  }
  return best;
}

/** Levenshtein distance (small strings only: rule ids). */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

/** The level words, in schema order (`off`, then severities from most to least serious). */
export const LEVELS: readonly RuleLevel[] = ['off', 'error', 'warning', 'info', 'hint'];
