/**
 * wdl/secret-parameter-not-secure — a parameter that holds a secret but is declared as a plain string or object, or a
 * secure parameter whose secret sits in the file as its default value.
 *
 * Facts:
 * - WDL definition parameters have a `type` among `Array, Bool, Float, Int, Object, SecureObject, SecureString,
 *   String` (any case): "For all passwords, keys, and secrets, use the securestring and secureobject types because
 *   the GET operation doesn't return these types" (Microsoft Learn, "Schema reference guide for the Workflow
 *   Definition Language in Azure Logic Apps", Parameters).
 * - ARM templates have their own top-level `parameters` with types `string`, `securestring`, `object`,
 *   `secureObject`, …; a secure template parameter's value is not logged or shown after deployment ("Secure access and
 *   data in Azure Logic Apps", "Secure parameters in Azure Resource Manager templates"; ARM "Parameters in ARM
 *   templates"). Both type systems compare type names without regard to case; the quick fix keeps the file's style
 *   (`String` → `SecureString`, `string` → `securestring`, `Object` → `SecureObject`).
 * - A `defaultValue` is part of the definition or template, so a secure parameter with a literal default value still
 *   ships the secret in the file ("Secure access and data": pass the value at deployment through a parameter file or
 *   a Key Vault reference). That finding has no quick fix; its message shows the value only through `redact()`.
 * - Power Automate cloud flows declare environment variables as definition parameters (with
 *   `metadata.schemaName`); their type follows the environment variable in Dataverse, so for those the finding has no
 *   quick fix and points to a Key Vault-backed "Secret" environment variable instead.
 * - Names starting with `$` are platform parameters (`$connections`, `$authentication`) and are skipped; what counts
 *   as a secret name is `isSecretName` in `wdl-util.ts`.
 */
import { defineRule, type RuleContext } from '../../rule';
import { entries, prop, str } from '../../json';
import { replaceString } from '../../fix';
import { redact } from '../../redact';
import type { JsonNode } from '../../types';
import { definitionParameters, isArmExpression, isSecretName, isWdlExpression, propCI, wdlPlatform } from './wdl-util';

/** `target` (e.g. `SecureString`) spelled in the case style of `original` (e.g. `string` → `securestring`). */
export function inCaseOf(original: string, target: string): string {
  if (original === original.toLowerCase()) return target.toLowerCase();
  if (original === original.toUpperCase()) return target.toUpperCase();
  if (original[0] === original[0].toUpperCase()) return target;
  return target[0].toLowerCase() + target.slice(1);
}

/** A literal (non-expression, non-empty) default value node, else undefined. */
function literalDefault(decl: JsonNode, arm: boolean): JsonNode | undefined {
  const dv = propCI(decl, 'defaultValue');
  if (!dv) return undefined;
  if (dv.type === 'string') {
    const s = dv.value as string;
    if (s.trim() === '' || (arm ? isArmExpression(s) : isWdlExpression(s))) return undefined;
    return dv;
  }
  if (dv.type === 'object' || dv.type === 'array') return (dv.children?.length ?? 0) > 0 ? dv : undefined;
  return undefined;
}

function describeValue(dv: JsonNode): string {
  if (dv.type === 'string') return redact(dv.value as string);
  if (dv.type === 'object') return `an object with ${dv.children!.length} propert${dv.children!.length === 1 ? 'y' : 'ies'}`;
  return `an array of ${dv.children!.length}`;
}

interface Scope {
  /** `parameters` declarations: `[name, declaration]`. */
  params: Array<[string, JsonNode]>;
  arm: boolean;
  /** Power Automate definition (environment-variable parameters get no quick fix). */
  pa: boolean;
}

function check(ctx: RuleContext, { params, arm, pa }: Scope): void {
  const where = arm ? 'Template parameter' : 'Parameter';
  for (const [name, decl] of params) {
    if (name.startsWith('$')) continue;
    const typeNode = propCI(decl, 'type');
    const type = str(typeNode);
    if (!typeNode || type === undefined) continue;
    const t = type.toLowerCase();
    const dv = literalDefault(decl, arm);
    if ((t === 'string' || t === 'object') && isSecretName(name)) {
      const secureType = t === 'string' ? 'SecureString' : 'SecureObject';
      const envVar = pa && str(propCI(propCI(decl, 'metadata'), 'schemaName')) !== undefined;
      const shown = dv ? ` Its default value (${describeValue(dv)}) is stored in this file, too.` : '';
      const advice = envVar
        ? ' Keep the secret in an Azure Key Vault-backed "Secret" environment variable instead.'
        : ` Declare it as ${inCaseOf(type, secureType)}.`;
      ctx.report({
        at: typeNode,
        message: `${where} "${name}" holds a secret but is declared as ${type}: its value is returned when the ${arm ? 'deployment' : 'workflow'} is read and can show up in logs.${shown}${advice}`,
        fix: envVar ? undefined : { title: `Declare "${name}" as ${inCaseOf(type, secureType)}`, edits: replaceString(typeNode, inCaseOf(type, secureType)), isPreferred: true },
      });
      continue;
    }
    if ((t === 'securestring' || t === 'secureobject') && dv) {
      ctx.report({
        at: dv,
        message: `Secure ${arm ? 'template ' : ''}parameter "${name}" has a default value (${describeValue(dv)}) in the file: the secure type hides it at run time, but anyone who can read this file has the secret. Remove defaultValue and supply the value at deployment (parameter file or Key Vault reference).`,
      });
    }
  }
}

export default defineRule(
  {
    id: 'wdl/secret-parameter-not-secure',
    owasp: 'LCNC-SEC-08',
    defaultSeverity: 'warning',
    description: 'Secret-named parameter typed String/Object instead of SecureString/SecureObject, or a secure parameter with a literal default value.',
    formats: ['logic-apps', 'power-automate'],
    fixable: true,
  },
  (ctx) => {
    for (const flow of ctx.flows) {
      const pa = wdlPlatform(flow) === 'power-automate';
      check(ctx, { params: definitionParameters(flow).map(([n, d]) => [n, d]), arm: false, pa });
    }
    if (ctx.detection.subformat === 'arm') {
      const params = entries(prop(ctx.root, 'parameters'))
        .filter(([, v]) => v.type === 'object')
        .map(([n, d]): [string, JsonNode] => [n, d]);
      check(ctx, { params, arm: true, pa: false });
    }
  },
);
