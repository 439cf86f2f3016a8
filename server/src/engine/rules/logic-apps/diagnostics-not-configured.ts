/**
 * logic-apps/diagnostics-not-configured — an ARM template that deploys a Consumption workflow without diagnostic
 * settings, so its runs are not logged anywhere but the workflow's own run history.
 *
 * Facts:
 * - Run history is kept for a limited time (90 days by default for Consumption; Microsoft Learn, "Limits and
 *   configuration reference for Azure Logic Apps", run history retention) and lives with the workflow: deleting the
 *   workflow or its run history deletes the record.
 * - Diagnostic settings send the workflow's runtime events (trigger, run and action events: log category
 *   `WorkflowRuntime`) and metrics to a Log Analytics workspace, storage account or event hub, where they can be
 *   kept, queried and alerted on (Microsoft Learn, "Monitor and collect diagnostic data for workflows in Azure Logic
 *   Apps").
 * - In an ARM template a diagnostic setting is a resource of type `Microsoft.Insights/diagnosticSettings` with a
 *   `scope` (the workflow), a child resource of the workflow of type `providers/diagnosticSettings`, or a top-level
 *   `Microsoft.Logic/workflows/providers/diagnosticSettings` named `<workflow>/Microsoft.Insights/<name>` (Microsoft
 *   Learn, "Diagnostic Settings - Create Or Update": `{resourceUri}/providers/Microsoft.Insights/diagnosticSettings/{name}`;
 *   "Create diagnostic settings at scale using Resource Manager templates").
 *
 * Only ARM templates are checked (a workflow resource file or `workflow.json` cannot hold the setting). The template
 * counts as configured for a workflow when a diagnostic setting is nested in it, or its type, name or `scope`
 * mentions `Microsoft.Logic/workflows` or the workflow's name; with one workflow in the template, any diagnostic
 * setting counts. Diagnostics deployed by another template or by Azure Policy are invisible here: that is the
 * false positive, hence severity info.
 */
import { defineRule } from '../../rule';
import type { JsonNode } from '../../types';
import { get, items, prop, str } from '../../json';
import { pointerOf } from '../../pointer';
import { isLogicWorkflowResource } from '../wdl/wdl-util';
import { workflowLabel } from './run-history-open';

const DIAG_TYPE = /(^|\/)diagnosticSettings$/i;

/** Every resource object of the template, nested `resources` and nested deployments' templates included. */
function allResources(root: JsonNode): JsonNode[] {
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

/** The text a diagnostic setting names its target by: type, name and scope. */
function targetText(diag: JsonNode): string {
  return [str(prop(diag, 'type')), str(prop(diag, 'name')), str(prop(diag, 'scope'))].filter(Boolean).join(' ');
}

function isDescendant(node: JsonNode, ancestor: JsonNode): boolean {
  for (let n = node.parent; n; n = n.parent) if (n === ancestor) return true;
  return false;
}

export default defineRule(
  {
    id: 'logic-apps/diagnostics-not-configured',
    owasp: 'LCNC-SEC-10',
    defaultSeverity: 'info',
    description: 'ARM template deploys a Consumption workflow without diagnostic settings (WorkflowRuntime logs to Log Analytics, storage or Event Hubs).',
    formats: ['logic-apps'],
    fixable: false,
  },
  (ctx) => {
    if (ctx.detection.subformat !== 'arm') return;
    const workflows = ctx.flows.filter(isLogicWorkflowResource);
    if (!workflows.length) return;
    const diags = allResources(ctx.root).filter((r) => DIAG_TYPE.test(str(prop(r, 'type')) ?? ''));
    for (const flow of workflows) {
      const name = str(prop(flow.root, 'name')) ?? '';
      const nameCore = name.replace(/^\[|\]$/g, '');
      const configured = diags.some((d) => {
        if (isDescendant(d, flow.root)) return true;
        if (workflows.length === 1) return true;
        const t = targetText(d);
        return /Microsoft\.Logic\/workflows/i.test(t) || (nameCore.length > 0 && t.includes(nameCore));
      });
      if (configured) continue;
      ctx.report({
        at: prop(flow.root, 'type') ?? flow.root,
        pointer: pointerOf(flow.root),
        message: `The template deploys ${workflowLabel(flow)} without diagnostic settings: its runs are recorded only in run history, which expires and is deleted with the workflow. Add a Microsoft.Insights/diagnosticSettings resource for it that sends the WorkflowRuntime logs to a Log Analytics workspace (or storage / Event Hubs).`,
      });
    }
  },
);
