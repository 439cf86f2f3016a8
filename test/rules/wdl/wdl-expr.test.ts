import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expressionRefs, expressionSegments } from '../../../server/src/engine/rules/wdl/wdl-expr';

test('a value starting with @ is one expression; @@ escapes it; @{…} segments are found inside other strings', () => {
  assert.deepEqual(expressionSegments("@triggerBody()?['id']"), [{ start: 1, end: 21, text: "triggerBody()?['id']" }]);
  assert.deepEqual(expressionSegments('plain text'), []);
  assert.deepEqual(expressionSegments('@@literal'), []);
  const s = "Id = '@{triggerBody()?['id']}' and @{variables('x')}";
  assert.deepEqual(
    expressionSegments(s).map((g) => s.slice(g.start, g.end)),
    ["triggerBody()?['id']", "variables('x')"],
  );
  assert.deepEqual(expressionSegments("@{concat('}', 'a')} tail").map((g) => g.text), ["concat('}', 'a')"], 'a brace inside a literal does not close');
  assert.deepEqual(expressionSegments('@{unterminated'), []);
  assert.deepEqual(expressionSegments("@@ then @{body('A')}").map((g) => g.text), ["body('A')"]);
});

test('calls with their literal argument and position; calls inside string literals are not calls', () => {
  const s = "@concat('SELECT body(''x'') ', body('Get rows')?['n'], triggerBody(), variables('it''s'))";
  const refs = expressionRefs(s);
  assert.deepEqual(
    refs.map((r) => [r.fn, r.arg]),
    [['concat', 'SELECT body(\'x\') '], ['body', 'Get rows'], ['triggerbody', undefined], ['variables', "it's"]],
  );
  const body = refs[1];
  assert.equal(s.slice(body.start, body.end), "body('Get rows'");
  assert.deepEqual(expressionRefs('no expression(here)'), []);
  assert.deepEqual(expressionRefs("x @{item()?['a']} y").map((r) => r.fn), ['item']);
});
