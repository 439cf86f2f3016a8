/**
 * Schema validation of detected documents against the JSON Schemas in `schemas/` (one per format), with validators
 * ajv generated at build time (validators.ts). Each flow of a document is validated at its own pointer (every workflow of an n8n
 * export list, every Microsoft.Logic/workflows resource of an ARM template), and each error maps back to a range
 * through its JSON Pointer:
 * - a wrong value (type, enum, pattern, …): the value;
 * - an unknown member (`additionalProperties`): that member's key;
 * - a missing member (`required`): the key under which the incomplete object sits, or, for an array element or the
 *   document root (no key), the object's opening brace;
 * - a failed `oneOf`/`anyOf`: only the best-matching branch's errors (errors.ts).
 * Severity comes from the schema (`x-severity`, see errors.ts): error where the platform rejects the file, warning
 * otherwise. At most {@link MAX_SCHEMA_FINDINGS} reports per document.
 */
import type { Detection } from '../detect';
import type { Flow } from '../model';
import type { Report } from '../rule';
import type { JsonNode } from '../types';
import { prop, propNode, str } from '../json';
import { escapeToken, findAt, pathOf, toPointer } from '../pointer';
import type { SchemaKey } from './compile';
import { validatorFor } from './validators';
import { lazyValue } from './lazy-value';
import { collapseItems, selectBranches, severityOf } from './errors';
import { messageOf, subjectOf } from './messages';

/** Cap on schema reports per document; the last report says how many were left out. */
export const MAX_SCHEMA_FINDINGS = 50;

const WORKFLOW_RESOURCE = /^Microsoft\.Logic\/workflows$/i;

/**
 * What to validate for a flow: the node (the flow's root, or for a Logic Apps resource of another type such as a
 * gallery template, just its definition) and the schema entry point for it.
 */
export function schemaTargetOf(flow: Flow): { node: JsonNode; key: SchemaKey } {
  switch (flow.format) {
    case 'n8n':
      return { node: flow.root, key: 'n8n' };
    case 'node-red':
      return { node: flow.root, key: 'node-red' };
    case 'power-automate':
      return { node: flow.root, key: 'power-automate' };
    case 'logic-apps': {
      if (flow.subformat === 'standard') return { node: flow.root, key: 'logic-apps-standard' };
      if (flow.subformat === 'definition') return { node: flow.root, key: 'wdl' };
      const type = str(prop(flow.root, 'type'));
      if (type === undefined || WORKFLOW_RESOURCE.test(type)) return { node: flow.root, key: 'logic-apps-resource' };
      return { node: flow.definition ?? flow.root, key: 'wdl' };
    }
  }
}

/** A stand-in node for a range that is not a whole JSON value (an object's opening brace). */
function span(offset: number, length: number): JsonNode {
  return { type: 'object', offset, length };
}

/**
 * Validates a detected document; returns reports for rule id `json/schema-violation`. The validators read each part
 * through {@link lazyValue}: the value `JSON.parse` would give, built from the parse tree only as far as they read it.
 * Throws only on a bug (the engine turns that into an `engine/rule-error` finding).
 */
export function validateSchema(detection: Detection, root: JsonNode): Report[] {
  const reports: Report[] = [];
  for (const flow of detection.flows) {
    const target = schemaTargetOf(flow);
    const base = toPointer(pathOf(target.node));
    const validate = validatorFor(target.key);
    if (validate(lazyValue(target.node))) continue;
    for (const { error, more } of collapseItems(selectBranches(validate.errors ?? []))) {
      const at = base + error.instancePath;
      const severity = severityOf(error);
      let node: JsonNode | undefined;
      let pointer = at;
      if (error.keyword === 'required' || error.keyword === 'additionalProperties') {
        const obj = findAt(root, at);
        const key = String(error.keyword === 'required' ? error.params.missingProperty : error.params.additionalProperty);
        pointer = `${at}/${escapeToken(key)}`;
        if (obj && error.keyword === 'additionalProperties') node = propNode(obj, key)?.children?.[0];
        else if (obj) node = obj.parent?.type === 'property' ? obj.parent.children![0] : span(obj.offset, 1);
      } else {
        node = findAt(root, at);
      }
      node ??= flow.root;
      const subject = subjectOf(flow, root, base, at);
      reports.push({ at: node, pointer, severity, message: messageOf(error, flow.format, subject, at, more, severity) });
    }
  }
  return finish(reports);
}

/** Drops duplicates (same range and message) and applies the cap. */
function finish(reports: Report[]): Report[] {
  const seen = new Set<string>();
  const out: Report[] = [];
  for (const r of reports) {
    const k = `${r.at.offset}\u0000${r.at.length}\u0000${r.message}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(r);
  }
  if (out.length > MAX_SCHEMA_FINDINGS) {
    const left = out.length - MAX_SCHEMA_FINDINGS;
    out.length = MAX_SCHEMA_FINDINGS;
    const last = out[MAX_SCHEMA_FINDINGS - 1];
    out[MAX_SCHEMA_FINDINGS - 1] = { ...last, message: `${last.message} (${left} more schema problems not shown)` };
  }
  return out;
}
