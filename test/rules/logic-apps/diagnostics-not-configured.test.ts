import { test } from 'node:test';
import assert from 'node:assert/strict';
import { json, runRule } from '../../helpers';
import { ARM_SCHEMA, armTemplate, laResource, laStandard, logicResource, recurrence } from '../wdl/fixtures';
import { slice } from './helpers';

const ID = 'logic-apps/diagnostics-not-configured';
const parts = { triggers: { Recurrence: recurrence } };
const template = (resources: unknown[]) => json({ $schema: ARM_SCHEMA, contentVersion: '1.0.0.0', parameters: {}, resources });
const diagnostics = (extra: Record<string, unknown>) => ({
  apiVersion: '2021-05-01-preview',
  properties: { workspaceId: "[parameters('workspaceId')]", logs: [{ category: 'WorkflowRuntime', enabled: true }] },
  ...extra,
});

test('ARM template without diagnostic settings: info on the workflow type, exact message', () => {
  const text = armTemplate(parts);
  const [f, ...rest] = runRule(ID, text);
  assert.equal(rest.length, 0);
  assert.equal(f.pointer, '/resources/0');
  assert.equal(f.owasp, 'LCNC-SEC-10');
  assert.equal(f.severity, 'info');
  assert.equal(slice(text, f), '"Microsoft.Logic/workflows"');
  assert.equal(f.fix, undefined);
  assert.equal(
    f.message,
    'The template deploys "my-logic-app" without diagnostic settings: its runs are recorded only in run history, which expires and is deleted with the workflow. Add a Microsoft.Insights/diagnosticSettings resource for it that sends the WorkflowRuntime logs to a Log Analytics workspace (or storage / Event Hubs).',
  );
});

test('a nested providers/diagnosticSettings child, a scoped Microsoft.Insights resource or a Microsoft.Logic/workflows/providers setting counts', () => {
  const nested = { ...logicResource(parts), resources: [diagnostics({ type: 'providers/diagnosticSettings', name: 'Microsoft.Insights/send-to-la' })] };
  assert.deepEqual(runRule(ID, template([nested])), []);
  const scoped = diagnostics({ type: 'Microsoft.Insights/diagnosticSettings', name: 'send-to-la', scope: "[resourceId('Microsoft.Logic/workflows', 'my-logic-app')]" });
  assert.deepEqual(runRule(ID, template([logicResource(parts), scoped])), []);
  const legacy = diagnostics({ type: 'Microsoft.Logic/workflows/providers/diagnosticSettings', name: 'my-logic-app/Microsoft.Insights/send-to-la' });
  assert.deepEqual(runRule(ID, template([logicResource(parts), legacy])), []);
});

test('with several workflows a setting counts only for the workflow it names', () => {
  const scopedToA = diagnostics({ type: 'Microsoft.Insights/diagnosticSettings', name: 'diag-a', scope: "[concat('Microsoft.Something/x/', 'wf-a')]" });
  const found = runRule(ID, template([logicResource(parts, undefined, 'wf-a'), logicResource(parts, undefined, 'wf-b'), scopedToA]));
  assert.deepEqual(found.map((f) => f.pointer), ['/resources/1']);
});

test('resource files and Standard workflow.json cannot hold the setting: not reported', () => {
  assert.deepEqual(runRule(ID, laResource(parts)), []);
  assert.deepEqual(runRule(ID, laStandard(parts)), []);
});
