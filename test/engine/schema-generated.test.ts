import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { GENERATED_FILES } from '../../server/src/engine/schema/generate';
import { ENTRY_POINTS, validatorFor as compiledValidator, type SchemaKey } from '../../server/src/engine/schema/compile';
import { validatorFor } from '../../server/src/engine/schema/validators';
import { configValidator } from '../../server/src/config/schema';
import { CONFIG_AJV_OPTIONS, CONFIG_ANNOTATIONS } from '../../server/src/engine/schema/generate';
import { CONFIG_SCHEMA } from '../../server/src/config/schema';
import Ajv from 'ajv';
import { CORPUS } from '../helpers';

const DIR = path.resolve(__dirname, '..', '..', 'server', 'src', 'engine', 'schema', 'generated');

test('the committed generated validators are what schemas/ and generate.ts give now (run node scripts/gen-schema-validators.mjs)', () => {
  for (const [name, generate] of Object.entries(GENERATED_FILES)) {
    const file = path.join(DIR, name);
    assert.ok(fs.existsSync(file), `${name} is missing`);
    assert.ok(fs.readFileSync(file, 'utf8') === generate(), `${name} is stale: run node scripts/gen-schema-validators.mjs`);
  }
});

/** Runs a validator on a value; the result and its errors as plain data. */
function outcome(v: (x: unknown) => boolean & unknown, value: unknown): unknown {
  const ok = (v as (x: unknown) => boolean)(value);
  return { ok, errors: JSON.parse(JSON.stringify((v as unknown as { errors?: unknown }).errors ?? null)) };
}

test('generated and run-time compiled validators give the same errors (every entry point, valid and broken values)', () => {
  const values: unknown[] = [
    {},
    [],
    null,
    'x',
    { nodes: 'x', connections: [] },
    { nodes: [{ id: 1, name: 2, type: 'n8n-nodes-base.set', typeVersion: 'x', position: [0], parameters: [] }], connections: {}, tags: ['a'], active: 'false' },
    [{ id: 'a', type: 'tab' }, { id: 'b' }, { type: 'inject', wires: 'x' }],
    { definition: { $schema: 'x', triggers: { t: { type: 'Request' } }, actions: { a: { type: 'Http', runAfter: { b: ['Done'] } } } }, kind: 'Nope' },
    { type: 'Microsoft.Logic/workflows', properties: { definition: { actions: [] } } },
    { properties: { definition: { triggers: {}, actions: { a: { type: 5 } } }, connectionReferences: 3 } },
  ];
  for (const key of Object.keys(ENTRY_POINTS) as SchemaKey[]) {
    for (const value of values) assert.deepEqual(outcome(validatorFor(key), value), outcome(compiledValidator(key), value), `${key} ${JSON.stringify(value)}`);
  }
});

test('generated and run-time compiled configuration validators give the same errors', () => {
  const ajv = new Ajv({ ...CONFIG_AJV_OPTIONS });
  ajv.addVocabulary(CONFIG_ANNOTATIONS);
  const compiled = ajv.compile(CONFIG_SCHEMA);
  for (const value of [{}, [], { rules: { 'n8n/x': 'loud' }, ignore: 3 }, { suppressions: [{ rule: 1, files: ['a', 2], pointer: 'x' }], extra: true }, { rules: { a: 'off' }, ignore: ['**/x'] }]) {
    assert.deepEqual(outcome(configValidator(), value), outcome(compiled, value), JSON.stringify(value));
  }
});

test('corpus: generated and compiled validators agree on every corpus file of each format', { skip: !CORPUS && 'shared corpus not found at ../shared/corpus' }, async () => {
  const { analyze } = await import('../../server/src/engine');
  const { schemaTargetOf } = await import('../../server/src/engine/schema/validate');
  const { getNodeValue } = await import('jsonc-parser');
  let checked = 0;
  const walk = (d: string): string[] => fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : e.name.endsWith('.json') ? [path.join(d, e.name)] : []));
  for (const file of walk(CORPUS!)) {
    const text = fs.readFileSync(file, 'utf8');
    const r = analyze(text, { only: [], skipSchema: true });
    for (const flow of r.detection?.flows ?? []) {
      const { node, key } = schemaTargetOf(flow);
      const value = getNodeValue(node);
      assert.deepEqual(outcome(validatorFor(key), value), outcome(compiledValidator(key), value), `${file} ${key}`);
      checked++;
    }
  }
  assert.ok(checked > 2500, `only ${checked} flows checked`);
});
