/**
 * n8n/tls-verification-disabled — a node that accepts any TLS certificate.
 *
 * Facts (n8n source, `packages/nodes-base/nodes/**`; n8n docs for each node's "Ignore SSL Issues" option):
 * - n8n names the "Ignore SSL Issues" switch `allowUnauthorizedCerts` (boolean, default `false`; the node linter
 *   `eslint-plugin-n8n-nodes-base` rule `node-param-description-missing-for-ignore-ssl-issues` keys on that name).
 *   When `true` the request runs with `rejectUnauthorized: false`, so the server certificate is not checked.
 *   It sits at `parameters.allowUnauthorizedCerts` in HTTP Request v1/v2 (`HttpRequest/V1/HttpRequestV1.node.ts`),
 *   GraphQL and Facebook Graph API, and at `parameters.options.allowUnauthorizedCerts` in HTTP Request v3/v4
 *   (`HttpRequest/V3/Description.ts`; n8n's cURL import maps `--insecure` to it), Send Email (`EmailSend/v2/send.operation.ts`:
 *   `tls.rejectUnauthorized = false`) and Email Trigger (IMAP) (`EmailReadImap`).
 * - RSS Read v1.1 has `parameters.options.ignoreSSL`, passed on as `skipSslCertificateValidation`
 *   (`RssFeedRead/GenericFunctions.ts`).
 * - Community nodes use `ignoreSSLIssues` / `ignoreSslIssues` / `skipSslCertificateValidation: true` or
 *   `rejectUnauthorized: false` for the same switch.
 * - Database, FTP, SSH, MQTT and similar TLS settings live in credentials, which workflow exports do not contain.
 */
import { defineRule } from '../../rule';
import { walk } from '../../json';
import { setValue } from '../../fix';
import { pathOf } from '../../pointer';
import { nodeLabel } from './nodes';

/** Parameter keys that switch certificate checks off, with the value that does so. */
const TLS_OFF: Readonly<Record<string, boolean>> = {
  allowUnauthorizedCerts: true,
  ignoreSSL: true,
  ignoreSSLIssues: true,
  ignoreSslIssues: true,
  skipSslCertificateValidation: true,
  rejectUnauthorized: false,
};

export default defineRule(
  {
    id: 'n8n/tls-verification-disabled',
    owasp: 'LCNC-SEC-04',
    defaultSeverity: 'warning',
    description: 'Node with "Ignore SSL Issues" on: it accepts any TLS certificate, so its connection can be intercepted.',
    formats: ['n8n'],
    fixable: true,
  },
  (ctx) => {
    for (const [step] of ctx.steps()) {
      if (step.disabled || !step.params) continue;
      walk(step.params, (n) => {
        if (n.type !== 'property') return;
        const [keyNode, value] = n.children ?? [];
        const key = keyNode?.value as string;
        if (!value || !Object.prototype.hasOwnProperty.call(TLS_OFF, key)) return;
        if (value.type !== 'boolean' || value.value !== TLS_OFF[key]) return;
        const safe = !TLS_OFF[key];
        ctx.report({
          at: value,
          message: `${nodeLabel(step)} turns off TLS certificate verification (${key}: ${value.value}): anyone on the network path can pose as the server and read or change the traffic, including the credentials the node sends. Install the server's CA certificate instead of ignoring SSL issues.`,
          fix: {
            title: `Verify TLS certificates again (${key}: ${safe})`,
            edits: setValue(ctx.text, pathOf(value), safe),
            isPreferred: true,
          },
        });
      });
    }
  },
);
