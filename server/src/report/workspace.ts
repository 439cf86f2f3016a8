/**
 * The security report of whole folders, as the language server builds it for the "Show Security Report" webview:
 * the CLI's discovery and configuration (`configuredFiles`: `.gitignore`, `.lowcodeguard.json` `ignore`, levels and
 * suppressions), `analyzeFiles`, then `renderHtmlReport` in webview mode. Pure Node (no LSP imports).
 */
import { buildReport, addFindings } from '../cli/report';
import { configuredFiles, optionsOf } from '../cli/config';
import { analyzeFiles } from '../workspace/scan';
import * as path from 'node:path';
import { collectInventory } from '../cli/inventory';
import { renderHtmlReport } from './html';
import { reportContext } from './context';
import type { FlowsResult, ReportParams, ReportResult } from './protocol';

const NONCE = /^[A-Za-z0-9]{16,64}$/;
/**
 * One source of VS Code's `webview.cspSource`: `'self'` or a scheme/host source such as `https://*.vscode-cdn.net`
 * or `vscode-webview://abc` (VS Code gives `'self' https://*.vscode-cdn.net`). Keywords that weaken the policy
 * (`'unsafe-inline'`, …), `;` (a new directive) and quotes/brackets (ending the attribute) do not match.
 */
const CSP_SOURCE = /^(?:'self'|[A-Za-z][A-Za-z0-9+.-]{0,30}:(?:\/\/)?[A-Za-z0-9*.+\-:/_]{0,200})$/;

/** True when `cspSource` is a space-separated list (1–8) of sources matching `CSP_SOURCE`. */
function isCspSource(cspSource: string): boolean {
  const parts = cspSource.split(' ');
  return parts.length <= 8 && parts.every((p) => CSP_SOURCE.test(p));
}

/**
 * Scans `folders` (absolute paths; the first is the base of the relative file names shown) and renders the page.
 * Throws when the nonce is malformed or `cspSource` holds characters that could end the CSP meta attribute.
 */
export async function workspaceReport(folders: readonly string[], params: ReportParams, maxFileSizeBytes?: number, signal?: AbortSignal): Promise<ReportResult> {
  if (!NONCE.test(params.nonce)) throw new Error('securityReport: the nonce must be 16-64 letters or digits');
  if (!isCspSource(params.cspSource)) throw new Error('securityReport: unexpected characters in cspSource');
  const cwd = folders[0];
  const { files, configOf, configs } = await configuredFiles(folders, cwd);
  const results = await analyzeFiles(files, { concurrency: 8, signal, ...(maxFileSizeBytes ? { maxFileSizeBytes } : {}), optionsFor: (p) => optionsOf(configOf.get(p)) });
  const report = buildReport(cwd, results);
  for (const c of configs) addFindings(report, c.path, c.diagnostics);
  const context = reportContext(cwd, results, report.findings);
  const html = renderHtmlReport({ ...report, findings: context.findings, flows: context.flows, duplicateFindings: context.duplicateFindings }, { webview: params });
  return { html, files: report.files, findings: report.findings.length };
}

/** The flow inventory of `folders` (absolute paths; names relative to the first), with each file's absolute path. */
export async function workspaceFlows(folders: readonly string[], maxFileSizeBytes?: number): Promise<FlowsResult> {
  const cwd = folders[0];
  const { flows } = await collectInventory(await configuredFiles(folders, cwd), cwd, maxFileSizeBytes);
  return { flows: flows.map((f) => ({ ...f, absPath: path.resolve(cwd, f.file) })) };
}
