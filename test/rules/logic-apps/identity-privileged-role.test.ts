import { test } from 'node:test';
import assert from 'node:assert/strict';
import { json, runRule } from '../../helpers';
import { ARM_SCHEMA, logicResource, recurrence } from '../wdl/fixtures';
import { slice } from './helpers';

const ID = 'logic-apps/identity-privileged-role';
const workflow = { ...logicResource({ triggers: { Recurrence: recurrence } }), identity: { type: 'SystemAssigned' } };
const PRINCIPAL = "[reference(resourceId('Microsoft.Logic/workflows', 'my-logic-app'), '2019-05-01', 'full').identity.principalId]";
const role = (guid: string, principalId = PRINCIPAL, extra: Record<string, unknown> = {}) => ({
  type: 'Microsoft.Authorization/roleAssignments',
  apiVersion: '2022-04-01',
  name: "[guid(resourceGroup().id, 'my-logic-app')]",
  properties: { roleDefinitionId: `[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '${guid}')]`, principalId, principalType: 'ServicePrincipal' },
  ...extra,
});
const template = (...resources: unknown[]) => json({ $schema: ARM_SCHEMA, contentVersion: '1.0.0.0', resources: [workflow, ...resources] });

test('Contributor for the workflow identity at deployment scope: warning on the role definition, exact message', () => {
  const text = template(role('b24988ac-6180-42a0-ab88-20f7382dd24c'));
  const [f, ...rest] = runRule(ID, text);
  assert.equal(rest.length, 0);
  assert.equal(f.pointer, '/resources/1/properties/roleDefinitionId');
  assert.equal(f.owasp, 'LCNC-SEC-02');
  assert.equal(f.severity, 'warning');
  assert.equal(slice(text, f), `"[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'b24988ac-6180-42a0-ab88-20f7382dd24c')]"`);
  assert.equal(
    f.message,
    "A Logic App's managed identity is given the Contributor role at the scope this template is deployed to (resource group or subscription): anyone who can start the workflow acts with those rights. Grant only the data-plane role it needs (for example Storage Blob Data Reader, Key Vault Secrets User) on the one resource it uses.",
  );
});

test('Owner, User Access Administrator and RBAC Administrator (any case, with a scope) are reported', () => {
  const cases: Array<[string, string]> = [
    ['8E3AF657-A8FF-443C-A75C-2FE8C4BCB635', 'Owner'],
    ['18d7d88d-d35e-4fb5-a5c3-7773c20a72d9', 'User Access Administrator'],
    ['f58310d9-a9f6-439a-9e8d-f62e7b41a168', 'Role Based Access Control Administrator'],
  ];
  for (const [guid, name] of cases) {
    const [f] = runRule(ID, template(role(guid, PRINCIPAL, { scope: "[resourceId('Microsoft.Storage/storageAccounts', 'st')]" })));
    assert.match(f.message, new RegExp(`given the ${name} role on \\[resourceId\\('Microsoft\\.Storage/storageAccounts', 'st'\\)\\]`));
  }
});

test('narrow roles, other principals and templates without workflows are not reported', () => {
  assert.deepEqual(runRule(ID, template(role('ba92f5b4-2d11-453d-a403-e96b0029c9fe'))), []); // Storage Blob Data Contributor
  assert.deepEqual(runRule(ID, template(role('b24988ac-6180-42a0-ab88-20f7382dd24c', "[reference(resourceId('Microsoft.Web/sites', 'app'), '2022-03-01', 'full').identity.principalId]"))), []);
  assert.deepEqual(runRule(ID, template(role('b24988ac-6180-42a0-ab88-20f7382dd24c', "[parameters('adminObjectId')]"))), []);
});
