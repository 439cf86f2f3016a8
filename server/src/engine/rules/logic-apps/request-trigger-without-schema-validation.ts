/**
 * logic-apps/request-trigger-without-schema-validation — a Request trigger whose body the workflow uses, but which
 * accepts any body: no JSON schema, or a schema that is not enforced.
 *
 * Facts:
 * - The Request trigger ("When an HTTP request is received") takes an optional `inputs.schema`, "a JSON schema that
 *   describes the properties and values in the incoming request body"; the designer uses it to offer tokens but does
 *   not check requests against it. The trigger's **Schema Validation** setting does: "If the inbound call's request
 *   body doesn't match your schema, the trigger returns an HTTP 400 Bad Request error" (Microsoft Learn, "Receive and
 *   respond to inbound HTTPS calls to workflows in Azure Logic Apps").
 * - In the definition that setting is the operation option `EnableSchemaValidation` on the trigger; `operationOptions`
 *   is a comma-separated list matched without regard to case, which the designer writes joined with ", "
 *   (Azure/LogicAppsUX: `OperationOptions.EnableSchemaValidation`, request trigger manifest `settings.operationOptions`;
 *   `isOperationOptionSet` and `getSerializedOperationOptions` in `libs/designer/src/lib/core/actions/bjsworkflow`).
 *   The quick fix adds it (a schema is needed; without one there is nothing to validate, so no fix is offered).
 * - Only body-carrying requests are judged: triggers restricted to `GET`/`HEAD` are skipped, and so are workflows
 *   that never read a field of the JSON body (`triggerBody()?['x']`, `triggerOutputs()['body']['x']`,
 *   `workflowContext.trigger.outputs.body.x`): a body passed on whole (AS2/X12 or flat-file decoding, blob upload)
 *   is not JSON the schema could describe, and relative-path parameters and headers are not validated by it.
 *
 * Severity info: a schema is a first filter on input, not a defence by itself; the findings that matter more (SQL or
 * code built from the body) have their own rules.
 */
import { defineRule } from '../../rule';
import type { Flow, Step } from '../../model';
import type { Fix, JsonNode } from '../../types';
import { replaceString, setProperty } from '../../fix';
import { propNode } from '../../json';
import { isHttpRequestTrigger, keyCI, lowerStr, propCI, typeNodeOf } from '../wdl/wdl-util';
import { expressionSegments } from '../wdl/wdl-expr';
import { logicFlows, ownStrings } from './la-util';

/** The operation option that turns on schema validation (as the designer spells it). */
export const SCHEMA_VALIDATION_OPTION = 'EnableSchemaValidation';

/**
 * Reads a field of the trigger's JSON body: `triggerBody()?['x']`, `triggerBody().x`, `triggerOutputs()['body']['x']`
 * (and `?` variants). Passing the whole body on (to a decoder, a blob, a queue) does not assume JSON, so it does not count.
 */
// (`\s*(?:\?\s*)?`, not `\s*\??\s*`: two whitespace runs around an optional `?` backtrack cubically.)
const BODY_FIELD = /\btriggerBody\(\s*\)\s*(?:\?\s*)?[[.]|\btriggerOutputs\(\s*\)\s*(?:\?\s*)?\[\s*'body'\s*\]\s*(?:\?\s*)?[[.]/i;
/** The same in inline JavaScript: `workflowContext.trigger.outputs.body.x` / `…body['x']`. */
const JS_BODY_FIELD = /\bworkflowContext\s*\.\s*trigger\s*\.\s*outputs\s*\.\s*body\s*[[.]/;

/** True when some action reads a field of the trigger's JSON body. */
function readsBodyFields(flow: Flow): boolean {
  for (const step of flow.steps) {
    if (step.kind !== 'action') continue;
    let found = false;
    ownStrings(step, (v) => {
      if (found) return;
      const s = v.value as string;
      found = expressionSegments(s).some((seg) => BODY_FIELD.test(seg.text)) || (step.type.toLowerCase() === 'javascriptcode' && JS_BODY_FIELD.test(s));
    });
    if (found) return true;
  }
  return false;
}

/** True for a schema with at least one keyword (an empty `{}` validates nothing). */
function hasSchema(schema: JsonNode | undefined): boolean {
  return !!schema && schema.type === 'object' && (schema.children?.length ?? 0) > 0;
}

/** The lower-cased, trimmed operation options of a step. */
function optionsOf(node: JsonNode | undefined): string[] {
  const s = lowerStr(node);
  return s === undefined ? [] : s.split(',').map((o) => o.trim());
}

function enableFix(text: string, step: Step, opts: JsonNode | undefined): Fix | undefined {
  const title = `Turn on Schema Validation for "${step.name}" (reject non-matching bodies with 400)`;
  if (opts && opts.type === 'string') {
    const cur = (opts.value as string).trim();
    return { title, edits: replaceString(opts, cur ? `${cur}, ${SCHEMA_VALIDATION_OPTION}` : SCHEMA_VALIDATION_OPTION), isPreferred: true };
  }
  if (opts) return undefined;
  return { title, edits: setProperty(text, step.node, 'operationOptions', SCHEMA_VALIDATION_OPTION), isPreferred: true };
}

export default defineRule(
  {
    id: 'logic-apps/request-trigger-without-schema-validation',
    owasp: 'LCNC-SEC-06',
    defaultSeverity: 'info',
    description: 'Request trigger whose body the workflow uses without a JSON schema, or with Schema Validation (EnableSchemaValidation) off.',
    formats: ['logic-apps'],
    fixable: true,
  },
  (ctx) => {
    for (const flow of logicFlows(ctx)) {
      const triggers = flow.steps.filter(isHttpRequestTrigger);
      if (!triggers.length || !readsBodyFields(flow)) continue;
      for (const step of triggers) {
        const method = lowerStr(propCI(step.params, 'method'));
        if (method === 'get' || method === 'head') continue;
        const schema = propCI(step.params, 'schema');
        if (schema && schema.type === 'string') continue; // an expression: not knowable here
        const optsNode = propCI(step.node, 'operationOptions');
        if (!hasSchema(schema)) {
          ctx.report({
            at: typeNodeOf(step),
            pointer: step.pointer,
            message: `Request trigger "${step.name}" accepts any request body: it has no JSON schema, yet the workflow reads fields of it. Describe the expected body (Request Body JSON Schema) and turn on Schema Validation so that other bodies are rejected with 400 Bad Request.`,
          });
          continue;
        }
        if (optionsOf(optsNode).includes(SCHEMA_VALIDATION_OPTION.toLowerCase())) continue;
        if (optsNode && optsNode.type !== 'string') continue;
        ctx.report({
          at: optsNode ?? keyOfSchema(step),
          pointer: step.pointer,
          message: `Request trigger "${step.name}" has a JSON schema but does not enforce it: Schema Validation is off, so bodies that do not match still start the workflow. Turn it on (operationOptions "${SCHEMA_VALIDATION_OPTION}") to reject them with 400 Bad Request.`,
          fix: enableFix(ctx.text, step, optsNode),
        });
      }
    }
  },
);

/** The key node of the trigger's `schema` property (the finding's range when `operationOptions` is absent). */
function keyOfSchema(step: Step): JsonNode {
  return propNode(step.params, keyCI(step.params, 'schema') ?? 'schema')!.children![0];
}
