/**
 * The HTML security report: ONE self-contained page (inline CSS, inline SVG charts, no script in the CLI version, no
 * network: no CDN, no fonts, no images from elsewhere), written for people who build flows, not for security staff.
 * Order: "Start here" (the three things to fix first, each in one sentence with flow and step names), the counts in
 * plain severity words, what the scan found you have (inventory summary), the findings by flow (worst first, each at
 * its step as the designer names it, line:column as secondary detail), what to do about each problem (the rule's
 * "Why it matters" and "How to fix it in <platform>", embedded from docs/rules), then the charts for reviewers:
 * findings by OWASP LCNC category (bar chart), files × categories heat map, rule table.
 *
 * Theme: light by default, dark under `prefers-color-scheme: dark`; inside a VS Code webview the `--vscode-*` theme
 * variables win (VS Code sets them on the webview's root, "Webview API" guide, theming section).
 * Safety: every string from a scanned file is escaped (`escape.ts`); only `https:` documentation URLs and relative
 * file links become `href`s; a Content-Security-Policy meta tag forbids everything but the inline style (and, in a
 * webview, the one nonce'd script).
 */
import type { Format } from '../engine/types';
import type { FlowInventory } from '../inventory';
import { categoryTitle, reportData, SEVERITY_WORD, type FlowRef, type ReportData, type ReportFinding, type RuleCount } from './data';
import { escapeHtml, ruleAnchor } from './escape';
import { findingsSection, inventorySection, rulesSection, sev, startHereSection, type Links } from './sections';
import { barChartSvg, heatMapSvg, HEAT_MAX_FILES } from './svg';
import { REPORT_CSS } from './style';
import { platformName } from './rule-docs';

/** What the page is built from (the CLI's `ScanReport` plus, optionally, the located flows of `context.ts`). */
export interface HtmlReportInput {
  /** Files scanned. */
  files: number;
  formats: Partial<Record<Format, number>>;
  findings: readonly ReportFinding[];
  /** The flows findings refer to (`flowId`), with their inventory; without it, findings are grouped by file. */
  flows?: ReadonlyArray<FlowRef & { inventory?: FlowInventory }>;
  /** Findings left out because they are in another copy of a flow shown once. */
  duplicateFindings?: number;
}

/** Options of `renderHtmlReport`. */
export interface HtmlReportOptions {
  /** Shown as the generation time (ISO 8601, UTC); default: now. */
  generatedAt?: Date;
  /** Product version shown in the footer. */
  version?: string;
  /**
   * Webview mode: the page gets a CSP allowing only the nonce'd inline style and script, and a script that posts
   * `{ type: 'reveal', file, line, character }` (0-based line/character) when a finding's location is clicked.
   */
  webview?: { nonce: string; cspSource: string };
  /**
   * CLI mode: the folder the HTML file is written to (absolute). File links are then relative to it, so they work when
   * the page is opened from disk (and when the folder is moved together with the files). Default: links relative to
   * the process's working folder.
   */
  linkBase?: string;
}

/** Rules listed in the rule table. */
export const TOP_RULES = 10;

