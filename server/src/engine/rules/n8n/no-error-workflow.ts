/**
 * n8n/no-error-workflow — failures of an unattended workflow alert nobody, or leave no record.
 *
 * Facts:
 * - `settings.errorWorkflow` holds the id of the workflow n8n starts when a run fails. When it is missing or empty,
 *   n8n starts the failing workflow itself only if that workflow contains an Error Trigger node; otherwise nothing
 *   runs (n8n source `packages/cli/src/execution-lifecycle/execute-error-workflow.ts`; the Error Trigger type is
 *   `NODES_ERROR_TRIGGER_TYPE`, default `n8n-nodes-base.errorTrigger`). Manual executions never start error workflows.
 *   Exports write `"errorWorkflow": null` or omit it; the editor's "No Workflow" choice is `DEFAULT`.
 * - `settings.saveDataErrorExecution` ∈ `all` | `none` | `DEFAULT`; `none` deletes the data of failed production
 *   runs (instance default `EXECUTIONS_DATA_SAVE_ON_ERROR=all`; `packages/@n8n/config/src/configs/executions.config.ts`).
 * - Trigger nodes are named `…Trigger` (plus the Webhook, Cron and Interval nodes and Email Trigger (IMAP)
 *   `emailReadImap`); Manual Trigger, Execute Workflow Trigger (sub-workflows: the caller sees the error), Error Trigger,
 *   Manual Chat Trigger and Evaluation Trigger do not start unattended production runs.
 * What is reported: (info) a workflow with an unattended trigger, no error workflow and no Error Trigger node — on
 * `settings.errorWorkflow`, else on the `settings` key, else on the workflow's `name` (pointer: the workflow);
 * (warning, fixable) `saveDataErrorExecution: "none"` on a workflow with any trigger but a manual one.
 */
import { defineRule } from '../../rule';
import type { Flow, Step } from '../../model';
import { keyOf, prop, str } from '../../json';
import { setValue } from '../../fix';
import { pathOf, pointerOf } from '../../pointer';

const NOT_UNATTENDED = new Set([
  'n8n-nodes-base.manualTrigger',
  'n8n-nodes-base.start',
  'n8n-nodes-base.errorTrigger',
  'n8n-nodes-base.executeWorkflowTrigger',
  'n8n-nodes-base.evaluationTrigger',
  '@n8n/n8n-nodes-langchain.manualChatTrigger',
]);
const OTHER_TRIGGERS = new Set(['n8n-nodes-base.webhook', 'n8n-nodes-base.cron', 'n8n-nodes-base.interval', 'n8n-nodes-base.emailReadImap']);
const MANUAL = new Set(['n8n-nodes-base.manualTrigger', 'n8n-nodes-base.start', '@n8n/n8n-nodes-langchain.manualChatTrigger']);

function isTrigger(step: Step): boolean {
  return !step.disabled && (/Trigger$/.test(step.type) || OTHER_TRIGGERS.has(step.type));
}

/** The first enabled trigger that starts production runs on its own (not manual, not a sub-workflow or error trigger). */
function unattendedTrigger(flow: Flow): Step | undefined {
  return flow.steps.find((s) => isTrigger(s) && !NOT_UNATTENDED.has(s.type));
}

export default defineRule(
  {
    id: 'n8n/no-error-workflow',
    owasp: 'LCNC-SEC-10',
    defaultSeverity: 'info',
    description: 'Unattended workflow with no error workflow, or one that discards the data of failed runs.',
    formats: ['n8n'],
    fixable: true,
  },
  (ctx) => {
    for (const flow of ctx.flows) {
      const wf = flow.name ? `Workflow "${flow.name}"` : 'This workflow';
      const settings = prop(flow.root, 'settings');
      const trigger = unattendedTrigger(flow);
      const errNode = prop(settings, 'errorWorkflow');
      const errId = str(errNode);
      const hasErrorWorkflow = !!errId && errId !== 'DEFAULT';
      const handlesOwn = flow.steps.some((s) => s.type === 'n8n-nodes-base.errorTrigger' && !s.disabled);
      if (trigger && !hasErrorWorkflow && !handlesOwn) {
        // Where the setting is (or would go): its value, the settings key, else the workflow's name (a workflow-level finding).
        const nameNode = prop(flow.root, 'name');
        ctx.report({
          at: errNode ?? (settings ? keyOf(settings) ?? settings : nameNode ?? keyOf(prop(flow.root, 'nodes')!) ?? flow.root),
          pointer: errNode || settings ? undefined : pointerOf(flow.root),
          message: `${wf} runs unattended (from "${trigger.name}") but names no error workflow: when a run fails nobody is alerted, and failed or rejected requests go unnoticed until someone opens the executions list. Choose an error workflow that notifies the team in Workflow settings → Error Workflow.`,
        });
      }
      const saveErr = prop(settings, 'saveDataErrorExecution');
      const anyTrigger = flow.steps.some((s) => isTrigger(s) && !MANUAL.has(s.type));
      if (saveErr && str(saveErr) === 'none' && anyTrigger) {
        ctx.report({
          at: saveErr,
          severity: 'warning',
          message: `${wf} deletes the data of failed production runs (saveDataErrorExecution "none"): there is no record of what failed or why, which hides attacks and data loss. Save failed executions.`,
          fix: { title: 'Save failed production executions (saveDataErrorExecution "all")', edits: setValue(ctx.text, pathOf(saveErr), 'all'), isPreferred: true },
        });
      }
    }
  },
);

