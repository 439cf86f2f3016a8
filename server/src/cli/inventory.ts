/**
 * `lowcode-guard inventory [paths…] --format json|csv|md [--output FILE]`: the flow inventory (OWASP LCNC-SEC-09)
 * of every low-code definition found, on the same discovery, configuration and analysis path as `scan`
 * (`configuredFiles` + `analyzeFiles`); each flow file is then parsed once more for its flow model (detection only,
 * no rules). Never prints secrets: the inventory holds names, hosts and rule ids only.
 */
import { readFileSync, promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { detect } from '../engine/detect';
import { parseJson } from '../engine/parse';
import { OWASP_TITLES, type OwaspId } from '../engine/types';
import { buildInventory, type FlowInventory } from '../inventory';
import { decode } from '../workspace/analyze-file';
import { analyzeFiles, isFileError } from '../workspace/scan';
import { ConfigUsageError, configuredFiles, optionsOf, type ConfiguredFiles } from './config';
import { relativePath } from './report';
import { ProgressBar, type ProgressStream } from './progress';
import { printable } from './printable';
import { flowDisplayName } from '../report/context';

/** Output formats of `inventory`. */
export type InventoryFormat = 'json' | 'csv' | 'md';

/** Options of `inventory` after commander parsed them. */
export interface InventoryOptions {
  format: InventoryFormat;
  output?: string;
  maxFileSize: number;
  config?: string;
  /** `--quiet`: no progress bar. */
  quiet?: boolean;
}

/** Where `inventory` writes. */
export interface InventoryIo {
  cwd: string;
  stdout: { write(s: string): unknown };
  stderr: ProgressStream;
  /** Draw a progress bar on `stderr` (the caller decides: terminal, not quiet, not CI; see `progress.ts`). */
  progress?: boolean;
}

const OWASP_IDS = Object.keys(OWASP_TITLES) as OwaspId[];

/**
 * Runs the command; resolves to the exit code: 0 done, 2 usage error (path or `--config` missing, output not
 * writable) or a file could not be read (its message goes to standard error, the inventory is still written).
 */
export async function runInventory(paths: readonly string[], opts: InventoryOptions, io: InventoryIo): Promise<number> {
  const fail = (msg: string) => {
    io.stderr.write(`lowcode-guard: ${msg}\n`);
    return 2;
  };
  for (const p of paths) {
    try {
      await fsp.stat(path.resolve(io.cwd, p));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      return fail(code === 'ENOENT' ? `path not found: ${p}` : `cannot access ${p}: ${code ?? (e as Error).message}`);
    }
  }
  const finding = new ProgressBar(io.stderr, !!io.progress, 'Finding files');
  let configured;
  try {
    finding.start();
    configured = await configuredFiles(paths, io.cwd, opts.config);
  } catch (e) {
    if (e instanceof ConfigUsageError) return fail(e.message);
    throw e;
  } finally {
    finding.done();
  }
  const bar = new ProgressBar(io.stderr, !!io.progress, 'Taking inventory');
  let collected;
  try {
    collected = await collectInventory(configured, io.cwd, Math.floor(opts.maxFileSize * 1024), undefined, (done, total) => bar.update(done, total));
  } finally {
    bar.done();
  }
  const { flows, errors } = collected;
  for (const e of errors) io.stderr.write(`lowcode-guard: could not read ${e.file}: ${e.error}\n`);
  const code = errors.length ? 2 : 0;
  const out = opts.format === 'csv' ? formatInventoryCsv(flows) : opts.format === 'md' ? formatInventoryMarkdown(flows) : formatInventoryJson(flows);
  if (opts.output !== undefined) {
    try {
      await fsp.writeFile(path.resolve(io.cwd, opts.output), out);
    } catch (e) {
      return fail(`cannot write ${opts.output}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  } else {
    io.stdout.write(out);
  }
  return code;
}

/**
 * Analyses the discovered files (their configuration's levels and suppressions applied) and builds the inventory of
 * every flow file; `file` fields are relative to `cwd`. Files that could not be read are listed in `errors`.
 * `onProgress(done, total)` is called as files are analysed.
 */
export async function collectInventory(
  configured: ConfiguredFiles,
  cwd: string,
  maxFileSizeBytes?: number,
  signal?: AbortSignal,
  onProgress?: (done: number, total: number) => void,
): Promise<{ flows: FlowInventory[]; errors: Array<{ file: string; error: string }> }> {
  const { files, configOf } = configured;
  onProgress?.(0, files.length);
  const results = await analyzeFiles(files, { concurrency: 16, signal, ...(maxFileSizeBytes ? { maxFileSizeBytes } : {}), optionsFor: (p) => optionsOf(configOf.get(p)), onResult: (_r, done, total) => onProgress?.(done, total) });
  const flows: FlowInventory[] = [];
  const errors: Array<{ file: string; error: string }> = [];
  for (const r of results) {
    const file = relativePath(cwd, r.path);
    if (isFileError(r)) {
      errors.push({ file, error: r.error });
      continue;
    }
    if (r.status !== 'analyzed' || !r.format) continue;
    let text: string | undefined;
    try {
      text = decode(readFileSync(r.path));
    } catch (e) {
      errors.push({ file, error: (e as Error).message });
      continue;
    }
    if (text === undefined) continue;
    const parseText = text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text;
    const detection = detect(parseJson(parseText, []), r.path);
    if (detection) {
      // The name the maker knows (solution display name, Logic Apps Standard folder, Node-RED tabs, file without GUID).
      const inv = buildInventory(detection, text, r.findings, file);
      inv.forEach((f, i) => (f.name = flowDisplayName(detection.flows[i], r.path)));
      flows.push(...inv);
    }
  }
  return { flows, errors };
}

/** JSON: `{ "flows": FlowInventory[] }`, two-space indented, newline-terminated. */
export function formatInventoryJson(flows: readonly FlowInventory[]): string {
  return JSON.stringify({ flows }, null, 2) + '\n';
}

/** Column headers of the CSV format (one row per flow). */
export const CSV_COLUMNS: readonly string[] = [
  'file', 'platform', 'name', 'steps', 'triggers', 'internet_facing', 'endpoints', 'connections', 'risky_components',
  'findings', 'error', 'warning', 'info', 'hint', ...OWASP_IDS,
];

/**
 * One CSV cell (RFC 4180 quoting). Cells that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`,
 * tab or carriage return; OWASP "CSV Injection") get a leading `'`.
 */
export function csvCell(value: string | number): string {
  let s = printable(String(value));
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV: a header row, then one row per flow; lists are `; `-separated in one cell. CRLF line ends (RFC 4180). */
export function formatInventoryCsv(flows: readonly FlowInventory[]): string {
  const rows = [CSV_COLUMNS.map(csvCell).join(',')];
  for (const f of flows) {
    const cells: (string | number)[] = [
      f.file, f.platform, f.name, f.steps,
      f.triggers.map((t) => `${t.type}: ${t.name}`).join('; '),
      f.triggers.some((t) => t.internetFacing) ? 'yes' : 'no',
      f.endpoints.map(endpointText).join('; '),
      f.connections.map((c) => (c.type ? `${c.name} (${c.type})` : c.name)).join('; '),
      [...new Set(f.riskyComponents.map((r) => r.ruleId))].join('; '),
      f.findings.total, f.findings.bySeverity.error, f.findings.bySeverity.warning, f.findings.bySeverity.info, f.findings.bySeverity.hint,
      ...OWASP_IDS.map((id) => f.findings.byOwasp[id] ?? 0),
    ];
    rows.push(cells.map(csvCell).join(','));
  }
  return rows.join('\r\n') + '\r\n';
}

function endpointText(e: FlowInventory['endpoints'][number]): string {
  return `${e.scheme ? e.scheme + '://' : ''}${e.host}${e.port !== undefined ? ':' + e.port : ''}`;
}

/** Markdown-safe inline text: no HTML, no table breaks, no line breaks. */
function md(s: string): string {
  return printable(s.replace(/[\r\n]+/g, ' ')).replace(/[\\`*_[\]|<>&]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : '\\' + c));
}

/** Markdown: a summary table (one row per flow), then one section per flow with its lists. */
export function formatInventoryMarkdown(flows: readonly FlowInventory[]): string {
  const lines = ['# Low-Code Guard flow inventory', '', `${flows.length} flow(s).`, ''];
  if (flows.length) {
    lines.push('| File | Platform | Flow | Internet-facing trigger | External hosts | Connections | Risky components | Findings (E/W/I) |');
    lines.push('| --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const f of flows) {
      const s = f.findings.bySeverity;
      lines.push(`| ${md(f.file)} | ${f.platform} | ${md(f.name)} | ${f.triggers.some((t) => t.internetFacing) ? 'yes' : 'no'} | ${f.endpoints.length} | ${f.connections.length} | ${f.riskyComponents.length} | ${s.error}/${s.warning}/${s.info} |`);
    }
  }
  for (const f of flows) {
    lines.push('', `## ${md(f.name)}`, '', `File: ${md(f.file)} · platform: ${f.platform} (${md(f.subformat)}) · ${f.steps} step(s)`, '');
    const list = (title: string, xs: string[]) => {
      lines.push(`**${title}:**${xs.length ? '' : ' none'}`);
      for (const x of xs) lines.push(`- ${x}`);
      lines.push('');
    };
    list('Triggers', f.triggers.map((t) => `${md(t.name)} (${md(t.type)}, line ${t.line})${t.internetFacing ? ' — reachable from the internet' : ''}`));
    list('External hosts', f.endpoints.map((e) => `${md(endpointText(e))} — ${e.steps.map(md).join(', ')}`));
    list('Connections and credentials', f.connections.map((c) => `${md(c.name)}${c.type ? ` (${md(c.type)})` : ''} [${c.kind}]${c.steps.length ? ` — ${c.steps.map(md).join(', ')}` : ''}`));
    list('Risky components (LCNC-SEC-07)', f.riskyComponents.map((r) => `${md(r.ruleId)}${r.step ? ` in ${md(r.step)}` : ''} (line ${r.line})`));
    const owasp = OWASP_IDS.filter((id) => f.findings.byOwasp[id]).map((id) => `${id} ${OWASP_TITLES[id]}: ${f.findings.byOwasp[id]}`);
    list(`Findings (${f.findings.total})`, owasp);
  }
  return lines.join('\n').replace(/(?<!\n)\n+$/, '') + '\n'; // (the look-behind keeps it linear on long runs of line breaks)
}