/** Renders the report. Returns the whole HTML document (UTF-8 text, `<!doctype html>` first). */
export function renderHtmlReport(input: HtmlReportInput, options: HtmlReportOptions = {}): string {
  const data = reportData(input.findings, input.flows ?? []);
  const when = (options.generatedAt ?? new Date()).toISOString().replace(/\.\d+Z$/, 'Z');
  const wv = options.webview;
  const nonceAttr = wv ? ` nonce="${escapeHtml(wv.nonce)}"` : '';
  const csp = wv
    ? `default-src 'none'; style-src 'nonce-${wv.nonce}'; script-src 'nonce-${wv.nonce}'; img-src ${wv.cspSource} data:`
    : `default-src 'none'; style-src 'unsafe-inline'; img-src data:`;
  const links: Links = { webview: !!wv, base: options.linkBase ?? process.cwd() };
  const flowCount = input.flows?.length ?? 0;
  const formats = Object.entries(input.formats).map(([f, n]) => `${platformName(f)} ${n}`).join(', ') || 'none';
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light dark">',
    '<title>Low-Code Guard security report</title>',
    `<style${nonceAttr}>${REPORT_CSS}</style>`,
    '</head>',
    '<body>',
    '<header>',
    '<h1>Security report for your flows</h1>',
    `<p class="meta">Low-Code Guard · generated <time datetime="${when}">${when}</time> · <span id="files-scanned" data-count="${input.files}">${input.files}</span> file(s) scanned` +
      (input.flows ? `, <span id="flows-found" data-count="${flowCount}">${flowCount}</span> flow(s) found` : '') +
      ` (files by platform: ${escapeHtml(formats)})</p>`,
    '</header>',
    startHereSection(data, links),
    summary(data, input.duplicateFindings ?? 0),
    '<main>',
    input.flows ? inventorySection(input.flows) : '',
    findingsSection(data, links),
    rulesSection(data.rules),
    `<section id="by-category"><h2>Findings by kind of risk</h2><p class="note">Kinds of risk are the ten categories of the <a href="https://owasp.org/www-project-top-10-low-code-no-code-security-risks/">OWASP Low-Code/No-Code Top 10</a>, a list security teams use; plain words first, the official name and code after.</p>${barChartSvg(data)}</section>`,
    heatSection(data),
    topRules(data.rules),
    '</main>',
    `<footer>Low-Code Guard${options.version ? ' ' + escapeHtml(options.version) : ''}. This page is self-contained: it loads nothing from the network. Secret values are never shown (messages show at most a few characters and the length). Severity words: ${(['error', 'warning', 'info', 'hint'] as const).map((s) => `${SEVERITY_WORD[s]} = <code>${s}</code>`).join(', ')} (the names linters and CI use).</footer>`,
    wv ? `<script${nonceAttr}>${WEBVIEW_SCRIPT}</script>` : '',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function summary(d: ReportData, duplicates: number): string {
  const card = (id: string, label: string, n: number, machine?: string) =>
    `<div class="card ${id}" id="count-${id}" data-count="${n}"><span class="n">${n}</span><span class="l">${label}</span>${machine ? `<span class="machine">${machine}</span>` : ''}</div>`;
  const flows = d.groups.filter((g) => g.isFlow).length;
  return (
    `<section id="summary" class="cards">` +
    card('error', SEVERITY_WORD.error, d.bySeverity.error, 'error') +
    card('warning', SEVERITY_WORD.warning, d.bySeverity.warning, 'warning') +
    card('info', SEVERITY_WORD.info, d.bySeverity.info, 'info') +
    card('hint', SEVERITY_WORD.hint + 's', d.bySeverity.hint, 'hint') +
    card('total', 'findings in all', d.total) +
    card('flows-with-findings', 'flows with findings', flows) +
    `</section>` +
    (duplicates ? `<p class="note" id="duplicates" data-count="${duplicates}">${duplicates} more finding(s) are in copies of flows shown once below (see “also in”); they are not counted again.</p>` : '')
  );
}

function heatSection(d: ReportData): string {
  if (!d.heat.length) return '<section id="heat"><h2>Flows × kinds of risk</h2><p>No findings.</p></section>';
  const more = d.heat.length - HEAT_MAX_FILES;
  const legend = (Object.keys(categoryLegend) as Array<keyof typeof categoryLegend>).map((id) => `<li><b>${id.slice(-2)}</b> ${escapeHtml(categoryLegend[id])}</li>`).join('');
  return (
    `<section id="heat"><h2>Flows × kinds of risk</h2><p class="note">For reviewers: which flows hold which kinds of risk (darker = more findings). Columns are the OWASP codes below.</p><div class="scroll">${heatMapSvg(d)}</div>` +
    (more > 0 ? `<p class="note">${more} more flow(s) with findings are listed above but not in the map.</p>` : '') +
    `<ul class="legend">${legend}<li><b>—</b> ${escapeHtml(categoryTitle('other'))}</li></ul></section>`
  );
}

const categoryLegend = Object.fromEntries(
  (['LCNC-SEC-01', 'LCNC-SEC-02', 'LCNC-SEC-03', 'LCNC-SEC-04', 'LCNC-SEC-05', 'LCNC-SEC-06', 'LCNC-SEC-07', 'LCNC-SEC-08', 'LCNC-SEC-09', 'LCNC-SEC-10'] as const).map((id) => [id, categoryTitle(id)]),
) as Record<string, string>;

function topRules(rules: readonly RuleCount[]): string {
  if (!rules.length) return '<section id="top-rules"><h2>Rules that found something</h2><p>No findings.</p></section>';
  const rows = rules.slice(0, TOP_RULES).map(
    (r) =>
      `<tr class="top-rule" data-rule="${escapeHtml(r.ruleId)}" data-count="${r.count}"><td>${escapeHtml(r.description ?? r.ruleId)}<br><a href="#${ruleAnchor(r.ruleId)}"><code>${escapeHtml(r.ruleId)}</code></a></td>` +
      `<td>${escapeHtml(r.owasp ? categoryTitle(r.owasp) : categoryTitle('other'))}</td><td>${sev(r.severity)}</td><td class="num">${r.flows}</td><td class="num">${r.count}</td></tr>`,
  );
  return `<section id="top-rules"><h2>Rules that found something</h2><table><thead><tr><th>What it looks for</th><th>Kind of risk</th><th>Most serious</th><th class="num">Flows</th><th class="num">Findings</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`;
}

/** Webview only: clicking a location asks the extension to open the file there (no navigation inside the webview). */
const WEBVIEW_SCRIPT = `(function(){const vscode=acquireVsCodeApi();document.addEventListener('click',function(e){const a=e.target instanceof Element?e.target.closest('a.loc'):null;if(!a)return;e.preventDefault();vscode.postMessage({type:'reveal',file:a.getAttribute('data-file'),line:Number(a.getAttribute('data-line')),character:Number(a.getAttribute('data-character'))});});})();`;
