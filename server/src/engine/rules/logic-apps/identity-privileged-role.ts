/**
 * logic-apps/identity-privileged-role — an ARM template that gives a Logic App's managed identity Owner,
 * Contributor, User Access Administrator or Role Based Access Control Administrator.
 *
 * Facts:
 * - Role assignments are `Microsoft.Authorization/roleAssignments` resources (or `providers/roleAssignments` child
 *   resources) with `properties.roleDefinitionId` and `properties.principalId`; without a `scope` they apply at the
 *   scope the template is deployed to (resource group or subscription) (Microsoft Learn, "Assign Azure roles using
 *   Azure Resource Manager templates").
 * - Built-in role ids (Microsoft Learn, "Azure built-in roles"): Owner `8e3af657-a8ff-443c-a75c-2fe8c4bcb635`,
 *   Contributor `b24988ac-6180-42a0-ab88-20f7382dd24c`, User Access Administrator
 *   `18d7d88d-d35e-4fb5-a5c3-7773c20a72d9`, Role Based Access Control Administrator
 *   `f58310d9-a9f6-439a-9e8d-f62e7b41a168`. Owner and Contributor manage every resource in scope; the last two can
 *   grant any role, including to themselves. Microsoft's guidance is least privilege: give the identity only the
 *   data-plane role it needs on the one target ("Authenticate access and connections to Azure resources with managed
 *   identities in Azure Logic Apps": assign the identity a role on the target resource; "Best practices for Azure
 *   RBAC": only grant the access users need).
 * - A workflow's identity is referenced as `reference(<workflow resource id>, '<api>', 'Full').identity.principalId`
 *   (or the symbolic/`reference('<name>')` forms): the principal is counted as a Logic App identity when its
 *   expression names `Microsoft.Logic/workflows` (or a workflow's name) and `identity`.
 *
 * Whoever can start the workflow (a Request trigger URL, a mailbox it watches) acts with these rights, and a flaw in
 * the workflow is a flaw with subscription-wide reach. OWASP LCNC-SEC-02 (Authorization Misuse). Not fixable:
 * which narrower role fits depends on what the workflow does.
 */
import { defineRule } from '../../rule';
import type { JsonNode } from '../../types';
import { get, items, prop, str } from '../../json';
import { isLogicWorkflowResource } from '../wdl/wdl-util';

/** Privileged built-in roles by id (lower case). */
const PRIVILEGED: Record<string, string> = {
  '8e3af657-a8ff-443c-a75c-2fe8c4bcb635': 'Owner',
  'b24988ac-6180-42a0-ab88-20f7382dd24c': 'Contributor',
  '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9': 'User Access Administrator',
  'f58310d9-a9f6-439a-9e8d-f62e7b41a168': 'Role Based Access Control Administrator',
};
const ROLE_ID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

function resourcesOf(root: JsonNode): JsonNode[] {
  const out: JsonNode[] = [];
  const stack = [...items(prop(root, 'resources'))];
  while (stack.length) {
    const r = stack.shift()!;
    if (r.type !== 'object') continue;
    out.push(r);
    stack.push(...items(prop(r, 'resources')), ...items(get(r, 'properties', 'template', 'resources')));
  }
  return out;
}

/** The privileged role a role definition id names, if any. */
function privilegedRole(roleDefinitionId: string): string | undefined {
  for (const m of roleDefinitionId.matchAll(ROLE_ID)) {
    const name = PRIVILEGED[m[0].toLowerCase()];
    if (name) return name;
  }
  return undefined;
}

export default defineRule(
  {
    id: 'logic-apps/identity-privileged-role',
    owasp: 'LCNC-SEC-02',
    defaultSeverity: 'warning',
    description: "ARM template grants a Logic App's managed identity Owner, Contributor, User Access Administrator or RBAC Administrator.",
    formats: ['logic-apps'],
    fixable: false,
  },
  (ctx) => {
    if (ctx.detection.subformat !== 'arm') return;
    const names = ctx.flows
      .filter(isLogicWorkflowResource)
      .map((f) => (str(prop(f.root, 'name')) ?? '').replace(/^\[|\]$/g, ''))
      .filter((n) => n.length > 0);
    for (const r of resourcesOf(ctx.root)) {
      if (!/(^|\/)roleAssignments$/i.test(str(prop(r, 'type')) ?? '')) continue;
      const roleNode = get(r, 'properties', 'roleDefinitionId');
      const role = privilegedRole(str(roleNode) ?? '');
      if (!roleNode || !role) continue;
      const principal = str(get(r, 'properties', 'principalId')) ?? '';
      if (!/identity/i.test(principal)) continue;
      if (!/Microsoft\.Logic\/workflows/i.test(principal) && !names.some((n) => principal.includes(n))) continue;
      const scope = str(prop(r, 'scope')) ?? str(get(r, 'properties', 'scope'));
      ctx.report({
        at: roleNode,
        message: `A Logic App's managed identity is given the ${role} role ${scope ? `on ${scope}` : 'at the scope this template is deployed to (resource group or subscription)'}: anyone who can start the workflow acts with those rights. Grant only the data-plane role it needs (for example Storage Blob Data Reader, Key Vault Secrets User) on the one resource it uses.`,
      });
    }
  },
);
