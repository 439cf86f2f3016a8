import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFixAndCheck, json, n8nWorkflow, runRule } from '../../helpers';

const ID = 'n8n/caller-policy-any';
const trigger = { name: 'When called', type: 'n8n-nodes-base.executeWorkflowTrigger', typeVersion: 1.1, position: [0, 0], parameters: {} };

test('settings.callerPolicy "any" is reported on the value; the fix sets workflowsFromSameOwner and changes nothing else', () => {
  const text = n8nWorkflow([trigger], { settings: { executionOrder: 'v1', callerPolicy: 'any', callerIds: '' } });
  const [f, ...rest] = runRule(ID, text);
  assert.equal(rest.length, 0);
  assert.equal(f.pointer, '/settings/callerPolicy');
  assert.equal(f.owasp, 'LCNC-SEC-02');
  assert.equal(f.severity, 'warning');
  assert.equal(text.slice(f.offset, f.offset + f.length), '"any"');
  assert.equal(
    f.message,
    'Workflow "Test workflow" lets any workflow on the n8n instance, whoever owns it, call it as a sub-workflow (callerPolicy "any"), with the caller\'s input and this workflow\'s credentials. Allow only workflows of the same owner or a list of workflow ids.',
  );
  assert.equal(f.fix?.isPreferred, true);
  const fixed = applyFixAndCheck(ID, text, f);
  assert.equal(fixed, text.replace('"callerPolicy": "any"', '"callerPolicy": "workflowsFromSameOwner"'));
});

test('other policies, a missing policy or missing settings are not reported', () => {
  for (const callerPolicy of ['workflowsFromSameOwner', 'workflowsFromAList', 'none', 'ANY']) {
    assert.deepEqual(runRule(ID, n8nWorkflow([trigger], { settings: { callerPolicy } })), [], callerPolicy);
  }
  assert.deepEqual(runRule(ID, n8nWorkflow([trigger], { settings: { executionOrder: 'v1' } })), []);
  assert.deepEqual(runRule(ID, n8nWorkflow([trigger])), []);
});

test('each workflow of an `n8n export:workflow --all` list is checked, with its own pointer and fix', () => {
  const wf = (name: string, callerPolicy: string) => ({ name, nodes: [trigger], connections: {}, settings: { callerPolicy } });
  const text = json([wf('A', 'workflowsFromSameOwner'), wf('B', 'any')]);
  const [f] = runRule(ID, text);
  assert.equal(f.pointer, '/1/settings/callerPolicy');
  assert.match(f.message, /^Workflow "B" lets any workflow/);
  const fixed = applyFixAndCheck(ID, text, f);
  assert.deepEqual(JSON.parse(fixed).map((w: { settings: { callerPolicy: string } }) => w.settings.callerPolicy), ['workflowsFromSameOwner', 'workflowsFromSameOwner']);
});

test('the fix keeps tab indentation and CRLF line ends', () => {
  const text = '{\r\n\t"name": "Sub",\r\n\t"nodes": [],\r\n\t"connections": {},\r\n\t"settings": {\r\n\t\t"callerPolicy":"any"\r\n\t}\r\n}\r\n';
  const [f] = runRule(ID, text);
  const fixed = applyFixAndCheck(ID, text, f);
  assert.equal(fixed, text.replace('"callerPolicy":"any"', '"callerPolicy":"workflowsFromSameOwner"'));
});
