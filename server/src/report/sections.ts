/**
 * The maker-facing sections of the HTML report: "Start here", the inventory summary, the findings by flow and what to
 * do about each problem. Every string from a scanned file goes through `escapeHtml`; documentation Markdown through
 * `renderMarkdown` (which escapes too). Links to files: relative paths from the report's folder in the CLI's file,
 * `#` plus `data-*` attributes in the webview (its script posts a reveal message instead of navigating).
 */
import * as path from 'node:path';
import { OWASP_TITLES, type Severity } from '../engine/types';
import type { FlowInventory } from '../inventory';
import { categoryTitle, CATEGORY_PLAIN, SEVERITY_WORD, type FindingGroup, type FlowRef, type ReportData, type ReportFinding, type RuleCount } from './data';
import { escapeHtml, ruleAnchor, safeHttpsUrl } from './escape';
import { renderMarkdown } from './markdown';
import { platformName, ruleDoc } from './rule-docs';
import { connectorDisplayName } from './connectors';

/** How file links are written. */
export interface Links {
  webview: boolean;
  /** Folder (absolute) that CLI links are relative to. */
  base: string;
}

/** A relative, percent-encoded link from `base` to `absPath` (`/`-separated; `..` kept). */
export function relativeHref(base: string, absPath: string): string {
  const rel = path.relative(base, absPath) || path.basename(absPath);
  return rel.split(/[\\/]/).map((s) => (s === '..' || s === '.' ? s : encodeURIComponent(s))).join('/');
}

/** A severity badge: the plain word, with the machine severity beside it. */
export function sev(s: Severity): string {
  return `<span class="sev ${s}" title="severity: ${s}">${SEVERITY_WORD[s]}</span> <span class="machine">${s}</span>`;
}

function fileLink(links: Links, absPath: string, file: string, line = 0, character = 0, text = file): string {
  const data = `data-file="${escapeHtml(absPath)}" data-line="${line}" data-character="${character}"`;
  const href = links.webview ? '#' : relativeHref(links.base, absPath);
  return `<a class="loc" href="${escapeHtml(href)}" ${data} title="${escapeHtml(`${file}:${line + 1}:${character + 1}`)}">${escapeHtml(text)}</a>`;
}

function stepText(f: ReportFinding): string {
  if (!f.step) return '';
  const tab = f.step.tab ? ` on tab “${f.step.tab}”` : '';
  return `${f.step.kind} “${f.step.name}”${tab}`;
}

function whereText(g: FindingGroup, f: ReportFinding): string {
  const flow = g.isFlow ? `${platformName(g.platform)} flow “${g.name}”` : `the file “${g.file}”`;
  const step = stepText(f);
  return step ? `In ${flow}, ${step}` : `In ${flow}`;
}

/** "Start here": the three most important things to fix, each one sentence with flow and step. */
export function startHereSection(d: ReportData, links: Links): string {
  if (!d.start.length) {
    return `<section id="start-here" class="start"><h2>Start here</h2><p>${d.total ? 'Nothing urgent: no security risk was found, only notices (see below).' : 'Nothing to fix: no security risk was found in these files.'}</p></section>`;
  }
  const items = d.start.map(({ rule, finding, group }) => {
    const more = rule.flows > 1 ? ` The same problem is in ${rule.flows - 1} more ${rule.flows - 1 === 1 ? 'place' : 'places'}.` : '';
    const msg = finding.message.trimEnd();
    return (
      `<li class="start-item" data-rule="${escapeHtml(rule.ruleId)}" data-severity="${finding.severity}" data-flow="${escapeHtml(group.name)}"${finding.step ? ` data-step="${escapeHtml(finding.step.name)}"` : ''}>` +
      `${sev(finding.severity)} <span class="sentence">${escapeHtml(whereText(group, finding))}: ${escapeHtml(msg)}${/[.!?]$/.test(msg) ? '' : '.'}${more}</span> ` +
      `<a href="#${ruleAnchor(rule.ruleId)}">How to fix it</a> · ${fileLink(links, finding.absPath, finding.file, finding.range.start.line, finding.range.start.character, 'open the file')}</li>`
    );
  });
  return `<section id="start-here" class="start"><h2>Start here</h2><p class="note">The ${d.start.length === 1 ? 'most important thing' : `${d.start.length} most important things`} to fix, most serious first, then the ones in the most flows.</p><ol>${items.join('')}</ol></section>`;
}

