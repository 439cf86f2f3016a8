import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseTree } from 'jsonc-parser';
import fc from 'fast-check';
import { lazyValue } from '../../server/src/engine/schema/lazy-value';
import { validatorFor } from '../../server/src/engine/schema/validators';
import { parseFast } from '../../server/src/engine/parse';
import { CORPUS } from '../helpers';

/** The lazy view of a strict-JSON text's root. */
function view(text: string): unknown {
  const root = parseFast(text);
  assert.ok(root, text);
  return lazyValue(root);
}

test('the lazy view is the value JSON.parse gives: keys, order, duplicates, __proto__, nesting, prototype', () => {
  const texts = [
    '{"b":1,"a":[1,{"x":null}],"c":"s"}',
    '{"a":1,"b":2,"a":3}', // duplicate: first position, last value
    '{"b":0,"10":1,"2":2,"x":3,"0":4,"01":5,"4294967295":6,"4294967294":7}', // index keys first, ascending
    '{"__proto__":{"polluted":true},"constructor":1}',
    '[[1,[2,[3]]],{"a":{"b":{"c":[{}]}}}]',
    '{"s":"caf\\u00e9 \\"q\\"","n":-1.5e3,"t":true,"f":false,"z":null}',
    '"just a string"',
    '42',
  ];
  for (const text of texts) {
    const v = view(text);
    const expected = JSON.parse(text);
    assert.equal(JSON.stringify(v), JSON.stringify(expected), text);
    assert.deepStrictEqual(v, expected, text);
    if (expected && typeof expected === 'object' && !Array.isArray(expected)) {
      assert.deepEqual(Object.keys(v as object), Object.keys(expected), text);
      assert.equal(Object.getPrototypeOf(v), Object.prototype);
      assert.equal(Object.prototype.hasOwnProperty.call(v, Object.keys(expected)[0]), true);
      assert.equal('toString' in (v as object), true); // inherited, as on a JSON.parse object
      const forIn: string[] = [];
      for (const k in v as object) forIn.push(k);
      assert.deepEqual(forIn, Object.keys(expected), text);
    }
  }
  const polluted = view('{"__proto__":{"polluted":true}}') as Record<string, unknown>;
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  assert.deepEqual(Object.keys(polluted), ['__proto__']);
});

/** Keys in the view's order at every level, for comparing orders (deepStrictEqual does not). */
function keyOrder(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(keyOrder);
  if (v && typeof v === 'object') return Object.keys(v).map((k) => [k, keyOrder((v as Record<string, unknown>)[k])]);
  return v;
}

test('property: the lazy view equals JSON.parse on generated JSON (odd keys, duplicates, index keys), order included', () => {
  const key = fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'toString', '0', '1', '10', '01', '-1', '4294967294', '4294967295', 'a', 'a'));
  const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
    v: fc.oneof({ depthSize: 'small' }, fc.string(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null), fc.array(tie('v'), { maxLength: 4 }), tie('o')),
    // Objects as member lists, so that a key can repeat (JSON text, not a JS object).
    o: fc.array(fc.tuple(key, tie('v')), { maxLength: 5 }),
  })).v;
  const text = (v: unknown): string =>
    Array.isArray(v) && v.every((m) => Array.isArray(m) && m.length === 2 && typeof m[0] === 'string') && v.length > 0
      ? `{${(v as [string, unknown][]).map(([k, x]) => `${JSON.stringify(k)}:${text(x)}`).join(',')}}`
      : Array.isArray(v)
        ? `[${v.map(text).join(',')}]`
        : JSON.stringify(v);
  fc.assert(
    fc.property(value, (v) => {
      const t = text(v);
      const expected = JSON.parse(t);
      const got = view(t);
      assert.deepStrictEqual(got, expected, t);
      assert.deepEqual(keyOrder(got), keyOrder(expected), t);
    }),
    { seed: 424244, numRuns: 2000 },
  );
});

test('the lazy view refuses writes; a member is built once and kept', () => {
  const v = view('{"a":{"b":1}}') as Record<string, unknown>;
  assert.throws(() => {
    v.a = 2; // strict mode: a refused [[Set]] throws
  }, TypeError);
  assert.equal(Reflect.deleteProperty(v, 'a'), false);
  assert.equal(Reflect.defineProperty(v, 'z', { value: 1 }), false);
  assert.deepEqual(v.a, { b: 1 });
  assert.equal(v.a, v.a);
});

test('JSONC: comments are not values; the view of a commented document equals JSON.parse of it without comments', () => {
  const jsonc = '{\n  // note\n  "a": 1, /* c */ "b": [2]\n}';
  const root = parseTree(jsonc, [], { disallowComments: false });
  assert.ok(root);
  assert.deepStrictEqual(lazyValue(root), { a: 1, b: [2] });
});

/** A validator's verdict and errors as plain data (`data` through JSON, as messages read it). */
function outcome(key: Parameters<typeof validatorFor>[0], value: unknown): unknown {
  const v = validatorFor(key);
  const ok = v(value);
  return { ok, errors: JSON.parse(JSON.stringify(v.errors ?? null)) };
}

test('corpus: the validators give the same verdict and errors over the lazy view as over JSON.parse, every flow', { skip: !CORPUS && 'shared corpus not found at ../shared/corpus' }, async () => {
  const { analyze } = await import('../../server/src/engine');
  const { schemaTargetOf } = await import('../../server/src/engine/schema/validate');
  const { pathOf } = await import('../../server/src/engine/pointer');
  let checked = 0;
  let invalid = 0;
  const walk = (d: string): string[] => fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : e.name.endsWith('.json') ? [path.join(d, e.name)] : []));
  for (const file of walk(CORPUS!)) {
    const text = fs.readFileSync(file, 'utf8');
    let parsed: unknown;
    try {
      parsed = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    } catch {
      continue; // not strict JSON: JSON.parse has no value to compare with
    }
    const r = analyze(text, { only: [], skipSchema: true });
    for (const flow of r.detection?.flows ?? []) {
      const { node, key } = schemaTargetOf(flow);
      let expected = parsed;
      for (const step of pathOf(node)) expected = (expected as Record<string | number, unknown>)[step];
      const got = outcome(key, lazyValue(node));
      assert.deepEqual(got, outcome(key, expected), `${file} ${key}`);
      if (!(got as { ok: boolean }).ok) invalid++;
      checked++;
    }
  }
  assert.ok(checked > 2500, `only ${checked} flows checked`);
  assert.ok(invalid > 100, `only ${invalid} invalid flows: the comparison should cover errors too`);
});
