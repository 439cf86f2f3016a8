/**
 * logic-apps/run-history-open — a Consumption workflow whose run history inputs and outputs can be read from any IP
 * address.
 *
 * Facts (Microsoft Learn, "Secure access and data in Azure Logic Apps", sections "Access to run history data" and
 * "Restrict access by IP address range"; "Microsoft.Logic workflows" ARM template reference):
 * - Run history keeps the inputs and outputs of every trigger and action. When someone views it, Logic Apps checks
 *   their Azure access and then hands out links to those inputs and outputs.
 * - The workflow resource can limit where those links may be opened from:
 *   `properties.accessControl.contents.allowedCallerIpAddresses` (`[{ "addressRange": "x.x.x.x/x" }]`; portal:
 *   Workflow settings > Access control configuration > "IP ranges for contents"). Without it there is no restriction.
 * - "To block anyone from accessing inputs and outputs, specify an IP address range such as `0.0.0.0-0.0.0.0`. Only a
 *   person with administrator permissions can remove this restriction", which gives "just-in-time" access. That is
 *   the quick fix (not preferred: it also hides the data from you until you lift it).
 * - The setting lives on the `Microsoft.Logic/workflows` resource, so only ARM templates and resource files
 *   (Consumption) are checked; Standard `workflow.json`, bare definitions and gallery templates cannot hold it.
 *
 * Severity info: reading run history still needs Azure read access (Reader, Logic App Operator …); the setting
 * narrows *where from*, which matters most for workflows that carry personal or secret data. An explicit
 * `allowedCallerIpAddresses` array (even empty), an `openAuthenticationPolicies` policy or an ARM expression in its
 * place counts as a deliberate choice and is not reported.
 */
import { defineRule } from '../../rule';
import type { Flow } from '../../model';
import type { Fix, JsonNode } from '../../types';
import { get, prop, str } from '../../json';
import { setValue } from '../../fix';
import { pathOf, pointerOf } from '../../pointer';
import { isArmExpression, isLogicWorkflowResource, keyCI, propCI } from '../wdl/wdl-util';

/** The documented "block everyone" range for run history contents. */
export const BLOCK_ALL_RANGE = '0.0.0.0-0.0.0.0';

/** `open` when nothing restricts run history contents; `restricted` or `unknown` otherwise. */
function contentsAccess(properties: JsonNode | undefined): 'open' | 'restricted' | 'unknown' {
  const ac = propCI(properties, 'accessControl');
  if (!ac) return 'open';
  if (ac.type !== 'object') return 'unknown';
  const contents = propCI(ac, 'contents');
  if (!contents || contents.type === 'null') return 'open';
  if (contents.type !== 'object') return 'unknown';
  const ips = propCI(contents, 'allowedCallerIpAddresses');
  if (ips && ips.type !== 'null') return 'restricted';
  const policies = propCI(propCI(contents, 'openAuthenticationPolicies'), 'policies');
  if (policies && (policies.type === 'string' || (policies.type === 'object' && (policies.children?.length ?? 0) > 0))) return 'restricted';
  return 'open';
}

/** A readable name for the workflow: its `name` unless that is an ARM expression. */
export function workflowLabel(flow: Flow): string {
  const n = flow.name ?? str(prop(flow.root, 'name'));
  return n && !isArmExpression(n) ? `"${n}"` : 'this workflow';
}

function blockAllFix(text: string, properties: JsonNode): Fix {
  const ac = propCI(properties, 'accessControl');
  const path = [...pathOf(properties), keyCI(properties, 'accessControl') ?? 'accessControl', keyCI(ac, 'contents') ?? 'contents', 'allowedCallerIpAddresses'];
  return {
    title: `Block run history inputs and outputs for every IP address (${BLOCK_ALL_RANGE}; lift it when you need to look)`,
    edits: setValue(text, path, [{ addressRange: BLOCK_ALL_RANGE }]),
    isPreferred: false,
  };
}

export default defineRule(
  {
    id: 'logic-apps/run-history-open',
    owasp: 'LCNC-SEC-03',
    defaultSeverity: 'info',
    description: 'Consumption workflow resource without accessControl.contents: run history inputs and outputs can be read from any IP address.',
    formats: ['logic-apps'],
    fixable: true,
  },
  (ctx) => {
    for (const flow of ctx.flows) {
      if (!isLogicWorkflowResource(flow)) continue;
      const properties = get(flow.root, 'properties');
      if (!properties || properties.type !== 'object') continue;
      if (contentsAccess(properties) !== 'open') continue;
      ctx.report({
        at: prop(flow.root, 'type') ?? flow.root,
        pointer: pointerOf(flow.root),
        message: `Run history inputs and outputs of ${workflowLabel(flow)} can be opened from any IP address: properties.accessControl.contents sets no allowedCallerIpAddresses. Everyone with read access to the logic app sees every run's data from anywhere; limit it to your network's IP ranges (Workflow settings > IP ranges for contents).`,
        fix: blockAllFix(ctx.text, properties),
      });
    }
  },
);
