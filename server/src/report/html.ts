/**
 * The HTML security report: ONE self-contained page (inline CSS, inline SVG charts, no script in the CLI version, no
 * network: no CDN, no fonts, no images from elsewhere). Sections: summary, findings by OWASP LCNC category (bar
 * chart), files × categories heat map, top rules, every finding linked to its file and line, and each rule's
 * plain-language description with its documentation link.
 *
 * Theme: light by default, dark under `prefers-color-scheme: dark`; inside a VS Code webview the `--vscode-*` theme
 * variables win (VS Code sets them on the webview's root, "Webview API" guide, theming section).
 * Safety: every string from a scanned file is escaped (`escape.ts`); only `https:` documentation URLs and
 * `vscode://file` links become `href`s; a Content-Security-Policy meta tag forbids everything but the inline style
 * (and, in a webview, the one nonce'd script).
 */
import { OWASP_TITLES, type Format } from '../engine/types';
import { categoryTitle, reportData, type ReportData, type ReportFinding, type RuleCount } from './data';
import { escapeHtml, ruleAnchor, safeHttpsUrl, vscodeFileUrl } from './escape';
import { barChartSvg, heatMapSvg, HEAT_MAX_FILES } from './svg';
import { REPORT_CSS } from './style';

/** What the page is built from (the CLI's `ScanReport` has this shape). */
export interface HtmlReportInput {
  /** Files scanned. */
  files: number;
  formats: Partial<Record<Format, number>>;
  findings: readonly ReportFinding[];
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
}

/** Rules listed in "Top rules". */
export const TOP_RULES = 10;

