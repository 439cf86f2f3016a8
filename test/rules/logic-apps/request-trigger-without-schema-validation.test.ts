import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFixAndCheck, runRule } from '../../helpers';
import { armTemplate, laStandard, requestTrigger } from '../wdl/fixtures';
import { assertNoNewFindings, slice } from './helpers';

const ID = 'logic-apps/request-trigger-without-schema-validation';
const SCHEMA = { type: 'object', properties: { id: { type: 'integer' } }, required: ['id'] };
/** An action that reads a field of the trigger's JSON body. */
const reads = { Reply: { type: 'Response', kind: 'Http', inputs: { statusCode: 200, body: "@{triggerBody()?['id']}" }, runAfter: {} } };

test('schema without Schema Validation: info on the schema key; the fix adds operationOptions and keeps the formatting', () => {
  const text = laStandard({ triggers: { manual: requestTrigger({ schema: SCHEMA }) }, actions: reads });
  const [f, ...rest] = runRule(ID, text);
  assert.equal(rest.length, 0);
  assert.equal(f.pointer, '/definition/triggers/manual');
  assert.equal(f.owasp, 'LCNC-SEC-06');
  assert.equal(f.severity, 'info');
  assert.equal(slice(text, f), '"schema"');
  assert.equal(
    f.message,
    'Request trigger "manual" has a JSON schema but does not enforce it: Schema Validation is off, so bodies that do not match still start the workflow. Turn it on (operationOptions "EnableSchemaValidation") to reject them with 400 Bad Request.',
  );
  assert.equal(f.fix?.isPreferred, true);
  const fixed = applyFixAndCheck(ID, text, f);
  assert.equal(fixed, laStandard({ triggers: { manual: { ...requestTrigger({ schema: SCHEMA }), operationOptions: 'EnableSchemaValidation' } }, actions: reads }));
  assertNoNewFindings(text, fixed);
});

test('other operation options are kept: the fix appends ", EnableSchemaValidation" to the list', () => {
  const trigger = { ...requestTrigger({ schema: SCHEMA, method: 'POST' }), operationOptions: 'SuppressWorkflowHeadersOnResponse' };
  const text = laStandard({ triggers: { Receive: trigger }, actions: reads });
  const [f] = runRule(ID, text);
  assert.equal(slice(text, f), '"SuppressWorkflowHeadersOnResponse"');
  const fixed = applyFixAndCheck(ID, text, f);
  assert.equal(fixed, text.replace('"SuppressWorkflowHeadersOnResponse"', '"SuppressWorkflowHeadersOnResponse, EnableSchemaValidation"'));
  assertNoNewFindings(text, fixed);
});

test('Schema Validation already on (any case, anywhere in the list) is not reported', () => {
  for (const operationOptions of ['EnableSchemaValidation', 'enableschemavalidation', 'SuppressWorkflowHeadersOnResponse, EnableSchemaValidation']) {
    const text = laStandard({ triggers: { manual: { ...requestTrigger({ schema: SCHEMA }), operationOptions } }, actions: reads });
    assert.deepEqual(runRule(ID, text), [], operationOptions);
  }
});

test('no schema (or an empty one) while the body is read: info on the trigger type, no fix', () => {
  for (const inputs of [undefined, {}, { schema: {} }]) {
    const text = laStandard({ triggers: { manual: requestTrigger(inputs) }, actions: reads });
    const [f, ...rest] = runRule(ID, text);
    assert.equal(rest.length, 0, JSON.stringify(inputs));
    assert.equal(slice(text, f), '"Request"');
    assert.equal(f.fix, undefined);
    assert.equal(
      f.message,
      'Request trigger "manual" accepts any request body: it has no JSON schema, yet the workflow reads fields of it. Describe the expected body (Request Body JSON Schema) and turn on Schema Validation so that other bodies are rejected with 400 Bad Request.',
    );
  }
});

test('body fields read through triggerOutputs()[\'body\'] or workflowContext in inline JavaScript count', () => {
  const viaOutputs = { Use: { type: 'Compose', inputs: "@triggerOutputs()?['body']?['name']", runAfter: {} } };
  assert.equal(runRule(ID, laStandard({ triggers: { manual: requestTrigger({ schema: SCHEMA }) }, actions: viaOutputs })).length, 1);
  const viaJs = { Js: { type: 'JavaScriptCode', inputs: { code: 'return workflowContext.trigger.outputs.body.name;' }, runAfter: {} } };
  assert.equal(runRule(ID, laStandard({ triggers: { manual: requestTrigger({ schema: SCHEMA }) }, actions: viaJs })).length, 1);
});

test('not reported: body passed on whole, only headers or path parameters read, GET triggers, schema expressions, other trigger kinds', () => {
  const whole = { Decode: { type: 'ApiConnection', inputs: { body: '@triggerBody()', method: 'post', path: '/decode' }, runAfter: {} } };
  const headers = { Use: { type: 'Compose', inputs: "@triggerOutputs()['headers']['x-id'] @{triggerOutputs()['relativePathParameters']['id']}", runAfter: {} } };
  const t = (inputs?: Record<string, unknown>, kind: string | null = 'Http') => ({ manual: requestTrigger(inputs, kind) });
  const cases: Array<[string, string]> = [
    ['whole body', laStandard({ triggers: t({ schema: {} }), actions: whole })],
    ['headers and path', laStandard({ triggers: t({ schema: {} }), actions: headers })],
    ['GET', laStandard({ triggers: t({ method: 'GET' }), actions: reads })],
    ['schema expression', laStandard({ triggers: t({ schema: "@parameters('schema')" }), actions: reads })],
    ['agent kind', laStandard({ triggers: t({ schema: {} }, 'Agent'), actions: reads })],
  ];
  for (const [label, text] of cases) assert.deepEqual(runRule(ID, text), [], label);
});

test('ARM templates are checked like workflow.json', () => {
  const text = armTemplate({ triggers: { manual: requestTrigger({ schema: SCHEMA }) }, actions: reads });
  const [f] = runRule(ID, text);
  assert.equal(f.pointer, '/resources/0/properties/definition/triggers/manual');
  const fixed = applyFixAndCheck(ID, text, f);
  assert.equal(JSON.parse(fixed).resources[0].properties.definition.triggers.manual.operationOptions, 'EnableSchemaValidation');
});
