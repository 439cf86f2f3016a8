/**
 * common/hardcoded-secret — a credential written into the flow file itself.
 *
 * Facts:
 * - Flow files are shared, exported, committed and pasted into forums; every platform has a place for secrets that
 *   keeps them out of the file: n8n credentials (encrypted in n8n's database; an exported workflow only names them,
 *   n8n docs "Credentials" / "Export and import workflows"), Node-RED node credentials (stored in
 *   `flows_cred.json`, encrypted with `credentialSecret`, left out of exports; Node-RED docs "Node credentials"),
 *   Logic Apps `securestring` parameters, app settings and Key Vault references, Power Automate connections and
 *   environment variables of type Secret (Microsoft Learn "Secure access and data in Azure Logic Apps",
 *   "Use environment variables for Azure Key Vault secrets").
 * - Token formats: see `secrets/patterns.ts` (vendor documentation per format).
 *
 * What is reported, over every string of the document (settings, pinned data, parameter defaults, notes):
 * - error: a known token format (AWS, GitHub, Slack, Stripe, Google, OpenAI, Anthropic, SendGrid, JWT, PEM private
 *   keys, Azure keys and SAS signatures, …), `Password=` in a connection string, `Bearer`/`Basic` header values;
 * - warning (context rule): a literal value with enough length and entropy under a secret-sounding name — a JSON key
 *   (`password`, `apiKey`, `client_secret`, …), the `name` of an n8n name/value pair (`headerParameters`:
 *   `{ name: "X-API-Key", value: … }`), or an assignment inside code/JSON text (`const token = "…"`). Values in notes
 *   (n8n sticky notes, Node-RED `comment` nodes and `info`) are left out of the context rule: they are examples.
 * Messages show the secret only through `redact()`. Companion files without flows (credentials exports, connections,
 * local settings) are left to their own rules.
 */
import { defineRule, type RuleContext } from '../../rule';
import { prop, str, stringValues } from '../../json';
import { pointerOf } from '../../pointer';
import { redact } from '../../redact';
import { parseEndpoint } from '../../net';
import type { Format, JsonNode } from '../../types';
import { findKnownSecrets, findSecretAssignments, isExpressionOrReference, isSecretName, literalSecret, type SecretMatch } from '../../secrets/scan';
import { decodedOffsets, spanOf } from './string-offsets';

/** Keys under which the sibling `name`-like field names the value (n8n name/value pairs, Node-RED header lists). */
const PAIR_VALUE_KEYS = new Set(['value', 'stringValue', 'valueValue', 'parameterValue']);
const PAIR_NAME_KEYS = ['name', 'key', 'keyValue', 'parameterName', 'headerName'];

const ADVICE: Record<Format, string> = {
  n8n: 'Store it in an n8n credential (or read it from an environment variable) and rotate it.',
  'node-red': "Move it into the node's credentials (kept out of the flow file) or an environment variable, and rotate it.",
  'power-automate': 'Use a connection or an environment variable of type Secret (Azure Key Vault), and rotate it.',
  'logic-apps': 'Pass it in a securestring parameter fed from Azure Key Vault or an app setting, and rotate it.',
};

/** The field name a string value is stored under: its key, or the `name` of a name/value pair object. */
function fieldNameOf(node: JsonNode, key: string | undefined): string | undefined {
  const obj = node.parent?.type === 'property' ? node.parent.parent : undefined;
  if (key && PAIR_VALUE_KEYS.has(key) && obj) {
    for (const k of PAIR_NAME_KEYS) {
      const n = str(prop(obj, k));
      if (n) return n;
    }
  }
  return key;
}

/** Node-RED typed input: `{ token: "payload.t", tokenType: "msg" }` is a reference, not a literal. */
function isTypedReference(node: JsonNode, key: string | undefined): boolean {
  const obj = node.parent?.type === 'property' ? node.parent.parent : undefined;
  if (!key || !obj) return false;
  const t = str(prop(obj, `${key}Type`));
  return t !== undefined && t !== 'str';
}

