/**
 * wdl/secure-data-missing — an action that handles a secret but lets run history show it.
 *
 * Facts (Microsoft Learn, "Secure access and data in Azure Logic Apps", sections "Access to run history data",
 * "Secure data in run history by using obfuscation", "Secure inputs and outputs in code view", "Access to parameter
 * inputs"; Power Automate guidance "Secure data used in cloud flows" and "Defining inputs and outputs", which describe
 * the same Secure Inputs / Secure Outputs settings for cloud flows):
 * - Run history shows every trigger's and action's inputs and outputs to whoever can open the run. The setting
 *   `runtimeConfiguration.secureData.properties` = `["inputs"]`, `["outputs"]` or both hides them.
 * - The page's own example of what to hide: a secret fetched from Azure Key Vault to authenticate an HTTP action.
 *   The Key Vault "Get secret" action returns the secret in its *outputs*. Shapes: Consumption/managed connector
 *   `ApiConnection` on a `keyvault` connection with path `/secrets/{name}/value` (or `/versions/{v}/value`); Power
 *   Automate `OpenApiConnection` with `host.apiId` `…/shared_keyvault` and `operationId` `GetSecret`/`GetSecretVersion`;
 *   Standard built-in `ServiceProvider` with `serviceProviderId` `/serviceProviders/keyVault` and `operationId`
 *   `getSecret`; or a plain `Http` GET to `https://<vault>.vault.azure.net/secrets/…`. An HTTP call to a Microsoft
 *   Entra token endpoint (`…/oauth2/token`, `…/oauth2/v2.0/token`) returns an access token in its outputs.
 * - "If you use a parameter in a request header or body, that parameter might be visible when you view your
 *   workflow's run history ... By default, `Authorization` headers aren't visible through inputs or outputs."
 *   So: secure (`securestring`/`secureobject`) or secret-named parameters used in inputs count, credential-named
 *   headers (`x-api-key`, `Ocp-Apim-Subscription-Key`, …), query parameters and body fields count, but the
 *   `Authorization` header does not. The `authentication` object is the documented place for secure parameters (the
 *   page's Basic and client-certificate examples put `@parameters('…')` there without Secure Inputs), and Power
 *   Automate connector actions carry `authentication: "@parameters('$authentication')"`; it is not counted.
 * - A downstream action that uses secured outputs is hidden automatically, so only the action that fetches the secret
 *   needs Secure Outputs; consumers are reported only for what they bring in themselves.
 * - Secure Inputs/Outputs are unsupported on: variable actions (Initialize/Set/Append to/Increment/Decrement
 *   variable), For each, If, Scope, Switch, Terminate, Until, Recurrence; Secure Outputs additionally on Compose,
 *   Parse JSON, Response and Wait (for Compose, Parse JSON and Response Secure Inputs also hides outputs). Unsupported
 *   steps are skipped; for the inputs-only ones the quick fix sets `["inputs"]`.
 * - A Request or HTTP Webhook trigger with `operationOptions: "IncludeAuthorizationHeadersInOutputs"` copies the
 *   caller's `Authorization` header into its outputs; "This step makes the Authorization header visible in the
 *   workflow's run history and in the trigger's outputs" (same page, "Enable OAuth with Microsoft Entra ID as the only
 *   option"). Such a trigger needs Secure Outputs.
 */
import { defineRule } from '../../rule';
import type { Step } from '../../model';
import { entries, str, stringValues } from '../../json';
import { setValue } from '../../fix';
import { pathOf } from '../../pointer';
import type { Fix, JsonNode } from '../../types';
import { isSecretName, keyCI, lowerStr, parameterRefs, propCI, secureParameterNames } from './wdl-util';

/** Step types (lower case) that cannot secure their inputs: skipped. */
const UNSUPPORTED = new Set([
  'initializevariable', 'setvariable', 'appendtoarrayvariable', 'appendtostringvariable', 'incrementvariable',
  'decrementvariable', 'foreach', 'if', 'scope', 'switch', 'terminate', 'until', 'recurrence',
]);
/** Step types (lower case) that support Secure Inputs only. */
const INPUTS_ONLY = new Set(['compose', 'parsejson', 'response', 'wait']);

/** Header names that carry a credential by convention (compared in lower case). `authorization` is deliberately absent. */
const CREDENTIAL_HEADERS = new Set([
  'x-api-key', 'api-key', 'apikey', 'x-apikey', 'ocp-apim-subscription-key', 'x-functions-key', 'x-auth-token',
  'x-access-token', 'private-token', 'x-vault-token', 'proxy-authorization', 'cookie', 'x-ms-client-secret',
]);
/** Query parameter names that carry a credential (SAS `sig`, API keys, tokens); `code` only on Azure Functions URLs. */
const CREDENTIAL_QUERY_NAMES = /^(sig|api[-_]?key|key|access_token|token|subscription-key|client_secret|password)$/i;

