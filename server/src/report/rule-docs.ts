/**
 * The rule documentation the report embeds offline: for each rule, the "Why it matters" section (the plain-language
 * explanation) and its "How to fix it …" section(s), taken from docs/rules/<rule-id>.md at development time and
 * stored in `rule-docs.generated.ts` (so the CLI bundle, the npm package and the .vsix carry them without shipping
 * docs/). test/report/rule-docs.test.ts fails when the generated file and the pages drift apart; regenerate with
 * `UPDATE_RULE_DOCS=1 node scripts/run-tests.mjs test/report/rule-docs.test.ts`.
 */
import type { Format } from '../engine/types';
import { RULE_DOCS } from './rule-docs.generated';

/** One "How to fix it …" section. */
export interface FixSection {
  /** The heading without "## " ("How to fix it in Power Automate", "How to fix it"). */
  heading: string;
  /** Markdown body. */
  body: string;
}

/** What the report shows of a rule's page. */
export interface RuleDoc {
  /** Markdown of "Why it matters". */
  why: string;
  fix: FixSection[];
}

/** Sections of a page by their `## ` heading (text up to the next `## ` heading, trimmed). */
function sections(md: string): Array<{ heading: string; body: string }> {
  const out: Array<{ heading: string; body: string }> = [];
  let cur: { heading: string; lines: string[] } | undefined;
  let fenced = false;
  for (const line of md.replace(/\r\n?/g, '\n').split('\n')) {
    if (line.trim().startsWith('```')) fenced = !fenced;
    if (!fenced && line.startsWith('## ')) {
      if (cur) out.push({ heading: cur.heading, body: cur.lines.join('\n').trim() });
      cur = { heading: line.slice(3).trim(), lines: [] };
    } else cur?.lines.push(line);
  }
  if (cur) out.push({ heading: cur.heading, body: cur.lines.join('\n').trim() });
  return out;
}

/** Extracts the report's parts of one documentation page (Markdown text). Missing sections give empty values. */
export function extractRuleDoc(md: string): RuleDoc {
  const all = sections(md);
  return {
    why: all.find((s) => s.heading === 'Why it matters')?.body ?? '',
    fix: all.filter((s) => /^How to fix it\b/.test(s.heading)).map((s) => ({ heading: s.heading, body: s.body })),
  };
}

/** The TypeScript source of `rule-docs.generated.ts` for `docs` (rule id → doc), ids sorted. */
export function generatedModule(docs: Readonly<Record<string, RuleDoc>>): string {
  const ids = Object.keys(docs).sort();
  const body = ids.map((id) => `  ${JSON.stringify(id)}: ${JSON.stringify(docs[id])},`).join('\n');
  return [
    '// Generated from docs/rules/<rule-id>.md by test/report/rule-docs.test.ts (UPDATE_RULE_DOCS=1). Do not edit.',
    "import type { RuleDoc } from './rule-docs';",
    '',
    '/** Rule id → "Why it matters" and "How to fix it …" sections of its documentation page (Markdown). */',
    'export const RULE_DOCS: Readonly<Record<string, RuleDoc>> = {',
    body,
    '};',
    '',
  ].join('\n');
}

const PLATFORM_WORD: Record<Format, string> = { n8n: 'n8n', 'node-red': 'Node-RED', 'power-automate': 'Power Automate', 'logic-apps': 'Logic Apps' };

/** The platform's name as its users write it. */
export function platformName(format: Format | string | undefined): string {
  return (format && PLATFORM_WORD[format as Format]) || 'any platform';
}

/**
 * The embedded documentation of a rule, with its fix sections narrowed to `platforms` when the page has a section
 * naming one of them (a Power Automate flow gets "How to fix it in Power Automate", not the Logic Apps one); a
 * section without a platform in its heading is always kept. Undefined for ids without a page (engine, config).
 */
export function ruleDoc(ruleId: string, platforms: readonly (Format | undefined)[] = []): RuleDoc | undefined {
  const doc = RULE_DOCS[ruleId];
  if (!doc) return undefined;
  const names = platforms.filter((p): p is Format => !!p).map((p) => PLATFORM_WORD[p]);
  if (!names.length) return doc;
  const named = (h: string) => Object.values(PLATFORM_WORD).some((w) => h.includes(w));
  const fix = doc.fix.filter((s) => !named(s.heading) || names.some((n) => s.heading.includes(n)));
  return { why: doc.why, fix: fix.length ? fix : doc.fix };
}
