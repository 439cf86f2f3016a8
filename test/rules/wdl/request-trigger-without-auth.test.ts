import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFixAndCheck, json, runRule } from '../../helpers';
import { armTemplate, bareDefinition, definition, galleryTemplate, laResource, laStandard, paSolutionFlow, requestTrigger } from './fixtures';

const ID = 'wdl/request-trigger-without-auth';
const slice = (text: string, f: { offset: number; length: number }) => text.slice(f.offset, f.offset + f.length);

test('Power Automate: triggerAuthenticationType "All" is reported on that value; the fix sets "Tenant" and changes nothing else', () => {
  const text = paSolutionFlow({ triggers: { manual: requestTrigger({ method: 'POST', triggerAuthenticationType: 'All', schema: {} }) } });
  const found = runRule(ID, text);
  assert.equal(found.length, 1);
  const [f] = found;
  assert.equal(f.pointer, '/properties/definition/triggers/manual');
  assert.equal(f.owasp, 'LCNC-SEC-05');
  assert.equal(f.severity, 'warning');
  assert.equal(slice(text, f), '"All"');
  assert.equal(
    f.message,
    'HTTP request trigger "manual" lets anyone who has its URL start this flow ("Who can trigger the flow?" is "Anyone"). Set it to "Any user in my tenant" or "Specific users in my tenant".',
  );
  assert.equal(f.fix?.isPreferred, true);
  const fixed = applyFixAndCheck(ID, text, f);
  assert.equal(fixed, text.replace('"triggerAuthenticationType": "All"', '"triggerAuthenticationType": "Tenant"'));
});

test('Power Automate: a missing triggerAuthenticationType is reported on the trigger type; the fix adds it to inputs with the same indentation', () => {
  const trigger = requestTrigger({ schema: {} });
  const text = paSolutionFlow({ triggers: { manual: trigger } });
  const [f, ...rest] = runRule(ID, text);
  assert.equal(rest.length, 0);
  assert.equal(slice(text, f), '"Request"');
  assert.match(f.message, /is not set, which behaves as "Anyone"/);
  const fixed = applyFixAndCheck(ID, text, f);
  assert.equal(fixed, paSolutionFlow({ triggers: { manual: requestTrigger({ schema: {}, triggerAuthenticationType: 'Tenant' }) } }));
});

test('Power Automate: a Request trigger without inputs gets an inputs object from the fix', () => {
  const text = paSolutionFlow({ triggers: { manual: requestTrigger() } });
  const [f] = runRule(ID, text);
  const fixed = applyFixAndCheck(ID, text, f);
  assert.deepEqual(JSON.parse(fixed).properties.definition.triggers.manual.inputs, { triggerAuthenticationType: 'Tenant' });
});

test('Power Automate: Tenant, User (any case), Button, PowerAppV2 and Skills triggers are not reported', () => {
  for (const mode of ['Tenant', 'User', 'tenant']) {
    assert.deepEqual(runRule(ID, paSolutionFlow({ triggers: { manual: requestTrigger({ triggerAuthenticationType: mode }) } })), [], mode);
  }
  for (const kind of ['Button', 'PowerAppV2', 'PowerApp', 'Skills', 'VirtualAgent']) {
    assert.deepEqual(runRule(ID, paSolutionFlow({ triggers: { manual: requestTrigger({ schema: {} }, kind) } })), [], kind);
  }
});

test('Power Automate: a Request trigger without kind counts as Http', () => {
  const text = paSolutionFlow({ triggers: { manual: requestTrigger({ triggerAuthenticationType: 'All' }, null) } });
  assert.equal(runRule(ID, text).length, 1);
});

test('Logic Apps ARM template without accessControl: warning on the trigger type, no fix', () => {
  const text = armTemplate({ triggers: { manual: requestTrigger({ schema: {} }) } });
  const [f, ...rest] = runRule(ID, text);
  assert.equal(rest.length, 0);
  assert.equal(f.pointer, '/resources/0/properties/definition/triggers/manual');
  assert.equal(f.severity, 'warning');
  assert.equal(slice(text, f), '"Request"');
  assert.equal(f.fix, undefined);
  assert.equal(
    f.message,
    'Request trigger "manual" can be called by anyone who has its URL: the workflow sets no accessControl.triggers (allowedCallerIpAddresses or openAuthenticationPolicies), so the SAS signature in the URL is the only check.',
  );
});

