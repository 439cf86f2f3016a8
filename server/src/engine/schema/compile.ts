/**
 * The JSON Schemas in `schemas/` (imported as JSON modules) and the ajv set-up that compiles them. Used at build time
 * (generate.ts turns it into standalone validator code under `generated/`, which is what the engine runs: see
 * validators.ts) and by tests; nothing shipped imports this module, so no process compiles schemas at run time.
 * Nothing here touches the file system or the network: every `$ref` between the schemas resolves by `$id` inside the
 * ajv instance.
 *
 * Why draft-07: ajv's default class validates draft-07 without extra vocabularies (smaller code than the 2020-12
 * class, which also carries dynamic refs and unevaluated*), and VS Code's JSON language service supports draft-07
 * completely, so the same files can be offered to editors for completion and hover.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import n8nSchema from '../../../../schemas/n8n-workflow.schema.json';
import nodeRedSchema from '../../../../schemas/node-red-flow.schema.json';
import wdlSchema from '../../../../schemas/wdl-definition.schema.json';
import powerAutomateSchema from '../../../../schemas/power-automate-flow.schema.json';
import logicAppsSchema from '../../../../schemas/logic-apps-workflow.schema.json';

/** Annotation keywords of our schemas: `x-severity` (`"error"|"warning"`, or keyword → severity) and `x-expected` (plain-words description of accepted values). */
export const ANNOTATION_KEYWORDS = ['x-severity', 'x-expected'] as const;

/** The schema entry points the validator uses, one per file shape. */
export type SchemaKey = 'n8n' | 'node-red' | 'wdl' | 'power-automate' | 'logic-apps-standard' | 'logic-apps-resource';

/** Every schema document, in dependency order (the WDL schema first: the others `$ref` it by `$id`). */
export const SCHEMAS = [wdlSchema, n8nSchema, nodeRedSchema, powerAutomateSchema, logicAppsSchema] as const;

/** The `$id` (with a fragment for a definition) of each entry point. */
export const ENTRY_POINTS: Readonly<Record<SchemaKey, string>> = {
  n8n: n8nSchema.$id,
  'node-red': nodeRedSchema.$id,
  wdl: wdlSchema.$id,
  'power-automate': powerAutomateSchema.$id,
  'logic-apps-standard': `${logicAppsSchema.$id}#/definitions/standardWorkflow`,
  'logic-apps-resource': `${logicAppsSchema.$id}#/definitions/workflowResource`,
};

/**
 * ajv options. `allErrors: true` so one pass reports every problem of a file (valid files cost the same either way);
 * `verbose: true` so each error carries its `parentSchema` (read for `x-severity`/`x-expected`) and `data`.
 * `strict: true` catches unknown keywords (typos) in our schemas; union types are allowed on purpose
 * (`"type": ["integer", "string"]` for a number-or-expression); the strictTypes/strictTuples/strictRequired
 * lints are off because they only log to the console. `validateSchema: false` skips checking our schemas against the
 * draft-07 meta-schema on every start (measured at a few hundred ms); test/engine/schema.test.ts does that check.
 */
export const AJV_OPTIONS = {
  allErrors: true,
  validateSchema: false,
  verbose: true,
  strict: true,
  strictTypes: false,
  strictTuples: false,
  strictRequired: false,
  allowUnionTypes: true,
} as const;

/** Creates an ajv instance that knows all our schemas (not compiled yet). Exported for tests. */
export function createAjv(options: { [K in keyof typeof AJV_OPTIONS]?: boolean } = {}): Ajv {
  const ajv = new Ajv({ ...AJV_OPTIONS, ...options });
  ajv.addVocabulary([...ANNOTATION_KEYWORDS]);
  for (const s of SCHEMAS) ajv.addSchema(s);
  return ajv;
}

let shared: Ajv | undefined;
const compiled = new Map<SchemaKey, ValidateFunction>();

/**
 * The validator of an entry point compiled at run time by ajv (compiled on first call, then cached for the life of the
 * process). For tests that compare with the generated validators; the engine uses validators.ts.
 */
export function validatorFor(key: SchemaKey): ValidateFunction {
  let v = compiled.get(key);
  if (!v) {
    shared ??= createAjv();
    v = shared.getSchema(ENTRY_POINTS[key]);
    if (!v) throw new Error(`schema entry point not found: ${ENTRY_POINTS[key]}`);
    compiled.set(key, v);
  }
  return v;
}

export type { ErrorObject };
