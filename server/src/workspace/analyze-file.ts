/**
 * Reads one file from disk and runs the engine on it. Shared by the CLI and the language server's workspace scan;
 * pure Node (no `vscode`/LSP imports). Only findings and a little metadata are returned, never the parse tree or the
 * text, so a large scan holds findings only.
 */
import { closeSync, constants as fsConstants, fstatSync, openSync, readFileSync } from 'node:fs';
import { isAscii } from 'node:buffer';
import { analyze, engineDocsUrl, SYNTAX_RULE_ID, type Finding, type Fix, type Format, type RuleLevel } from '../engine';

/** Rule id of the info finding that replaces analysis of a file over the size limit. */
export const FILE_TOO_LARGE_ID = 'engine/file-too-large';

/** Default size limit: 5120 KB (the `lowcodeGuard.maxFileSizeKB` default; 1 KB = 1024 bytes). */
export const DEFAULT_MAX_FILE_SIZE_BYTES = 5120 * 1024;

/** Options of `analyzeFile`. */
export interface AnalyzeFileOptions {
  /** Files larger than this many bytes are not read; they get one `engine/file-too-large` info finding instead. */
  maxFileSizeBytes?: number;
  /** Per-rule levels (rule id → severity or `off`), passed to the engine; `engine/file-too-large` can be turned off too. */
  rules?: Readonly<Record<string, RuleLevel>>;
  /**
   * Which files keep their `json/syntax-error` findings: `low-code` (default) only files whose text looks like a
   * low-code definition (see `looksLikeLowCode`), so a broken `tsconfig.json` or a settings file with trailing commas
   * does not fail a scan; `all` every file.
   */
  syntaxErrors?: 'low-code' | 'all';
  /** Name given to the engine (rules read base names such as `flows_cred.json`); default: `path`. */
  fileName?: string;
  /**
   * Post-processing of the file's findings after analysis (the `.lowcodeguard.json` levels and suppressions, see
   * `config/match.ts` `applyConfig`): returns the findings to keep and how many were suppressed.
   */
  suppress?: (findings: readonly Finding[], path: string) => { findings: Finding[]; suppressed: number };
  /**
   * Keep the quick fixes' edits (default false). Edits are computed from the file's text when first read (see
   * engine/lazy-edits.ts), so keeping them keeps every text of a scan in memory; by default a finding's `fix` keeps its
   * `title` and `isPreferred` and has no edits (scans only show that a fix exists; the editor recomputes the edits
   * from the open document). A caller that applies fixes to files (a future `--fix`) sets this.
   */
  keepFixEdits?: boolean;
}

/**
 * What happened to a file:
 * - `analyzed`: read and passed to the engine (this includes JSON that is not a low-code definition: no findings);
 * - `too-large`: over `maxFileSizeBytes`, not read (one `engine/file-too-large` finding unless that id is `off`);
 * - `binary`: contains NUL bytes (and no UTF-16 byte-order mark), so it is not a text file: skipped without findings.
 */
export type FileStatus = 'analyzed' | 'too-large' | 'binary';

/** The result of `analyzeFile`. */
export interface FileAnalysis {
  /** The path as given to `analyzeFile`. */
  path: string;
  status: FileStatus;
  /**
   * Findings sorted by offset (as the engine returns them). Ranges are 0-based, UTF-16 code units. A `fix` has empty
   * `edits` unless `keepFixEdits` was set (see there).
   */
  findings: Finding[];
  /** Detected format, when the file is a low-code definition. */
  format?: Format;
  subformat?: string;
  /** Size on disk in bytes. */
  bytes: number;
  /** Findings removed by `suppress` (present only when more than 0). */
  suppressed?: number;
}

/**
 * Stats, reads and analyses one file.
 * Text decoding: UTF-8 (a UTF-8 byte-order mark is dropped, as editors do, so columns match the editor's); a file that
 * starts with a UTF-16 byte-order mark (as Windows PowerShell's `Out-File` writes) is decoded as UTF-16.
 * Throws the fs error (ENOENT, EACCES, EISDIR, …) when the file cannot be read; never throws for its content.
 */
export async function analyzeFile(path: string, options: AnalyzeFileOptions = {}): Promise<FileAnalysis> {
  const max = options.maxFileSizeBytes ?? DEFAULT_MAX_FILE_SIZE_BYTES;
  const { size, buf } = readCapped(path, max);
  if (!buf) {
    const level = options.rules?.[FILE_TOO_LARGE_ID];
    return withSuppressions({ path, status: 'too-large', findings: level === 'off' ? [] : [tooLargeFinding(size, max, level)], bytes: size }, options);
  }
  const text = decode(buf);
  if (text === undefined) return { path, status: 'binary', findings: [], bytes: buf.length };

  const result = analyze(text, { fileName: options.fileName ?? path, rules: options.rules });
  let findings = result.findings;
  if (!options.keepFixEdits) for (const f of findings) if (f.fix) f.fix = withoutEdits(f.fix);
  if (!result.detection && options.syntaxErrors !== 'all' && findings.length && !looksLikeLowCode(text)) {
    findings = findings.filter((f) => f.ruleId !== SYNTAX_RULE_ID);
  }
  const out: FileAnalysis = { path, status: 'analyzed', findings, bytes: buf.length };
  if (result.detection) {
    out.format = result.detection.format;
    out.subformat = result.detection.subformat;
  }
  return withSuppressions(out, options);
}

