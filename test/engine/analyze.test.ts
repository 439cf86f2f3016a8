import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../server/src/engine';

const SAMPLES = path.resolve(__dirname, '..', '..', 'samples');
const read = (p: string) => fs.readFileSync(path.join(SAMPLES, p), 'utf8');

test('a syntax error becomes json/syntax-error findings at the parser offsets, and nothing else runs', () => {
  const text = '{\n  "nodes": [],\n  "connections": {}\n  "x": 1\n}';
  const { findings, detection } = analyze(text);
  assert.equal(detection, undefined);
  assert.deepEqual(
    findings.map((f) => [f.ruleId, f.severity, f.range.start.line, f.range.start.character]),
    [['json/syntax-error', 'error', 3, 2]],
  );
  assert.match(findings[0].message, /comma expected/);
});

test('empty text, a top-level scalar and plain JSON give no findings and no detection', () => {
  for (const t of ['', '   ', '42', '"x"', 'null', '{"a": 1}', '[1, 2]', '[]']) {
    const r = analyze(t);
    assert.deepEqual(r.findings, [], t);
    assert.equal(r.detection, undefined, t);
  }
});

test('a BOM is tolerated and offsets still index the original text', () => {
  const text = '\ufeff' + JSON.stringify({ nodes: [{ name: 'W', type: 'n8n-nodes-base.webhook', parameters: {} }], connections: {} });
  const r = analyze(text, { skipSchema: true });
  assert.equal(r.detection?.format, 'n8n');
  const f = r.findings.find((x) => x.ruleId === 'n8n/webhook-without-auth')!;
  assert.equal(text.slice(f.offset, f.offset + f.length), '"n8n-nodes-base.webhook"');
});

test('formats are detected from content for every bundled sample', () => {
  const expect: Array<[string, string, string, number]> = [
    ['n8n/order-webhook.json', 'n8n', 'workflow', 1],
    ['node-red/flows.json', 'node-red', 'flows', 1],
    ['power-automate/Workflows/InvoiceIntake-3F2A9C4E-1B7D-EF11-9340-7C1E521A0E3F.json', 'power-automate', 'solution-flow', 1],
    ['logic-apps/OrderSync/workflow.json', 'logic-apps', 'standard', 1],
    ['logic-apps/azuredeploy.json', 'logic-apps', 'arm', 1],
  ];
  for (const [file, format, subformat, flows] of expect) {
    const d = analyze(read(file)).detection;
    assert.equal(d?.format, format, file);
    assert.equal(d?.subformat, subformat, file);
    assert.equal(d?.flows.length, flows, file);
  }
  assert.equal(analyze(read('not-a-flow.json')).detection, undefined);
});

test('flow model: n8n connections, Node-RED wires and WDL runAfter become edges', () => {
  const n8n = analyze(read('n8n/order-webhook.json')).detection!.flows[0];
  assert.deepEqual(n8n.edges.map((e) => `${e.from.name}->${e.to.name}`), ['Order Webhook->Find Customer', 'Find Customer->Send to ERP', 'Send to ERP->Archive Order']);
  const nr = analyze(read('node-red/flows.json')).detection!.flows[0];
  assert.ok(nr.edges.some((e) => e.from.type === 'http in' && e.to.type === 'exec'));
  assert.deepEqual(nr.steps.filter((s) => s.kind === 'config').map((s) => s.type).sort(), ['mqtt-broker', 'tls-config']);
  const pa = analyze(read('power-automate/Workflows/InvoiceIntake-3F2A9C4E-1B7D-EF11-9340-7C1E521A0E3F.json')).detection!.flows[0];
  assert.deepEqual(pa.edges.map((e) => `${e.from.name}->${e.to.name}`), ['manual->Post_invoice_to_billing', 'Post_invoice_to_billing->Notify_finance']);
  assert.equal(pa.steps[0].pointer, '/properties/definition/triggers/manual');
});

