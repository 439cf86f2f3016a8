import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runRule } from '../../helpers';
import { displayName, isCustomApiName } from '../../../server/src/engine/rules/power-automate/custom-connector';
import { connectorAction, connRef, instantTrigger, paFlow, slice } from './fixtures';

const ID = 'power-automate/custom-connector';
const CUSTOM = 'shared_contoso-20invoicing-5fdd00e4805bfffb8f-5fbaee43593a7efda0';

test('a custom connector in the connection references: info on its api.name, naming the steps that use it', () => {
  const text = paFlow({
    triggers: { manual: instantTrigger('Button') },
    actions: {
      List_invoices: connectorAction(CUSTOM, 'ListInvoices', {}),
      Pay: connectorAction(CUSTOM, 'PayInvoice', { id: '1' }),
      Notify: connectorAction('shared_office365', 'SendEmailV2', { 'emailMessage/To': 'ap@contoso.com' }),
    },
    connectionReferences: { [CUSTOM]: connRef(CUSTOM), shared_office365: connRef('shared_office365') },
  });
  const [f, ...rest] = runRule(ID, text);
  assert.equal(rest.length, 0);
  assert.equal(f.owasp, 'LCNC-SEC-07');
  assert.equal(f.severity, 'info');
  assert.equal(slice(text, f), JSON.stringify(CUSTOM));
  assert.equal(f.pointer, `/properties/connectionReferences/${CUSTOM}/api/name`);
  assert.equal(
    f.message,
    `Custom connector "contoso invoicing" (${CUSTOM}) is used by steps "List_invoices", "Pay". Microsoft does not review custom connectors: check who maintains its definition, which host it calls, how it authenticates, and that your DLP policy classifies it.`,
  );
});

test('a custom connector used only by an action (no connection reference) is reported on its apiId', () => {
  const api = 'shared_cr3ea-5fservice-20now-5f96f1a2b3c4d5e6f7';
  const action = connectorAction(api, 'GetTickets', {});
  const text = paFlow({ triggers: { manual: instantTrigger('Button') }, actions: { Get_tickets: action } });
  const [f] = runRule(ID, text);
  assert.equal(slice(text, f), JSON.stringify(`/providers/Microsoft.PowerApps/apis/${api}`));
  assert.equal(f.pointer, '/properties/definition/actions/Get_tickets/inputs/host/apiId');
  assert.match(f.message, /^Custom connector "cr3ea_service now" \(shared_cr3ea-5fservice-20now-5f96f1a2b3c4d5e6f7\) is used by step "Get_tickets"\./);
});

test('the legacy connection reference shape (id) is read too; Microsoft connectors are not reported', () => {
  const legacy = paFlow({
    triggers: { manual: instantTrigger('Button') },
    actions: { A: connectorAction(CUSTOM, 'ListInvoices', {}, {}, 'contoso') },
    connectionReferences: { contoso: { connectionName: 'bd877f62e4224011aa936d706fc68902', source: 'Invoker', id: `/providers/Microsoft.PowerApps/apis/${CUSTOM}` } },
  });
  const [f] = runRule(ID, legacy);
  assert.equal(f.pointer, '/properties/connectionReferences/contoso/id');
  const plain = paFlow({
    triggers: { manual: instantTrigger('Button') },
    actions: { A: connectorAction('shared_service-now', 'GetRecords', {}), B: connectorAction('shared_sharepointonline', 'GetItems', {}) },
    connectionReferences: { 'shared_service-now': connRef('shared_service-now'), shared_sharepointonline_1: connRef('shared_sharepointonline') },
  });
  assert.deepEqual(runRule(ID, plain), []);
});

test('custom connector names: encoded underscore marks them; display names are decoded', () => {
  assert.ok(isCustomApiName(CUSTOM));
  assert.ok(isCustomApiName('shared_new-5fgcf-20mcp-20agent'));
  assert.ok(!isCustomApiName('shared_office365'));
  assert.ok(!isCustomApiName('shared_service-now'));
  assert.equal(displayName(CUSTOM), 'contoso invoicing');
  assert.equal(displayName('shared_new-5fgcf-20mcp-20agent'), 'new_gcf mcp agent');
});
