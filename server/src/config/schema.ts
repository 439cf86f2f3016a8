/**
 * The configuration file's JSON Schema (`schemas/lowcodeguard-config.schema.json`, imported as a JSON module so
 * esbuild bundles it) compiled once with ajv, lazily on first use. The schema has no `$ref` outside itself and ajv
 * loads nothing: no file system, no network.
 *
 * The same schema file is what VS Code's JSON language service uses for completion and hover in `.lowcodeguard.json`
 * (package.json `contributes.jsonValidation`): `allowComments`/`allowTrailingCommas` are VS Code's keywords for JSONC
 * files (vscode-json-languageservice, src/services/jsonValidation.ts), `x-expected` is ours (plain-words description
 * of accepted values, used in messages); all three are declared to ajv as annotation keywords.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import configSchema from '../../../schemas/lowcodeguard-config.schema.json';

/** Keywords of the schema that are annotations, not validation (ajv's strict mode needs them declared). */
const ANNOTATIONS = ['allowComments', 'allowTrailingCommas', 'x-expected'];

let compiled: ValidateFunction | undefined;

/**
 * The compiled validator (compiled on the first call, then cached for the life of the process).
 * `allErrors` so one pass reports every problem; `verbose` so errors carry `parentSchema` (read for `x-expected`).
 * `files` is `"type": ["string", "array"]` with string and array keywords side by side (each applies only to its
 * type), hence `allowUnionTypes`.
 */
export function configValidator(): ValidateFunction {
  if (!compiled) {
    const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, strictTypes: false, allowUnionTypes: true, validateSchema: false });
    ajv.addVocabulary(ANNOTATIONS);
    compiled = ajv.compile(configSchema);
  }
  return compiled;
}

/** The schema document (for tests and for the levels list). */
export const CONFIG_SCHEMA = configSchema;

export type { ErrorObject };
