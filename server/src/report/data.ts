/**
 * The numbers and the order behind the HTML security report, computed from a scan's findings: severity in plain words,
 * the "Start here" list, findings grouped by flow (worst first), counts per OWASP LCNC category, a files × categories
 * matrix, and the rules by severity and count. Pure data, no HTML.
 */
import { rulesById } from '../engine';
import { OWASP_TITLES, SEVERITY_RANK, type Finding, type Format, type OwaspId, type Severity } from '../engine/types';
import type { StepLabel } from '../inventory';

/** The column of findings without an OWASP id (syntax errors, engine and configuration notices). */
export const OTHER = 'other';
/** A category column: an OWASP id or {@link OTHER}. */
export type Category = OwaspId | typeof OTHER;

/** Every OWASP id in order, then {@link OTHER}. */
export const CATEGORIES: readonly Category[] = [...(Object.keys(OWASP_TITLES) as OwaspId[]), OTHER];

/**
 * Severity in the words of someone who builds flows (to a maker, "error" means a run that failed): `error` → "Fix
 * now", `warning` → "Fix soon", `info` → "Check", `hint` → "Tip". The machine severity stays visible next to it.
 */
export const SEVERITY_WORD: Record<Severity, string> = { error: 'Fix now', warning: 'Fix soon', info: 'Check', hint: 'Tip' };

/** Each OWASP LCNC category in everyday words, shown before its official title and code. */
export const CATEGORY_PLAIN: Record<OwaspId, string> = {
  'LCNC-SEC-01': 'Runs with someone else’s account',
  'LCNC-SEC-02': 'More access than needed',
  'LCNC-SEC-03': 'Data going where it should not',
  'LCNC-SEC-04': 'Missing sign-in or unencrypted connection',
  'LCNC-SEC-05': 'Risky setting',
  'LCNC-SEC-06': 'Outside input used in a command or query',
  'LCNC-SEC-07': 'Add-on or connector to review',
  'LCNC-SEC-08': 'Password, key or sensitive data exposed',
  'LCNC-SEC-09': 'Flows nobody keeps track of',
  'LCNC-SEC-10': 'Failures nobody would notice',
};

/** Title of a category column: plain words, then the official OWASP title and id. */
export function categoryTitle(c: Category): string {
  return c === OTHER ? 'Not a security category (file syntax, scanner and configuration notices)' : `${CATEGORY_PLAIN[c]} — OWASP ${c} ${OWASP_TITLES[c]}`;
}

/** A finding with its file (relative path for display; absolute path for links), and its flow and step when known. */
export interface ReportFinding extends Finding {
  file: string;
  absPath: string;
  format?: Format;
  /** Id of its flow in `HtmlReportInput.flows`. */
  flowId?: string;
  step?: StepLabel;
}

/** One rule's line in "top rules" and "what to do". */
export interface RuleCount {
  ruleId: string;
  count: number;
  /** Flows (or files, for findings outside a flow) it was found in. */
  flows: number;
  owasp?: OwaspId;
  /** Most serious severity among its findings. */
  severity: Severity;
  /** Platforms of its findings. */
  platforms: Format[];
  /** The rule's one-line description (rule metadata), when it is a registered rule. */
  description?: string;
  docsUrl?: string;
}

/** A flow (or, for findings outside any flow, a file) and its findings, worst first. */
export interface FindingGroup {
  id: string;
  /** Flow display name (or the file's name). */
  name: string;
  isFlow: boolean;
  platform?: Format;
  file: string;
  absPath: string;
  /** Other files holding the same flow. */
  also: string[];
  findings: ReportFinding[];
  worst: Severity;
  bySeverity: Record<Severity, number>;
}

/** The flow facts `reportData` needs (`context.ReportFlow` adds the inventory entry). */
export interface FlowRef {
  /** Stable id within one report: `<file>#<index in the file>`. */
  id: string;
  /** The name the maker knows (see `context.flowDisplayName`). */
  name: string;
  platform: Format;
  /** Relative path (`/`-separated) and absolute path of the file shown. */
  file: string;
  absPath: string;
  /** Other files holding the same flow (relative paths), sorted. */
  also: string[];
}

/** One "Start here" item: a rule, its most serious finding (in the flow with the most findings), how far it spreads. */
export interface StartItem {
  rule: RuleCount;
  finding: ReportFinding;
  group: FindingGroup;
}

/** Aggregates of one scan. */
export interface ReportData {
  total: number;
  bySeverity: Record<Severity, number>;
  /** Findings per category (every category present, 0 when none). */
  byCategory: Record<Category, number>;
  /** Flows (or files outside a flow) with findings, in the order of `groups` (worst first), with counts per category. */
  heat: Array<{ file: string; label: string; total: number; counts: Record<Category, number> }>;
  /** Rules worst first: severity, then flows affected, then findings, then id. */
  rules: RuleCount[];
  /** Findings by flow, worst flow first; inside, worst finding first, then by position. */
  groups: FindingGroup[];
  /** At most {@link START_HERE} items: the rules to fix first, each with one example. */
  start: StartItem[];
}