/** True when the string sits in documentation: an n8n sticky note, a Node-RED `comment` node, or an `info` text. */
function inNote(node: JsonNode, format: Format): boolean {
  for (let cur: JsonNode | undefined = node; cur; cur = cur.parent) {
    if (cur.type === 'property' && cur.children?.[0].value === 'info' && format === 'node-red') return true;
    if (cur.type === 'object') {
      const t = str(prop(cur, 'type'));
      if ((format === 'n8n' && t === 'n8n-nodes-base.stickyNote') || (format === 'node-red' && t === 'comment')) return true;
    }
  }
  return false;
}

/** Passwords written into URLs: `scheme://user:password@host`. */
function urlPasswords(value: string): SecretMatch[] {
  const out: SecretMatch[] = [];
  if (!value.includes('@')) return out;
  for (const ep of parseEndpoint(value)) {
    const u = ep.userinfo;
    const colon = u ? u.indexOf(':') : -1;
    if (!u || colon < 0) continue;
    const pw = u.slice(colon + 1);
    if (pw.length < 3 || isExpressionOrReference(pw) || /^(\*+|x+|password|pass|pwd|secret|<.*>|\[.*\])$/i.test(pw) || /your|example|placeholder/i.test(pw)) continue;
    const start = ep.start + ep.scheme.length + 3 + colon + 1;
    out.push({ id: 'url-password', label: `password in a ${ep.scheme}:// URL`, severity: 'error', start, end: start + pw.length, secret: pw });
  }
  return out;
}

function overlapsAny(found: readonly SecretMatch[], start: number, end: number): boolean {
  for (const f of found) if (start < f.end && f.start < end) return true;
  return false;
}

function report(ctx: RuleContext, node: JsonNode, m: SecretMatch, map: Int32Array | undefined, format: Format): void {
  const span = spanOf(ctx.text, node, m.start, m.end, map);
  const shown = redact(m.secret);
  const what = m.field !== undefined ? `"${m.field}" holds a literal secret` : `Hardcoded ${m.label}`;
  ctx.report({
    at: { ...node, offset: span.offset, length: span.length },
    pointer: pointerOf(node),
    severity: m.severity,
    message: `${what} (${shown}): anyone who can read this file can use it. ${ADVICE[format]}`,
  });
}

export default defineRule(
  {
    id: 'common/hardcoded-secret',
    owasp: 'LCNC-SEC-08',
    defaultSeverity: 'error',
    description: 'A password, API key, token or private key is written into the flow file.',
    formats: ['n8n', 'node-red', 'power-automate', 'logic-apps'],
    fixable: false,
  },
  (ctx) => {
    // Companion files (credentials exports, flows_cred.json, connections.json, local.settings.json) hold no flows:
    // each has its own rule that reports the whole file once, with advice that fits it.
    if (ctx.flows.length === 0) return;
    const format = ctx.detection.format;
    stringValues(ctx.root, (node, key) => {
      const value = node.value as string;
      if (value.length < 8) return;
      const found = findKnownSecrets(value);
      if (value.includes('://')) for (const u of urlPasswords(value)) if (!overlapsAny(found, u.start, u.end)) found.push(u);
      // Context rule: a secret-named field, or secret-named assignments inside code / JSON text (not in notes).
      const field = fieldNameOf(node, key);
      if (field && isSecretName(field)) {
        const lit = isTypedReference(node, key) ? undefined : literalSecret(value);
        if (lit && !overlapsAny(found, lit.start, lit.end) && !inNote(node, format)) {
          found.push({ id: 'secret-field', label: 'secret field', severity: 'warning', start: lit.start, end: lit.end, secret: value.slice(lit.start, lit.end), field });
        }
      } else if (value.length >= 20) {
        const assigned = findSecretAssignments(value);
        if (assigned.length && !inNote(node, format)) for (const a of assigned) if (!overlapsAny(found, a.start, a.end)) found.push(a);
      }
      if (!found.length) return;
      const map = decodedOffsets(ctx.text, node);
      for (const m of found.sort((a, b) => a.start - b.start)) report(ctx, node, m, map, format);
    });
  },
);
