/**
 * The "VS Code's JSON validation" baseline: vscode-json-languageservice (the library behind VS Code's JSON support)
 * parsing a document and running `doValidation` with OUR JSON Schema for its format, as VS Code does when a schema
 * is associated with a file (`json.schemas`): schemas are registered once and resolved once, then cached.
 *
 * Which schema a file gets follows our detection (format/subformat from the engine, computed before timing):
 * n8n → n8n-workflow, n8n workflow list → array of it, Node-RED → node-red-flow, Power Automate → power-automate-flow,
 * Logic Apps standard → logic-apps-workflow#standardWorkflow, bare definition → wdl-definition, resource →
 * its `properties.definition` against wdl-definition (as our validator does for those), ARM templates and files that
 * are not low-code definitions → no schema (JSON syntax only).
 */
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BASELINES, ROOT } from './util.mjs';

const require = createRequire(path.join(BASELINES, 'package.json'));
const { getLanguageService, TextDocument } = require('vscode-json-languageservice');

const schema = (f) => JSON.parse(fs.readFileSync(path.join(ROOT, 'schemas', f), 'utf8'));

/** Schema kind (a file-name suffix used for the association) for a detection. */
export function schemaKind(format, subformat) {
  if (format === 'n8n') return subformat === 'workflow-list' ? 'n8n-list' : 'n8n';
  if (format === 'node-red') return 'node-red';
  if (format === 'power-automate') return 'power-automate';
  if (format === 'logic-apps') return { standard: 'la-standard', definition: 'wdl', resource: 'la-resource' }[subformat] ?? 'none';
  return 'none';
}

/** Creates a configured language service; `validate(text, kind)` resolves with the diagnostics count. */
export function createJsonValidator() {
  const files = ['wdl-definition', 'n8n-workflow', 'node-red-flow', 'power-automate-flow', 'logic-apps-workflow'].map((n) => schema(`${n}.schema.json`));
  const [wdl, n8n, nodeRed, pa, la] = files;
  const ls = getLanguageService({
    schemaRequestService: (uri) => Promise.reject(new Error(`unexpected schema request: ${uri}`)),
  });
  const assoc = (kind, s) => ({ uri: `bench://schema/${kind}`, fileMatch: [`*.${kind}.json`], schema: s });
  ls.configure({
    validate: true,
    allowComments: true,
    schemas: [
      ...files.map((s) => ({ uri: s.$id, schema: s })),
      assoc('n8n', { $ref: n8n.$id }),
      assoc('n8n-list', { type: 'array', items: { $ref: n8n.$id } }),
      assoc('node-red', { $ref: nodeRed.$id }),
      assoc('power-automate', { $ref: pa.$id }),
      assoc('la-standard', { $ref: `${la.$id}#/definitions/standardWorkflow` }),
      assoc('wdl', { $ref: wdl.$id }),
      assoc('la-resource', { type: 'object', properties: { properties: { type: 'object', properties: { definition: { $ref: wdl.$id } } } } }),
    ],
  });
  let n = 0;
  return {
    /** Parses and validates one text; resolves with the number of diagnostics. */
    async validate(text, kind) {
      const doc = TextDocument.create(`file:///bench/${n++}.${kind}.json`, 'json', 1, text);
      const json = ls.parseJSONDocument(doc);
      const diags = await ls.doValidation(doc, json, { comments: 'ignore', trailingCommas: 'error' });
      return diags.length;
    },
  };
}
