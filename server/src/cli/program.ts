/**
 * The `lowcode-guard` command line (commander 14).
 *
 *   lowcode-guard scan [paths…] [--format stylish|json|sarif|html] [--output FILE] [--fail-on error|warning|none]
 *                      [--max-file-size KB] [--config FILE] [--quiet] [--no-color]
 *   lowcode-guard inventory [paths…] [--format json|csv|md] [--output FILE] [--max-file-size KB] [--config FILE]
 *
 * Configuration: `--config FILE`, else the nearest `.lowcodeguard.json` at or above each path (see `cli/config.ts`).
 * Its own problems are reported as findings on it (`config/*` ids), so a broken configuration fails the scan.
 *
 * Exit codes: 0 no finding at or above `--fail-on`; 1 such findings exist; 2 usage error (unknown option or
 * command, bad option value, path or `--config` file not found, output file not writable) or a file found could not
 * be read.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import pc from 'picocolors';
import { analyzeFiles } from '../workspace/scan';
import { ConfigUsageError, configuredFiles, optionsOf } from './config';
import { formatJson } from './format-json';
import { formatSarif } from './format-sarif';
import { formatStylish } from './format-stylish';
import { runInventory, type InventoryOptions } from './inventory';
import { renderHtmlReport } from '../report/html';
import { reportContext } from '../report/context';
import { ProgressBar, progressEnabled, type ProgressStream } from './progress';
import { addFindings, buildReport, exitCodeOf, type FailOn } from './report';
import { VERSION } from './version';

/** Where the CLI writes and what it sees; tests and the entry point pass the real process's. */
export interface CliIo {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: { write(s: string): unknown; isTTY?: boolean };
  /** Standard error; a progress bar is drawn on it when it is a terminal (see `progress.ts`). */
  stderr: ProgressStream;
}

/** Options of `scan` after commander parsed them. */
interface ScanOptions {
  format: 'stylish' | 'json' | 'sarif' | 'html';
  output?: string;
  failOn: FailOn;
  maxFileSize: number;
  config?: string;
  quiet?: boolean;
  color: boolean;
}

/** Default of `--max-file-size`, in KB (same as the `lowcodeGuard.maxFileSizeKB` setting). */
export const DEFAULT_MAX_FILE_SIZE_KB = 5120;

/** A usage error found after parsing (missing path, unwritable output): exit code 2. */
class UsageError extends Error {}

function parseKb(value: string): number {
  const n = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value.trim()) || !Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('Expected a positive number of kilobytes (1 KB = 1024 bytes).');
  return n;
}

