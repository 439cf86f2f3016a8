/**
 * wdl/request-trigger-without-auth — an HTTP Request trigger that anyone holding its URL can call.
 *
 * Facts:
 * - A WDL `Request` trigger with `kind: "Http"` creates an HTTP endpoint; callers get its URL from `listCallbackUrl`
 *   (Microsoft Learn, "Schema reference guide for trigger and action types in Azure Logic Apps", Request trigger).
 *   Other kinds are not anonymous HTTP endpoints: Power Automate's "Manually trigger a flow" is `kind: "Button"`,
 *   Power Apps and Copilot Studio triggers are `PowerApp`/`PowerAppV2`/`Skills`/`VirtualAgent`, and the Logic Apps
 *   conversational agent trigger is `Agent`; those are not reported. A missing `kind` is treated as `Http`.
 * - Power Automate, "Add OAuth authentication for HTTP request triggers" (learn.microsoft.com/power-automate/
 *   oauth-authentication): "Who can trigger the flow?" has three modes: *Any user in my tenant* (the default for new
 *   flows), *Specific users in my tenant*, and *Anyone* ("legacy setting ... open access without any additional
 *   authentication"). In the definition they are `inputs.triggerAuthenticationType` = `Tenant` | `User` (with
 *   `triggerAllowedUsers`) | `All`. Flows saved before the setting existed have no such key and behave as *Anyone*.
 *   Quick fix: `Tenant` (the documented default; callers must then send a Microsoft Entra token).
 * - Logic Apps, "Secure access and data in Azure Logic Apps" (learn.microsoft.com/azure/logic-apps/
 *   logic-apps-securing-a-logic-app): every request endpoint carries a Shared Access Signature in its URL, so the URL
 *   is the only credential unless the workflow also restricts callers. For Consumption workflows that restriction is
 *   on the `Microsoft.Logic/workflows` resource: `properties.accessControl.triggers.allowedCallerIpAddresses` (an
 *   empty array means "only other logic apps") or `openAuthenticationPolicies.policies` (Microsoft Entra OAuth).
 *   An OAuth policy does not switch SAS off ("using one scheme doesn't disable the other"); the page's recipe for
 *   "OAuth as the only option" adds a trigger condition on the `Authorization` header, so a policy counts only with
 *   such a condition. For Standard workflows (`workflow.json`) callers are restricted outside the file (App Service
 *   access restrictions `ipSecurityRestrictions`, or "Easy Auth"), and a bare definition or a gallery template has no
 *   resource around it: those findings are `info` and say where to restrict the endpoint, because the file alone can
 *   neither prove nor fix the exposure.
 */
import { defineRule } from '../../rule';
import type { Flow, Step } from '../../model';
import { get, items, str } from '../../json';
import { replaceString, setProperty } from '../../fix';
import type { Fix, JsonNode } from '../../types';
import { isHttpRequestTrigger, isLogicWorkflowResource, lowerStr, propCI, typeNodeOf, wdlPlatform } from './wdl-util';

/** True when one of the trigger's `conditions` expressions reads the `Authorization` header. */
function checksAuthorizationHeader(step: Step): boolean {
  for (const c of items(propCI(step.node, 'conditions'))) {
    const e = str(propCI(c, 'expression')) ?? '';
    if (/authorization/i.test(e)) return true;
  }
  return false;
}

/** What `properties.accessControl.triggers` of a workflow resource says: open, restricted, or not knowable from the file. */
function logicAccess(flow: Flow): 'open' | 'oauth-only' | 'restricted' | 'unknown' {
  const ac = propCI(get(flow.root, 'properties'), 'accessControl');
  if (!ac) return 'open';
  if (ac.type !== 'object') return 'unknown'; // ARM expression
  const trig = propCI(ac, 'triggers');
  if (!trig) return 'open';
  if (trig.type !== 'object') return 'unknown';
  const ips = propCI(trig, 'allowedCallerIpAddresses');
  if (ips && ips.type !== 'null') return 'restricted';
  const policies = propCI(propCI(trig, 'openAuthenticationPolicies'), 'policies');
  if (policies && (policies.type === 'string' || (policies.type === 'object' && (policies.children?.length ?? 0) > 0))) return 'oauth-only';
  return 'open';
}

