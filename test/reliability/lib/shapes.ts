/**
 * Generated low-code-shaped documents for the fuzz tests: the outer shape of an n8n workflow, a Node-RED flow or a WDL
 * definition (so detection succeeds and every rule runs), with node types the rules look for and random JSON
 * (any type, any depth up to 4) wherever the rules read settings. This is where rules meet a `parameters` that is an
 * array, a `wires` that is a string, a `runAfter` that is null…
 */
import fc from 'fast-check';

const N8N_TYPES = [
  'n8n-nodes-base.webhook',
  'n8n-nodes-base.httpRequest',
  'n8n-nodes-base.code',
  'n8n-nodes-base.function',
  'n8n-nodes-base.executeCommand',
  'n8n-nodes-base.postgres',
  'n8n-nodes-base.mySql',
  'n8n-nodes-base.set',
  'n8n-nodes-base.stickyNote',
  'n8n-nodes-base.formTrigger',
  'n8n-nodes-base.executeWorkflowTrigger',
  'n8n-nodes-base.ssh',
  'n8n-nodes-base.readWriteFile',
  '@n8n/n8n-nodes-langchain.agent',
  'n8n-nodes-community.thing',
];
const NODE_RED_TYPES = ['http in', 'http request', 'exec', 'function', 'mqtt in', 'mqtt-broker', 'tls-config', 'websocket-listener', 'file', 'file in', 'debug', 'catch', 'template', 'link out', 'link in', 'comment', 'tab', 'subflow', 'mysql', 'postgresql', 'sqlite', 'change'];
const WDL_TYPES = ['Request', 'Http', 'HttpWebhook', 'ApiConnection', 'ApiConnectionWebhook', 'OpenApiConnection', 'JavaScriptCode', 'Scope', 'Foreach', 'Until', 'If', 'Switch', 'Compose', 'Response', 'Workflow', 'InitializeVariable', 'SetVariable', 'ServiceProvider', 'Agent', 'Recurrence'];

const anyJson = fc.jsonValue({ maxDepth: 4 });
/** Strings the rules react to (expressions, URLs, secrets-looking text, code). */
const interesting = fc.constantFrom(
  '={{ $json.body.cmd }}',
  "={{ $('Webhook').item.json.query }}",
  'http://api.example.org/x',
  'ftp://files.example.org',
  'Bearer abcdefghijklmnop1234567890',
  "@{triggerBody()?['q']}",
  "@parameters('password')",
  "require('child_process').exec(msg.payload)",
  'SELECT * FROM t WHERE id = ',
  '',
  'none',
);
const value = fc.oneof({ weight: 3, arbitrary: anyJson }, { weight: 2, arbitrary: interesting });
const params = fc.oneof({ weight: 4, arbitrary: fc.dictionary(fc.constantFrom('url', 'path', 'authentication', 'command', 'query', 'jsCode', 'functionCode', 'options', 'headerParameters', 'sendHeaders', 'allowUnauthorizedCerts', 'password', 'apiKey', 'method', 'body', 'uri', 'headers'), value) }, { weight: 1, arbitrary: anyJson });

const n8nNode = fc.record(
  { id: fc.string(), name: fc.string({ maxLength: 6 }), type: fc.constantFrom(...N8N_TYPES), typeVersion: fc.oneof(fc.integer({ min: 1, max: 5 }), anyJson), position: fc.constant([0, 0]), parameters: params, credentials: value, disabled: fc.boolean(), webhookId: fc.string() },
  { requiredKeys: ['name', 'type'] },
);
const n8nWorkflow = fc.record({
  name: fc.string(),
  nodes: fc.oneof({ weight: 5, arbitrary: fc.array(fc.oneof({ weight: 6, arbitrary: n8nNode }, { weight: 1, arbitrary: anyJson }), { maxLength: 6 }) }),
  connections: fc.oneof(fc.constant({}), fc.dictionary(fc.string({ maxLength: 6 }), fc.oneof(anyJson, fc.record({ main: fc.array(fc.array(fc.record({ node: fc.string({ maxLength: 6 }), type: fc.constant('main'), index: fc.nat(2) }))) })))),
  settings: fc.oneof(anyJson, fc.record({ saveDataSuccessExecution: fc.constantFrom('all', 'none'), callerPolicy: fc.constantFrom('any', 'workflowsFromSameOwner'), errorWorkflow: fc.string() }, { requiredKeys: [] })),
  pinData: anyJson,
});

const nodeRedNode = fc
  .record({ id: fc.string({ minLength: 1, maxLength: 6 }), type: fc.constantFrom(...NODE_RED_TYPES), z: fc.string({ maxLength: 3 }), wires: fc.oneof(fc.array(fc.array(fc.string({ maxLength: 6 }))), anyJson), extra: fc.dictionary(fc.constantFrom('url', 'method', 'func', 'command', 'addpay', 'broker', 'usetls', 'tls', 'verifyservercert', 'path', 'filename', 'sql', 'console', 'complete', 'links', 'd', 'info', 'credentials', 'env', 'insecureHTTPParser'), value) })
  .map(({ extra, ...n }) => ({ ...extra, ...n }));
const nodeRedFlow = fc.array(nodeRedNode, { minLength: 1, maxLength: 8 });

const wdlStep = fc.record({ type: fc.constantFrom(...WDL_TYPES), kind: fc.constantFrom('Http', 'Button', 'Agent', undefined), inputs: params, runAfter: fc.oneof(fc.constant({}), anyJson), runtimeConfiguration: anyJson, actions: anyJson }, { requiredKeys: ['type'] });
const wdlDefinition = fc.record({
  $schema: fc.constant('https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#'),
  parameters: fc.dictionary(fc.constantFrom('password', 'apiKey', '$connections', 'name', 'clientSecret'), fc.record({ type: fc.constantFrom('String', 'SecureString', 'Object', 'securestring', 'Int'), defaultValue: value }, { requiredKeys: [] })),
  triggers: fc.dictionary(fc.string({ maxLength: 6 }), wdlStep, { maxKeys: 2 }),
  actions: fc.dictionary(fc.string({ maxLength: 6 }), wdlStep, { maxKeys: 5 }),
});
const wdlDocument = fc.oneof(
  wdlDefinition.map((definition) => ({ definition, kind: 'Stateful' })),
  wdlDefinition.map((definition) => ({ properties: { definition, connectionReferences: {} } })),
  wdlDefinition.map((definition) => ({ type: 'Microsoft.Logic/workflows', name: 'w', properties: { definition, accessControl: {} } })),
);

/** A generated document: one of the three shapes, or any JSON value. */
export const shapedDocumentArb = fc.oneof(n8nWorkflow, nodeRedFlow, wdlDocument, anyJson);

/** Indentation used to print a generated document. */
export const indentArb = fc.constantFrom(0, 2, 4, '\t');
