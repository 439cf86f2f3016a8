import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFixAndCheck, runRule } from '../../helpers';
import { allFindings, assertNoNewFindings, connectorAction, connRef, instantTrigger, paFlow, respondToApp, slice } from './fixtures';

const ID = 'power-automate/embedded-connection';
const getItems = connectorAction('shared_sharepointonline', 'GetItems', { dataset: 'https://contoso.sharepoint.com/sites/hr', table: 'Salaries' });

test('Power Apps flow with an embedded SharePoint connection: warning on "embedded", pointer of the reference, exact message', () => {
  const text = paFlow({
    triggers: { manual: instantTrigger('PowerAppV2') },
    actions: { Get_items: getItems },
    connectionReferences: { shared_sharepointonline: connRef('shared_sharepointonline') },
  });
  const [f, ...rest] = runRule(ID, text);
  assert.equal(rest.length, 0);
  assert.equal(f.owasp, 'LCNC-SEC-01');
  assert.equal(f.severity, 'warning');
  assert.equal(f.pointer, '/properties/connectionReferences/shared_sharepointonline');
  assert.equal(slice(text, f), '"embedded"');
  assert.equal(
    f.message,
    'Connection "shared_sharepointonline" is embedded: everyone who starts this flow from Power Apps acts through the flow owner\'s connection, with the owner\'s access, not their own. Choose "Provided by run-only user" unless lending the owner\'s access is intended.',
  );
  assert.equal(f.fix?.isPreferred, false);
});

test('the fix sets runtimeSource to "invoker", keeps formatting, and adds no other finding', () => {
  const text = paFlow({
    triggers: { manual: instantTrigger('Button') },
    actions: { Get_items: connectorAction('shared_sharepointonline', 'GetItems', {}, {}, 'shared_sharepointonline_1') },
    connectionReferences: { shared_sharepointonline_1: connRef('shared_sharepointonline') },
  });
  const [f] = runRule(ID, text);
  assert.match(f.message, /^Connection "shared_sharepointonline_1" \(connector shared_sharepointonline\) is embedded: everyone who runs this flow as a run-only user acts/);
  const fixed = applyFixAndCheck(ID, text, f);
  assert.equal(fixed, text.replace('"runtimeSource": "embedded"', '"runtimeSource": "invoker"'));
  assertNoNewFindings(allFindings(text), allFindings(fixed));
  assert.deepEqual(runRule(ID, fixed), []);
});

test('the fix keeps the letter case of the file ("Embedded" → "Invoker")', () => {
  const text = paFlow({
    triggers: { manual: instantTrigger('Skills') },
    actions: { Get_items: getItems },
    connectionReferences: { shared_sharepointonline: connRef('shared_sharepointonline', 'Embedded') },
  });
  const [f] = runRule(ID, text);
  assert.match(f.message, /everyone who reaches this flow through a Copilot Studio agent acts/);
  assert.equal(applyFixAndCheck(ID, text, f), text.replace('"Embedded"', '"Invoker"'));
});

test('each embedded reference an action uses is reported; invoker, unused and impersonating references are not', () => {
  const text = paFlow({
    triggers: { manual: instantTrigger('VirtualAgent') },
    actions: {
      Get_items: getItems,
      Send: connectorAction('shared_office365', 'SendEmailV2', { 'emailMessage/To': 'hr@contoso.com' }),
      List_rows: connectorAction('shared_commondataserviceforapps', 'ListRecords', { entityName: 'accounts' }),
      Get_user: connectorAction('shared_office365users', 'MyProfile_V2', {}),
    },
    connectionReferences: {
      shared_sharepointonline: connRef('shared_sharepointonline'),
      shared_office365: connRef('shared_office365', 'invoker'),
      shared_commondataserviceforapps: connRef('shared_commondataserviceforapps', 'embedded', 'new_dv', { impersonation: { source: 'invoker' } }),
      shared_office365users: connRef('shared_office365users'),
      shared_teams: connRef('shared_teams'),
    },
  });
  assert.deepEqual(
    runRule(ID, text).map((f) => f.pointer),
    ['/properties/connectionReferences/shared_sharepointonline', '/properties/connectionReferences/shared_office365users'],
  );
});

test('child flows (Button trigger answering with a Response action), HTTP, automated and scheduled flows are not reported', () => {
  const refs = { shared_sharepointonline: connRef('shared_sharepointonline') };
  const child = paFlow({ triggers: { manual: instantTrigger('Button') }, actions: { Get_items: getItems, Respond: { ...respondToApp, runAfter: { Get_items: ['Succeeded'] } } }, connectionReferences: refs });
  assert.deepEqual(runRule(ID, child), []);
  const http = paFlow({ triggers: { manual: instantTrigger('Http', { triggerAuthenticationType: 'Tenant' }) }, actions: { Get_items: getItems }, connectionReferences: refs });
  assert.deepEqual(runRule(ID, http), []);
  const automated = paFlow({
    triggers: { When_an_item_is_created: { type: 'OpenApiConnection', inputs: { host: { connectionName: 'shared_sharepointonline', operationId: 'GetOnNewItems', apiId: '/providers/Microsoft.PowerApps/apis/shared_sharepointonline' } } } },
    actions: { Get_items: getItems },
    connectionReferences: refs,
  });
  assert.deepEqual(runRule(ID, automated), []);
  const scheduled = paFlow({ triggers: { Recurrence: { type: 'Recurrence', recurrence: { frequency: 'Day', interval: 1 } } }, actions: { Get_items: getItems }, connectionReferences: refs });
  assert.deepEqual(runRule(ID, scheduled), []);
});

test('a Power Apps flow that responds to the app is still reported (the Response action marks child flows only for Button triggers)', () => {
  const text = paFlow({
    triggers: { manual: instantTrigger('PowerApp') },
    actions: { Get_items: getItems, Respond: { ...respondToApp, runAfter: { Get_items: ['Succeeded'] } } },
    connectionReferences: { shared_sharepointonline: connRef('shared_sharepointonline') },
  });
  assert.equal(runRule(ID, text).length, 1);
});
