/**
 * The schema validators the engine runs: ajv standalone code generated at build time from `schemas/` (see
 * generate.ts; files under `generated/`), so no process compiles a schema at run time (that cost ~0.7 s of CPU per
 * process). Each one is the function `createAjv().getSchema(entry)` (compile.ts) would compile: call it with a value,
 * read `.errors` (ajv `ErrorObject`s, verbose: with `schema`, `parentSchema` and `data`) when it returns false.
 */
import type { ValidateFunction } from 'ajv';
import type { SchemaKey } from './compile';
import * as generated from './generated/format-validators';

const BY_KEY: Readonly<Record<SchemaKey, unknown>> = {
  n8n: generated.n8n,
  'node-red': generated.node_red,
  wdl: generated.wdl,
  'power-automate': generated.power_automate,
  'logic-apps-standard': generated.logic_apps_standard,
  'logic-apps-resource': generated.logic_apps_resource,
};

/** The validator of a schema entry point. Throws only for a key without a generated validator (a bug). */
export function validatorFor(key: SchemaKey): ValidateFunction {
  const v = BY_KEY[key];
  if (typeof v !== 'function') throw new Error(`no generated validator for schema entry point ${key}`);
  return v as ValidateFunction;
}
