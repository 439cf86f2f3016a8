/**
 * The numbers behind the HTML security report, computed from a scan's findings: counts per OWASP LCNC category,
 * a files × categories matrix, the most frequent rules with their plain-language descriptions. Pure data, no HTML.
 */
import { rulesById } from '../engine';
import { OWASP_TITLES, SEVERITY_RANK, type Finding, type OwaspId, type Severity } from '../engine/types';

/** The column of findings without an OWASP id (syntax errors, engine and configuration notices). */
export const OTHER = 'other';
/** A category column: an OWASP id or {@link OTHER}. */
export type Category = OwaspId | typeof OTHER;

/** Every OWASP id in order, then {@link OTHER}. */
export const CATEGORIES: readonly Category[] = [...(Object.keys(OWASP_TITLES) as OwaspId[]), OTHER];

/** Title of a category column. */
export function categoryTitle(c: Category): string {
  return c === OTHER ? 'Not an OWASP category (syntax, engine, configuration)' : OWASP_TITLES[c];
}

/** A finding with its file (relative path for display; absolute path for links). */
export interface ReportFinding extends Finding {
  file: string;
  absPath: string;
}

/** One rule's line in "top rules". */
export interface RuleCount {
  ruleId: string;
  count: number;
  owasp?: OwaspId;
  /** Most serious severity among its findings. */
  severity: Severity;
  /** The rule's one-line description (rule metadata), when it is a registered rule. */
  description?: string;
  docsUrl?: string;
}

/** Aggregates of one scan. */
export interface ReportData {
  total: number;
  bySeverity: Record<Severity, number>;
  /** Findings per category (every category present, 0 when none). */
  byCategory: Record<Category, number>;
  /** Files with findings, most findings first (then by name), with counts per category. */
  heat: Array<{ file: string; total: number; counts: Record<Category, number> }>;
  /** Rules by number of findings, most first (then by id). */
  rules: RuleCount[];
  /** Findings grouped by file (files by name; findings by line, then column, then rule). */
  byFile: Array<{ file: string; absPath: string; findings: ReportFinding[] }>;
}

function zeroes(): Record<Category, number> {
  return Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;
}

/** Computes the report's aggregates. */
export function reportData(findings: readonly ReportFinding[]): ReportData {
  const bySeverity: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  const byCategory = zeroes();
  const files = new Map<string, { file: string; absPath: string; findings: ReportFinding[]; counts: Record<Category, number> }>();
  const rules = new Map<string, RuleCount>();
  const meta = rulesById;
  for (const f of findings) {
    bySeverity[f.severity]++;
    const cat: Category = f.owasp ?? OTHER;
    byCategory[cat]++;
    let e = files.get(f.file);
    if (!e) files.set(f.file, (e = { file: f.file, absPath: f.absPath, findings: [], counts: zeroes() }));
    e.findings.push(f);
    e.counts[cat]++;
    let r = rules.get(f.ruleId);
    if (!r) {
      const m = meta.get(f.ruleId)?.meta;
      const docsUrl = f.docsUrl ?? m?.docsUrl;
      rules.set(f.ruleId, (r = { ruleId: f.ruleId, count: 0, severity: f.severity, ...(f.owasp ? { owasp: f.owasp } : {}), ...(m ? { description: m.description } : {}), ...(docsUrl ? { docsUrl } : {}) }));
    }
    r.count++;
    if (SEVERITY_RANK[f.severity] < SEVERITY_RANK[r.severity]) r.severity = f.severity;
  }
  const list = [...files.values()];
  for (const e of list) e.findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.ruleId.localeCompare(b.ruleId));
  return {
    total: findings.length,
    bySeverity,
    byCategory,
    heat: list
      .map((e) => ({ file: e.file, total: e.findings.length, counts: e.counts }))
      .sort((a, b) => b.total - a.total || a.file.localeCompare(b.file)),
    rules: [...rules.values()].sort((a, b) => b.count - a.count || a.ruleId.localeCompare(b.ruleId)),
    byFile: list.sort((a, b) => a.file.localeCompare(b.file)).map(({ file, absPath, findings: fs }) => ({ file, absPath, findings: fs })),
  };
}
