import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFixAndCheck, json, n8nWorkflow, runRule } from '../../helpers';

const ID = 'common/cleartext-endpoint';
const http = (parameters: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ id: 'h1', name: 'Call API', type: 'n8n-nodes-base.httpRequest', typeVersion: 4.2, position: [0, 0], parameters, ...extra });
const slice = (text: string, f: { offset: number; length: number }) => text.slice(f.offset, f.offset + f.length);

test('n8n: a plain http:// URL to a public host is reported on its scheme+authority, with the string pointer', () => {
  const text = n8nWorkflow([http({ url: 'http://api.acme-corp.com/v1/orders', method: 'POST' })]);
  const [f, ...rest] = runRule(ID, text);
  assert.equal(rest.length, 0);
  assert.equal(f.pointer, '/nodes/0/parameters/url');
  assert.equal(f.owasp, 'LCNC-SEC-04');
  assert.equal(f.severity, 'warning');
  assert.equal(slice(text, f), 'http://api.acme-corp.com');
  assert.equal(f.message, 'Cleartext HTTP endpoint http://api.acme-corp.com: data and credentials sent to it travel unencrypted and can be read or changed on the network. Use https://.');
});

test('the fix switches http → https (and ws → wss) in place and keeps the rest of the file byte for byte', () => {
  const text = n8nWorkflow([http({ url: '=http://api.acme-corp.com/items/{{ $json.id }}' })]);
  const [f] = runRule(ID, text);
  assert.equal(f.fix?.title, 'Use https:// for api.acme-corp.com');
  const fixed = applyFixAndCheck(ID, text, f);
  assert.equal(fixed, text.replace('=http://api.acme-corp.com', '=https://api.acme-corp.com'));

  const ws = n8nWorkflow([http({ url: 'ws://stream.acme-corp.com:80/feed' })]);
  const [g] = runRule(ID, ws);
  assert.equal(slice(ws, g), 'ws://stream.acme-corp.com:80');
  // The default port goes with the scheme.
  assert.equal(applyFixAndCheck(ID, ws, g), ws.replace('ws://stream.acme-corp.com:80/feed', 'wss://stream.acme-corp.com/feed'));
});

test('ranges are exact after escapes before the URL (\\" and \\u00e9), and the fix edits the raw text', () => {
  const text = '{"name":"w","nodes":[{"name":"Code","type":"n8n-nodes-base.code","parameters":{"jsCode":"// caf\\u00e9 \\"q\\"\\nconst r = await fetch(\'http://api.acme-corp.com/x\');"}}],"connections":{}}';
  const [f] = runRule(ID, text);
  assert.equal(slice(text, f), 'http://api.acme-corp.com');
  assert.equal(f.pointer, '/nodes/0/parameters/jsCode');
  const fixed = applyFixAndCheck(ID, text, f);
  assert.equal(fixed, text.replace("fetch('http://", "fetch('https://"));
  assert.match(JSON.parse(fixed).nodes[0].parameters.jsCode, /^\/\/ café "q"\n/);
});