/** Items in "Start here". */
export const START_HERE = 3;

function zeroes(): Record<Category, number> {
  return Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;
}

function noSeverities(): Record<Severity, number> {
  return { error: 0, warning: 0, info: 0, hint: 0 };
}

const bySeverityThenPosition = (a: ReportFinding, b: ReportFinding) =>
  SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.ruleId.localeCompare(b.ruleId);

/** Orders groups worst first: worst severity, then more findings at that severity, then more findings, then name. */
function worstFirst(a: FindingGroup, b: FindingGroup): number {
  return (
    SEVERITY_RANK[a.worst] - SEVERITY_RANK[b.worst] ||
    b.bySeverity.error - a.bySeverity.error ||
    b.bySeverity.warning - a.bySeverity.warning ||
    b.findings.length - a.findings.length ||
    a.name.localeCompare(b.name) ||
    a.file.localeCompare(b.file)
  );
}

/** Computes the report's aggregates. `flows` names the flows that findings' `flowId`s refer to. */
export function reportData(findings: readonly ReportFinding[], flows: readonly FlowRef[] = []): ReportData {
  const bySeverity = noSeverities();
  const byCategory = zeroes();
  const flowById = new Map(flows.map((f) => [f.id, f]));
  const cells = new Map<string, Record<Category, number>>();
  const groups = new Map<string, FindingGroup>();
  const rules = new Map<string, RuleCount & { groupIds: Set<string>; platformSet: Set<Format> }>();
  for (const f of findings) {
    bySeverity[f.severity]++;
    const cat: Category = f.owasp ?? OTHER;
    byCategory[cat]++;
    const flow = f.flowId ? flowById.get(f.flowId) : undefined;
    const gid = flow ? flow.id : `file:${f.file}`;
    let g = groups.get(gid);
    if (!g) {
      g = flow
        ? { id: gid, name: flow.name, isFlow: true, platform: flow.platform, file: flow.file, absPath: flow.absPath, also: flow.also, findings: [], worst: f.severity, bySeverity: noSeverities() }
        : { id: gid, name: f.file.split('/').pop() ?? f.file, isFlow: false, ...(f.format ? { platform: f.format } : {}), file: f.file, absPath: f.absPath, also: [], findings: [], worst: f.severity, bySeverity: noSeverities() };
      groups.set(gid, g);
    }
    g.findings.push(f);
    let counts = cells.get(gid);
    if (!counts) cells.set(gid, (counts = zeroes()));
    counts[cat]++;
    g.bySeverity[f.severity]++;
    if (SEVERITY_RANK[f.severity] < SEVERITY_RANK[g.worst]) g.worst = f.severity;

    let r = rules.get(f.ruleId);
    if (!r) {
      const m = rulesById.get(f.ruleId)?.meta;
      const docsUrl = f.docsUrl ?? m?.docsUrl;
      r = { ruleId: f.ruleId, count: 0, flows: 0, severity: f.severity, platforms: [], groupIds: new Set(), platformSet: new Set(), ...(f.owasp ? { owasp: f.owasp } : {}), ...(m ? { description: m.description } : {}), ...(docsUrl ? { docsUrl } : {}) };
      rules.set(f.ruleId, r);
    }
    r.count++;
    r.groupIds.add(gid);
    const platform = flow?.platform ?? f.format;
    if (platform) r.platformSet.add(platform);
    if (SEVERITY_RANK[f.severity] < SEVERITY_RANK[r.severity]) r.severity = f.severity;
  }
  const groupList = [...groups.values()];
  for (const g of groupList) g.findings.sort(bySeverityThenPosition);
  groupList.sort(worstFirst);
  const ruleList: RuleCount[] = [...rules.values()]
    .map(({ groupIds, platformSet, ...r }) => ({ ...r, flows: groupIds.size, platforms: [...platformSet].sort() }))
    .sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || b.flows - a.flows || b.count - a.count || a.ruleId.localeCompare(b.ruleId));
  return {
    total: findings.length,
    bySeverity,
    byCategory,
    heat: groupList.map((g) => ({ file: g.file, label: g.name, total: g.findings.length, counts: cells.get(g.id)! })),
    rules: ruleList,
    groups: groupList,
    start: startHere(ruleList, groupList),
  };
}

/**
 * The first {@link START_HERE} rules (already worst first: severity, then flows affected) that are security findings
 * (hints and notices without an OWASP category come last and are left out), each with its example: the first of its
 * findings at its worst severity in the worst-ranked group.
 */
function startHere(rules: readonly RuleCount[], groups: readonly FindingGroup[]): StartItem[] {
  const out: StartItem[] = [];
  for (const rule of rules) {
    if (out.length >= START_HERE) break;
    if (rule.severity === 'hint' || !rule.owasp) continue;
    for (const group of groups) {
      const finding = group.findings.find((f) => f.ruleId === rule.ruleId && f.severity === rule.severity);
      if (finding) {
        out.push({ rule, finding, group });
        break;
      }
    }
  }
  return out;
}
