/**
 * power-automate/custom-connector — the flow calls a custom connector: an API definition written by your
 * organisation or a third party, not one of Microsoft's published connectors. Information: review who owns it,
 * which host it calls and how it authenticates.
 *
 * Facts:
 * - Connector ids are `shared_<name>`; in API names a character that is not a letter or digit is written `-` plus
 *   its two hex digits (`-20` space, `-2d` `-`, `-5f` `_`). A custom connector's name carries such an encoded
 *   underscore: `shared_<display name>-5f<hash>-5f<hash>` outside solutions (CLI for Microsoft 365 docs, `flow list`
 *   sample: `shared_contoso-20invoicing-5fdd00e4805bfffb8f-5fbaee43593a7efda0`, a custom connector shown with the
 *   default `api-dedicated.png` icon) and `shared_<publisher prefix>-5f<name>…` in solutions (publisher prefix plus
 *   underscore, e.g. `shared_cr3ea-5fservice-20now-…`). Microsoft's own and certified connectors have plain names
 *   (`shared_sharepointonline`, `shared_office365`, `shared_service-now`). This encoded underscore is the test used
 *   here; it is a heuristic, so findings are `info`.
 * - OWASP LCNC-SEC-07 (Vulnerable and Untrusted Components) names custom connectors as components whose code and
 *   host the platform does not vouch for; Microsoft Learn "Share a cloud flow" (best practices) recommends DLP
 *   policies that disallow custom connectors where they are not needed.
 */
import { defineRule } from '../../rule';
import { str } from '../../json';
import type { JsonNode } from '../../types';
import { propCI } from '../wdl/wdl-util';
import { apiNameOf, connectionRefs, hostOf, paFlows } from './pa-util';

/** True for a custom connector API name (lower case): an encoded underscore (`-5f`) after `shared_`. */
export function isCustomApiName(name: string): boolean {
  return /^shared_.*-5f/i.test(name);
}

/**
 * `s` without its trailing `_<8+ hex digits>` groups (what /(?:_[0-9a-f]{8,})+$/i removes, found from the end: the
 * expression retries every `_` and is quadratic on many short hex groups).
 */
function withoutHashSuffix(s: string): string {
  let end = s.length;
  for (;;) {
    const i = s.lastIndexOf('_', end - 1);
    if (i < 0 || end - i - 1 < 8 || !/^[0-9a-f]+$/i.test(s.slice(i + 1, end))) return s.slice(0, end);
    end = i;
  }
}

/** A readable name for a custom connector id: hex escapes decoded, trailing hashes dropped (`shared_contoso-20invoicing-5f…` → `contoso invoicing`). */
export function displayName(apiName: string): string {
  const decoded = apiName.replace(/^shared_/i, '').replace(/-([0-9a-f]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
  const trimmed = withoutHashSuffix(decoded);
  return trimmed || decoded;
}

export default defineRule(
  {
    id: 'power-automate/custom-connector',
    owasp: 'LCNC-SEC-07',
    defaultSeverity: 'info',
    description: 'Flow calls a custom connector (not a Microsoft-published connector): review its owner, host and authentication.',
    formats: ['power-automate'],
    fixable: false,
  },
  (ctx) => {
    for (const flow of paFlows(ctx.flows)) {
      const refs = connectionRefs(flow);
      const where = new Map<string, JsonNode>();
      for (const ref of refs) if (isCustomApiName(ref.apiName) && !where.has(ref.apiName)) where.set(ref.apiName, ref.apiNode ?? ref.node);
      for (const step of flow.steps) {
        if (step.kind === 'node' || step.kind === 'config') continue;
        const api = apiNameOf(step, refs);
        if (!api || !isCustomApiName(api) || where.has(api)) continue;
        const idNode = propCI(hostOf(step), 'apiId');
        where.set(api, str(idNode) ? idNode! : step.node);
      }
      for (const [api, node] of where) {
        const users = flow.steps.filter((s) => apiNameOf(s, refs) === api).map((s) => s.name);
        const shown = users.length ? ` by ${users.length === 1 ? 'step' : 'steps'} ${users.slice(0, 3).map((n) => `"${n}"`).join(', ')}${users.length > 3 ? ` and ${users.length - 3} more` : ''}` : '';
        ctx.report({
          at: node,
          message: `Custom connector "${displayName(api)}" (${api}) is used${shown}. Microsoft does not review custom connectors: check who maintains its definition, which host it calls, how it authenticates, and that your DLP policy classifies it.`,
        });
      }
    }
  },
);