/** The Power Automate quick fix: `triggerAuthenticationType: "Tenant"`. */
function tenantFix(text: string, step: Step, authNode: JsonNode | undefined): Fix | undefined {
  const title = `Allow only users in my tenant to call "${step.name}" (triggerAuthenticationType "Tenant")`;
  if (authNode && authNode.type === 'string') return { title, edits: replaceString(authNode, 'Tenant'), isPreferred: true };
  if (step.params && step.params.type === 'object') return { title, edits: setProperty(text, step.params, 'triggerAuthenticationType', 'Tenant'), isPreferred: true };
  if (!step.params) return { title, edits: setProperty(text, step.node, 'inputs', { triggerAuthenticationType: 'Tenant' }), isPreferred: true };
  return undefined;
}

export default defineRule(
  {
    id: 'wdl/request-trigger-without-auth',
    owasp: 'LCNC-SEC-05',
    defaultSeverity: 'warning',
    description: 'HTTP Request trigger that anyone holding its URL can call: Power Automate "Anyone", or a Logic App with no caller restriction.',
    formats: ['power-automate', 'logic-apps'],
    fixable: true,
  },
  (ctx) => {
    for (const flow of ctx.flows) {
      const platform = wdlPlatform(flow);
      for (const step of flow.steps) {
        if (!isHttpRequestTrigger(step)) continue;
        if (platform === 'power-automate') {
          const authNode = propCI(step.params, 'triggerAuthenticationType');
          if (authNode) {
            const v = lowerStr(authNode);
            if (v !== 'all') continue; // Tenant, User, or an expression / non-string we cannot judge
          }
          ctx.report({
            at: authNode ?? typeNodeOf(step),
            pointer: step.pointer,
            message: `HTTP request trigger "${step.name}" lets anyone who has its URL start this flow ("Who can trigger the flow?" is ${authNode ? '"Anyone"' : 'not set, which behaves as "Anyone"'}). Set it to "Any user in my tenant" or "Specific users in my tenant".`,
            fix: tenantFix(ctx.text, step, authNode),
          });
          continue;
        }
        // Logic Apps
        if (isLogicWorkflowResource(flow)) {
          const access = logicAccess(flow);
          if (access === 'restricted' || access === 'unknown') continue;
          if (access === 'oauth-only' && checksAuthorizationHeader(step)) continue;
          ctx.report({
            at: typeNodeOf(step),
            pointer: step.pointer,
            message:
              access === 'oauth-only'
                ? `Request trigger "${step.name}" still accepts its SAS-signed URL: the workflow has an OAuth policy, but an OAuth policy does not disable SAS. Add a trigger condition that requires the Authorization header, or restrict callers with accessControl.triggers.allowedCallerIpAddresses.`
                : `Request trigger "${step.name}" can be called by anyone who has its URL: the workflow sets no accessControl.triggers (allowedCallerIpAddresses or openAuthenticationPolicies), so the SAS signature in the URL is the only check.`,
          });
          continue;
        }
        const where =
          flow.subformat === 'standard'
            ? 'restrict callers on the Standard logic app itself (Networking > access restrictions, or App Service authentication "Easy Auth")'
            : 'restrict callers on the workflow resource (accessControl.triggers: allowedCallerIpAddresses or an OAuth policy)';
        ctx.report({
          at: typeNodeOf(step),
          pointer: step.pointer,
          severity: 'info',
          message: `Request trigger "${step.name}" can be called by anyone who has its URL (the SAS signature in the URL is the only check). This file cannot restrict callers: ${where}.`,
        });
      }
    }
  },
);