/** Renders the report. Returns the whole HTML document (UTF-8 text, `<!doctype html>` first). */
export function renderHtmlReport(input: HtmlReportInput, options: HtmlReportOptions = {}): string {
  const data = reportData(input.findings);
  const when = (options.generatedAt ?? new Date()).toISOString().replace(/\.\d+Z$/, 'Z');
  const wv = options.webview;
  const nonceAttr = wv ? ` nonce="${escapeHtml(wv.nonce)}"` : '';
  const csp = wv
    ? `default-src 'none'; style-src 'nonce-${wv.nonce}'; script-src 'nonce-${wv.nonce}'; img-src ${wv.cspSource} data:`
    : `default-src 'none'; style-src 'unsafe-inline'; img-src data:`;
  const formats = Object.entries(input.formats).map(([f, n]) => `${f} ${n}`).join(', ') || 'none';
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
    '<h1>Low-Code Guard security report</h1>',
    `<p class="meta">Generated <time datetime="${when}">${when}</time> · <span id="files-scanned" data-count="${input.files}">${input.files}</span> file(s) scanned (low-code definitions: ${escapeHtml(formats)})</p>`,
    '</header>',
    summary(data),
    '<main>',
    `<section id="by-category"><h2>Findings by OWASP Low-Code/No-Code category</h2>${barChartSvg(data)}<p class="note">Categories of the <a href="https://owasp.org/www-project-top-10-low-code-no-code-security-risks/">OWASP Low-Code/No-Code Top 10</a>.</p></section>`,
    heatSection(data),
    topRules(data.rules),
    findingsSection(data),
    rulesSection(data.rules),
    '</main>',
    `<footer>Low-Code Guard${options.version ? ' ' + escapeHtml(options.version) : ''}. This page is self-contained: it loads nothing from the network. Secret values are never shown (they are redacted in messages).</footer>`,
    wv ? `<script${nonceAttr}>${WEBVIEW_SCRIPT}</script>` : '',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function summary(d: ReportData): string {
  const card = (id: string, label: string, n: number) => `<div class="card ${id}" id="count-${id}" data-count="${n}"><span class="n">${n}</span><span class="l">${label}</span></div>`;
  return (
    `<section id="summary" class="cards">${card('total', 'findings', d.total)}${card('error', 'errors', d.bySeverity.error)}` +
    `${card('warning', 'warnings', d.bySeverity.warning)}${card('info', 'info', d.bySeverity.info)}${card('hint', 'hints', d.bySeverity.hint)}` +
    `${card('files-with-findings', 'files with findings', d.byFile.length)}</section>`
  );
}

function heatSection(d: ReportData): string {
  if (!d.heat.length) return '<section id="heat"><h2>Files × categories</h2><p>No findings.</p></section>';
  const more = d.heat.length - HEAT_MAX_FILES;
  const legend = Object.entries(OWASP_TITLES).map(([id, t]) => `<li><b>${id.slice(-2)}</b> ${escapeHtml(t)}</li>`).join('');
  return (
    `<section id="heat"><h2>Files × categories</h2><div class="scroll">${heatMapSvg(d)}</div>` +
    (more > 0 ? `<p class="note">${more} more file(s) with findings are listed below but not in the map.</p>` : '') +
    `<ul class="legend">${legend}<li><b>—</b> ${escapeHtml(categoryTitle('other'))}</li></ul></section>`
  );
}

function sev(s: string): string {
  return `<span class="sev ${s}">${s}</span>`;
}

function owaspCell(r: { owasp?: string }): string {
  return r.owasp ? `<abbr title="${escapeHtml(OWASP_TITLES[r.owasp as keyof typeof OWASP_TITLES])}">${r.owasp}</abbr>` : '—';
}

function topRules(rules: readonly RuleCount[]): string {
  if (!rules.length) return '<section id="top-rules"><h2>Top rules</h2><p>No findings.</p></section>';
  const rows = rules.slice(0, TOP_RULES).map(
    (r) =>
      `<tr class="top-rule" data-rule="${escapeHtml(r.ruleId)}" data-count="${r.count}"><td><a href="#${ruleAnchor(r.ruleId)}"><code>${escapeHtml(r.ruleId)}</code></a></td>` +
      `<td>${owaspCell(r)}</td><td>${sev(r.severity)}</td><td class="num">${r.count}</td><td>${escapeHtml(r.description ?? '')}</td></tr>`,
  );
  return `<section id="top-rules"><h2>Top rules</h2><table><thead><tr><th>Rule</th><th>OWASP</th><th>Severity</th><th class="num">Findings</th><th>What it looks for</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`;
}

function findingsSection(d: ReportData): string {
  if (!d.byFile.length) return '<section id="findings"><h2>Findings</h2><p>No findings. Nothing to fix.</p></section>';
  const files = d.byFile.map((g) => {
    const rows = g.findings.map((f) => {
      const line = f.range.start.line + 1;
      const col = f.range.start.character + 1;
      return (
        `<tr class="finding" data-rule="${escapeHtml(f.ruleId)}" data-severity="${f.severity}">` +
        `<td>${sev(f.severity)}</td>` +
        `<td><a class="loc" href="${escapeHtml(vscodeFileUrl(f.absPath, line, col))}" data-file="${escapeHtml(f.absPath)}" data-line="${f.range.start.line}" data-character="${f.range.start.character}" title="${escapeHtml(f.file)}:${line}:${col}">line ${line}:${col}</a></td>` +
        `<td><a href="#${ruleAnchor(f.ruleId)}"><code>${escapeHtml(f.ruleId)}</code></a></td><td>${owaspCell(f)}</td>` +
        `<td class="msg">${escapeHtml(f.message)}</td></tr>`
      );
    });
    return `<details open class="file" data-file="${escapeHtml(g.file)}"><summary><code>${escapeHtml(g.file)}</code> <span class="count">${g.findings.length}</span></summary><table><tbody>${rows.join('')}</tbody></table></details>`;
  });
  return `<section id="findings"><h2>Findings</h2><p class="note">Each location opens the file at that line in VS Code.</p>${files.join('')}</section>`;
}

function rulesSection(rules: readonly RuleCount[]): string {
  if (!rules.length) return '';
  const items = [...rules]
    .sort((a, b) => a.ruleId.localeCompare(b.ruleId))
    .map((r) => {
      const docs = safeHttpsUrl(r.docsUrl);
      return (
        `<div class="rule" id="${ruleAnchor(r.ruleId)}"><h3><code>${escapeHtml(r.ruleId)}</code></h3>` +
        `<p class="meta">${r.owasp ? `${r.owasp} ${escapeHtml(OWASP_TITLES[r.owasp])}` : 'Not an OWASP category'} · ${r.count} finding(s)</p>` +
        `<p>${escapeHtml(r.description ?? 'Reported by the engine or the configuration, not by a security rule.')}</p>` +
        (docs ? `<p><a href="${escapeHtml(docs)}">Why it matters and how to fix it</a></p>` : '') +
        `</div>`
      );
    });
  return `<section id="rules"><h2>The rules in plain language</h2>${items.join('')}</section>`;
}

/** Webview only: clicking a location asks the extension to open the file there (no navigation inside the webview). */
const WEBVIEW_SCRIPT = `(function(){const vscode=acquireVsCodeApi();document.addEventListener('click',function(e){const a=e.target instanceof Element?e.target.closest('a.loc'):null;if(!a)return;e.preventDefault();vscode.postMessage({type:'reveal',file:a.getAttribute('data-file'),line:Number(a.getAttribute('data-line')),character:Number(a.getAttribute('data-character'))});});})();`;