test('Logic Apps: allowed caller IP ranges (even the empty "only other logic apps" list) or an ARM expression silence the rule', () => {
  const t = { triggers: { manual: requestTrigger({ schema: {} }) } };
  assert.deepEqual(runRule(ID, armTemplate(t, { accessControl: { triggers: { allowedCallerIpAddresses: [] } } })), []);
  assert.deepEqual(runRule(ID, armTemplate(t, { accessControl: { triggers: { allowedCallerIpAddresses: [{ addressRange: '192.168.12.0/23' }] } } })), []);
  assert.deepEqual(runRule(ID, armTemplate(t, { accessControl: "[variables('accessControl')]" })), []);
  assert.deepEqual(runRule(ID, laResource(t, { triggers: { allowedCallerIpAddresses: [] } })), []);
  // restricting only the run-history contents does not restrict the trigger
  assert.equal(runRule(ID, laResource(t, { contents: { allowedCallerIpAddresses: [] } })).length, 1);
});

test('Logic Apps: an OAuth policy alone is reported (SAS still works); with an Authorization trigger condition it is not', () => {
  const accessControl = { triggers: { openAuthenticationPolicies: { policies: { aad: { type: 'AAD', claims: [{ name: 'iss', value: 'https://sts.windows.net/tenant/' }] } } } } };
  const open = armTemplate({ triggers: { manual: requestTrigger({ schema: {} }) } }, { accessControl });
  const [f] = runRule(ID, open);
  assert.match(f.message, /still accepts its SAS-signed URL: the workflow has an OAuth policy, but an OAuth policy does not disable SAS/);
  const conditioned = { ...requestTrigger({ schema: {} }), conditions: [{ expression: "@startsWith(triggerOutputs()?['headers']?['Authorization'], 'Bearer')" }] };
  assert.deepEqual(runRule(ID, armTemplate({ triggers: { manual: conditioned } }, { accessControl })), []);
});

test('Logic Apps Standard workflow.json and bare definitions: info saying where callers are restricted', () => {
  const t = { triggers: { When_a_HTTP_request_is_received: requestTrigger({ method: 'POST' }) } };
  const std = laStandard(t);
  const [s] = runRule(ID, std);
  assert.equal(s.severity, 'info');
  assert.equal(s.pointer, '/definition/triggers/When_a_HTTP_request_is_received');
  assert.equal(slice(std, s), '"Request"');
  assert.match(s.message, /This file cannot restrict callers: restrict callers on the Standard logic app itself \(Networking > access restrictions, or App Service authentication "Easy Auth"\)\.$/);
  const [b] = runRule(ID, bareDefinition(t));
  assert.equal(b.severity, 'info');
  assert.equal(b.pointer, '/triggers/When_a_HTTP_request_is_received');
  assert.match(b.message, /restrict callers on the workflow resource \(accessControl\.triggers/);
});

test('Logic Apps gallery templates (detected as Power Automate) get the Logic Apps info finding, not the Power Automate fix', () => {
  const text = galleryTemplate({ triggers: { manual: requestTrigger({ schema: {} }) } });
  const [f, ...rest] = runRule(ID, text);
  assert.equal(rest.length, 0);
  assert.equal(f.severity, 'info');
  assert.equal(f.fix, undefined);
  assert.doesNotMatch(f.message, /Who can trigger/);
});

test('Logic Apps: Agent chat triggers, recurrence and other triggers are not reported', () => {
  assert.deepEqual(runRule(ID, laStandard({ triggers: { chat: requestTrigger(undefined, 'Agent') } }, 'Agent')), []);
  assert.deepEqual(runRule(ID, laStandard({ triggers: { Recurrence: { type: 'Recurrence', recurrence: { frequency: 'Hour', interval: 1 } } } })), []);
});

test('a definition with two request triggers reports each one', () => {
  const text = json({ definition: definition({ triggers: { a: requestTrigger(), b: requestTrigger() } }), kind: 'Stateless' });
  assert.deepEqual(runRule(ID, text).map((f) => f.pointer), ['/definition/triggers/a', '/definition/triggers/b']);
});