test('WDL nested scopes (If/else, Switch cases, Foreach) are adapted with container edges', () => {
  const def = {
    $schema: 'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#',
    triggers: { t: { type: 'Recurrence' } },
    actions: {
      cond: {
        type: 'If',
        actions: { yes: { type: 'Compose' } },
        else: { actions: { no: { type: 'Compose' } } },
      },
      sw: { type: 'Switch', runAfter: { cond: ['Succeeded'] }, cases: { c1: { actions: { inCase: { type: 'Compose' } } } }, default: { actions: { dflt: { type: 'Compose' } } } },
      agent: { type: 'Agent', runAfter: { sw: ['Succeeded'] }, tools: { lookup: { actions: { callApi: { type: 'Http' } } } } },
    },
  };
  const flow = analyze(JSON.stringify(def)).detection!.flows[0];
  assert.deepEqual(flow.steps.map((s) => s.name), ['t', 'cond', 'sw', 'agent', 'yes', 'no', 'dflt', 'inCase', 'callApi']);
  assert.deepEqual(
    flow.edges.map((e) => `${e.from.name}->${e.to.name}`).sort(),
    ['agent->callApi', 'cond->no', 'cond->sw', 'cond->yes', 'sw->agent', 'sw->dflt', 'sw->inCase', 't->cond'],
  );
});

test('Logic Apps shapes: gallery templates, nested ARM deployments and bare definitions with a non-URL $schema', () => {
  const def = { triggers: { manual: { type: 'Request', kind: 'Http' } }, actions: {} };
  const gallery = analyze(JSON.stringify({ id: 'x', name: 't', type: 'Microsoft.Logic/galleries/templates', properties: { definition: def } })).detection;
  assert.deepEqual([gallery?.format, gallery?.subformat], ['logic-apps', 'resource']);
  const nested = {
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    resources: [{ type: 'Microsoft.Resources/deployments', properties: { template: { resources: [{ type: 'Microsoft.Logic/workflows', name: 'inner', properties: { definition: def } }] } } }],
  };
  const arm = analyze(JSON.stringify(nested)).detection;
  assert.deepEqual([arm?.format, arm?.subformat, arm?.flows[0].name, arm?.flows[0].steps[0].pointer], ['logic-apps', 'arm', 'inner', '/resources/0/properties/template/resources/0/properties/definition/triggers/manual']);
  const bare = analyze(JSON.stringify({ $schema: '/schemaLink', contentVersion: '1.0.0.0', ...def })).detection;
  assert.deepEqual([bare?.format, bare?.subformat], ['logic-apps', 'definition']);
  // triggers/actions alone (no $schema, no contentVersion) are too weak a signal
  assert.equal(analyze(JSON.stringify(def)).detection, undefined);
});

test('companion files are detected without flows: n8n credentials exports, flows_cred.json, connections.json, local.settings.json', () => {
  const det = (value: unknown, fileName = 'x.json') => {
    const d = analyze(JSON.stringify(value), { fileName, skipSchema: true }).detection;
    return d && `${d.format}:${d.subformat}:${d.flows.length}`;
  };
  assert.equal(det([{ id: '1', name: 'Mail', type: 'smtp', data: { password: 'x' } }]), 'n8n:credentials:0');
  assert.equal(det({ id: '1', name: 'Mail', type: 'smtp', data: 'U2FsdGVkX1' }), 'n8n:credentials:0');
  // a Node-RED node with a data property is still a flow (it has wires)
  assert.equal(det([{ id: '1', name: 'n', type: 'x', data: {}, z: 't', wires: [] }]), 'node-red:flows:1');
  assert.equal(det({ a1b2: { user: 'u', password: 'p' } }, 'project/flows_cred.json'), 'node-red:credentials:0');
  assert.equal(det({ a1b2: { user: 'u', password: 'p' } }, 'project/flows.json'), undefined);
  assert.equal(det({ managedApiConnections: { sql: {} } }), 'logic-apps:connections:0');
  assert.equal(det({ IsEncrypted: false, Values: { AzureWebJobsStorage: 'UseDevelopmentStorage=true' } }), 'logic-apps:local-settings:0');
  assert.equal(det({ Values: {} }, 'C:\\proj\\local.settings.json'), 'logic-apps:local-settings:0');
  assert.equal(det({ Values: {} }, 'settings.json'), undefined);
});
