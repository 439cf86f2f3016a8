/**
 * Regular expressions and denial of service. Every regular expression of server/src (literals, the `new RegExp`
 * sites of DYNAMIC rebuilt, and RegExp values exported by engine modules) is checked with recheck (`check(source,
 * flags)`, the `d` flag removed: recheck does not know it and it does not change matching). Its status must be
 * `safe`; otherwise the expression must be listed in BOUNDED with the reason its input is bounded, or have only
 * bounded quantifiers (no `*`, `+`, `{n,}`: each start position then costs at most a constant number of steps, so
 * matching is linear whatever recheck's fuzzer reports — it reported `github_pat_…{22}_…{59}` as quadratic in one run
 * and not in another), and its recheck attack string grown to 100,000 characters must still be matched within ATTACK_MS.
 * A `vulnerable` verdict of recheck's fuzz checker (random; used for look-arounds) stands only when V8 is slower than
 * ATTACK_MS on its attack grown to 100,000 characters; the automaton checker's verdicts (exact) always stand.
 * recheck takes minutes for ~300 expressions, so this runs in `npm run test:fuzz` (LCG_REGEX_CHECK=1) only.
 * test/reliability/redos.test.ts keeps end-to-end attacks on the expressions that were fixed in the normal run.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, type Diagnostics } from 'recheck';
import { recordCounts } from './lib/counts';
import { attackOfSize, loadedRegexes, scanSources, type RegexSite } from './lib/regexes';

const RUN = process.env.LCG_REGEX_CHECK === '1';
/** Time allowed to match a 100,000-character attack string against an expression listed in BOUNDED (ms). */
const ATTACK_MS = 250;

/**
 * `new RegExp` call sites (file and the start of the call) → how the check sees the pattern: `load` when it is built
 * while its module loads (then `loadedRegexes` records it), or a function that rebuilds it (built per call). A new
 * site fails the test until it is listed here.
 */
