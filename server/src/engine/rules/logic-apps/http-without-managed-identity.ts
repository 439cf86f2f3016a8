/**
 * logic-apps/http-without-managed-identity — an HTTP call to an Azure service that accepts Microsoft Entra tokens,
 * made with a stored credential (password, key, client secret, certificate, SAS signature) instead of the logic app's
 * managed identity.
 *
 * Facts (Microsoft Learn, "Secure access and data in Azure Logic Apps", "Add authentication to outbound calls" and
 * "Managed identity authentication"; "Authenticate access and connections to Azure resources with managed
 * identities in Azure Logic Apps"):
 * - The HTTP trigger/action (`type: "Http"`) and HTTP Webhook (`type: "HttpWebhook"`, in `inputs.subscribe` /
 *   `inputs.unsubscribe`) take `inputs.authentication` with `type` `Basic` (username/password), `ClientCertificate`
 *   (pfx/password), `ActiveDirectoryOAuth` (client secret or certificate), `Raw` (a literal Authorization value) or
 *   `ManagedServiceIdentity` (`identity`, `audience`).
 * - A managed identity lets the workflow "authenticate access to Azure resources that are protected by Microsoft
 *   Entra ID, rather than credentials, secrets, or Microsoft Entra tokens"; Azure manages it, so there is no secret to
 *   store, leak or rotate. Consumption logic apps have a system-assigned identity or one user-assigned identity;
 *   Standard logic apps have the system-assigned identity enabled by default.
 * - Which hosts accept Entra tokens: `entraService` in `la-util.ts`. A URI given as `@parameters('X')` is resolved
 *   through the definition parameter's literal `defaultValue`.
 *
 * What is reported: such a call whose `authentication.type` is Basic, ClientCertificate, ActiveDirectoryOAuth or Raw;
 * or which has no `authentication` but sends a credential itself (an `Authorization`, `x-api-key`,
 * `x-functions-key`, `api-key` or `Ocp-Apim-Subscription-Key` header, a `sig`/`code`/`key`/`api-key` query
 * parameter, or a `client_secret` in the body). Anonymous calls and `authentication` given as an expression are not
 * judged, nor are calls to a Standard workflow's Request trigger URL (`https://<app>.azurewebsites.net/api/<workflow>/
 * triggers/<trigger>/invoke?…&sig=…`), whose SAS signature is the documented way to call it ("Call, trigger, or nest
 * workflows with HTTPS endpoints in Azure Logic Apps"); the SAS itself is `common/hardcoded-secret`'s business. OWASP LCNC-SEC-01 (Account Impersonation): every run acts as the account whose credential is stored.
 * No quick fix: the identity must be enabled and granted a role on the target first.
 */
import { defineRule } from '../../rule';
import type { Flow, Step } from '../../model';
import type { JsonNode } from '../../types';
import { entries, str, stringValues } from '../../json';
import { parseEndpoint } from '../../net';
import { propCI } from '../wdl/wdl-util';
import { authType, entraService, logicFlows, resolveParameterPrefix, type EntraService } from './la-util';

/** Designer names of the stored-credential authentication types (keys lower case). */
const STORED_AUTH: Record<string, string> = {
  basic: 'Basic authentication (a username and password)',
  clientcertificate: 'client certificate authentication (a PFX and its password)',
  activedirectoryoauth: 'Active Directory OAuth with an app registration secret or certificate',
  raw: 'Raw authentication (a literal Authorization header value)',
};

/** Headers (lower case) that carry a credential. */
const CREDENTIAL_HEADERS = new Set(['authorization', 'x-api-key', 'api-key', 'x-functions-key', 'ocp-apim-subscription-key']);
/** Query parameters (lower case) that carry a credential: SAS signature, Functions key, API keys. */
const CREDENTIAL_QUERIES = new Set(['sig', 'code', 'key', 'api-key', 'apikey', 'subscription-key']);

