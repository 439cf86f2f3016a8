/**
 * Helpers shared by the Workflow Definition Language rules (Power Automate and Logic Apps). Not a rule: `index.ts`
 * registers only the rule files.
 *
 * Facts:
 * - WDL keys are matched without regard to case by the Logic Apps runtime, and Microsoft's own samples mix
 *   spellings (`runtimeConfiguration` and `runTimeConfiguration` both appear in the Microsoft Learn page
 *   "Schema reference guide for trigger and action types in Azure Logic Apps"), hence `propCI`.
 * - Expressions: a JSON string that starts with `@` (but not `@@`) is a WDL expression; `@{…}` interpolates inside a
 *   string ("Schema reference guide for the Workflow Definition Language", section Expressions). An ARM template
 *   string that starts with `[` and ends with `]` (but not `[[`) is a template expression (Microsoft Learn, "Template
 *   syntax and expressions in ARM templates").
 */
import type { Flow, Step } from '../../model';
import type { JsonNode } from '../../types';
import { entries, prop, str } from '../../json';

/** The value node of `key` in `obj`, matching the key without regard to case (exact spelling preferred). */
export function propCI(obj: JsonNode | undefined, key: string): JsonNode | undefined {
  const exact = prop(obj, key);
  if (exact) return exact;
  const lower = key.toLowerCase();
  let found: JsonNode | undefined;
  for (const [k, v] of entries(obj)) if (k.toLowerCase() === lower) found = v;
  return found;
}

/** The key of `obj` that matches `key` without regard to case, as spelled in the file (undefined if absent). */
export function keyCI(obj: JsonNode | undefined, key: string): string | undefined {
  const lower = key.toLowerCase();
  let found: string | undefined;
  for (const [k] of entries(obj)) if (k.toLowerCase() === lower) found = k;
  return found;
}

/** Lower-cased string value of a node, or undefined when it is not a string. */
export function lowerStr(node: JsonNode | undefined): string | undefined {
  const s = str(node);
  return s === undefined ? undefined : s.toLowerCase();
}

/** True for a WDL expression string (`@…`, not the `@@` escape) or one with `@{…}` interpolation. */
export function isWdlExpression(s: string): boolean {
  return (s.startsWith('@') && !s.startsWith('@@')) || s.includes('@{');
}

/** True for an ARM template expression string (`[…]`, not the `[[` escape). */
export function isArmExpression(s: string): boolean {
  return s.startsWith('[') && s.endsWith(']') && !s.startsWith('[[');
}

/**
 * The platform a WDL flow really belongs to. Detection files resource-shaped objects as Power Automate unless their
 * `type` is `Microsoft.Logic/workflows`, so Logic Apps gallery templates (`Microsoft.Logic/galleries/templates`) arrive
 * here as `power-automate`; any `Microsoft.Logic/…` root type means Logic Apps.
 */
export function wdlPlatform(flow: Flow): 'power-automate' | 'logic-apps' {
  if (flow.format === 'logic-apps') return 'logic-apps';
  const type = str(prop(flow.root, 'type')) ?? '';
  return /^Microsoft\.Logic\//i.test(type) ? 'logic-apps' : 'power-automate';
}

/** True when `flow.root` is a `Microsoft.Logic/workflows` resource, whose `properties.accessControl` is in the file. */
export function isLogicWorkflowResource(flow: Flow): boolean {
  return /^Microsoft\.Logic\/workflows$/i.test(str(prop(flow.root, 'type')) ?? '');
}

/** The declared WDL parameters of a flow's definition: `[name, declaration object, property node]`. */
export function definitionParameters(flow: Flow): Array<[string, JsonNode, JsonNode]> {
  return entries(propCI(flow.definition, 'parameters')).filter(([, v]) => v.type === 'object');
}

/** Names of the secure (`SecureString`/`SecureObject`, any case) parameters declared in a flow's definition. */
export function secureParameterNames(flow: Flow): Set<string> {
  const out = new Set<string>();
  for (const [name, decl] of definitionParameters(flow)) {
    const t = lowerStr(propCI(decl, 'type'));
    if (t === 'securestring' || t === 'secureobject') out.add(name);
  }
  return out;
}

/** Every `parameters('<name>')` reference in an expression string (names as written, quotes `''` unescaped). */
export function parameterRefs(s: string): string[] {
  const out: string[] = [];
  const re = /parameters\(\s*'((?:[^']|'')*)'\s*\)/gi;
  for (let m = re.exec(s); m; m = re.exec(s)) out.push(m[1].replace(/''/g, "'"));
  return out;
}

/**
 * True for a `Request` trigger that creates an HTTP endpoint callers reach by URL: `kind` `Http` (any case) or no
 * `kind`. Power Automate's Button/PowerApp/Skills kinds and the Logic Apps `Agent` kind are not such endpoints.
 */
