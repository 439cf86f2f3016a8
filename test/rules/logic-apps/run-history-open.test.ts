import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFixAndCheck, json, runRule } from '../../helpers';
import { ARM_SCHEMA, armTemplate, bareDefinition, galleryTemplate, laResource, laStandard, logicResource, recurrence, requestTrigger } from '../wdl/fixtures';
import { assertNoNewFindings, slice } from './helpers';

const ID = 'logic-apps/run-history-open';
const parts = { triggers: { Recurrence: recurrence } };
const BLOCKED = { allowedCallerIpAddresses: [{ addressRange: '0.0.0.0-0.0.0.0' }] };

test('ARM template without accessControl: info on the resource type; the fix blocks every IP for contents and keeps the formatting', () => {
  const text = armTemplate(parts);
  const [f, ...rest] = runRule(ID, text);
  assert.equal(rest.length, 0);
  assert.equal(f.pointer, '/resources/0');
  assert.equal(f.owasp, 'LCNC-SEC-03');
  assert.equal(f.severity, 'info');
  assert.equal(slice(text, f), '"Microsoft.Logic/workflows"');
  assert.equal(
    f.message,
    'Run history inputs and outputs of "my-logic-app" can be opened from any IP address: properties.accessControl.contents sets no allowedCallerIpAddresses. Everyone with read access to the logic app sees every run\'s data from anywhere; limit it to your network\'s IP ranges (Workflow settings > IP ranges for contents).',
  );
  assert.equal(f.fix?.isPreferred, false);
  assert.match(f.fix!.title, /0\.0\.0\.0-0\.0\.0\.0/);
  const fixed = applyFixAndCheck(ID, text, f);
  assert.equal(fixed, armTemplate(parts, { accessControl: { contents: BLOCKED } }));
  assertNoNewFindings(text, fixed);
});

test('accessControl restricting only the triggers is still reported; the fix adds contents beside triggers', () => {
  const triggers = { allowedCallerIpAddresses: [{ addressRange: '10.0.0.0/24' }] };
  const text = armTemplate({ triggers: { manual: requestTrigger({ schema: {} }) } }, { accessControl: { triggers } });
  const [f] = runRule(ID, text);
  assert.ok(f);
  const fixed = applyFixAndCheck(ID, text, f);
  assert.deepEqual(JSON.parse(fixed).resources[0].properties.accessControl, { triggers, contents: BLOCKED });
  assert.equal(fixed, armTemplate({ triggers: { manual: requestTrigger({ schema: {} }) } }, { accessControl: { triggers, contents: BLOCKED } }));
  assertNoNewFindings(text, fixed);
});

test('an empty contents object or a null allowedCallerIpAddresses is open', () => {
  assert.equal(runRule(ID, armTemplate(parts, { accessControl: { contents: {} } })).length, 1);
  assert.equal(runRule(ID, armTemplate(parts, { accessControl: { contents: { allowedCallerIpAddresses: null } } })).length, 1);
});

test('contents IP ranges (even an explicit empty list), an OAuth policy, or an ARM expression are not reported', () => {
  for (const accessControl of [
    { contents: { allowedCallerIpAddresses: [{ addressRange: '192.168.12.0/23' }] } },
    { contents: { allowedCallerIpAddresses: [] } },
    { contents: { openAuthenticationPolicies: { policies: { p: { type: 'AAD', claims: [] } } } } },
    "[variables('accessControl')]",
    { contents: "[parameters('contents')]" },
  ]) {
    assert.deepEqual(runRule(ID, armTemplate(parts, { accessControl })), [], JSON.stringify(accessControl));
  }
});

test('a workflow resource file (az logic workflow show) is reported at the root pointer', () => {
  const text = laResource(parts);
  const [f, ...rest] = runRule(ID, text);
  assert.equal(rest.length, 0);
  assert.equal(f.pointer, '');
  const fixed = applyFixAndCheck(ID, text, f);
  assert.deepEqual(JSON.parse(fixed).properties.accessControl, { contents: BLOCKED });
});

test('each workflow of a template is judged on its own; an ARM-expression name reads "this workflow"', () => {
  const a = logicResource(parts, { contents: { allowedCallerIpAddresses: [] } }, 'a');
  const b = logicResource(parts, undefined, "[parameters('logicAppName')]");
  const text = json({ $schema: ARM_SCHEMA, contentVersion: '1.0.0.0', resources: [a, b] });
  const found = runRule(ID, text);
  assert.deepEqual(found.map((f) => f.pointer), ['/resources/1']);
  assert.match(found[0].message, /^Run history inputs and outputs of this workflow can be opened/);
});

test('Standard workflow.json, bare definitions and gallery templates cannot hold the setting: not reported', () => {
  assert.deepEqual(runRule(ID, laStandard(parts)), []);
  assert.deepEqual(runRule(ID, bareDefinition(parts)), []);
  assert.deepEqual(runRule(ID, galleryTemplate(parts)), []);
});
