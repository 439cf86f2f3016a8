/**
 * The configuration file's JSON Schema (`schemas/lowcodeguard-config.schema.json`, imported as a JSON module so
 * esbuild bundles it), validated by code ajv generated from it at build time. The schema has no `$ref` outside itself and ajv
 * loads nothing: no file system, no network.
 *
 * The same schema file is what VS Code's JSON language service uses for completion and hover in `.lowcodeguard.json`
 * (package.json `contributes.jsonValidation`): `allowComments`/`allowTrailingCommas` are VS Code's keywords for JSONC
 * files (vscode-json-languageservice, src/services/jsonValidation.ts), `x-expected` is ours (plain-words description
 * of accepted values, used in messages); all three are declared to ajv as annotation keywords.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import configSchema from '../../../schemas/lowcodeguard-config.schema.json';
import { validate as generated } from '../engine/schema/generated/config-validator';

/**
 * The compiled validator: ajv standalone code generated at build time (server/src/engine/schema/generate.ts, options
 * and annotation keywords there), so no process compiles the schema at run time.
 * `allErrors` so one pass reports every problem; `verbose` so errors carry `parentSchema` (read for `x-expected`).
 * `files` is `"type": ["string", "array"]` with string and array keywords side by side (each applies only to its
 * type), hence `allowUnionTypes`.
 */
export function configValidator(): ValidateFunction {
  return generated as unknown as ValidateFunction;
}

/** The schema document (for tests and for the levels list). */
export const CONFIG_SCHEMA = configSchema;

export type { ErrorObject };