const DYNAMIC: Record<string, { site: RegExp; rebuild: 'load' | (() => { source: string; flags: string }[]) }> = {
  'secret hints (an alternation of escaped literal strings)': { site: /^engine\/secrets\/scan\.ts:\d+ new RegExp\(HINT_LIST/, rebuild: 'load' },
  'Node-RED SQL statement shapes (an alternation of keyword patterns)': { site: /^engine\/rules\/node-red\/sql-text\.ts:\d+ new RegExp\( \[/, rebuild: 'load' },
  'Power Automate function-call references (an alternation of function names, built per call)': {
    site: /^engine\/rules\/power-automate\/pa-util\.ts:\d+ new RegExp\(`\\\\b\(\?:\$\{fns\.join/,
    rebuild: () => [{ source: "\\b(?:body|outputs|actionBody|actionOutputs|triggerBody|items)\\s*\\(\\s*'((?:[^']|'')*)'", flags: 'gi' }],
  },
};

/**
 * Expressions recheck does not call safe, and why their input is bounded (so the attack cannot grow). Keyed by source.
 */
const BOUNDED: Record<string, string> = {
  '[A-Za-z ]{2,40}=[^;]{0,400};': 'secrets/patterns.ts connection-string check: bounded quantifiers, at most ~440 steps per start position (linear); run once per Password= match.',
  '(?<![A-Za-z0-9])xox[abposr]-[0-9A-Za-z-]{10,250}(?![0-9A-Za-z-])':
    'secrets/patterns.ts Slack token: the token body is at most 250 characters, so each start position costs at most ~250 steps (linear); starts need "xox?-" after a non-alphanumeric character.',
};

/**
 * True when a pattern has no unbounded quantifier (`*`, `+`, `{n,}`) outside character classes and escapes: every
 * match attempt then has a bounded length, so the work per start position is bounded by a constant.
 */
export function onlyBoundedQuantifiers(source: string): boolean {
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      i++;
      if (/[upPk]/.test(source[i] ?? '') && (source[i + 1] === '{' || source[i + 1] === '<')) i = source.indexOf(source[i + 1] === '{' ? '}' : '>', i);
      if (i < 0) return false;
    } else if (c === '[') {
      for (i++; i < source.length && source[i] !== ']'; i++) if (source[i] === '\\') i++;
    } else if (c === '*' || c === '+') return false;
    else if (c === '{' && /^\{\d+,\}/.test(source.slice(i))) return false;
  }
  return true;
}

/**
 * Expressions that only ever read our own fixed text (never workspace content), keyed by source, with the reason.
 * No attack can reach them, so recheck's verdict is not a problem and no attack is timed.
 */
const OWN_TEXT_ONLY: Record<string, string> = {
  '\\[([^\\]]+)\\]\\(([^)\\s]+)\\)': 'report/markdown.ts renders the rule documentation embedded at build time (report/rule-docs.generated.ts, from docs/rules), never workspace text.',
  '^(#{2,6})\\s+(.*)$': 'report/markdown.ts, headings of the embedded rule documentation (see above).',
  '^([-*]|\\d+\\.)\\s+(.*)$': 'report/markdown.ts, list items of the embedded rule documentation (see above).',
};

async function recheck(source: string, flags: string): Promise<Diagnostics> {
  return check(source, flags.replace('d', ''), { timeout: 30_000, randomSeed: 42 });
}

test('every regular expression of server/src is safe for recheck, or bounded and fast on its attack string', { skip: !RUN && 'runs in npm run test:fuzz (LCG_REGEX_CHECK=1): recheck takes minutes', timeout: 3_600_000 }, async (t) => {
  const { literals, dynamic } = scanSources();
  const unknownSites = dynamic.map((d) => `${d.where} ${d.text.replace(/\s+/g, ' ')}`).filter((s) => !Object.values(DYNAMIC).some((d) => d.site.test(s)));
  assert.deepEqual(unknownSites, [], 'every new RegExp(…) site is listed in DYNAMIC with a way to rebuild its pattern');
  const all: RegexSite[] = [...(await loadedRegexes()), ...literals];
  for (const [what, d] of Object.entries(DYNAMIC)) if (d.rebuild !== 'load') for (const r of d.rebuild()) all.push({ where: `dynamic: ${what}`, ...r });
  const unique = new Map<string, { source: string; flags: string; where: string[] }>();
  for (const r of all) {
    const k = `/${r.source}/${r.flags}`;
    const u = unique.get(k) ?? { source: r.source, flags: r.flags, where: [] };
    u.where.push(r.where);
    unique.set(k, u);
  }
  const problems: string[] = [];
  const counts = { safe: 0, bounded: 0, boundedByConstruction: 0, fuzzRefuted: 0, ownTextOnly: 0 };
  /** CPU ms V8 takes to match the recheck attack grown to 100,000 characters. */
  const attackMs = (d: Extract<Diagnostics, { status: 'vulnerable' }>, source: string, flags: string): number => {
    const attack = attackOfSize(d.attack, 100_000);
    const re = new RegExp(source, flags);
    const start = process.cpuUsage();
    if (re.global) attack.replace(re, '');
    else re.test(attack);
    const c = process.cpuUsage(start);
    return (c.user + c.system) / 1000;
  };
  for (const u of unique.values()) {
    const d = await recheck(u.source, u.flags);
    if (d.status === 'safe') {
      counts.safe++;
      continue;
    }
    if (u.source in OWN_TEXT_ONLY) {
      counts.ownTextOnly++;
      continue;
    }
    const label = `/${u.source}/${u.flags} (${u.where.join(', ')})`;
    const why = d.status === 'vulnerable' ? `${d.complexity.summary}, attack ${d.attack.pattern.slice(0, 60)}` : `${d.status}: ${d.error?.kind ?? '?'}`;
    if (!(u.source in BOUNDED) && !onlyBoundedQuantifiers(u.source)) {
      // recheck's fuzzer (used for look-arounds and large automata) is random and over-reports: its verdict stands
      // only if V8 really is slow on the attack grown to 100,000 characters (a quadratic one takes seconds or more).
      if (d.status === 'vulnerable' && d.checker === 'fuzz') {
        const ms = attackMs(d, u.source, u.flags);
        if (ms <= ATTACK_MS) {
          counts.fuzzRefuted++;
          continue;
        }
        problems.push(`${label}: ${why}; its 100,000-character attack takes ${ms.toFixed(0)} ms`);
      } else problems.push(`${label}: ${why}`);
      continue;
    }
    if (d.status === 'vulnerable') {
      const ms = attackMs(d, u.source, u.flags);
      if (ms > ATTACK_MS) problems.push(`${label}: listed as bounded, but its 100,000-character attack takes ${ms.toFixed(0)} ms`);
    }
    counts.bounded++;
    if (!(u.source in BOUNDED)) counts.boundedByConstruction++;
  }
  t.diagnostic(`${unique.size} distinct expressions (${literals.length} literals, ${dynamic.length} dynamic sites): ${counts.safe} safe, ${counts.bounded} bounded (${counts.boundedByConstruction} by their quantifiers alone), ${counts.fuzzRefuted} fuzzer verdicts refuted by their attack, ${counts.ownTextOnly} on our own text only, ${problems.length} problems`);
  recordCounts('regex-recheck', { expressions: unique.size, safe: counts.safe, bounded: counts.bounded, boundedByConstruction: counts.boundedByConstruction, fuzzRefuted: counts.fuzzRefuted, ownTextOnly: counts.ownTextOnly, problems: problems.length });
  assert.deepEqual(problems, []);
});

test('onlyBoundedQuantifiers: unbounded quantifiers outside classes and escapes', () => {
  const bounded = ['(?<![A-Za-z0-9_])github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}', '[0-9a-f]{8}-[0-9a-f]{4}', '[*+]{1,3}\\*\\+', '\\u{1F600}?x{2,5}', '[\\]*+]{0,9}'];
  const unbounded = ['a*', 'a+?', 'x{2,}', '(?:ab)*c', '[a]+', '\\d+', '\\]*'];
  assert.deepEqual(bounded.filter((s) => !onlyBoundedQuantifiers(s)), []);
  assert.deepEqual(unbounded.filter((s) => onlyBoundedQuantifiers(s)), []);
});
