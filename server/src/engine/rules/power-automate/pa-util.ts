/**
 * Helpers shared by the Power Automate rules: the flow's connection references, which connector an action calls,
 * and the expressions inside a string. Not a rule: `index.ts` registers only the rule files.
 *
 * Facts:
 * - A solution flow file (`Workflows/<name>-<guid>.json`) keeps `properties.connectionReferences`: one object per
 *   connection the flow uses, keyed by the name actions use in `inputs.host.connectionName`, holding `runtimeSource`,
 *   `connection` (`connectionReferenceLogicalName`, sometimes `name`) and `api.name` (Microsoft Learn, "Work with
 *   cloud flows using code", the `clientdata` example). Flows saved outside solutions and the legacy package /
 *   management API shape hold `connectionName`, `source` and `id` instead (CLI for Microsoft 365 docs, `flow list`).
 * - `OpenApiConnection` actions name their connector in `inputs.host.apiId` (`/providers/Microsoft.PowerApps/apis/
 *   shared_office365`) and their operation in `inputs.host.operationId`; older `ApiConnection` actions name the
 *   connection in `inputs.host.connection.name` as `@parameters('$connections')['<key>']['connectionId']`.
 * - Expressions: a string that starts with `@` (not `@@`) is one expression; `@{…}` interpolates one inside a string,
 *   and `@@` escapes a literal `@`. Inside an expression, string literals are single-quoted and `''` is an escaped
 *   quote (Microsoft Learn, "Schema reference guide for the Workflow Definition Language", Expressions).
 */
import type { Flow, Step } from '../../model';
import type { JsonNode } from '../../types';
import { entries, get, str } from '../../json';
import { pointerOf } from '../../pointer';
import { lowerStr, propCI, wdlPlatform } from '../wdl/wdl-util';

/** One entry of `properties.connectionReferences`. */
export interface ConnectionRef {
  /** The key actions use (`host.connectionName`), e.g. `shared_sharepointonline_1`. */
  key: string;
  /** The entry's object node. */
  node: JsonNode;
  /** JSON Pointer of `node`. */
  pointer: string;
  /** The connector's API name in lower case (`shared_office365`): `api.name`, else the last segment of `id`, else the key. */
  apiName: string;
  /** The node that names the API (`api.name` or `id`), when there is one. */
  apiNode?: JsonNode;
}

/** The flows of a document that are Power Automate cloud flows (not Logic Apps gallery templates detected as Power Automate). */
export function paFlows(flows: readonly Flow[]): Flow[] {
  return flows.filter((f) => f.format === 'power-automate' && wdlPlatform(f) === 'power-automate');
}

/** The last `/apis/<name>` segment of an API id, lower case (`/providers/Microsoft.PowerApps/apis/shared_sql` → `shared_sql`). */
export function apiNameFromId(id: string): string {
  const parts = id.split('/').filter(Boolean);
  return (parts[parts.length - 1] ?? '').toLowerCase();
}

/** The connection references of a flow, in file order. */
export function connectionRefs(flow: Flow): ConnectionRef[] {
  const out: ConnectionRef[] = [];
  for (const [key, node] of entries(propCI(get(flow.root, 'properties'), 'connectionReferences'))) {
    if (node.type !== 'object') continue;
    const nameNode = propCI(propCI(node, 'api'), 'name');
    const idNode = propCI(node, 'id');
    const apiNode = str(nameNode) ? nameNode : str(idNode) ? idNode : undefined;
    const apiName = nameNode && str(nameNode) ? str(nameNode)!.toLowerCase() : idNode && str(idNode) ? apiNameFromId(str(idNode)!) : key.toLowerCase();
    out.push({ key, node, pointer: pointerOf(node), apiName, apiNode });
  }
  return out;
}

/** The `host` object of a connector action's inputs. */
export function hostOf(step: Step): JsonNode | undefined {
  return propCI(step.params, 'host');
}

