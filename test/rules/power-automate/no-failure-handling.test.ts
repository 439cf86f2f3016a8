import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runRule } from '../../helpers';
import { galleryTemplate, httpAction, laStandard, recurrence } from '../wdl/fixtures';
import { connectorAction, paFlow, slice } from './fixtures';

const ID = 'power-automate/no-failure-handling';
const get = connectorAction('shared_sharepointonline', 'GetItems', {});
const send = { ...connectorAction('shared_office365', 'SendEmailV2', {}), runAfter: { Get_items: ['Succeeded'] } };

test('connector calls with no failure path: info on the "actions" key, pointer of the actions object, exact message', () => {
  const text = paFlow({ triggers: { Recurrence: recurrence }, actions: { Get_items: get, Send_an_email: send } });
  const [f, ...rest] = runRule(ID, text);
  assert.equal(rest.length, 0);
  assert.equal(f.owasp, 'LCNC-SEC-10');
  assert.equal(f.severity, 'info');
  assert.equal(slice(text, f), '"actions"');
  assert.equal(f.pointer, '/properties/definition/actions');
  assert.equal(
    f.message,
    'No step in this flow runs after a failed or timed-out step, although 2 steps call connectors or endpoints ("Get_items", "Send_an_email"): failures are seen only in run history, nothing logs, alerts or cleans up. Add a Scope with an error path ("Configure run after": has failed, has timed out).',
  );
});

test('a run-after on Failed or TimedOut anywhere (any case, nested) counts as handling', () => {
  const notify = (status: string) => ({ ...connectorAction('shared_teams', 'PostMessageToConversation', {}), runAfter: { Try: [status] } });
  for (const status of ['Failed', 'TimedOut', 'failed']) {
    const text = paFlow({ triggers: { Recurrence: recurrence }, actions: { Try: { type: 'Scope', runAfter: {}, actions: { Get_items: get } }, Catch: { type: 'Scope', runAfter: { Try: ['Succeeded'] }, actions: {} }, Notify: notify(status) } });
    assert.deepEqual(runRule(ID, text), [], status);
  }
  const nested = paFlow({ triggers: { Recurrence: recurrence }, actions: { Outer: { type: 'Scope', runAfter: {}, actions: { Get_items: get, Log: { type: 'Compose', inputs: 'x', runAfter: { Get_items: ['Skipped', 'TimedOut'] } } } } } });
  assert.deepEqual(runRule(ID, nested), []);
  assert.equal(runRule(ID, paFlow({ triggers: { Recurrence: recurrence }, actions: { Get_items: get, Log: { type: 'Compose', inputs: 'x', runAfter: { Get_items: ['Skipped'] } } } })).length, 1);
});

test('flows with only built-in data actions are not reported; a single HTTP action is', () => {
  assert.deepEqual(runRule(ID, paFlow({ triggers: { Recurrence: recurrence }, actions: { Compose: { type: 'Compose', inputs: 1, runAfter: {} } } })), []);
  const [f] = runRule(ID, paFlow({ triggers: { Recurrence: recurrence }, actions: { HTTP: httpAction({}) } }));
  assert.match(f.message, /although 1 step calls connectors or endpoints \("HTTP"\)/);
});

test('Logic Apps files (Standard workflow.json, gallery templates) are left to the Logic Apps rules', () => {
  const parts = { triggers: { Recurrence: recurrence }, actions: { HTTP: httpAction({}) } };
  assert.deepEqual(runRule(ID, laStandard(parts)), []);
  assert.deepEqual(runRule(ID, galleryTemplate(parts)), []);
});