/** Findings grouped by flow (worst flow first), each at its step; line:column as secondary detail. */
export function findingsSection(d: ReportData, links: Links): string {
  if (!d.groups.length) return '<section id="findings"><h2>Findings by flow</h2><p>No findings. Nothing to fix.</p></section>';
  const groups = d.groups.map((g, i) => {
    const rows = g.findings.map((f) => {
      const cat = f.owasp ? `${escapeHtml(CATEGORY_PLAIN[f.owasp])}<br><abbr class="machine" title="${escapeHtml(`OWASP ${f.owasp} ${OWASP_TITLES[f.owasp]}`)}">${f.owasp}</abbr>` : `<span class="machine">${escapeHtml(categoryTitle('other'))}</span>`;
      const step = f.step
        ? `<span class="step" title="${escapeHtml(`${f.step.type}${f.step.key ? ` · stored as “${f.step.key}”` : ''}`)}">${escapeHtml(f.step.kind)} <b>${escapeHtml(f.step.name)}</b>${f.step.tab ? `<br><span class="machine">tab ${escapeHtml(f.step.tab)}</span>` : ''}</span>`
        : `<span class="machine">${f.flowId ? 'the whole flow' : 'the whole file'}</span>`;
      return (
        `<tr class="finding" data-rule="${escapeHtml(f.ruleId)}" data-severity="${f.severity}"${f.step ? ` data-step="${escapeHtml(f.step.name)}"` : ''}>` +
        `<td class="sevcell">${sev(f.severity)}</td><td>${step}</td><td class="msg">${escapeHtml(f.message)}<br><a class="rule-link" href="#${ruleAnchor(f.ruleId)}">How to fix it</a></td>` +
        `<td class="cat">${cat}</td>` +
        `<td class="where">${fileLink(links, f.absPath, f.file, f.range.start.line, f.range.start.character, `line ${f.range.start.line + 1}:${f.range.start.character + 1}`)}<br><code class="machine">${escapeHtml(f.ruleId)}</code></td></tr>`
      );
    });
    const counts = (['error', 'warning', 'info', 'hint'] as const).filter((s) => g.bySeverity[s]).map((s) => `${g.bySeverity[s]} ${SEVERITY_WORD[s].toLowerCase()}`).join(' · ');
    const also = g.also.length ? `<br><span class="also">Also in: ${g.also.map((f) => `<code>${escapeHtml(f)}</code>`).join(', ')} (same flow, shown once)</span>` : '';
    const kind = g.isFlow ? `${escapeHtml(platformName(g.platform))} flow` : g.platform ? `${escapeHtml(platformName(g.platform))} file` : 'file';
    return (
      `<details${i < 25 ? ' open' : ''} class="group${g.isFlow ? ' flow' : ' file'}" data-file="${escapeHtml(g.file)}" data-flow="${escapeHtml(g.name)}" data-worst="${g.worst}">` +
      `<summary>${sev(g.worst)} <b class="flow-name">${escapeHtml(g.name)}</b> <span class="kind">${kind}</span> <span class="count">${counts}</span></summary>` +
      `<p class="file-line">File: ${fileLink(links, g.absPath, g.file)}${also}</p>` +
      `<table><thead><tr><th>How urgent</th><th>Step</th><th>What we found</th><th>Kind of risk</th><th>Where in the file</th></tr></thead><tbody>${rows.join('')}</tbody></table></details>`
    );
  });
  const note = links.webview ? 'Click “line …” to open the file at that place in the editor.' : '“line …” links open the exported file; the line and column are where the step sits in it.';
  return `<section id="findings"><h2>Findings by flow</h2><p class="note">Most serious flows first. Steps are named as in the designer. ${note}</p>${groups.join('')}</section>`;
}

/** What to do about each problem: plain explanation and platform fix, embedded from docs/rules (worst first). */
export function rulesSection(rules: readonly RuleCount[]): string {
  if (!rules.length) return '';
  const items = rules.map((r) => {
    const docs = safeHttpsUrl(r.docsUrl);
    const doc = ruleDoc(r.ruleId, r.platforms);
    const kind = r.owasp ? `${escapeHtml(CATEGORY_PLAIN[r.owasp])} (OWASP ${r.owasp} ${escapeHtml(OWASP_TITLES[r.owasp])})` : 'Not a security category';
    const body = doc
      ? `<div class="why"><h4>Why it matters</h4>${renderMarkdown(doc.why)}</div>` + doc.fix.map((s) => `<div class="how"><h4>${escapeHtml(s.heading)}</h4>${renderMarkdown(s.body)}</div>`).join('')
      : `<p>${escapeHtml(r.description ?? 'Reported by the scanner or the configuration, not by a security rule.')}</p>`;
    return (
      `<div class="rule" id="${ruleAnchor(r.ruleId)}" data-rule="${escapeHtml(r.ruleId)}"><h3>${sev(r.severity)} ${escapeHtml(r.description ?? r.ruleId)}</h3>` +
      `<p class="meta">${kind} · found ${r.count} time(s) in ${r.flows} flow(s) or file(s) · rule <code>${escapeHtml(r.ruleId)}</code></p>` +
      body +
      (docs ? `<p class="more"><a href="${escapeHtml(docs)}">The full page on the web</a> (false positives, what the quick fix changes)</p>` : '') +
      `</div>`
    );
  });
  return `<section id="rules"><h2>What to do about each problem</h2>${items.join('')}</section>`;
}

