/**
 * n8n/hardcoded-credential-in-request — an HTTP Request that sends a credential typed into the node instead of an
 * n8n credential.
 *
 * Facts (n8n source `packages/nodes-base/nodes/HttpRequest/V3/Description.ts`, `V1/HttpRequestV1.node.ts`,
 * `V2/HttpRequestV2.node.ts`):
 * - v3+ (`typeVersion` ≥ 3): headers, query and body fields are `{ name, value }` pairs in
 *   `headerParameters.parameters`, `queryParameters.parameters`, `bodyParameters.parameters`, sent only when
 *   `sendHeaders` / `sendQuery` / `sendBody` is `true` (default `false`) and the matching `specify…` is `keypair`
 *   (default). `authentication` ∈ `none` (default) | `predefinedCredentialType` | `genericCredentialType`, with
 *   `genericAuthType` ∈ `httpHeaderAuth` | `httpQueryAuth` | `httpBasicAuth` | `httpBearerAuth` | … n8n's own hints
 *   for these fields say never to put static authentication values (API keys, tokens) in them and to use
 *   `httpHeaderAuth` / `httpQueryAuth` credentials instead.
 * - v1/v2: pairs in `headerParametersUi.parameter`, `queryParametersUi.parameter`, `bodyParametersUi.parameter`.
 * - The URL's own query string (`?api_key=…`) is sent as written.
 * - Credentials are stored encrypted on the instance and an export only names them; values typed into a node are
 *   part of the workflow JSON (n8n docs "Credentials", "Export and import workflows").
 * Coordination with `common/hardcoded-secret`: that rule reports every string that has a known token format or is a
 * random-looking value under a secret name. This rule runs it on the same document and skips every value it already
 * reports, so a string is never reported twice; what remains are auth fields whose literal value the secret scanner
 * did not judge random (short or simple passwords and keys, numeric tokens, session cookies, `appid`/`key` query
 * parameters, keys in the URL's query string). Placeholders (`YOUR_API_KEY`, `<token>`, `xxx`) are skipped.
 */
import { defineRule, type RuleContext } from '../../rule';
import type { Step } from '../../model';
import type { JsonNode } from '../../types';
import { get, items, prop, str } from '../../json';
import { pathOf } from '../../pointer';
import { redact } from '../../redact';
import { isExpressionOrReference, isNameOrPath, isSecretName, normalizeName } from '../../secrets/scan';
import { spanOf } from '../common/string-offsets';
import hardcodedSecret from '../common/hardcoded-secret';
import { combinedEdits } from './edits';
import { nodeLabel, coreType } from './nodes';

/** Normalised field names that carry authentication besides the secret-sounding ones of the secret scanner. */
const AUTH_NAMES = new Set(['cookie', 'key', 'appid', 'appkey', 'auth', 'xauth', 'pass', 'sessionid', 'session', 'sid', 'signature', 'sig']);
const PLACEHOLDER = /your|xxx|\*{3}|\.\.\.|…|changeme|change_me|example|placeholder|replace|insert|dummy|sample|redacted|todo|<|>|\[|\]|^\s*$/i;
const SCHEME = /^(?:Bearer|Basic|Token|Digest|Api-?Key)\s+/i;
const BARE_SCHEME = /^(?:Bearer|Basic|Token|Digest|Api-?Key)$/i;
/** Cookie names of sessions and logins; other cookies (preferences, trackers) are not credentials. */
// (The keyword is looked for in a look-ahead: `[^=;\s]*keyword[^=;\s]*=` backtracks quadratically over a long name.)
const SESSION_COOKIE = /(?:^|[;\s])(?=[^=;\s]*(?:sess|sid|token|auth|jwt|login|remember))[^=;\s]*=/i;

type Where = 'header' | 'query' | 'body';

/**
 * The `name=value` pairs of a query string from `from` on: what /([^&=#]+)=([^&#]*)/g finds there, found in one pass
 * (the expression retries every position of a long run without `=`, which is quadratic). A name is a run of
 * characters other than `&`, `=` and `#` followed by `=`; its value runs to the next `&` or `#`.
 */
function queryPairs(url: string, from: number): { name: string; value: string; valueStart: number }[] {
  const out: { name: string; value: string; valueStart: number }[] = [];
  const n = url.length;
  for (let i = from; i < n; ) {
    const c = url[i];
    if (c === '&' || c === '=' || c === '#') {
      i++;
      continue;
    }
    let j = i;
    while (j < n && url[j] !== '&' && url[j] !== '=' && url[j] !== '#') j++;
    if (url[j] !== '=') {
      i = j;
      continue;
    }
    let k = j + 1;
    while (k < n && url[k] !== '&' && url[k] !== '#') k++;
    out.push({ name: url.slice(i, j), value: url.slice(j + 1, k), valueStart: j + 1 });
    i = k;
  }
  return out;
}

interface Candidate {
  where: Where;
  name: string;
  /** The string node holding the value. */
  node: JsonNode;
  /** `[start, end)` of the credential inside the decoded value. */
  start: number;
  end: number;
  /** The `{ name, value }` object for keypair fields (v3+), for the quick fix. */
  pair?: JsonNode;
}

/** True when a field of this name carries authentication. */
export function isAuthName(name: string): boolean {
  return isSecretName(name) || AUTH_NAMES.has(normalizeName(name));
}

