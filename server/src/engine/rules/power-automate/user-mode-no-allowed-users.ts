/**
 * power-automate/user-mode-no-allowed-users — an HTTP request trigger set to "Specific users in my tenant" that lists
 * no users, so every user in the tenant can start the flow.
 *
 * Facts:
 * - Microsoft Learn, "Add OAuth authentication for HTTP request triggers" (learn.microsoft.com/power-automate/
 *   oauth-authentication): *Who can trigger the flow?* is *Any user in my tenant*, *Specific users in my tenant*
 *   (email addresses or service principal object IDs in **Allowed users**) or *Anyone*. "If you select the Specific
 *   users in my tenant option and leave the allowed users blank, the authentication scope is limited to the tenant.
 *   This means any user in the tenant can trigger this workflow."
 * - In the definition these are the trigger inputs `triggerAuthenticationType` (`Tenant` | `User` | `All`) and
 *   `triggerAllowedUsers`, a string "only used if triggerAuthenticationType set to Specific users in my tenant"
 *   (Learn connector reference "Microsoft Teams", trigger "When a Teams webhook request is received", which documents
 *   the same two parameters). An array of users is accepted too; blank entries do not count.
 * - Quick fix (not preferred): `triggerAuthenticationType` → `Tenant`, which is what the trigger does today; the real
 *   fix is to list the callers, which only the maker can do.
 */
import { defineRule } from '../../rule';
import { items, str } from '../../json';
import { replaceString } from '../../fix';
import type { JsonNode } from '../../types';
import { lowerStr, propCI } from '../wdl/wdl-util';
import { paFlows, sameCase } from './pa-util';

/** True when `triggerAllowedUsers` names nobody: absent, null, blank, or an array of blanks. */
function namesNobody(node: JsonNode | undefined): boolean {
  if (!node || node.type === 'null') return true;
  if (node.type === 'string') return (node.value as string).replace(/[;,]/g, '').trim() === '';
  if (node.type === 'array') return items(node).every((e) => e.type === 'null' || (e.type === 'string' && (e.value as string).trim() === ''));
  return false; // an object or number: not ours to judge
}

export default defineRule(
  {
    id: 'power-automate/user-mode-no-allowed-users',
    owasp: 'LCNC-SEC-02',
    defaultSeverity: 'warning',
    description: 'HTTP request trigger set to "Specific users in my tenant" with no allowed users, so any user in the tenant can start the flow.',
    formats: ['power-automate'],
    fixable: true,
  },
  (ctx) => {
    for (const flow of paFlows(ctx.flows)) {
      for (const step of flow.steps) {
        if (step.kind !== 'trigger' || step.type.toLowerCase() !== 'request') continue;
        const kind = lowerStr(propCI(step.node, 'kind'));
        if (kind !== undefined && kind !== 'http') continue;
        const authNode = propCI(step.params, 'triggerAuthenticationType');
        if (lowerStr(authNode) !== 'user') continue;
        const allowed = propCI(step.params, 'triggerAllowedUsers');
        if (!namesNobody(allowed)) continue;
        ctx.report({
          at: allowed ?? authNode!,
          pointer: step.pointer,
          message: `HTTP request trigger "${step.name}" is set to "Specific users in my tenant" but ${allowed ? 'its allowed users list is empty' : 'lists no allowed users'}, so any user in your tenant can start this flow. Add the email addresses or service principal object IDs that may call it.`,
          fix: {
            title: `Show what "${step.name}" really allows: "Any user in my tenant" (triggerAuthenticationType "Tenant")`,
            edits: replaceString(authNode!, sameCase(str(authNode)!, 'Tenant')),
            isPreferred: false,
          },
        });
      }
    }
  },
);
