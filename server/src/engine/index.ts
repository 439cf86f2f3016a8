/**
 * The engine's one entry point: text → findings. Pure: no file system, no network, no `vscode`/LSP imports.
 * The language server and the CLI both call `analyze`, so the editor and CI always agree.
 */
import { parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { detect, type Detection } from './detect';
import { ENGINE_PARSE_OPTIONS, parseFast } from './parse';
import { DOCS_BASE, flowHelpers, type Report, type Rule, type RuleContext } from './rule';
import { allRules } from './rules';
import { validateSchema } from './schema/validate';
import { LineIndex } from './text';
import { pointerOf } from './pointer';
import { MAX_NESTING_DEPTH, tooDeepAt } from './depth';
import { SEVERITY_RANK, type Finding, type JsonNode, type Severity } from './types';
import { REMOTE_REFERENCE_ID, remoteReferences } from './remote-ref';
import { PLATFORM } from './schema/messages';
import { redactSecretsIn } from './secrets/scan';

export * from './types';
export { redact } from './redact';
export { redactSecretsIn } from './secrets/scan';
export { allRules, rulesById } from './rules';
export { applyEdits } from './fix';
export { fixAll } from './fix-all';
export { LineIndex } from './text';
export type { Detection } from './detect';
export type { Rule } from './rule';

/** Engine-level rule ids (not security rules): they carry no OWASP id. */
export const SYNTAX_RULE_ID = 'json/syntax-error';
export const SCHEMA_RULE_ID = 'json/schema-violation';
export const RULE_ERROR_ID = 'engine/rule-error';
/** Info: a `$schema`/`$ref` names a remote URL, which is never fetched (remote-ref.ts). */
export { REMOTE_REFERENCE_ID };

/** A rule's configured level: a severity, or `off`. */
export type RuleLevel = Severity | 'off';

/** Options of one analysis. */
export interface AnalyzeOptions {
  /** File name or path, used in messages and by rules that look at names (e.g. `flows_cred.json`). */
  fileName?: string;
  /** Per-rule levels (rule id → severity or `off`), overriding each rule's default severity. */
  rules?: Readonly<Record<string, RuleLevel>>;
  /** Run only these rules (tests); default: all. */
  only?: readonly Rule[];
  /** Skip JSON Schema validation (default false). */
  skipSchema?: boolean;
}

/** What `analyze` returns. `findings` are sorted by offset, then rule id. */
export interface AnalysisResult {
  findings: Finding[];
  /** Undefined when the text did not parse or is not a low-code definition. */
  detection?: Detection;
  lines: LineIndex;
}

const MAX_SYNTAX_FINDINGS = 20;

/**
 * Analyses one document. Never throws: a syntax error, or nesting deeper than `MAX_NESTING_DEPTH` (depth.ts), becomes a
 * `json/syntax-error` finding (and the rest is skipped); a rule that throws becomes an `engine/rule-error` finding and the other rules still run.
 */
export function analyze(text: string, options: AnalyzeOptions = {}): AnalysisResult {
  // A BOM is not JSON; blank it (same length, so offsets hold) and let the parser see the rest.
  const parseText = text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text;
  const lines = new LineIndex(text);
  const errors: ParseError[] = [];
  let root: JsonNode | undefined;
  // Strict JSON (+ comments) no deeper than the limit: the fast parser (parse.ts). Anything else: the depth guard, then
  // jsonc-parser, which reports the syntax errors. Either way the tree is jsonc-parser's.
  root = parseFast(parseText, MAX_NESTING_DEPTH);
  if (root === undefined) {
    const deep = tooDeepAt(parseText);
    if (deep >= 0) {
      // The parser, the schema validator and the adapters recurse per level: such a file is refused, not parsed (depth.ts).
      const message = `JSON nesting is deeper than ${MAX_NESTING_DEPTH.toLocaleString('en-US')} levels here; the file was not analysed.`;
      return { findings: [makeFinding(lines, SYNTAX_RULE_ID, undefined, 'error', message, deep, 1, '')], lines };
    }
    try {
      root = parseTree(parseText, errors, ENGINE_PARSE_OPTIONS);
    } catch (e) {
      // jsonc-parser recurses per nesting level: absurdly deep input overflows the stack.
      const f = makeFinding(lines, SYNTAX_RULE_ID, undefined, 'error', `JSON could not be parsed: ${(e as Error).message}`, 0, 0, '');
      return { findings: [f], lines };
    }
  }
  if (errors.length) {
    const findings = errors.slice(0, MAX_SYNTAX_FINDINGS).map((err) =>
      makeFinding(lines, SYNTAX_RULE_ID, undefined, 'error', `JSON syntax error: ${describeParseError(printParseErrorCode(err.error))}`, err.offset, err.length, ''),
    );
    if (errors.length > MAX_SYNTAX_FINDINGS) findings[findings.length - 1].message += ` (${errors.length - MAX_SYNTAX_FINDINGS} more syntax errors not shown)`;
    return { findings: dedupe(findings), lines };
  }
  const detection = detect(root, options.fileName ?? '');
  if (!root || !detection) return { findings: [], lines };

  const levels = options.rules ?? {};
  const findings: Finding[] = [];
  const fileName = options.fileName ?? '';

  if (!options.skipSchema && levels[SCHEMA_RULE_ID] !== 'off') {
    try {
      for (const r of validateSchema(detection, root)) {
        findings.push(toFinding(lines, SCHEMA_RULE_ID, undefined, levelOf(levels, SCHEMA_RULE_ID, r.severity ?? 'warning'), r));
      }
    } catch (e) {
      findings.push(makeFinding(lines, RULE_ERROR_ID, undefined, 'warning', `Schema validation failed: ${errorText(e, text)}`, 0, 0, ''));
    }
  }

  if (levels[REMOTE_REFERENCE_ID] !== 'off') {
    try {
      const sev = levelOf(levels, REMOTE_REFERENCE_ID, 'info');
      for (const r of remoteReferences(root, PLATFORM[detection.format], text)) findings.push(makeFinding(lines, REMOTE_REFERENCE_ID, undefined, sev, r.message, r.node.offset, r.node.length, pointerOf(r.node)));
    } catch (e) {
      findings.push(makeFinding(lines, RULE_ERROR_ID, undefined, 'warning', `Remote reference check failed: ${errorText(e, text)}`, 0, 0, ''));
    }
  }

  const helpers = flowHelpers(detection.flows);
  for (const rule of options.only ?? allRules) {
    const { meta } = rule;
    if (!meta.formats.includes(detection.format)) continue;
    if (levels[meta.id] === 'off') continue;
    const ctx: RuleContext = {
      text,
      root,
      lines,
      detection,
      flows: detection.flows,
      fileName,
      ...helpers,
      report(r: Report) {
        const sev = levelOf(levels, meta.id, r.severity ?? meta.defaultSeverity);
        const f = toFinding(lines, meta.id, meta.owasp, sev, r);
        f.docsUrl = meta.docsUrl;
        findings.push(f);
      },
    };
    try {
      rule.check(ctx);
    } catch (e) {
      findings.push(makeFinding(lines, RULE_ERROR_ID, undefined, 'warning', `Rule ${meta.id} failed on this file and was skipped: ${errorText(e, text)}`, 0, 0, ''));
    }
  }
  return { findings: dedupe(findings), detection, lines };
}

function levelOf(levels: Readonly<Record<string, RuleLevel>>, id: string, fallback: Severity): Severity {
  const l = levels[id];
  return l && l !== 'off' ? l : fallback;
}

/**
 * An error as one line for a finding message: `name: message`, at most 200 characters, without document content. An
 * error message may quote the text it failed on (V8's `JSON.parse` quotes the start of its input, which can be a
 * secret), so every double-quoted part and every run of 8 or more non-space characters that also occurs in `text`
 * becomes `…`. A thrown non-Error value shows only its type.
 */
export function errorText(e: unknown, text: string): string {
  const raw = e instanceof Error ? `${e.name}: ${e.message}` : `a ${typeof e} was thrown`;
  const m = raw.length > 200 ? raw.slice(0, 200) + '…' : raw;
  return m.replace(/"[^"]*"/g, '"…"').replace(/[^\s"'`]{8,}/g, (token) => (text.includes(token) ? '…' : token));
}

function toFinding(lines: LineIndex, ruleId: string, owasp: Finding['owasp'], severity: Severity, r: Report): Finding {
  const at = r.at;
  const f = makeFinding(lines, ruleId, owasp, severity, r.message, at.offset, at.length, r.pointer ?? pointerOf(at.parent?.type === 'property' && at.parent.children?.[0] === at ? at.parent.children![1] ?? at : at));
  if (r.fix) f.fix = r.fix.title.length < 13 ? r.fix : { ...r.fix, title: detached(redactSecretsIn(r.fix.title)) };
  return f;
}

function makeFinding(lines: LineIndex, ruleId: string, owasp: Finding['owasp'], severity: Severity, message: string, offset: number, length: number, pointer: string): Finding {
  // Messages quote flow, step and field names, which may hold a token: redacted here, once for every rule.
  const f: Finding = { ruleId, severity, message: detached(redactSecretsIn(message)), range: lines.rangeAt(offset, length), offset, length, pointer: detached(pointer) };
  if (owasp) f.owasp = owasp;
  else f.docsUrl = engineDocsUrl(ruleId);
  return f;
}

/**
 * A copy of `s` that holds no reference to the document text. Names and values taken from the parse tree are V8
 * slices of the whole text, and a message built from them with a template literal refers to those slices: one kept
 * finding would keep its entire file in memory (measured: 60 MB of document text held by a corpus scan's findings).
 * Strings under 13 characters are always copies in V8, so only longer ones are copied here.
 */
function detached(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

/**
 * Engine findings (syntax, schema, rule errors, size) are documented on one page, one heading per id:
 * `docs/rules/README.md#jsonsyntax-error` (GitHub's heading anchors drop `/`).
 */
export function engineDocsUrl(ruleId: string): string {
  return `${DOCS_BASE}/README.md#${ruleId.toLowerCase().replace(/[^a-z0-9 _-]/g, '').replace(/ /g, '-')}`;
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const f of findings) {
    const k = `${f.ruleId}\u0000${f.offset}\u0000${f.length}\u0000${f.message}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(f);
  }
  // Rule ids are [a-z0-9/-]: code-unit order is the order localeCompare gave, without ICU collation (slow, and its
  // first use costs tens of milliseconds of start-up).
  return out.sort((a, b) => a.offset - b.offset || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) || SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
}

const PARSE_ERROR_TEXT: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'invalid number',
  PropertyNameExpected: 'property name expected',
  ValueExpected: 'value expected',
  ColonExpected: 'colon expected',
  CommaExpected: 'comma expected',
  CloseBraceExpected: 'closing brace } expected',
  CloseBracketExpected: 'closing bracket ] expected',
  EndOfFileExpected: 'end of file expected (trailing content after the JSON value)',
  InvalidCommentToken: 'invalid comment',
  UnexpectedEndOfComment: 'unexpected end of comment',
  UnexpectedEndOfString: 'unterminated string',
  UnexpectedEndOfNumber: 'unexpected end of number',
  InvalidUnicode: 'invalid \\u escape',
  InvalidEscapeCharacter: 'invalid escape character in string',
  InvalidCharacter: 'invalid character in string',
};

function describeParseError(code: string): string {
  return PARSE_ERROR_TEXT[code] ?? code;
}
