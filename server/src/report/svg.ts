/**
 * Charts of the HTML security report as plain inline SVG built from data (no script, no external resource).
 * Colours come from CSS classes (`.bar`, `.heat`, `.axis`) so the page's light/dark theme applies; cell intensity is
 * the `fill-opacity` presentation attribute (allowed under a Content-Security-Policy without inline styles).
 * Every chart element carries `data-*` attributes with its numbers, so tests and readers can check them.
 */
import { CATEGORIES, CATEGORY_PLAIN, categoryTitle, type Category, type ReportData } from './data';
import { escapeHtml } from './escape';

/** Horizontal bar chart: one bar per category (OWASP ids in order, then "other" only when it has findings). */
export function barChartSvg(data: ReportData): string {
  const cats = CATEGORIES.filter((c) => c !== 'other' || data.byCategory[c] > 0);
  const max = Math.max(1, ...cats.map((c) => data.byCategory[c]));
  const rowH = 26;
  const labelW = 430;
  const barW = 300;
  const width = labelW + barW + 50;
  const height = cats.length * rowH + 8;
  const rows = cats.map((c, i) => {
    const n = data.byCategory[c];
    const w = n === 0 ? 0 : Math.max(2, Math.round((n / max) * barW));
    const y = 4 + i * rowH;
    const label = c === 'other' ? 'Other notices' : `${CATEGORY_PLAIN[c]} (${c})`;
    return (
      `<g class="row" data-owasp="${c}" data-count="${n}">` +
      `<title>${escapeHtml(`${c === 'other' ? 'Other' : c} — ${categoryTitle(c)}: ${n} finding(s)`)}</title>` +
      `<text class="label" x="${labelW - 8}" y="${y + rowH / 2 + 4}" text-anchor="end">${escapeHtml(label)}</text>` +
      `<rect class="bar${n === 0 ? ' empty' : ''}" x="${labelW}" y="${y + 4}" width="${w}" height="${rowH - 8}" rx="2" data-owasp="${c}" data-count="${n}"></rect>` +
      `<text class="value" x="${labelW + w + 6}" y="${y + rowH / 2 + 4}">${n}</text>` +
      `</g>`
    );
  });
  return (
    `<svg class="chart bar-chart" role="img" aria-labelledby="bar-title" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" xmlns="http://www.w3.org/2000/svg">` +
    `<title id="bar-title">Findings by OWASP Low-Code/No-Code category</title>${rows.join('')}</svg>`
  );
}

/** Files shown in the heat map at most (the rest are summed in a note under it). */
export const HEAT_MAX_FILES = 40;

/**
 * Heat map: rows = flows (or files outside a flow) with findings (worst first, at most {@link HEAT_MAX_FILES}), columns = categories. A cell's
 * opacity grows with its count (0 = no fill); its count is written in it.
 */
export function heatMapSvg(data: ReportData): string {
  const rows = data.heat.slice(0, HEAT_MAX_FILES);
  const cats: Category[] = CATEGORIES.filter((c) => c !== 'other' || data.byCategory[c] > 0);
  const max = Math.max(1, ...rows.flatMap((r) => cats.map((c) => r.counts[c])));
  const cell = 34;
  const labelW = 300;
  const headH = 28;
  const width = labelW + cats.length * cell + 4;
  const height = headH + rows.length * cell + 4;
  const head = cats.map(
    (c, j) => `<text class="col" x="${labelW + j * cell + cell / 2}" y="${headH - 8}" text-anchor="middle"><title>${escapeHtml(categoryTitle(c))}</title>${c === 'other' ? '—' : c.slice(-2)}</text>`,
  );
  const body = rows.map((r, i) => {
    const y = headH + i * cell;
    const shown = r.label.length > 40 ? r.label.slice(0, 39) + '…' : r.label;
    const cells = cats.map((c, j) => {
      const n = r.counts[c];
      const op = n === 0 ? 0 : (0.2 + 0.8 * (n / max)).toFixed(2);
      const x = labelW + j * cell;
      return (
        `<g><title>${escapeHtml(`${r.label} — ${c === 'other' ? 'Other' : c}: ${n}`)}</title>` +
        `<rect class="heat-bg" x="${x + 1}" y="${y + 1}" width="${cell - 2}" height="${cell - 2}"></rect>` +
        `<rect class="heat" x="${x + 1}" y="${y + 1}" width="${cell - 2}" height="${cell - 2}" fill-opacity="${op}" data-file="${escapeHtml(r.file)}" data-owasp="${c}" data-count="${n}"></rect>` +
        (n ? `<text class="cell" x="${x + cell / 2}" y="${y + cell / 2 + 4}" text-anchor="middle">${n}</text>` : '') +
        `</g>`
      );
    });
    return `<g class="heat-row" data-file="${escapeHtml(r.file)}"><text class="label" x="${labelW - 8}" y="${y + cell / 2 + 4}" text-anchor="end"><title>${escapeHtml(`${r.label} — ${r.file}`)}</title>${escapeHtml(shown)}</text>${cells.join('')}</g>`;
  });
  return (
    `<svg class="chart heat-map" role="img" aria-labelledby="heat-title" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" xmlns="http://www.w3.org/2000/svg">` +
    `<title id="heat-title">Findings per file and OWASP category</title>${head.join('')}${body.join('')}</svg>`
  );
}