/**
 * Runs the CLI with `argv` (without the node and script entries). Resolves to the exit code; never calls
 * `process.exit`, so piped output is flushed before the process ends.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode = 0;
  const program = new Command()
    .name('lowcode-guard')
    .description('Finds security risks (OWASP Low-Code/No-Code Top 10) in n8n, Node-RED, Power Automate and Azure Logic Apps definition files.')
    .version(VERSION, '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      outputError: (s, write) => write(s.startsWith('error:') ? `lowcode-guard: ${s}` : s),
    })
    .showHelpAfterError('(add --help for usage)');

  program
    .command('scan')
    .description('Scan files and folders (folders are walked for .json files, honouring .gitignore) and report findings.')
    .argument('[paths...]', 'files or folders to scan', ['.'])
    .addOption(new Option('-f, --format <format>', 'output format').choices(['stylish', 'json', 'sarif', 'html']).default('stylish'))
    .option('-o, --output <file>', 'write the report to a file instead of standard output')
    .addOption(new Option('--fail-on <level>', 'exit with code 1 when a finding at or above this severity is reported').choices(['error', 'warning', 'none']).default('error'))
    .option('--max-file-size <KB>', 'files larger than this are not analysed (an info finding says so); 1 KB = 1024 bytes', parseKb, DEFAULT_MAX_FILE_SIZE_KB)
    .option('-c, --config <file>', 'use this configuration file instead of looking for .lowcodeguard.json at or above each path')
    .option('-q, --quiet', 'report errors only (warnings, infos and hints are neither shown nor counted for --fail-on); no progress bar')
    .option('--no-color', 'no colours in stylish output (also off when NO_COLOR is set or the output is not a terminal)')
    .addHelpText(
      'after',
      [
        '',
        'Exit codes: 0 = nothing at or above --fail-on; 1 = findings at or above --fail-on; 2 = usage error or unreadable file.',
        'Positions: stylish and SARIF print 1-based lines and columns; JSON ranges are 0-based (like LSP).',
        'HTML (--format html --output report.html): one self-contained page (charts, every finding linked to its file and line).',
        'Columns count UTF-16 code units.',
        'Progress: a bar on standard error while scanning, only when it is a terminal (not when piped, with --quiet, or with CI=true).',
        'Configuration: --config FILE, else the nearest .lowcodeguard.json at or above each path (rule levels, ignored files,',
        'suppressions); its own problems are reported as config/* findings on it. See docs/configuration.md.',
      ].join('\n'),
    )
    .action(async (paths: string[], opts: ScanOptions) => {
      exitCode = await scan(paths, opts, io);
    });

  program
    .command('inventory')
    .description('List every flow found (OWASP LCNC-SEC-09): triggers and whether they are reachable from the internet, external hosts, connections and credentials referenced, risky components, finding counts.')
    .argument('[paths...]', 'files or folders to inventory', ['.'])
    .addOption(new Option('-f, --format <format>', 'output format').choices(['json', 'csv', 'md']).default('json'))
    .option('-o, --output <file>', 'write the inventory to a file instead of standard output')
    .option('--max-file-size <KB>', 'files larger than this are not analysed; 1 KB = 1024 bytes', parseKb, DEFAULT_MAX_FILE_SIZE_KB)
    .option('-c, --config <file>', 'use this configuration file instead of looking for .lowcodeguard.json at or above each path')
    .option('-q, --quiet', 'no progress bar (it is drawn on standard error only when that is a terminal and CI is not set)')
    .action(async (paths: string[], opts: InventoryOptions) => {
      exitCode = await runInventory(paths, opts, { ...io, progress: progressEnabled(io.stderr, io.env, opts.quiet) });
    });

  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    if (e instanceof UsageError) {
      io.stderr.write(`lowcode-guard: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  return exitCode;
}

async function scan(paths: string[], opts: ScanOptions, io: CliIo): Promise<number> {
  const cwd = io.cwd;
  for (const p of paths) {
    try {
      await fsp.stat(path.resolve(cwd, p));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new UsageError(code === 'ENOENT' ? `path not found: ${p}` : `cannot access ${p}: ${code ?? (e as Error).message}`);
    }
  }
  const showProgress = progressEnabled(io.stderr, io.env, opts.quiet);
  const finding = new ProgressBar(io.stderr, showProgress, 'Finding files');
  let configured;
  try {
    finding.start();
    configured = await configuredFiles(paths, cwd, opts.config);
  } catch (e) {
    if (e instanceof ConfigUsageError) throw new UsageError(e.message);
    throw e;
  } finally {
    finding.done();
  }
  const { files, configOf, configs, ignored } = configured;
  const bar = new ProgressBar(io.stderr, showProgress, 'Scanning');
  let results;
  try {
    bar.update(0, files.length);
    results = await analyzeFiles(files, { maxFileSizeBytes: Math.floor(opts.maxFileSize * 1024), concurrency: 16, optionsFor: (p) => optionsOf(configOf.get(p)), onResult: (_r, done, total) => bar.update(done, total) });
  } finally {
    bar.done();
  }
  const minSeverity = opts.quiet ? 'error' : 'hint';
  const report = buildReport(cwd, results, minSeverity);
  report.ignored = ignored;
  for (const c of configs) addFindings(report, c.path, c.diagnostics, minSeverity);

  for (const s of report.skipped) if (s.reason === 'unreadable') io.stderr.write(`lowcode-guard: could not read ${s.file}: ${s.detail}\n`);

  const toFile = opts.output !== undefined;
  let text: string;
  if (opts.format === 'json') text = formatJson(report);
  else if (opts.format === 'sarif') text = formatSarif(report);
  else if (opts.format === 'html') {
    const located = new ProgressBar(io.stderr, showProgress, 'Naming flows and steps');
    let context;
    try {
      context = reportContext(cwd, results, report.findings, (done, total) => located.update(done, total));
    } finally {
      located.done();
    }
    const linkBase = toFile ? path.dirname(path.resolve(cwd, opts.output!)) : cwd;
    text = renderHtmlReport({ ...report, findings: context.findings, flows: context.flows, duplicateFindings: context.duplicateFindings }, { version: VERSION, linkBase });
  }
  else text = formatStylish(report, pc.createColors(useColor(opts, io, toFile)), opts.quiet);

  if (toFile) {
    const out = path.resolve(cwd, opts.output!);
    try {
      await fsp.writeFile(out, text);
    } catch (e) {
      throw new UsageError(`cannot write ${opts.output}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  } else if (text) {
    io.stdout.write(text);
  }
  return exitCodeOf(report, opts.failOn);
}

/** Colours: on a terminal only, unless `--no-color` or `NO_COLOR` (any non-empty value, per no-color.org); `FORCE_COLOR` (≠ 0) forces them. */
function useColor(opts: ScanOptions, io: CliIo, toFile: boolean): boolean {
  if (!opts.color || toFile) return false;
  if (io.env.NO_COLOR) return false;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== '') return io.env.FORCE_COLOR !== '0';
  return !!io.stdout.isTTY && io.env.TERM !== 'dumb';
}
