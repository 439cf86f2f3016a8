import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { jsonHead, preview } from '../../server/src/engine/schema/messages';
import { analyze } from '../../server/src/engine';
import { fake } from '../rules/common/fakes';

test('jsonHead is JSON.stringify when the text fits, and a prefix of it cut past the limit otherwise', () => {
  fc.assert(
    fc.property(fc.jsonValue(), fc.integer({ min: 1, max: 200 }), (v, limit) => {
      const full = JSON.stringify(v);
      const head = jsonHead(v, limit)!;
      if (full.length <= limit) assert.equal(head, full);
      else {
        assert.ok(full.startsWith(head), `${head} / ${full}`);
        assert.ok(head.length > limit, `${head.length} <= ${limit}`);
      }
    }),
    { seed: 424246, numRuns: 2000 },
  );
  assert.equal(jsonHead({ a: undefined, b: [undefined, 1] }, 100), JSON.stringify({ a: undefined, b: [undefined, 1] }));
  const huge = Object.fromEntries(Array.from({ length: 60_000 }, (_, i) => [`k${i}`, i]));
  assert.equal(jsonHead(huge, 100), JSON.stringify(huge).slice(0, jsonHead(huge, 100)!.length));
  assert.ok(jsonHead(huge, 100)!.length < 120);
});

test('a schema message never shows part of a secret: the value is redacted before it is cut to 40 characters', () => {
  const token = fake('ghp_', 36);
  assert.ok(!preview(token).includes(token.slice(4, 14)), preview(token));
  const text = JSON.stringify({ nodes: [], connections: {}, settings: { executionOrder: token } });
  const messages = analyze(text).findings.map((f) => f.message).join('\n');
  assert.match(messages, /executionOrder/);
  assert.ok(!messages.includes(token.slice(4, 14)), messages);
});
