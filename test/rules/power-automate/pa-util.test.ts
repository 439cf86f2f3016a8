import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apiNameFromId, expressionParts, namedRefs, readsData, readsTrigger, sameCase } from '../../../server/src/engine/rules/power-automate/pa-util';

test('expressionParts: a whole-string expression, interpolations with braces and quotes inside, escapes', () => {
  assert.deepEqual(expressionParts("@concat('a', 'b')"), [{ start: 0, end: 17, expr: "concat('a', 'b')" }]);
  const s = "x = '@{triggerBody()?['a}b']}' and y = @{json('{\"k\": 1}')?['k']}";
  const parts = expressionParts(s);
  assert.deepEqual(parts.map((p) => s.slice(p.start, p.end)), ["@{triggerBody()?['a}b']}", "@{json('{\"k\": 1}')?['k']}"]);
  assert.deepEqual(parts.map((p) => p.expr), ["triggerBody()?['a}b']", "json('{\"k\": 1}')?['k']"]);
  assert.deepEqual(expressionParts("it''s @{variables('it''s}')} done"), [{ start: 6, end: 28, expr: "variables('it''s}')" }]);
  assert.deepEqual(expressionParts('@@literal and @@{not} one'), []);
  assert.deepEqual(expressionParts('plain text'), []);
  assert.deepEqual(expressionParts('open @{triggerBody()'), [{ start: 5, end: 20, expr: 'triggerBody()' }]);
});

test('readsTrigger / readsData / namedRefs', () => {
  assert.ok(readsTrigger("triggerOutputs()?['body/x']") && readsTrigger('trigger().outputs') && readsTrigger("triggerFormDataValue('a')"));
  assert.ok(!readsTrigger("parameters('x')") && !readsTrigger("workflow()['run']"));
  assert.ok(readsData("body('Get_item')") && readsData('item()') && readsData("variables('v')"));
  assert.ok(!readsData("parameters('Schema (new_Schema)')") && !readsData('utcNow()') && !readsData("guid()"));
  assert.deepEqual(namedRefs("concat(variables('a'), outputs('It''s'), body( 'B' ))", ['outputs', 'body']), ["It's", 'B']);
});

test('apiNameFromId and sameCase', () => {
  assert.equal(apiNameFromId('/providers/Microsoft.PowerApps/apis/shared_Office365'), 'shared_office365');
  assert.equal(sameCase('embedded', 'invoker'), 'invoker');
  assert.equal(sameCase('Embedded', 'invoker'), 'Invoker');
  assert.equal(sameCase('USER', 'Tenant'), 'TENANT');
  assert.equal(sameCase('User', 'tenant'), 'Tenant');
});