/** The literal credential in a field value (`[start, end)`), or undefined for expressions, placeholders and names. */
function literalValue(value: string): { start: number; end: number } | undefined {
  if (value.charCodeAt(0) === 0x3d || value.includes('{{') || isExpressionOrReference(value)) return undefined;
  let start = value.length - value.trimStart().length;
  const end = value.trimEnd().length;
  const scheme = SCHEME.exec(value.slice(start, end));
  if (scheme) start += scheme[0].length;
  const v = value.slice(start, end);
  if (v.length < 4 || BARE_SCHEME.test(v) || isExpressionOrReference(v) || PLACEHOLDER.test(v) || isNameOrPath(v) || /^(.)\1+$/.test(v)) return undefined;
  return { start, end };
}

const LISTS: ReadonlyArray<{ where: Where; v3: readonly string[]; v1: readonly string[]; flag: string }> = [
  { where: 'header', v3: ['headerParameters', 'parameters'], v1: ['headerParametersUi', 'parameter'], flag: 'sendHeaders' },
  { where: 'query', v3: ['queryParameters', 'parameters'], v1: ['queryParametersUi', 'parameter'], flag: 'sendQuery' },
  { where: 'body', v3: ['bodyParameters', 'parameters'], v1: ['bodyParametersUi', 'parameter'], flag: 'sendBody' },
];

function candidates(step: Step): Candidate[] {
  const out: Candidate[] = [];
  const p = step.params;
  const v3 = (step.typeVersion ?? 1) >= 3;
  for (const list of LISTS) {
    if (v3 && prop(p, list.flag)?.value !== true) continue;
    for (const pair of items(get(p, ...(v3 ? list.v3 : list.v1)))) {
      const name = str(prop(pair, 'name'));
      const valueNode = prop(pair, 'value');
      const value = str(valueNode);
      if (!name || !valueNode || value === undefined || !isAuthName(name)) continue;
      if (normalizeName(name) === 'cookie' && !SESSION_COOKIE.test(value)) continue;
      const lit = literalValue(value);
      if (lit) out.push({ where: list.where, name, node: valueNode, ...lit, pair: v3 ? pair : undefined });
    }
  }
  const urlNode = prop(p, 'url');
  const url = str(urlNode);
  if (urlNode && url && url.includes('?')) {
    for (const m of queryPairs(url, url.indexOf('?') + 1)) {
      const name = decodeSafe(m.name);
      if (!isAuthName(name)) continue;
      const lit = literalValue(m.value);
      const at = m.valueStart;
      if (lit) out.push({ where: 'query', name, node: urlNode, start: at + lit.start, end: at + lit.end });
    }
  }
  return out;
}

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

/** Document spans `common/hardcoded-secret` reports, computed once per analysis. */
function secretScannerSpans(ctx: RuleContext): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  hardcodedSecret.check({ ...ctx, report: (r) => void spans.push([r.at.offset, r.at.offset + r.at.length]) });
  return spans;
}

const WHERE_TEXT: Record<Where, string> = { header: 'header', query: 'query parameter', body: 'body field' };

export default defineRule(
  {
    id: 'n8n/hardcoded-credential-in-request',
    owasp: 'LCNC-SEC-08',
    defaultSeverity: 'warning',
    description: 'HTTP Request that sends an API key, token, password or cookie typed into its headers, query, body or URL instead of an n8n credential.',
    formats: ['n8n'],
    fixable: true,
  },
  (ctx) => {
    let covered: Array<[number, number]> | undefined;
    for (const [step] of ctx.steps()) {
      if (coreType(step.type) !== 'httpRequest' || step.disabled) continue;
      const found = candidates(step);
      if (!found.length) continue;
      covered ??= secretScannerSpans(ctx);
      const fresh = found
        .map((c) => ({ c, span: spanOf(ctx.text, c.node, c.start, c.end) }))
        .filter(({ span }) => !covered!.some(([s, e]) => span.offset < e && s < span.offset + span.length));
      const auth = str(prop(step.params, 'authentication')) ?? 'none';
      for (const { c, span } of fresh) {
        const secret = (str(c.node) ?? '').slice(c.start, c.end);
        const whereText = c.node === prop(step.params, 'url') ? 'the URL query parameter' : WHERE_TEXT[c.where];
        const credType = c.where === 'header' ? 'Header Auth' : c.where === 'query' ? 'Query Auth' : 'Custom Auth';
        const fix =
          fresh.length === 1 && c.pair && c.where !== 'body' && auth === 'none' && step.params
            ? {
                title: `Remove the literal ${WHERE_TEXT[c.where]} "${c.name}" and use a ${credType} credential (create it in n8n)`,
                edits: combinedEdits(ctx.text, [
                  { path: pathOf(c.pair), value: undefined },
                  { path: [...pathOf(step.params), 'authentication'], value: 'genericCredentialType' },
                  { path: [...pathOf(step.params), 'genericAuthType'], value: c.where === 'header' ? 'httpHeaderAuth' : 'httpQueryAuth' },
                ]),
                isPreferred: false,
              }
            : undefined;
        ctx.report({
          at: { ...c.node, offset: span.offset, length: span.length },
          message: `${nodeLabel(step)} sends a credential typed into the node — ${whereText} "${c.name}" (${redact(secret)}) — instead of an n8n credential: it is stored in clear in the workflow, shown to everyone who can open it and copied into every export. Put it in a ${credType} credential (Authentication → Generic Credential Type) and rotate it.`,
          fix,
        });
      }
    }
  },
);
