import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../server/src/engine';
import { buildInventory, type FlowInventory } from '../../server/src/inventory';
import { runCli } from '../../server/src/cli/program';
import { csvCell, formatInventoryCsv, formatInventoryMarkdown } from '../../server/src/cli/inventory';

const ROOT = path.resolve(__dirname, '..', '..');

function inventoryOf(rel: string): FlowInventory[] {
  const text = readFileSync(path.join(ROOT, rel), 'utf8');
  const r = analyze(text, { fileName: rel });
  assert.ok(r.detection, `${rel} is detected`);
  return buildInventory(r.detection, text, r.findings, rel);
}

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(args, { cwd: ROOT, env: {}, stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) } });
  return { code, out, err };
}

test('n8n sample: webhook trigger is internet-facing, host, credential, risky node, counts', () => {
  const [f] = inventoryOf('samples/n8n/order-webhook.json');
  assert.equal(f.platform, 'n8n');
  assert.equal(f.name, 'Order intake (sample with deliberate risks)');
  assert.deepEqual(f.triggers, [{ name: 'Order Webhook', type: 'n8n-nodes-base.webhook', internetFacing: true, line: 4 }]);
  assert.deepEqual(f.endpoints, [{ scheme: 'http', host: 'erp.acme-corp.io', steps: ['Send to ERP'] }]);
  assert.deepEqual(f.connections, [{ kind: 'n8n-credential', name: 'Orders DB', type: 'postgres', steps: ['Find Customer'] }]);
  assert.deepEqual(f.riskyComponents, [{ ruleId: 'n8n/system-access-node', step: 'Archive Order', line: 61 }]);
  const r = analyze(readFileSync(path.join(ROOT, 'samples/n8n/order-webhook.json'), 'utf8'));
  assert.equal(f.findings.total, r.findings.length);
  assert.equal(f.findings.bySeverity.error, r.findings.filter((x) => x.severity === 'error').length);
  assert.equal(f.findings.byOwasp['LCNC-SEC-07'], 1);
});

test('Node-RED sample: http in is internet-facing, mqtt in is not; config nodes are connections with their users', () => {
  const [f] = inventoryOf('samples/node-red/flows.json');
  assert.deepEqual(f.triggers.map((t) => [t.type, t.internetFacing]), [['http in', true], ['mqtt in', false]]);
  assert.deepEqual(f.endpoints.map((e) => `${e.scheme}://${e.host}`), ['http://historian.acme-corp.io', 'mqtt://mqtt.acme-corp.io']);
  assert.deepEqual(f.connections, [
    { kind: 'node-red-config', name: 'Historian TLS', type: 'tls-config', steps: ['Forward to historian'] },
    { kind: 'node-red-config', name: 'Plant broker', type: 'mqtt-broker', steps: ['Telemetry'] },
  ]);
  assert.deepEqual(f.riskyComponents.map((r) => r.ruleId), ['node-red/exec-node']);
});

test('Power Automate and Logic Apps samples: Request triggers, connection references', () => {
  const [pa] = inventoryOf('samples/power-automate/Workflows/InvoiceIntake-3F2A9C4E-1B7D-EF11-9340-7C1E521A0E3F.json');
  assert.deepEqual(pa.triggers.map((t) => [t.name, t.type, t.internetFacing]), [['manual', 'Request', true]]);
  assert.deepEqual(pa.connections, [{ kind: 'connection-reference', name: 'shared_office365', type: 'shared_office365', steps: ['Notify_finance'] }]);
  assert.deepEqual(pa.endpoints.map((e) => e.host), ['billing.contoso-finance.com']);
  const [la] = inventoryOf('samples/logic-apps/OrderSync/workflow.json');
  assert.equal(la.subformat, 'standard');
  assert.deepEqual(la.triggers.map((t) => [t.type, t.internetFacing]), [['Request', true]]);
});

