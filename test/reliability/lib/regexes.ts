/**
 * The regular expressions of the server sources, for the ReDoS check (regex.test.ts):
 * - every regular-expression literal in `server/src/**\/*.ts`, found with the TypeScript parser;
 * - every `new RegExp(…)` call site: with string-literal arguments (ajv's generated validators) it counts as a
 *   literal; otherwise its pattern is built at run time and the site must be listed in DYNAMIC, which says how its
 *   pattern is rebuilt for the check;
 * - every RegExp reachable from the exports of the engine modules (tables such as SECRET_PATTERNS), and every RegExp
 *   constructed while they load (module-level `new RegExp` over strings).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

export const SERVER_SRC = path.resolve(__dirname, '..', '..', '..', 'server', 'src');

/** One regular expression and where it comes from. */
export interface RegexSite {
  /** Path relative to server/src, and 1-based line. */
  where: string;
  source: string;
  flags: string;
}

function tsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...tsFiles(p));
    else if (e.name.endsWith('.ts')) out.push(p);
  }
  return out.sort();
}

/** Regular-expression literals and `new RegExp` call sites (the latter with the call's text instead of a pattern). */
export function scanSources(root = SERVER_SRC): { literals: RegexSite[]; dynamic: { where: string; text: string }[] } {
  const literals: RegexSite[] = [];
  const dynamic: { where: string; text: string }[] = [];
  for (const file of tsFiles(root)) {
    const sf = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const where = (n: ts.Node) => `${path.relative(root, file).split(path.sep).join('/')}:${sf.getLineAndCharacterOfPosition(n.getStart()).line + 1}`;
    const visit = (n: ts.Node) => {
      if (n.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const text = n.getText();
        const end = text.lastIndexOf('/');
        literals.push({ where: where(n), source: text.slice(1, end), flags: text.slice(end + 1) });
      } else if ((ts.isNewExpression(n) || ts.isCallExpression(n)) && ts.isIdentifier(n.expression) && n.expression.text === 'RegExp') {
        const [pattern, flags] = n.arguments ?? [];
        const isText = (a: ts.Node | undefined) => !!a && (ts.isStringLiteral(a) || ts.isNoSubstitutionTemplateLiteral(a));
        // `new RegExp("…", "u")` with literal strings (ajv's generated validators): as static as a literal.
        if (isText(pattern) && (flags === undefined || isText(flags))) {
          literals.push({ where: where(n), source: (pattern as ts.StringLiteral).text, flags: flags ? (flags as ts.StringLiteral).text : '' });
        } else dynamic.push({ where: where(n), text: n.getText() });
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return { literals, dynamic };
}

/**
 * RegExp values reachable (depth ≤ 4) from the exports of every module under server/src/engine, and every RegExp
 * constructed (`new RegExp`, `RegExp()`) while those modules load (module-level tables built from strings). Call it
 * before anything else imports engine modules, or the loads it watches have already happened.
 */
export async function loadedRegexes(): Promise<RegexSite[]> {
  const out: RegexSite[] = [];
  const seen = new Set<unknown>();
  const walk = (v: unknown, where: string, depth: number) => {
    if (v instanceof RegExp) out.push({ where, source: v.source, flags: v.flags });
    if (!v || typeof v !== 'object' || depth > 4 || seen.has(v)) return;
    seen.add(v);
    for (const [k, x] of Object.entries(v)) walk(x, `${where}.${k}`, depth + 1);
  };
  const Original = globalThis.RegExp;
  const record = (r: RegExp, where: string) => (out.push({ where, source: r.source, flags: r.flags }), r);
  let loading = '';
  globalThis.RegExp = new Proxy(Original, {
    construct: (target, args) => record(Reflect.construct(target, args) as RegExp, `constructed while loading ${loading}`),
    apply: (target, self, args) => record(Reflect.apply(target, self, args) as RegExp, `constructed while loading ${loading}`),
  });
  try {
    for (const file of tsFiles(path.join(SERVER_SRC, 'engine'))) {
      loading = path.relative(SERVER_SRC, file).split(path.sep).join('/');
      const mod = (await import(file)) as Record<string, unknown>;
      walk(mod, loading, 0);
    }
  } finally {
    globalThis.RegExp = Original;
  }
  return out;
}

/** The attack string of a recheck diagnosis grown to about `size` characters (its pumps repeated evenly). */
export function attackOfSize(attack: { pumps: { prefix: string; pump: string }[]; suffix: string }, size: number): string {
  const fixed = attack.pumps.reduce((n, p) => n + p.prefix.length, attack.suffix.length);
  const per = Math.max(1, Math.floor((size - fixed) / attack.pumps.reduce((n, p) => n + p.pump.length, 0)));
  return attack.pumps.map((p) => p.prefix + p.pump.repeat(per)).join('') + attack.suffix;
}
