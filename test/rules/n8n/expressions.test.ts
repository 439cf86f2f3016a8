import { test } from 'node:test';
import assert from 'node:assert/strict';
import { containsExpression, expressionBlocks, isExpression, nodeReferences, quoteBlock, readsItemData, usesFromAI } from '../../../server/src/engine/rules/n8n/expressions';

test('isExpression: a string whose first character is "="', () => {
  assert.equal(isExpression('={{ $json.id }}'), true);
  assert.equal(isExpression('=plain'), true);
  assert.equal(isExpression(' ={{ $json.id }}'), false);
  assert.equal(isExpression('{{ $json.id }}'), false);
  assert.equal(isExpression(true), false);
  assert.equal(isExpression(undefined), false);
});

test('expressionBlocks: blocks of an expression with offsets in the value; plain strings only with inlineTemplates', () => {
  const v = '=SELECT * FROM t WHERE id = {{ $json.id }} AND x = {{$json.x}}';
  const blocks = expressionBlocks(v);
  assert.deepEqual(
    blocks.map((b) => v.slice(b.offset, b.offset + b.length)),
    ['{{ $json.id }}', '{{$json.x}}'],
  );
  assert.deepEqual(blocks.map((b) => b.code), [' $json.id ', '$json.x']);
  assert.deepEqual(expressionBlocks('SELECT {{ $json.id }}'), []);
  assert.deepEqual(expressionBlocks('SELECT {{ $json.id }}', { inlineTemplates: true }).map((b) => b.offset), [7]);
  assert.deepEqual(expressionBlocks('=*'), []);
  assert.equal(containsExpression('=a {{ 1 }}'), true);
  assert.equal(containsExpression('a {{ 1 }}'), false);
  assert.equal(containsExpression(42), false);
});

test('readsItemData: input items, named nodes and $fromAI count; time, env and workflow metadata do not', () => {
  for (const code of ['$json.id', '$input.first().json.a', "$('Webhook').item.json.body", '$node["Set"].json["x"]', '$item(0).$node.A', 'items[0].json.a', '$binary.data', '$fromAI("q")', '$fromai("q")']) {
    assert.equal(readsItemData(code), true, code);
  }
  for (const code of ['$now.toISO()', 'new Date().toISOString()', '$execution.id', '$workflow.name', '$env.HOST', '$vars.table', '$runIndex', '$prevNode.name', '$jsonOther']) {
    assert.equal(readsItemData(code), false, code);
  }
  assert.equal(usesFromAI(' $fromAI("sql") '), true);
  assert.equal(usesFromAI('$json.fromAI'), false);
});

test('nodeReferences: names and the json field read, for every reference style', () => {
  assert.deepEqual(nodeReferences("$('CONFIG').first().json.project_path"), [{ name: 'CONFIG', field: 'project_path' }]);
  assert.deepEqual(nodeReferences('$("Set Vars").item.json["dir name"]'), [{ name: 'Set Vars', field: 'dir name' }]);
  assert.deepEqual(nodeReferences('$node["Webhook"].json["body"]["q"]'), [{ name: 'Webhook', field: 'body' }]);
  assert.deepEqual(nodeReferences('$node["Webhook"].data["query"]'), [{ name: 'Webhook', field: undefined }]);
  assert.deepEqual(nodeReferences('$node.Webhook.json.body'), [{ name: 'Webhook', field: 'body' }]);
  assert.deepEqual(nodeReferences("$items('A')[0].json.x"), [{ name: 'A', field: undefined }]);
  assert.deepEqual(nodeReferences("$('It\\'s').item.json.a"), [{ name: "It's", field: 'a' }]);
  assert.deepEqual(nodeReferences("$('Local File Trigger').params.path"), [{ name: 'Local File Trigger', params: true }]);
  assert.deepEqual(nodeReferences('$json.a'), []);
});

test('quoteBlock trims, folds whitespace and cuts long code', () => {
  assert.equal(quoteBlock({ code: '  $json.id\n ', offset: 0, length: 0 }), '{{ $json.id }}');
  assert.equal(quoteBlock({ code: 'x'.repeat(60), offset: 0, length: 0 }, 10), `{{ ${'x'.repeat(9)}… }}`);
});
