/**
 * node-red/stored-credentials-from-network — network callers make requests with an account stored in the flow.
 *
 * Facts (Node-RED source `core/network/21-httprequest.js` / `.html`, node-red/node-red at 1f38dc89):
 * - `http request` has `authType`: `""` (editor default; "Use authentication" unticked), `basic`, `digest` or
 *   `bearer`; the user name, password or token are node credentials (kept in the credentials file, not the flow).
 *   The runtime sends them with every request the node makes.
 * - `headers` is a list of `{ keyType, keyValue, valueType, valueValue }`; a preset header name is stored in
 *   `keyType` (`"Authorization"`), a custom one as `keyType: "other"` with `keyValue`; a fixed value is
 *   `valueType: "other"` with `valueValue`. Such a literal Authorization header is an account in the flow too.
 * - The URL is `url`, or `msg.url` when `url` is empty; Mustache tags (`{{…}}`) in `url` are filled from the message.
 *
 * Reported when a network input node (`http in`, `mqtt in`, `websocket in`, `tcp in`, `udp in`) sends messages to
 * such a node: whoever reaches that input acts as the stored account, and the remote system cannot tell callers apart.
 * Severity info; warning when the server also comes from the message (empty `url`, or a Mustache tag in the scheme
 * or host): a caller can send the credentials to a server of their choice. The secret itself is left to `common/hardcoded-secret`.
 * OWASP LCNC-SEC-01 (Account Impersonation): one stored identity used on behalf of every caller.
 */
import { defineRule } from '../../rule';
import type { JsonNode } from '../../types';
import { items, prop, str } from '../../json';
import { NETWORK_INPUTS, describeSources, isActive, sourcesReaching } from './util';
import { urlHost } from './http-request-insecure-parser';

/** The node holding the stored-account setting of an `http request` node: its `authType`, or a fixed Authorization header's name. */
export function storedAccount(node: JsonNode): { at: JsonNode; how: string } | undefined {
  const auth = prop(node, 'authType');
  const type = str(auth)?.trim();
  if (auth && type) return { at: auth, how: type === 'bearer' ? 'the bearer token stored in the node' : `the ${type} authentication user and password stored in the node` };
  for (const h of items(prop(node, 'headers'))) {
    const keyType = prop(h, 'keyType');
    const name = str(keyType) === 'other' ? str(prop(h, 'keyValue')) : str(keyType);
    if (!keyType || !name || name.trim().toLowerCase() !== 'authorization') continue;
    if (str(prop(h, 'valueType')) === 'other' && (str(prop(h, 'valueValue')) ?? '').trim()) return { at: keyType, how: 'a fixed Authorization header' };
  }
  return undefined;
}

export default defineRule(
  {
    id: 'node-red/stored-credentials-from-network',
    owasp: 'LCNC-SEC-01',
    defaultSeverity: 'info',
    description: 'HTTP Request node with stored credentials that network input reaches: every caller acts as that account (a warning when the URL also comes from the message).',
    formats: ['node-red'],
    fixable: false,
  },
  (ctx) => {
    for (const [step, flow] of ctx.steps()) {
      if (step.type !== 'http request' || step.kind !== 'node' || !isActive(step, flow)) continue;
      const account = storedAccount(step.node);
      if (!account) continue;
      const sources = sourcesReaching(ctx, flow, step, NETWORK_INPUTS);
      if (!sources.length) continue;
      const url = str(prop(step.node, 'url')) ?? '';
      const hostPart = /^\s*(?:[a-z][a-z0-9+.-]*:\/\/)?(?:[^@/?#]*@)?([^/?#]*)/i.exec(url)?.[1] ?? '';
      const fromMsg = !url.trim() || hostPart.includes('{{'); // msg.url, or a Mustache tag in the scheme or host
      const host = fromMsg ? '' : urlHost(url);
      ctx.report({
        at: account.at,
        pointer: step.pointer,
        severity: fromMsg ? 'warning' : undefined,
        message:
          `HTTP Request node "${step.name}" calls ${host || 'its server'} with ${account.how}, and messages from the ${describeSources(sources)} reach it: ` +
          `everyone who can send to that input acts as this account, and ${host || 'the server'} cannot tell them apart.` +
          (fromMsg ? ` The URL comes from the message (${url.trim() ? 'a Mustache tag in its host part' : 'msg.url, the URL field is empty'}), so a caller can send these credentials to a server of their choice.` : '') +
          ' Give the account only the rights this flow needs, authenticate callers before this node, and keep the URL fixed.',
      });
    }
  },
);
