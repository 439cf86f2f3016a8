import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, SCHEMA_RULE_ID, type Finding } from '../../server/src/engine';
import { createAjv, SCHEMAS } from '../../server/src/engine/schema/compile';
import { MAX_SCHEMA_FINDINGS } from '../../server/src/engine/schema/validate';
import { CORPUS, json, n8nWorkflow } from '../helpers';

/** Schema findings of a text, with the text each one covers. */
function schema(text: string): Array<Finding & { covered: string }> {
  return analyze(text, { only: [] })
    .findings.filter((f) => f.ruleId === SCHEMA_RULE_ID)
    .map((f) => ({ ...f, covered: text.slice(f.offset, f.offset + f.length) }));
}

const node = (extra: Record<string, unknown> = {}) => ({ id: 'a1', name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], parameters: {}, ...extra });
const WDL_SCHEMA = 'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#';
const standard = (actions: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  json({ definition: { $schema: WDL_SCHEMA, contentVersion: '1.0.0.0', triggers: { manual: { type: 'Request', kind: 'Http', inputs: {} } }, actions, ...extra }, kind: 'Stateful' });

test('the schemas are valid draft-07 (strict, checked against the meta-schema) and every entry point compiles', () => {
  const ajv = createAjv({ validateSchema: true });
  for (const s of SCHEMAS) assert.ok(ajv.getSchema(s.$id), s.$id);
  for (const def of ['standardWorkflow', 'workflowResource', 'armTemplate']) assert.ok(ajv.getSchema(`${SCHEMAS[4].$id}#/definitions/${def}`), def);
});

test('no oneOf/anyOf branch uses $ref (branch errors are grouped by schema path)', () => {
  const offending: string[] = [];
  const walk = (v: unknown, where: string, inBranch: boolean): void => {
    if (Array.isArray(v)) return v.forEach((x, i) => walk(x, `${where}/${i}`, inBranch));
    if (!v || typeof v !== 'object') return;
    for (const [k, x] of Object.entries(v)) {
      if (k === '$ref' && inBranch) offending.push(where);
      walk(x, `${where}/${k}`, inBranch || k === 'oneOf' || k === 'anyOf');
    }
  };
  for (const s of SCHEMAS) walk(s, s.$id, false);
  assert.deepEqual(offending, []);
});

test('the schema files on disk are the ones bundled', () => {
  const dir = path.resolve(__dirname, '..', '..', 'schemas');
  for (const s of SCHEMAS) {
    const file = fs.readdirSync(dir).find((f) => s.$id.endsWith('/' + f));
    assert.ok(file, s.$id);
    assert.deepEqual(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')), s);
  }
});

test('type error: the range is the offending value, the message names the node and its pointer', () => {
  const text = n8nWorkflow([node(), { ...node({ name: 'Set', id: 'b2', type: 'n8n-nodes-base.set' }), parameters: ['x'] }]);
  const [f, ...rest] = schema(text);
  assert.equal(rest.length, 0);
  assert.equal(f.covered, '[\n        "x"\n      ]');
  assert.equal(f.pointer, '/nodes/1/parameters');
  assert.equal(f.severity, 'error');
  assert.equal(f.message, 'Node "Set" (/nodes/1): "parameters" must be an object, found an array');
});

test('additionalProperties: the range is the unknown key; error on a WDL definition, warning on an action', () => {
  const text = standard({ Compose: { type: 'Compose', inputs: 1, runAfter: {}, retries: 3 } }, { variables: {} });
  const found = schema(text);
  assert.deepEqual(
    found.map((f) => [f.covered, f.pointer, f.severity]),
    [
      ['"retries"', '/definition/actions/Compose/retries', 'warning'],
      ['"variables"', '/definition/variables', 'error'],
    ],
  );
  assert.equal(found[0].message, 'Action "Compose" (/definition/actions/Compose): "retries" is not a property Azure Logic Apps documents here');
  assert.equal(found[1].message, 'Workflow: "definition/variables" is not allowed here: Azure Logic Apps rejects properties it does not know');
});

test('required: the range is the key under which the object sits; an array element gets its opening brace', () => {
  const wdl = standard({ Send: { inputs: {}, runAfter: {} } });
  const [a] = schema(wdl);
  assert.equal(a.covered, '"Send"');
  assert.equal(a.pointer, '/definition/actions/Send/type');
  assert.equal(a.severity, 'error');
  assert.equal(a.message, 'Action "Send" (/definition/actions/Send): "type" is required by Azure Logic Apps');

  const text = n8nWorkflow([node({ position: undefined })]);
  const [b] = schema(text);
  assert.equal(b.covered, '{');
  assert.equal(b.offset, text.indexOf('{', text.indexOf('"nodes"')));
  assert.equal(b.message, 'Node "Webhook" (/nodes/0): "position" is required by n8n');
  assert.equal(b.severity, 'error');
});

test('oneOf: only the best-matching branch is reported; a value no branch accepts gets one merged type error', () => {
  const text = n8nWorkflow([node({ credentials: { httpBasicAuth: { id: '1', name: 7 }, httpHeaderAuth: 5, slackApi: 'Slack account' } })]);
  const found = schema(text);
  assert.deepEqual(
    found.map((f) => [f.covered, f.message]),
    [
      ['7', 'Node "Webhook" (/nodes/0): "credentials/httpBasicAuth/name" must be a string, found a number'],
      ['5', 'Node "Webhook" (/nodes/0): "credentials/httpHeaderAuth" must be a string or an object, found a number'],
    ],
  );
  assert.ok(found.every((f) => f.severity === 'warning'));
});

test('runAfter statuses are any letter case of Succeeded/Failed/Skipped/TimedOut; others are errors on the value', () => {
  const text = standard({
    A: { type: 'Compose', inputs: 1, runAfter: {} },
    B: { type: 'Compose', inputs: 2, runAfter: { A: ['SUCCEEDED', 'timedout', 'Completed'] } },
    C: { type: 'Compose', inputs: 3, runAfter: { B: 'Failed' } },
  });
  const found = schema(text);
  assert.deepEqual(
    found.map((f) => [f.covered, f.severity, f.message]),
    [
      ['"Completed"', 'error', 'Action "B" (/definition/actions/B): "runAfter/A/2" must be one of Succeeded, Failed, Skipped, TimedOut, found "Completed"'],
      ['"Failed"', 'error', 'Action "C" (/definition/actions/C): "runAfter/B" must be an array, found a string'],
    ],
  );
});

test('nested actions are named by their own step; long values are cut to 40 characters', () => {
  const long = 'x'.repeat(60);
  const text = standard({ Loop: { type: 'Foreach', foreach: '@body()', actions: { Inner: { type: 'Compose', runAfter: { Z: [long] } } } } });
  const [f] = schema(text);
  assert.equal(f.pointer, '/definition/actions/Loop/actions/Inner/runAfter/Z/0');
  assert.equal(f.message, `Action "Inner" (/definition/actions/Loop/actions/Inner): "runAfter/Z/0" must be one of Succeeded, Failed, Skipped, TimedOut, found "${'x'.repeat(38)}…`);
});

test('the same value error on many items of one array is one finding with a count', () => {
  const text = n8nWorkflow([node()], { tags: ['automation', 'n8n', 'prod'] });
  const [f, ...rest] = schema(text);
  assert.equal(rest.length, 0);
  assert.equal(f.covered, '"automation"');
  assert.equal(f.severity, 'warning');
  assert.equal(f.message, 'Workflow "Test workflow": "tags/0" must be a tag object like { "name": "…" } (n8n does not import plain-string tags), found a string (and 2 more in "tags")');
});

test('every flow of a multi-flow document is validated at its own pointer (ARM template, n8n export list)', () => {
  const def = (extra: Record<string, unknown> = {}) => ({ $schema: WDL_SCHEMA, triggers: { t: { type: 'Request' } }, actions: {}, ...extra });
  const arm = json({
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    resources: [
      { type: 'Microsoft.Logic/workflows', name: 'one', properties: { state: 'On', definition: def() } },
      { type: 'Microsoft.Logic/workflows', name: 'two', properties: { definition: def(), parameters: { $connections: { defaultValue: {} } } } },
    ],
  });
  assert.deepEqual(
    schema(arm).map((f) => [f.pointer, f.covered, f.severity, f.message]),
    [
      ['/resources/0/properties/state', '"On"', 'error', 'Logic app "one" (/resources/0): "properties/state" must be one of Enabled, Disabled, Suspended (or an ARM expression), found "On"'],
      ['/resources/1/properties/parameters/$connections/defaultValue', '"defaultValue"', 'error', 'Logic app "two" (/resources/1): "properties/parameters/$connections/defaultValue" is not allowed here: Azure Logic Apps rejects properties it does not know'],
    ],
  );
  const list = json([
    { name: 'A', nodes: [node()], connections: {} },
    { name: 'B', nodes: [node({ typeVersion: '2' })], connections: {} },
  ]);
  assert.deepEqual(
    schema(list).map((f) => [f.pointer, f.message]),
    [['/1/nodes/0/typeVersion', 'Node "Webhook" (/1/nodes/0): "typeVersion" must be a number, found a string']],
  );
});

test('a Logic Apps resource of another type (gallery template) has only its definition validated; a bare definition is validated whole', () => {
  const gallery = json({
    type: 'Microsoft.Logic/galleries/templates',
    name: 'tpl',
    properties: { displayName: 'T', popularity: 3, definition: { $schema: WDL_SCHEMA, triggers: { t: { type: 'Request' } }, actions: { A: { inputs: {} } } } },
  });
  assert.deepEqual(
    schema(gallery).map((f) => [f.pointer, f.covered, f.message]),
    [['/properties/definition/actions/A/type', '"A"', 'Action "A" (/properties/definition/actions/A): "type" is required by Azure Logic Apps']],
  );
  const bare = json({ $schema: WDL_SCHEMA, contentVersion: '1.0.0.0', triggers: {}, actions: {}, parameters: { p: { type: 'Text', defaultValue: '' } } });
  assert.deepEqual(
    schema(bare).map((f) => [f.pointer, f.severity, f.message]),
    [['/parameters/p/type', 'error', 'Definition: "parameters/p/type" must be one of Array, Bool, Float, Int, Object, SecureObject, SecureString, String, found "Text"']],
  );
});

test('Node-RED: id and type are what Node-RED needs; other shapes are warnings named by node, tab or subflow', () => {
  const flow = json([
    { id: 't1', type: 'tab', label: 'Flow 1', disabled: 'no' },
    { id: 'n1', type: 'inject', name: 'Tick', z: 't1', x: '10', y: 20, wires: [['n2'], 'n2'] },
    { id: 'n2', type: 'debug', z: 't1', x: 1, y: 2, wires: [] },
  ]);
  assert.deepEqual(
    schema(flow).map((f) => [f.covered, f.severity, f.message]),
    [
      ['"no"', 'warning', 'Tab "Flow 1" (/0): "disabled" must be a boolean, found a string'],
      ['"10"', 'warning', 'Node "Tick" (/1): "x" must be a number, found a string'],
    ],
  );
});

test('valid files of every format have no schema findings; skipSchema and level "off" turn validation off', () => {
  const n8n = n8nWorkflow([node({ credentials: { httpBasicAuth: { id: '1', name: 'Basic' } } })], { settings: { executionOrder: 'v1', saveManualExecutions: 'DEFAULT' }, tags: [{ name: 'x' }] });
  assert.deepEqual(schema(n8n), []);
  assert.deepEqual(schema(standard({ A: { type: 'Compose', inputs: 1, runAfter: {}, runtimeConfiguration: { secureData: { properties: ['inputs'] } } } })), []);
  const pa = json({ properties: { connectionReferences: { shared_office365: { runtimeSource: 'embedded', connection: { connectionReferenceLogicalName: 'x' }, api: { name: 'shared_office365' } } }, definition: { $schema: WDL_SCHEMA, contentVersion: '1.0.0.0', triggers: { manual: { type: 'Request', kind: 'Button', inputs: {} } }, actions: {} } }, schemaVersion: '1.0.0.0' });
  assert.deepEqual(schema(pa), []);
  const bad = n8nWorkflow([node({ parameters: 1 })]);
  assert.equal(schema(bad).length, 1);
  assert.equal(analyze(bad, { only: [], skipSchema: true }).findings.length, 0);
  assert.equal(analyze(bad, { only: [], rules: { [SCHEMA_RULE_ID]: 'off' } }).findings.length, 0);
});

test(`at most ${MAX_SCHEMA_FINDINGS} schema findings per file; the last one says how many more there are`, () => {
  const nodes = Array.from({ length: 60 }, (_, i) => node({ name: `N${i}`, id: `i${i}`, parameters: i }));
  const found = schema(n8nWorkflow(nodes));
  assert.equal(found.length, MAX_SCHEMA_FINDINGS);
  assert.match(found[MAX_SCHEMA_FINDINGS - 1].message, /\(10 more schema problems not shown\)$/);
});

test('a JSONC file (comments, so JSON.parse fails) is still validated from the parse tree', () => {
  const text = n8nWorkflow([node({ parameters: 'oops' })]).replace('{', '{ // exported\n');
  const [f] = schema(text);
  assert.equal(f.covered, '"oops"');
});

/** Upper bound on schema findings over the corpus (see the report of the schema work: all are real defects). */
const CORPUS_MAX_FINDINGS = 2067;

test('corpus: schema findings stay within the known real defects; named files have none', { skip: !CORPUS && 'shared corpus not found at ../shared/corpus' }, () => {
  let total = 0;
  for (const dir of ['n8n', 'node-red', 'power-automate', 'logic-apps']) {
    const walk = (d: string): string[] => fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]));
    for (const file of walk(path.join(CORPUS!, dir))) {
      const r = analyze(fs.readFileSync(file, 'utf8'), { only: [] });
      assert.ok(!r.findings.some((f) => f.ruleId === 'engine/rule-error'), file);
      total += r.findings.filter((f) => f.ruleId === SCHEMA_RULE_ID).length;
    }
  }
  assert.ok(total <= CORPUS_MAX_FINDINGS, `${total} schema findings > ${CORPUS_MAX_FINDINGS}`);
  for (const rel of [
    'n8n/enescingoz__awesome-n8n-templates/Gmail_and_Email_Automation__AI Email Auto-Responder with Ollama.json',
    'node-red/node-red__node-red/packages__node_modules__@node-red__nodes__examples__common__link__03 - Link call.json',
    'power-automate/pnp__powerplatform-samples/samples__patch-tuesday__sourcecode__src__Workflows__PatchTuesdayThisMonth-2FFB4F78-FE83-EE11-8179-000D3A5A8269.json',
    'logic-apps/LogicAppUnit__TestingFramework/src__LogicAppUnit.Samples.LogicApps__http-chunking-workflow__workflow.json',
    'logic-apps/Azure__LogicAppsUX/__mocks____workflows__StressTest1000.json',
  ]) {
    const file = path.join(CORPUS!, rel);
    assert.ok(fs.existsSync(file), rel);
    assert.deepEqual(schema(fs.readFileSync(file, 'utf8')), [], rel);
  }
});
