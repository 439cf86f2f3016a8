import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runRule } from '../../helpers';
import { recurrence } from '../wdl/fixtures';
import { connectorAction, connRef, paFlow, slice } from './fixtures';

const ID = 'power-automate/raw-connection-id';
const actions = { Send: connectorAction('shared_office365', 'SendEmailV2', { 'emailMessage/To': 'a@contoso.com' }) };

test('a connection named by its raw id and no logical name: info on the id, exact message', () => {
  const text = paFlow({
    triggers: { Recurrence: recurrence },
    actions,
    connectionReferences: { shared_office365: { runtimeSource: 'embedded', connection: { name: 'shared-office365-6f1e0b2c-1111-2222-3333-444455556666' }, api: { name: 'shared_office365' } } },
  });
  const [f, ...rest] = runRule(ID, text);
  assert.equal(rest.length, 0);
  assert.equal(f.owasp, 'LCNC-SEC-09');
  assert.equal(f.severity, 'info');
  assert.equal(f.pointer, '/properties/connectionReferences/shared_office365');
  assert.equal(slice(text, f), '"shared-office365-6f1e0b2c-1111-2222-3333-444455556666"');
  assert.equal(
    f.message,
    'Connection "shared_office365" (shared_office365) is bound to one specific connection by its id ("shared-office365-6f1e0b2c-1111-2222-3333-444455556666") instead of a solution connection reference: it cannot be re-pointed per environment and stops working when that connection\'s owner leaves. Add the flow to a solution and use a connection reference.',
  );
});

test('an empty connection object is reported on it; the legacy connectionName shape on its connectionName', () => {
  const empty = paFlow({ triggers: { Recurrence: recurrence }, actions, connectionReferences: { shared_office365: connRef('shared_office365', 'embedded', null) } });
  const [f] = runRule(ID, empty);
  assert.equal(slice(empty, f), '{}');
  assert.match(f.message, /^Connection "shared_office365" \(shared_office365\) names no connection reference \(connectionReferenceLogicalName\)/);
  const legacy = paFlow({
    triggers: { Recurrence: recurrence },
    actions,
    connectionReferences: { shared_office365: { connectionName: '7ff22b98148442d2a1ce36794c0027bd', source: 'Embedded', id: '/providers/Microsoft.PowerApps/apis/shared_office365', tier: 'NotSpecified' } },
  });
  const [g] = runRule(ID, legacy);
  assert.equal(slice(legacy, g), '"7ff22b98148442d2a1ce36794c0027bd"');
});

test('connection references with a logical name (with or without the raw name beside it) are not reported', () => {
  const withBoth = { runtimeSource: 'embedded', connection: { name: 'shared-commondataser-114efb88', connectionReferenceLogicalName: 'crdcb_sharedcommondataserviceforapps_109ea' }, api: { name: 'shared_commondataserviceforapps' } };
  const text = paFlow({ triggers: { Recurrence: recurrence }, actions, connectionReferences: { shared_office365: connRef('shared_office365'), shared_commondataserviceforapps: withBoth } });
  assert.deepEqual(runRule(ID, text), []);
});