/** Path of a Logic Apps Standard Request trigger URL on `*.azurewebsites.net` (called with its SAS signature by design). */
const STANDARD_TRIGGER_URL = /^\/api\/[^/?#]+\/triggers\/[^/?#]+\/invoke(\?|$)/i;

interface Call {
  /** The object with `uri`, `authentication`, `headers` …: `inputs`, or `inputs.subscribe` / `inputs.unsubscribe`. */
  spec: JsonNode;
  label: string;
}

function callsOf(step: Step): Call[] {
  const t = step.type.toLowerCase();
  const p = step.params;
  if (!p || p.type !== 'object') return [];
  const kind = step.kind === 'trigger' ? 'trigger' : 'action';
  if (t === 'http') return [{ spec: p, label: `HTTP ${kind} "${step.name}"` }];
  if (t === 'httpwebhook') {
    return (['subscribe', 'unsubscribe'] as const)
      .map((k) => ({ spec: propCI(p, k)!, label: `HTTP Webhook ${kind} "${step.name}" (${k})` }))
      .filter((c) => c.spec?.type === 'object');
  }
  return [];
}

/** The credential a call without `authentication` sends itself: the node to report and what it is. */
function selfSentCredential(spec: JsonNode, uri: string, uriNode: JsonNode): { node: JsonNode; what: string } | undefined {
  for (const [name, v] of entries(propCI(spec, 'headers'))) {
    if (CREDENTIAL_HEADERS.has(name.toLowerCase()) && !(v.type === 'string' && (v.value as string).trim() === '')) return { node: v, what: `a credential in its "${name}" header` };
  }
  for (const [name, v] of entries(propCI(spec, 'queries'))) {
    if (CREDENTIAL_QUERIES.has(name.toLowerCase())) return { node: v, what: `a credential in its "${name}" query parameter` };
  }
  const q = uri.indexOf('?');
  if (q >= 0) {
    for (const pair of uri.slice(q + 1).split('&')) {
      const name = pair.split('=')[0].toLowerCase();
      if (CREDENTIAL_QUERIES.has(name) && pair.length > name.length + 1) return { node: uriNode, what: `a credential in its URL ("${name}=")` };
    }
  }
  let secret: JsonNode | undefined;
  stringValues(propCI(spec, 'body'), (v, key) => {
    if (!secret && key && /^client[_-]?secret$/i.test(key) && (v.value as string).trim() !== '') secret = v;
  });
  const bodyText = str(propCI(spec, 'body'));
  if (!secret && bodyText && /(^|&)client_secret=[^&]/.test(bodyText)) secret = propCI(spec, 'body');
  return secret ? { node: secret, what: 'a client secret in its body' } : undefined;
}

function advice(svc: EntraService): string {
  return svc.audience
    ? `Use the logic app's managed identity instead (authentication "Managed identity", audience ${svc.audience}) and grant it a role on the target.`
    : "Use the logic app's managed identity instead (authentication \"Managed identity\" with the target's audience) and grant it a role on the target.";
}

function checkCall(flow: Flow, call: Call, report: (at: JsonNode, message: string) => void): void {
  const uriNode = propCI(call.spec, 'uri');
  const rawUri = str(uriNode);
  if (!uriNode || rawUri === undefined) return;
  const uri = resolveParameterPrefix(flow, rawUri);
  const ep = parseEndpoint(uri)[0];
  if (!ep || ep.dynamicHost || ep.start !== 0) return;
  const svc = entraService(ep.host);
  if (!svc) return;
  // a Standard workflow's own Request trigger URL (…/api/<workflow>/triggers/<name>/invoke?…sig=…): SAS is how it is called
  if (STANDARD_TRIGGER_URL.test(uri.slice(ep.authorityEnd))) return;
  const authNode = propCI(call.spec, 'authentication');
  const at = authType(authNode);
  if (at === undefined || at === 'managedserviceidentity') return;
  const where = `${svc.name} (${ep.host})`;
  if (at in STORED_AUTH) {
    report(propCI(authNode, 'type')!, `${call.label} calls ${where} with ${STORED_AUTH[at]}: every run signs in as that stored account, and the credential has to be kept, shared and rotated by hand. ${advice(svc)}`);
    return;
  }
  if (at !== '') return; // an authentication type we do not know
  const cred = selfSentCredential(call.spec, uri, uriNode);
  if (!cred) return;
  report(cred.node, `${call.label} calls ${where} and sends ${cred.what}: every run uses that stored key or token, which has to be kept, shared and rotated by hand. ${advice(svc)}`);
}

export default defineRule(
  {
    id: 'logic-apps/http-without-managed-identity',
    owasp: 'LCNC-SEC-01',
    defaultSeverity: 'warning',
    description: 'HTTP call to an Azure service that accepts Microsoft Entra tokens, made with a stored password, key, secret or certificate instead of the managed identity.',
    formats: ['logic-apps'],
    fixable: false,
  },
  (ctx) => {
    for (const flow of logicFlows(ctx)) {
      for (const step of flow.steps) {
        for (const call of callsOf(step)) {
          checkCall(flow, call, (at, message) => ctx.report({ at, message, pointer: step.pointer }));
        }
      }
    }
  },
);