/**
 * One open + fstat + read, so the size check and the read see the same file; `buf` is undefined when the file is over
 * `max` bytes (then it is not read). Synchronous on purpose: the engine that follows is synchronous anyway, and the
 * promise API's four thread-pool round trips per file (open, stat, read, close) cost about a third of a corpus scan
 * (measured, docs/performance.md). Throws the fs error; EISDIR for a folder; ENOTREG (ours) for a FIFO, socket or device.
 */
function readCapped(path: string, max: number): { size: number; buf?: Buffer } {
  // O_NONBLOCK: opening a FIFO named `x.json` would otherwise wait for a writer forever (regular files ignore the flag).
  const fd = openSync(path, fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0));
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw Object.assign(new Error(`EISDIR: illegal operation on a directory, read '${path}'`), { code: 'EISDIR' });
    if (!st.isFile()) throw Object.assign(new Error(`not a regular file (a FIFO, socket or device): '${path}'`), { code: 'ENOTREG' });
    if (st.size > max) return { size: st.size };
    return { size: st.size, buf: readFileSync(fd) };
  } finally {
    closeSync(fd);
  }
}

/** A fix's title and `isPreferred`, without its (lazily computed, text-holding) edits. */
function withoutEdits(fix: Fix): Fix {
  return fix.isPreferred === undefined ? { title: fix.title, edits: [] } : { title: fix.title, edits: [], isPreferred: fix.isPreferred };
}

/** Applies `options.suppress` to a result's findings, recording the count when some were removed. */
function withSuppressions(out: FileAnalysis, options: AnalyzeFileOptions): FileAnalysis {
  if (!options.suppress || out.findings.length === 0) return out;
  const { findings, suppressed } = options.suppress(out.findings, out.path);
  out.findings = findings;
  if (suppressed > 0) out.suppressed = suppressed;
  return out;
}

/** UTF-8 decoder (WHATWG: a leading byte-order mark is dropped, invalid sequences become U+FFFD). */
const UTF8 = new TextDecoder('utf-8');

/**
 * Decodes file bytes to text, or returns undefined for binary content (a NUL byte outside UTF-16 text).
 * UTF-16 LE/BE need their byte-order mark; UTF-8 is the default (invalid sequences become U+FFFD).
 */
export function decode(buf: Uint8Array): string | undefined {
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return new TextDecoder('utf-16le').decode(buf);
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) {
    const swapped = Buffer.from(buf.subarray(0, buf.length - (buf.length % 2)));
    swapped.swap16();
    return new TextDecoder('utf-16le').decode(swapped);
  }
  if (buf.indexOf(0) !== -1) return undefined;
  // Pure ASCII (most exports): latin1 is the same text, and V8 builds it as a one-byte string without decoding.
  if (isAscii(buf)) return Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength).toString('latin1');
  return UTF8.decode(buf);
}

const N8N_HINT = [/"nodes"\s*:/, /"connections"\s*:/];
/** An n8n node type (`n8n-nodes-base.webhook`, `@n8n/n8n-nodes-langchain.agent`): with `"nodes"`, an n8n file cut before `"connections"`. */
const N8N_NODE_TYPE = /"(?:n8n-nodes-base\.|@n8n\/)/;
const NODE_RED_HINT = /"wires"\s*:/;
const NODE_RED_HINT2 = [/"type"\s*:/, /"z"\s*:/];
const WDL_HINT = /"(?:triggers|actions)"\s*:/;
const WDL_HINT2 = /"definition"\s*:|workflowdefinition\.json|"runAfter"\s*:/i;

/**
 * Cheap text test used for files that do not parse: does this look like an n8n workflow (`"nodes"` and
 * `"connections"` keys, or `"nodes"` and an n8n node type string: a file cut off before its connections), a Node-RED flow (`"wires"`, or `"type"` with `"z"`), or a WDL definition (`"triggers"` or
 * `"actions"` with `"definition"`, `"runAfter"` or the WDL `$schema`)? Only the presence of key names is checked.
 */
export function looksLikeLowCode(text: string): boolean {
  if (N8N_HINT[0].test(text) && (N8N_HINT[1].test(text) || N8N_NODE_TYPE.test(text))) return true;
  if (NODE_RED_HINT.test(text) || NODE_RED_HINT2.every((r) => r.test(text))) return true;
  return WDL_HINT.test(text) && WDL_HINT2.test(text);
}

/** Both sizes for a message, in bytes when rounding to KB would print them alike (1,074 bytes vs a 1 KB limit). */
function sizes(size: number, max: number): [string, string] {
  const a = formatSize(size);
  const b = formatSize(max);
  return a === b ? [`${size.toLocaleString('en-US')} bytes`, `${max.toLocaleString('en-US')} bytes`] : [a, b];
}

function tooLargeFinding(size: number, max: number, level: RuleLevel | undefined): Finding {
  const [shown, limit] = sizes(size, max);
  return {
    ruleId: FILE_TOO_LARGE_ID,
    severity: level && level !== 'off' ? level : 'info',
    message: `File not analysed: its size (${shown}) is over the limit (${limit}). Raise the limit with --max-file-size or the lowcodeGuard.maxFileSizeKB setting.`,
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    offset: 0,
    length: 0,
    pointer: '',
    docsUrl: engineDocsUrl(FILE_TOO_LARGE_ID),
  };
}

/** `312 bytes`, `5,120 KB`, `6,400.5 KB` (1 KB = 1024 bytes). */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} byte${bytes === 1 ? '' : 's'}`;
  return `${(bytes / 1024).toLocaleString('en-US', { maximumFractionDigits: 1 })} KB`;
}