export function isHttpRequestTrigger(step: Step): boolean {
  if (step.kind !== 'trigger' || step.type.toLowerCase() !== 'request') return false;
  const kind = propCI(step.node, 'kind');
  return kind === undefined || lowerStr(kind) === 'http';
}

/** The `type` value node of a step (for "missing setting" findings), else the step object. */
export function typeNodeOf(step: Step): JsonNode {
  return propCI(step.node, 'type') ?? step.node;
}

/** Splits an identifier into lower-case words: `ServiceOne-Authentication-APIKey` → service, one, authentication, api, key. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z])(?=[A-Z][a-z])/g, '$1 ') // `APIKey` → `API Key` (not /([A-Z]+)([A-Z][a-z])/: quadratic on `AAAA…`)
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

/** Words that on their own mark a secret. Compounds cover names written in one lower-case word (`apikey`, `connectionstring`). */
const SECRET_WORDS = new Set([
  'password', 'passwords', 'passwd', 'pwd', 'passphrase', 'secret', 'secrets', 'credential', 'credentials',
  'token', 'tokens', 'sas', 'apikey', 'apikeys', 'accesskey', 'secretkey', 'privatekey', 'accesstoken',
  'refreshtoken', 'bearertoken', 'authtoken', 'sastoken', 'sasurl', 'sasuri', 'clientsecret', 'connectionstring',
  'connstring', 'connstr', 'sharedaccesskey', 'signingkey', 'masterkey', 'subscriptionkey', 'functionkey', 'hostkey',
]);

/** A last word that makes the name describe *about* a secret rather than hold it (`secretName`, `keyVaultUri`, `tokenEndpoint`). */
const NOT_A_VALUE = new Set([
  'name', 'names', 'id', 'ids', 'url', 'uri', 'urls', 'uris', 'endpoint', 'endpoints', 'type', 'types', 'kind', 'version',
  'location', 'path', 'vault', 'header', 'headers', 'expiry', 'expiration', 'expires', 'length', 'prefix', 'suffix',
  'format', 'policy', 'policies', 'scope', 'scopes', 'audience', 'issuer', 'reference', 'ref', 'field', 'count', 'size',
  'region', 'host', 'hostname', 'resource', 'enabled', 'required', 'mode', 'label', 'description', 'hint', 'rotation',
  'date', 'time', 'timeout', 'ttl', 'status', 'provider', 'store', 'account', 'user', 'username', 'login', 'email',
]);

/** Words before `token` that make it a paging or protocol token, not a credential (`nextPageToken`, Service Bus `lockToken`). */
const NON_CREDENTIAL_TOKEN = new Set([
  'page', 'continuation', 'next', 'skip', 'sync', 'cancellation', 'resume', 'delta', 'lock', 'lease', 'cursor', 'change',
  'state', 'batch', 'correlation', 'request', 'idempotency',
]);

/** Words before a final `key` that make it a data key, not a credential (`partitionKey`, `rowKey`). */
const NON_CREDENTIAL_KEY = new Set([
  'partition', 'row', 'sort', 'idempotency', 'lookup', 'object', 'foreign', 'dedup', 'cache', 'map', 'group', 'routing',
  'public', 'unique', 'composite', 'hash', 'range', 'entity', 'record', 'item', 'message', 'session', 'dictionary',
]);

/**
 * True when a parameter or field name says it holds a secret: password, secret, token, key, connection string, SAS,
 * client secret, API key and their compounds. Names that describe a secret without holding it (`keyVaultName`,
 * `secretName`, `tokenEndpoint`, `sasExpiry`), system parameters (`$connections`, `$authentication`) and data keys
 * (`partitionKey`, `nextPageToken`) are not secrets. A SAS URL/URI holds its signature, so `sasUrl` is a secret.
 */
export function isSecretName(name: string): boolean {
  if (name.startsWith('$')) return false;
  const words = nameWords(name);
  if (!words.length) return false;
  const last = words[words.length - 1];
  const hasSas = words.includes('sas');
  if (NOT_A_VALUE.has(last) && !(hasSas && (last === 'url' || last === 'uri'))) return false;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w === 'token' || w === 'tokens') {
      if (i > 0 && NON_CREDENTIAL_TOKEN.has(words[i - 1])) continue;
      return true;
    }
    if (SECRET_WORDS.has(w)) return true;
    if ((w === 'connection' || w === 'conn') && words[i + 1] === 'string') return true;
    if (w === 'signature' && i > 0 && (words[i - 1] === 'access' || words[i - 1] === 'shared')) return true;
  }
  if (last === 'key' || last === 'keys') {
    const prev = words.length > 1 ? words[words.length - 2] : '';
    return !NON_CREDENTIAL_KEY.has(prev);
  }
  return false;
}
