/**
 * logic-apps/connections-literal-key — a Standard logic app `connections.json` that holds a key, password,
 * connection string or client secret as a literal instead of reading it from an app setting.
 *
 * Facts:
 * - `connections.json` sections: see `la-util.ts`. The Logic Apps designer (portal and VS Code) never writes a
 *   secret into it: when it creates a connection it stores each secret in an app setting named
 *   `<connection key>_<parameter>` (a `-` in the connection key becomes `_1`) and writes `@appsetting('<name>')` in
 *   its place: service provider `parameterValues` (for example `connectionString`), function keys
 *   (`functionConnections.<k>.authentication.value`, setting `<k>_functionAppKey`), API Management subscription keys
 *   (`subscriptionKey`, setting `<k>_SubscriptionKey`), MCP and agent passwords, secrets and keys (Azure/LogicAppsUX,
 *   `libs/logic-apps-shared/src/designer-client-services/lib/standard/connection.ts`: `createLocalConnectionsData`,
 *   `convertToFunctionsConnectionsData`, `convertToApimConnectionsData`, `convertToMcpConnectionsData`).
 * - Managed API connections authenticate with a connection key: `authentication` `{ "type": "Raw", "scheme": "Key",
 *   "parameter": "@appsetting('<k>_connectionKey')" }`, or with `ManagedServiceIdentity`.
 * - App settings are where Standard logic apps keep secrets (Microsoft Learn, "Edit host and app settings for Standard
 *   logic apps": app settings are encrypted at rest, and can be Key Vault references); `connections.json` is part of
 *   the project that is committed and deployed, so a literal there is a secret in source control.
 *
 * What counts as a secret: a literal (not `@appsetting(…)`, `@parameters(…)` or another expression, not empty, not a
 * placeholder) under a secret-sounding key (`isSecretName`: `password`, `connectionString`, `key`, `secret`,
 * `sharedAccessKey`, `subscriptionKey` …), a `pfx` certificate, the `value` of a `QueryString` or `Raw` authentication, the `parameter`
 * of a `Raw` authentication, or any value that is a connection string carrying `AccountKey=`, `SharedAccessKey=` or `Password=`.
 * Quick fix (not preferred, because it removes the value from the file): replace the literal with
 * `@appsetting('<the designer's setting name>')`; the value then has to be put in that app setting.
 */
import { defineRule } from '../../rule';
import type { JsonNode } from '../../types';
import { entries, prop } from '../../json';
import { replaceString } from '../../fix';
import { pathOf } from '../../pointer';
import { redact } from '../../redact';
import { isExpressionOrReference } from '../../secrets/scan';
import { isSecretName, lowerStr, propCI } from '../wdl/wdl-util';
import { CONNECTION_SECTIONS, isConnectionsFile } from './la-util';

/** A connection string that carries a credential. */
const CREDENTIAL_CONNECTION_STRING = /(^|;)\s*(AccountKey|SharedAccessKey|SharedAccessSignature|Password|Pwd)\s*=\s*[^;\s]/i;
/** Values that stand in for a secret rather than being one. */
const PLACEHOLDER = /^(<.*>|\{.*\}|\[.*\]|x+|\*+|(your|my|the)[-_ ]?\w*|changeme|todo|tbd|null|none|placeholder|secret|password|key)$/i;

/** App setting name the designer would use: `<connection key>_<parameter>`, `-` written as `_1`. */
export function designerSettingName(connectionKey: string, parameter: string): string {
  return `${connectionKey.replace(/-/g, '_1')}_${parameter.replace(/-/g, '_1')}`;
}

/** True when this string, under `key` inside `owner`, is a literal secret. */
function isLiteralSecret(value: string, key: string, owner: JsonNode | undefined): boolean {
  const v = value.trim();
  if (!v || isExpressionOrReference(v) || PLACEHOLDER.test(v)) return false;
  if (CREDENTIAL_CONNECTION_STRING.test(v)) return true;
  const authKind = lowerStr(propCI(owner, 'type'));
  const k = key.toLowerCase();
  if (k === 'value' && (authKind === 'querystring' || authKind === 'raw')) return true;
  if (k === 'parameter' && authKind === 'raw') return true;
  return k === 'pfx' || isSecretName(key);
}

/** The parameter name a setting would be named after: the key, or for function keys the designer's `functionAppKey`. */
function settingParameter(section: string, key: string): string {
  if (section === 'functionConnections' && key.toLowerCase() === 'value') return 'functionAppKey';
  if (section === 'apiManagementConnections' && key.toLowerCase() === 'subscriptionkey') return 'SubscriptionKey';
  if (section === 'managedApiConnections' && key.toLowerCase() === 'parameter') return 'connectionKey';
  return key;
}

/** Every string under `node` with its key and the object that holds it (iterative). */
function* keyedStrings(node: JsonNode): Generator<[JsonNode, string, JsonNode]> {
  const stack: JsonNode[] = [node];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'array') stack.push(...(n.children ?? []));
    if (n.type !== 'object') continue;
    for (const [k, v] of entries(n)) {
      if (v.type === 'string') yield [v, k, n];
      else if (v.type === 'object' || v.type === 'array') stack.push(v);
    }
  }
}

export default defineRule(
  {
    id: 'logic-apps/connections-literal-key',
    owasp: 'LCNC-SEC-08',
    defaultSeverity: 'error',
    description: 'Standard connections.json with a literal key, password, connection string or secret instead of @appsetting(…).',
    formats: ['logic-apps'],
    fixable: true,
  },
  (ctx) => {
    if (!isConnectionsFile(ctx.root)) return;
    for (const section of CONNECTION_SECTIONS) {
      for (const [connKey, conn] of entries(prop(ctx.root, section))) {
        if (conn.type !== 'object') continue;
        for (const [node, key, owner] of keyedStrings(conn)) {
          const value = node.value as string;
          if (!isLiteralSecret(value, key, owner)) continue;
          const setting = designerSettingName(connKey, settingParameter(section, key));
          const where = pathOf(node).slice(2).join('.');
          ctx.report({
            at: node,
            message: `Connection "${connKey}" in connections.json holds a literal secret in ${where} (${redact(value)}): this file is committed and deployed with the project, so the secret travels with it. Put the value in an app setting (or a Key Vault reference) and write @appsetting('${setting}') here; then rotate the secret.`,
            fix: {
              title: `Read "${where}" of "${connKey}" from app setting "${setting}" (move the value there first)`,
              edits: replaceString(node, `@appsetting('${setting}')`),
              isPreferred: false,
            },
          });
        }
      }
    }
  },
);