test('WDL instant (Button) trigger is not internet-facing; Node-RED websocket listener is', () => {
  const wdl = JSON.stringify({ definition: { $schema: 'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#', triggers: { manual: { type: 'Request', kind: 'Button', inputs: {} } }, actions: {} }, kind: 'Stateful' });
  const r = analyze(wdl, { fileName: 'workflow.json' });
  assert.ok(r.detection);
  assert.equal(buildInventory(r.detection, wdl, r.findings)[0].triggers[0].internetFacing, false);
  const nr = JSON.stringify([
    { id: 't', type: 'tab', label: 'x' },
    { id: 'w', type: 'websocket in', z: 't', name: 'ws', server: 'L', client: '', wires: [[]] },
    { id: 'L', type: 'websocket-listener', path: '/ws' },
  ]);
  const n = analyze(nr, { fileName: 'flows.json' });
  assert.ok(n.detection);
  const inv = buildInventory(n.detection, nr, n.findings, 'flows.json')[0];
  assert.deepEqual(inv.triggers.map((t) => [t.name, t.internetFacing]), [['ws', true]]);
  assert.deepEqual(inv.connections.map((c) => [c.type, c.steps]), [['websocket-listener', ['ws']]]);
});

test('endpoints never carry user or password; dynamic hosts are left out', () => {
  const text = JSON.stringify({
    name: 'w', connections: {},
    nodes: [{ id: '1', name: 'Call', type: 'n8n-nodes-base.httpRequest', typeVersion: 4, position: [0, 0], parameters: { url: 'https://bob:hunter2@api.example.com:8443/x?q={{ $json.a }}', body: '=https://{{ $json.host }}/y' } }],
  });
  const r = analyze(text);
  assert.ok(r.detection);
  const [f] = buildInventory(r.detection, text, r.findings);
  assert.deepEqual(f.endpoints, [{ scheme: 'https', host: 'api.example.com', port: 8443, steps: ['Call'] }]);
  assert.doesNotMatch(JSON.stringify(f), /hunter2|bob/);
});

test('CSV cells are quoted and formula-looking cells neutralised', () => {
  assert.equal(csvCell('a,b'), '"a,b"');
  assert.equal(csvCell('say "hi"'), '"say ""hi"""');
  assert.equal(csvCell('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
  assert.equal(csvCell(-1), '-1');
  assert.equal(formatInventoryCsv([]).split('\r\n')[0].split(',').length, 24);
});

test('Markdown escapes HTML and table pipes in names', () => {
  const [f] = inventoryOf('samples/n8n/order-webhook.json');
  const out = formatInventoryMarkdown([{ ...f, name: '<img src=x onerror=alert(1)>|x', file: 'a|b.json' }]);
  assert.doesNotMatch(out, /<img/);
  assert.match(out, /&lt;img src=x onerror=alert\(1\)&gt;\\\|x/);
  assert.match(out, /\| a\\\|b\.json \|/);
});

test('CLI: inventory samples --format json lists the five sample flows, skips not-a-flow.json', async () => {
  const { code, out, err } = await cli(['inventory', 'samples', '--format', 'json']);
  assert.equal(err, '');
  assert.equal(code, 0);
  const flows = (JSON.parse(out) as { flows: FlowInventory[] }).flows;
  assert.deepEqual(flows.map((f) => [f.file, f.platform]), [
    ['samples/logic-apps/OrderSync/workflow.json', 'logic-apps'],
    ['samples/logic-apps/azuredeploy.json', 'logic-apps'],
    ['samples/n8n/order-webhook.json', 'n8n'],
    ['samples/node-red/flows.json', 'node-red'],
    ['samples/power-automate/Workflows/InvoiceIntake-3F2A9C4E-1B7D-EF11-9340-7C1E521A0E3F.json', 'power-automate'],
  ]);
});

test('CLI: inventory --format csv and md; missing path exits 2', async () => {
  const csv = await cli(['inventory', 'samples/node-red', '--format', 'csv']);
  assert.equal(csv.code, 0);
  const rows = csv.out.trimEnd().split('\r\n');
  assert.equal(rows.length, 2);
  assert.match(rows[1], /^samples\/node-red\/flows\.json,node-red,Device control \(sample with deliberate risks\),5,http in: POST \/run; mqtt in: Telemetry,yes,/);
  const md = await cli(['inventory', 'samples/n8n', '-f', 'md']);
  assert.match(md.out, /^# Low-Code Guard flow inventory\n\n1 flow\(s\)\./);
  const missing = await cli(['inventory', 'no/such/dir']);
  assert.equal(missing.code, 2);
  assert.match(missing.err, /path not found: no\/such\/dir/);
});