/** "What you have": flows per platform, triggers reachable from the internet, external hosts, credentials referenced. */
export function inventorySection(flows: ReadonlyArray<FlowRef & { inventory?: FlowInventory }>): string {
  const perPlatform = new Map<string, number>();
  const open: string[] = [];
  const hosts = new Map<string, Set<string>>();
  const creds = new Map<string, Set<string>>();
  for (const f of flows) {
    perPlatform.set(platformName(f.platform), (perPlatform.get(platformName(f.platform)) ?? 0) + 1);
    const inv = f.inventory;
    if (!inv) continue;
    for (const t of inv.triggers) if (t.internetFacing) open.push(`<li class="open-trigger">“${escapeHtml(t.name.replace(/_/g, f.platform === 'power-automate' || f.platform === 'logic-apps' ? ' ' : '_'))}” in ${escapeHtml(platformName(f.platform))} flow “${escapeHtml(f.name)}”</li>`);
    for (const e of inv.endpoints) {
      const h = `${e.scheme ? e.scheme + '://' : ''}${e.host}${e.port !== undefined ? ':' + e.port : ''}`;
      if (!hosts.has(h)) hosts.set(h, new Set());
      hosts.get(h)!.add(f.name);
    }
    for (const c of inv.connections) {
      // Power Automate / Logic Apps: grouped by connector, named as in the designer ("Office 365 Outlook").
      const connector = c.kind === 'connection-reference' ? connectorDisplayName(c.type ?? c.name) : undefined;
      const k = connector ? `${connector} (${c.type ?? c.name})` : c.type ? `${c.name} (${c.type})` : c.name;
      if (!creds.has(k)) creds.set(k, new Set());
      creds.get(k)!.add(f.name);
    }
  }
  const list = (m: Map<string, Set<string>>, cls: string, max = 30) => {
    const rows = [...m.entries()].sort((a, b) => b[1].size - a[1].size || a[0].localeCompare(b[0]));
    const shown = rows.slice(0, max).map(([k, v]) => `<li class="${cls}"><code>${escapeHtml(k)}</code> — ${[...v].slice(0, 3).map((n) => `“${escapeHtml(n)}”`).join(', ')}${v.size > 3 ? ` and ${v.size - 3} more` : ''}</li>`);
    return shown.join('') + (rows.length > max ? `<li>and ${rows.length - max} more (see <code>lowcode-guard inventory</code>)</li>` : '');
  };
  const platforms = [...perPlatform.entries()].map(([p, n]) => `<li><b>${n}</b> ${escapeHtml(p)}</li>`).join('');
  return (
    `<section id="inventory"><h2>What you have</h2><p class="note">Every flow the scan found, and what it exposes or connects to (names only: no password or key is shown).</p>` +
    `<div class="inv-grid">` +
    `<div><h3>Flows <span class="count" id="inv-flows" data-count="${flows.length}">${flows.length}</span></h3><ul>${platforms || '<li>none</li>'}</ul></div>` +
    `<div><h3>Started from the internet <span class="count" id="inv-open-triggers" data-count="${open.length}">${open.length}</span></h3><p class="note">Anyone who has the address can start these.</p><ul>${open.slice(0, 30).join('') || '<li>none</li>'}</ul></div>` +
    `<div><h3>External services called <span class="count" id="inv-hosts" data-count="${hosts.size}">${hosts.size}</span></h3><ul>${list(hosts, 'host') || '<li>none</li>'}</ul></div>` +
    `<div><h3>Connections and credentials used <span class="count" id="inv-credentials" data-count="${creds.size}">${creds.size}</span></h3><ul>${list(creds, 'credential') || '<li>none</li>'}</ul></div>` +
    `</div></section>`
  );
}
