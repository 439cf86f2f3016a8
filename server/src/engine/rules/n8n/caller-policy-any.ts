/**
 * n8n/caller-policy-any — a workflow that any other workflow may call as a sub-workflow.
 *
 * Facts (n8n source):
 * - `settings.callerPolicy` ∈ `any` | `none` | `workflowsFromAList` | `workflowsFromSameOwner`
 *   (`packages/@n8n/config/src/configs/workflows.config.ts`, `callerPolicySchema`); with `workflowsFromAList` the
 *   allowed caller ids are in `settings.callerIds` (comma-separated).
 * - When the setting is missing, n8n uses `N8N_WORKFLOW_CALLER_POLICY_DEFAULT_OPTION`, default `workflowsFromSameOwner`
 *   (same file).
 * - `SubworkflowPolicyChecker.check` (`packages/cli`, subworkflow policy checker) returns at once for `any`, so every
 *   workflow on the instance, whoever owns it, can start this one with its own input through Execute Workflow or an
 *   AI agent's workflow tool. Without the sharing licence n8n always applies `workflowsFromSameOwner`; the setting
 *   takes effect on instances with sharing (and when the file is imported into one).
 */
import { defineRule } from '../../rule';
import { prop, str } from '../../json';
import { setProperty } from '../../fix';

export default defineRule(
  {
    id: 'n8n/caller-policy-any',
    owasp: 'LCNC-SEC-02',
    defaultSeverity: 'warning',
    description: 'Workflow setting callerPolicy "any": every workflow of every user may call this one as a sub-workflow.',
    formats: ['n8n'],
    fixable: true,
  },
  (ctx) => {
    for (const flow of ctx.flows) {
      const settings = prop(flow.root, 'settings');
      const policy = prop(settings, 'callerPolicy');
      if (!settings || str(policy) !== 'any') continue;
      const name = flow.name ? `Workflow "${flow.name}"` : 'This workflow';
      ctx.report({
        at: policy!,
        message: `${name} lets any workflow on the n8n instance, whoever owns it, call it as a sub-workflow (callerPolicy "any"), with the caller's input and this workflow's credentials. Allow only workflows of the same owner or a list of workflow ids.`,
        fix: {
          title: 'Allow only workflows from the same owner (callerPolicy "workflowsFromSameOwner")',
          edits: setProperty(ctx.text, settings, 'callerPolicy', 'workflowsFromSameOwner'),
          isPreferred: true,
        },
      });
    }
  },
);
