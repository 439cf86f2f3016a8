/**
 * Step and place labels for the report (inventory `stepLabel`, `locateFinding`, `nodeRedTabs`; report/context
 * `placeLabel`), and hosts that are identifiers, not calls ($schema, xmlns), left out of the inventory.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/engine';
import { buildInventory, locateFinding, nodeRedTabs, stepLabel } from '../../server/src/inventory';
import { placeLabel } from '../../server/src/report/context';

const paFlow = (actions: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    properties: {
      connectionReferences: { shared_office365: { runtimeSource: 'embedded', connection: { connectionReferenceLogicalName: 'x' }, api: { name: 'shared_office365' } } },
      definition: { $schema: 'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#', contentVersion: '1.0.0.0', triggers: { manual: { type: 'Request', kind: 'Button', inputs: {} } }, actions, ...extra },
    },
  });

test('WDL: step names with spaces, the key kept; connection references, parameters and the action list are places', () => {
  const text = paFlow({ 'Send_an_email_(V2)': { type: 'OpenApiConnection', runAfter: {}, inputs: { host: { connectionName: 'shared_office365' } } } }, { parameters: { apiKey: { type: 'String' } } });
  const r = analyze(text, { fileName: 'Workflows/Flow-3F2A9C4E-1B7D-EF11-9340-7C1E521A0E3F.json' });
  const flows = r.detection!.flows;
  const at = locateFinding(flows, '/properties/definition/actions/Send_an_email_(V2)/inputs/host');
  assert.equal(at.flow, 0);
  assert.deepEqual(stepLabel(flows[0], at.step!), { name: 'Send an email (V2)', kind: 'action', type: 'OpenApiConnection', key: 'Send_an_email_(V2)' });
  assert.deepEqual(placeLabel(flows[0], '/properties/connectionReferences/shared_office365/connection'), { name: 'Office 365 Outlook', kind: 'connection', type: 'connection reference', key: 'shared_office365' });
  assert.deepEqual(placeLabel(flows[0], '/properties/definition/parameters/apiKey/type'), { name: 'apiKey', kind: 'parameter', type: 'workflow parameter' });
  assert.deepEqual(placeLabel(flows[0], '/properties/definition/actions'), { name: 'all actions', kind: 'flow', type: 'actions' });
  assert.equal(placeLabel(flows[0], ''), undefined);
});

test('Node-RED: unnamed nodes show their type, nodes name their tab', () => {
  const text = JSON.stringify([
    { id: 't1', type: 'tab', label: 'Orders API' },
    { id: 'n1', type: 'exec', z: 't1', command: 'ls', wires: [[], [], []] },
    { id: 'n2', type: 'http in', name: 'POST /orders', z: 't1', url: '/orders', method: 'post', wires: [[]] },
  ]);
  const flow = analyze(text, { fileName: 'flows.json' }).detection!.flows[0];
  assert.deepEqual([...nodeRedTabs(flow)], [['t1', 'Orders API']]);
  const exec = flow.steps.find((s) => s.id === 'n1')!;
  assert.deepEqual(stepLabel(flow, exec), { name: 'exec node', kind: 'node', type: 'exec', key: 'n1', tab: 'Orders API' });
  assert.deepEqual(stepLabel(flow, flow.steps.find((s) => s.id === 'n2')!), { name: 'POST /orders', kind: 'node', type: 'http in', tab: 'Orders API' });
});

test('inventory hosts: $schema and xmlns URLs are not external services', () => {
  const text = paFlow({
    Post_card: { type: 'Http', runAfter: {}, inputs: { method: 'POST', uri: 'https://api.example.org/cards', body: { $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', xmlns: 'http://www.w3.org/2000/svg' } } },
  });
  const r = analyze(text, { fileName: 'f.json' });
  const [inv] = buildInventory(r.detection!, text, r.findings, 'f.json');
  assert.deepEqual(inv.endpoints.map((e) => e.host), ['api.example.org']);
});