/** The connection reference key an action uses: `host.connectionName`, or the key inside an `ApiConnection`'s `host.connection.name`. */
export function connectionKeyOf(step: Step): string | undefined {
  const host = hostOf(step);
  const direct = str(propCI(host, 'connectionName')) ?? str(propCI(host, 'connection'));
  if (direct) return direct;
  const expr = str(propCI(propCI(host, 'connection'), 'name'));
  const m = expr ? /\$connections'\s*\)\s*\[\s*'((?:[^']|'')+)'\s*\]/i.exec(expr) : null;
  return m ? m[1].replace(/''/g, "'") : undefined;
}

/** The connector API name (lower case) an action calls: `host.apiId`, else its connection reference's API. */
export function apiNameOf(step: Step, refs: readonly ConnectionRef[]): string | undefined {
  const apiId = str(propCI(hostOf(step), 'apiId'));
  if (apiId) return apiNameFromId(apiId);
  const key = connectionKeyOf(step);
  if (!key) return undefined;
  return refs.find((r) => r.key === key)?.apiName ?? key.toLowerCase();
}

/** The lower-case `host.operationId` of an `OpenApiConnection` action, if any. */
export function operationIdOf(step: Step): string | undefined {
  return lowerStr(propCI(hostOf(step), 'operationId'));
}

/** The kind of a flow's `Request` trigger (lower case; `http` when the trigger has no kind), or undefined when the flow has none. */
export function requestTriggerKind(flow: Flow): string | undefined {
  for (const s of flow.steps) {
    if (s.kind !== 'trigger' || s.type.toLowerCase() !== 'request') continue;
    return lowerStr(propCI(s.node, 'kind')) ?? 'http';
  }
  return undefined;
}

/** One expression inside a string value: decoded offsets `[start, end)` of the whole `@{…}` (or the whole string) and its text. */
export interface ExpressionPart {
  start: number;
  end: number;
  /** The expression without `@`, `@{` and `}`. */
  expr: string;
}

/**
 * The expressions in a string value: the whole string when it starts with `@` (not `@@`, not `@{`), else every
 * `@{…}` interpolation (braces inside quoted literals do not count; `@@{` is an escaped literal). Unterminated
 * interpolations run to the end.
 */
export function expressionParts(s: string): ExpressionPart[] {
  if (s.startsWith('@') && !s.startsWith('@@') && !s.startsWith('@{')) return [{ start: 0, end: s.length, expr: s.slice(1) }];
  const out: ExpressionPart[] = [];
  let i = nextInterpolation(s, 0);
  while (i !== -1) {
    let depth = 1;
    let quoted = false;
    let j = i + 2;
    for (; j < s.length && depth > 0; j++) {
      const c = s[j];
      if (quoted) {
        if (c === "'") {
          if (s[j + 1] === "'") j++;
          else quoted = false;
        }
      } else if (c === "'") quoted = true;
      else if (c === '{') depth++;
      else if (c === '}') depth--;
    }
    const end = depth === 0 ? j : s.length;
    out.push({ start: i, end, expr: s.slice(i + 2, depth === 0 ? end - 1 : end) });
    i = nextInterpolation(s, end);
  }
  return out;
}

/** Index of the next `@{` at or after `from` that is not the escape `@@{`, or -1. */
function nextInterpolation(s: string, from: number): number {
  for (let i = s.indexOf('@{', from); i !== -1; i = s.indexOf('@{', i + 2)) if (s[i - 1] !== '@') return i;
  return -1;
}

/** True when an expression reads the trigger's data (`triggerBody()`, `triggerOutputs()`, `trigger()`, form data, multipart body). */
export function readsTrigger(expr: string): boolean {
  return /\btrigger(?:Body|Outputs|FormDataValue|FormDataMultiValues|MultipartBody)?\s*\(/i.test(expr);
}

/** True when an expression reads run-time data: the trigger, an action's outputs, a loop item, a variable or a result. */
export function readsData(expr: string): boolean {
  return readsTrigger(expr) || /\b(?:body|outputs|actionBody|actionOutputs|actions|items|item|variables|result|iterationIndexes)\s*\(/i.test(expr);
}

/** Names passed to `fn('<name>')` in an expression (quotes unescaped), e.g. `refs(e, 'variables')`. */
export function namedRefs(expr: string, fns: readonly string[]): string[] {
  const out: string[] = [];
  const re = new RegExp(`\\b(?:${fns.join('|')})\\s*\\(\\s*'((?:[^']|'')*)'`, 'gi');
  for (let m = re.exec(expr); m; m = re.exec(expr)) out.push(m[1].replace(/''/g, "'"));
  return out;
}

/** Keys from `ancestor` down to `node` (object keys split at `/`, as connector parameters are written: `emailMessage/To`). */
export function keyPath(ancestor: JsonNode, node: JsonNode): string[] {
  const out: string[] = [];
  for (let n: JsonNode | undefined = node; n && n !== ancestor; n = n.parent) {
    if (n.type === 'property') {
      const k = n.children?.[0]?.value;
      if (typeof k === 'string') out.unshift(...k.split('/'));
    }
  }
  return out;
}

/** The same word in the letter case of `original` (`embedded` → `invoker`, `Embedded` → `Invoker`, `USER` → `TENANT`). */
export function sameCase(original: string, word: string): string {
  if (original === original.toUpperCase() && original !== original.toLowerCase()) return word.toUpperCase();
  if (original[0] && original[0] === original[0].toUpperCase() && original[0] !== original[0].toLowerCase()) return word[0].toUpperCase() + word.slice(1).toLowerCase();
  return word.toLowerCase();
}