test('ftp:// is reported without a fix and suggests SFTP/FTPS; custom ports get no fix', () => {
  const text = n8nWorkflow([http({ url: 'ftp://files.acme-corp.com/in' }), http({ url: 'http://api.acme-corp.com:8080/x' })]);
  const [ftp, custom] = runRule(ID, text);
  assert.match(ftp.message, /^Cleartext FTP endpoint ftp:\/\/files\.acme-corp\.com: .* Use SFTP \(sftp:\/\/\) or FTPS \(ftps:\/\/\) instead\.$/);
  assert.equal(ftp.fix, undefined);
  assert.equal(slice(text, custom), 'http://api.acme-corp.com:8080');
  assert.match(custom.message, /Use https:\/\/ \(and the server's TLS port\)\.$/);
  assert.equal(custom.fix, undefined);
});

test('private-network hosts are reported at info; local, example, namespace and expression hosts are not reported', () => {
  const priv = n8nWorkflow([http({ url: 'http://qdrant:6333/collections' }), http({ url: 'http://192.168.1.20/api' })]);
  const found = runRule(ID, priv);
  assert.deepEqual(found.map((f) => f.severity), ['info', 'info']);
  assert.match(found[0].message, /travel unencrypted and can be read or changed on your private network/);
  const quiet = [
    'http://localhost:5678/webhook/x',
    'http://127.0.0.1/x',
    'http://host.docker.internal:11434/api',
    'http://www.example.com/a',
    'http://api.example.org',
    'http://svc.test/x',
    '={{ "http://" + $json.host }}',
    'http://{{ $json.host }}/x',
    'https://api.acme-corp.com',
    'https://r.jina.ai/http://books.acme-corp.com/',
  ];
  assert.deepEqual(runRule(ID, n8nWorkflow(quiet.map((url) => http({ url })))), []);
  const schemaText = n8nWorkflow([http({ jsonSchema: '{\n "$schema": "http://json-schema.org/draft-07/schema#"\n}', body: '<a xmlns="http://acme-corp.com/ns/v1"/>' })]);
  assert.deepEqual(runRule(ID, schemaText), []);
});

test('prose, HTML links, sticky notes, Node-RED info/comment and disabled nodes are not reported', () => {
  const note = { name: 'Note', type: 'n8n-nodes-base.stickyNote', typeVersion: 1, position: [0, 0], parameters: { content: 'http://docs.acme-corp.com/setup' } };
  const text = n8nWorkflow([
    note,
    http({ text: 'Read more at http://blog.acme-corp.com/post today' }),
    http({ html: '<p>See <a href="http://blog.acme-corp.com">our blog</a></p>' }),
    http({ url: 'http://api.acme-corp.com' }, { disabled: true }),
  ]);
  assert.deepEqual(runRule(ID, text), []);
  const nr = json([
    { id: 't1', type: 'tab', label: 'Flow', info: 'http://docs.acme-corp.com' },
    { id: 'c1', type: 'comment', z: 't1', name: 'http://docs.acme-corp.com', info: 'http://docs.acme-corp.com', wires: [] },
    { id: 'n1', type: 'http request', z: 't1', name: 'http://api.acme-corp.com', info: 'http://docs.acme-corp.com', url: 'https://api.acme-corp.com', wires: [[]] },
  ]);
  assert.deepEqual(runRule(ID, nr), []);
});

test('Node-RED: http request url and websocket-client path are reported', () => {
  const text = json([
    { id: 'n1', type: 'http request', z: 't1', name: 'get', method: 'GET', url: 'http://api.acme-corp.com/data', wires: [[]] },
    { id: 'w1', type: 'websocket-client', path: 'ws://push.acme-corp.com/socket', tls: '' },
  ]);
  const found = runRule(ID, text);
  assert.deepEqual(found.map((f) => [f.pointer, slice(text, f)]), [
    ['/0/url', 'http://api.acme-corp.com'],
    ['/1/path', 'ws://push.acme-corp.com'],
  ]);
  assert.equal(applyFixAndCheck(ID, text, found[1]), text.replace('ws://push', 'wss://push'));
});

test('WDL: action inputs, definition parameter defaults and ARM parameter defaults are reported', () => {
  const la = json({
    definition: {
      $schema: 'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#',
      parameters: { baseUrl: { type: 'String', defaultValue: 'http://erp.acme-corp.com' } },
      triggers: { manual: { type: 'Request', kind: 'Http', inputs: {} } },
      actions: {
        Call: { type: 'Http', inputs: { method: 'GET', uri: "@{concat('http://api.acme-corp.com/', triggerBody()?['id'])}" }, runAfter: {} },
        Dyn: { type: 'Http', inputs: { method: 'GET', uri: "@{parameters('baseUrl')}/x" }, runAfter: {} },
      },
    },
    kind: 'Stateful',
  });
  const found = runRule(ID, la);
  assert.deepEqual(found.map((f) => [f.pointer, slice(la, f)]), [
    ['/definition/parameters/baseUrl/defaultValue', 'http://erp.acme-corp.com'],
    ['/definition/actions/Call/inputs/uri', 'http://api.acme-corp.com'],
  ]);
  const arm = json({
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    parameters: { endpoint: { type: 'string', defaultValue: 'http://partner.acme-corp.com/hook' } },
    resources: [
      {
        type: 'Microsoft.Logic/workflows',
        name: 'wf',
        properties: {
          definition: { triggers: {}, actions: { A: { type: 'Http', inputs: { uri: "[parameters('endpoint')]" } } } },
          parameters: { target: { value: 'http://target.acme-corp.com' } },
        },
      },
    ],
  });
  assert.deepEqual(runRule(ID, arm).map((f) => f.pointer), ['/parameters/endpoint/defaultValue', '/resources/0/properties/parameters/target/value']);
});

test('a Node-RED mqtt-broker URL is left to node-red/mqtt-without-tls (no duplicate finding)', async () => {
  const { analyze } = await import('../../../server/src/engine');
  const text = JSON.stringify([
    { id: 'b1', type: 'mqtt-broker', name: 'Broker', broker: 'ws://mqtt.acme-corp.io/mqtt', usetls: false },
    { id: 'n1', type: 'mqtt in', z: 't', broker: 'b1', topic: 'x', wires: [] },
  ], null, 2);
  const ids = analyze(text, { skipSchema: true }).findings.map((f) => f.ruleId);
  assert.ok(ids.includes('node-red/mqtt-without-tls'), ids.join());
  assert.ok(!ids.includes('common/cleartext-endpoint'), ids.join());
});