/** True for a query parameter `name` that carries a credential on a request to `uri`. */
function isCredentialQuery(name: string, uri: string): boolean {
  if (CREDENTIAL_QUERY_NAMES.test(name)) return true;
  // Azure Functions take their function key as `?code=`; elsewhere `code` is usually a country or status code
  return name.toLowerCase() === 'code' && /azurewebsites\.net|\/api\//i.test(uri);
}

/** The first credential query parameter in a URL's query string (`[name, value]`), else undefined. */
function credentialInUrl(uri: string): string | undefined {
  const q = uri.indexOf('?');
  if (q < 0) return undefined;
  for (const pair of uri.slice(q + 1).split(/[&#]/)) {
    const eq = pair.indexOf('=');
    if (eq <= 0 || eq === pair.length - 1) continue;
    const name = pair.slice(0, eq);
    if (isCredentialQuery(name, uri)) return name;
  }
  return undefined;
}

interface Evidence {
  node: JsonNode;
  what: string;
}

/** What a step needs secured, with the first piece of evidence for each side. */
interface Need {
  inputs?: Evidence;
  outputs?: Evidence;
}

function hostOf(step: Step): { apiId: string; connection: string; operationId: string; path: string } {
  const p = step.params;
  const host = propCI(p, 'host');
  const conn = propCI(host, 'connection');
  const spc = propCI(p, 'serviceProviderConfiguration');
  return {
    apiId: [str(propCI(host, 'apiId')), str(propCI(propCI(host, 'api'), 'id')), str(propCI(spc, 'serviceProviderId'))].filter(Boolean).join(' '),
    connection: [str(propCI(conn, 'name')), str(propCI(conn, 'referenceName')), str(propCI(host, 'connectionName')), str(propCI(spc, 'connectionName'))]
      .filter(Boolean)
      .join(' '),
    operationId: str(propCI(host, 'operationId')) ?? str(propCI(spc, 'operationId')) ?? '',
    path: str(propCI(p, 'path')) ?? '',
  };
}

/** Evidence that the step's outputs carry a secret it fetched (Key Vault secret, Entra access token). */
function secretSource(step: Step): Evidence | undefined {
  const type = step.type.toLowerCase();
  if (type === 'request' || type === 'httpwebhook') {
    const opts = propCI(step.node, 'operationOptions');
    if (/(^|,)\s*IncludeAuthorizationHeadersInOutputs\s*(,|$)/i.test(str(opts) ?? '')) {
      return { node: opts!, what: "puts each caller's Authorization header (a bearer token) in its outputs" };
    }
    return undefined;
  }
  const p = step.params;
  if (!p || p.type !== 'object') return undefined;
  if (type === 'apiconnection' || type === 'openapiconnection' || type === 'serviceprovider') {
    const h = hostOf(step);
    const isKv = /keyvault/i.test(h.apiId) || /keyvault/i.test(h.connection);
    if (!isKv) return undefined;
    const getSecret = /^getsecret(version)?$/i.test(h.operationId) || /^\/secrets\/.+\/value$/i.test(h.path);
    if (!getSecret) return undefined;
    return { node: propCI(p, 'path') ?? propCI(propCI(p, 'host'), 'operationId') ?? propCI(propCI(p, 'serviceProviderConfiguration'), 'operationId') ?? p, what: 'returns a Key Vault secret in its outputs' };
  }
  if (type === 'http') {
    const uriNode = propCI(p, 'uri');
    const uri = str(uriNode) ?? '';
    if (/\.vault\.azure\.(net|cn|us)\/secrets\//i.test(uri)) return { node: uriNode!, what: 'reads a Key Vault secret over HTTP and returns it in its outputs' };
    if (/\/oauth2\/(v2\.0\/)?token\b/i.test(uri)) return { node: uriNode!, what: 'requests an OAuth access token and returns it in its outputs' };
  }
  return undefined;
}

/** The path of `node` below `params` (keys lower-cased, array indices as numbers). */
function relPath(params: JsonNode, node: JsonNode): Array<string | number> {
  const base = pathOf(params).length;
  return pathOf(node)
    .slice(base)
    .map((s) => (typeof s === 'string' ? s.toLowerCase() : s));
}

/** True inside `inputs.authentication` or at an `Authorization` header: places the platform documents as not shown. */
function inHiddenPlace(rel: Array<string | number>): boolean {
  return rel[0] === 'authentication' || (rel[0] === 'headers' && rel[1] === 'authorization');
}

function nonEmpty(v: JsonNode): boolean {
  return v.type !== 'string' || (v.value as string).trim() !== '';
}

/** Evidence that the step sends a credential in inputs that run history shows. */
function secretSink(step: Step, secureParams: Set<string>): Evidence | undefined {
  const p = step.params;
  if (!p) return undefined;
  for (const [name, v] of entries(propCI(p, 'headers'))) {
    const lower = name.toLowerCase();
    if (lower === 'authorization' || !nonEmpty(v)) continue;
    if (CREDENTIAL_HEADERS.has(lower) || isSecretName(name)) return { node: v, what: `sends the credential header "${name}"` };
  }
  const uriNode = propCI(p, 'uri');
  const uri = str(uriNode) ?? '';
  for (const [name, v] of entries(propCI(p, 'queries'))) {
    if ((isCredentialQuery(name, uri) || isSecretName(name)) && nonEmpty(v)) return { node: v, what: `sends the credential query parameter "${name}"` };
  }
  const inUrl = credentialInUrl(uri);
  if (uriNode && inUrl) return { node: uriNode, what: `sends the credential query parameter "${inUrl}" in its URL` };
  let found: Evidence | undefined;
  stringValues(p, (value, key) => {
    if (found) return;
    const rel = relPath(p, value);
    if (inHiddenPlace(rel)) return;
    const s = value.value as string;
    for (const ref of parameterRefs(s)) {
      if (ref.startsWith('$')) continue;
      if (secureParams.has(ref) || isSecretName(ref)) {
        found = { node: value, what: `uses the ${secureParams.has(ref) ? 'secure' : 'secret'} parameter "${ref}"` };
        return;
      }
    }
    // body and connector parameter fields named like a secret (`client_secret`, `item/password`); headers and
    // queries were judged above by their names
    if (rel[0] === 'headers' || rel[0] === 'queries') return;
    const field = key?.split('/').pop();
    if (field && isSecretName(field) && s.trim() !== '') found = { node: value, what: `sends the field "${field}"` };
  });
  return found;
}

/** The current `runtimeConfiguration.secureData.properties` values (lower case), or undefined when not a plain array. */
function securedNow(step: Step): { props: Set<string>; node?: JsonNode; opaque: boolean } {
  const rc = propCI(step.node, 'runtimeConfiguration');
  if (!rc) return { props: new Set(), opaque: false };
  if (rc.type !== 'object') return { props: new Set(), opaque: true };
  const sd = propCI(rc, 'secureData');
  if (!sd) return { props: new Set(), opaque: false };
  if (sd.type !== 'object') return { props: new Set(), opaque: true };
  const arr = propCI(sd, 'properties');
  if (!arr) return { props: new Set(), node: sd, opaque: false };
  if (arr.type !== 'array') return { props: new Set(), opaque: true };
  return { props: new Set((arr.children ?? []).map((c) => lowerStr(c) ?? '')), node: arr, opaque: false };
}

function secureFix(text: string, step: Step, current: Set<string>): Fix | undefined {
  const want = INPUTS_ONLY.has(step.type.toLowerCase()) ? ['inputs'] : ['inputs', 'outputs'];
  const rcKey = keyCI(step.node, 'runtimeConfiguration') ?? 'runtimeConfiguration';
  const rc = propCI(step.node, 'runtimeConfiguration');
  const sdKey = keyCI(rc, 'secureData') ?? 'secureData';
  const sd = propCI(rc, 'secureData');
  const propsKey = keyCI(sd, 'properties') ?? 'properties';
  const keep = [...current].filter((x) => x && !want.includes(x));
  const value = [...want, ...keep];
  const label = want.length === 2 ? 'Secure Inputs and Secure Outputs' : 'Secure Inputs';
  return { title: `Turn on ${label} for "${step.name}"`, edits: setValue(text, [...pathOf(step.node), rcKey, sdKey, propsKey], value), isPreferred: true };
}

export default defineRule(
  {
    id: 'wdl/secure-data-missing',
    owasp: 'LCNC-SEC-08',
    defaultSeverity: 'warning',
    description: 'Action that fetches or sends a secret without Secure Inputs/Outputs, so the secret shows in run history.',
    formats: ['power-automate', 'logic-apps'],
    fixable: true,
  },
  (ctx) => {
    for (const flow of ctx.flows) {
      const secureParams = secureParameterNames(flow);
      for (const step of flow.steps) {
        const type = step.type.toLowerCase();
        if (UNSUPPORTED.has(type)) continue;
        const now = securedNow(step);
        if (now.opaque) continue;
        const need: Need = {};
        const src = secretSource(step);
        if (src && !now.props.has('outputs') && !INPUTS_ONLY.has(type)) need.outputs = src;
        // a Request trigger's inputs are its schema, not data it sends
        const sink = now.props.has('inputs') || type === 'request' ? undefined : secretSink(step, secureParams);
        if (sink) need.inputs = sink;
        const ev = need.outputs ?? need.inputs;
        if (!ev) continue;
        const missing = need.outputs && need.inputs ? 'Secure Inputs and Secure Outputs are' : need.outputs ? 'Secure Outputs is' : 'Secure Inputs is';
        const what = need.outputs && need.inputs && need.inputs.what !== need.outputs.what ? `${need.outputs.what} and ${need.inputs.what}` : ev.what;
        ctx.report({
          at: now.node ?? ev.node,
          pointer: step.pointer,
          message: `${step.kind === 'trigger' ? 'Trigger' : 'Action'} "${step.name}" ${what}, but ${missing} off: anyone who can open this flow's run history can read the secret.`,
          fix: secureFix(ctx.text, step, now.props),
        });
      }
    }
  },
);
