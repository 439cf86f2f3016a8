import { test } from 'node:test';
import assert from 'node:assert/strict';
import { n8nWorkflow, runRule } from '../../helpers';
import { applyFixFully, node, spanText } from './fixtures';

const ID = 'n8n/no-error-workflow';
const schedule = node('Every day', 'n8n-nodes-base.scheduleTrigger', {}, { typeVersion: 1.2 });
const manual = node('Start', 'n8n-nodes-base.manualTrigger');

test('a scheduled workflow with "errorWorkflow": null is reported at info on that value', () => {
  const text = n8nWorkflow([schedule], { settings: { executionOrder: 'v1', errorWorkflow: null } });
  const [f, ...rest] = runRule(ID, text);
  assert.equal(rest.length, 0);
  assert.equal(f.pointer, '/settings/errorWorkflow');
  assert.equal(f.owasp, 'LCNC-SEC-10');
  assert.equal(f.severity, 'info');
  assert.equal(spanText(text, f), 'null');
  assert.equal(f.fix, undefined);
  assert.equal(
    f.message,
    'Workflow "Test workflow" runs unattended (from "Every day") but names no error workflow: when a run fails nobody is alerted, and failed or rejected requests go unnoticed until someone opens the executions list. Choose an error workflow that notifies the team in Workflow settings → Error Workflow.',
  );
});

test('without the key the finding is on the settings key, or on the workflow name (workflow pointer) when there are no settings', () => {
  let text = n8nWorkflow([schedule], { settings: { executionOrder: 'v1' } });
  let [f] = runRule(ID, text);
  assert.equal(f.pointer, '/settings');
  assert.equal(spanText(text, f), '"settings"');
  text = n8nWorkflow([manual, node('Hook', 'n8n-nodes-base.webhook', { path: 'x' })]);
  [f] = runRule(ID, text);
  assert.equal(f.pointer, '');
  assert.equal(spanText(text, f), '"Test workflow"');
  assert.match(f.message, /runs unattended \(from "Hook"\)/);
});

test('not reported: an error workflow id, an Error Trigger in the workflow, manual-only, sub-workflow-only and disabled triggers', () => {
  assert.deepEqual(runRule(ID, n8nWorkflow([schedule], { settings: { errorWorkflow: 'Kq3xYz0AbC' } })), []);
  assert.deepEqual(runRule(ID, n8nWorkflow([schedule, node('On error', 'n8n-nodes-base.errorTrigger')])), []);
  assert.deepEqual(runRule(ID, n8nWorkflow([manual])), []);
  assert.deepEqual(runRule(ID, n8nWorkflow([node('Called', 'n8n-nodes-base.executeWorkflowTrigger')])), []);
  assert.deepEqual(runRule(ID, n8nWorkflow([{ ...schedule, disabled: true }])), []);
  assert.equal(runRule(ID, n8nWorkflow([schedule], { settings: { errorWorkflow: 'DEFAULT' } })).length, 1);
});

test('saveDataErrorExecution "none" is a warning on that value; the fix saves failed runs again and keeps formatting', () => {
  const text = n8nWorkflow([node('Called', 'n8n-nodes-base.executeWorkflowTrigger')], { settings: { saveDataErrorExecution: 'none' } });
  const [f, ...rest] = runRule(ID, text);
  assert.equal(rest.length, 0);
  assert.equal(f.pointer, '/settings/saveDataErrorExecution');
  assert.equal(f.severity, 'warning');
  assert.equal(spanText(text, f), '"none"');
  assert.match(f.message, /deletes the data of failed production runs \(saveDataErrorExecution "none"\)/);
  assert.equal(f.fix?.isPreferred, true);
  const fixed = applyFixFully(ID, text, f);
  assert.equal(fixed, text.replace('"saveDataErrorExecution": "none"', '"saveDataErrorExecution": "all"'));
  assert.deepEqual(runRule(ID, n8nWorkflow([manual], { settings: { saveDataErrorExecution: 'none' } })), []);
});
