/**
 * node-red/tls-verification-disabled — TLS connections that accept any server certificate.
 *
 * Facts (Node-RED source, node-red/node-red at 1f38dc89):
 * - `core/network/05-tls.js` (`tls-config` config node): `addTLSOptions` sets `rejectUnauthorized` to the node's
 *   `verifyservercert` as stored. Editor default (`05-tls.html`): `verifyservercert: true`, a checkbox
 *   "Verify server certificate". Node.js `tls.connect` skips verification only for `rejectUnauthorized === false`
 *   (checked on Node 20: `undefined` and the string `"false"` still verify), so only the boolean `false` turns it off;
 *   a missing key keeps Node's default (verify) for the nodes that pass the options straight to Node.
 * - `core/network/10-mqtt.js` (`mqtt-broker`): when no TLS options set `rejectUnauthorized` (no `tls-config` applied,
 *   or one without `verifyservercert`), the broker's own legacy `verifyservercert` decides, and a missing value is
 *   `false`. So an MQTT broker reached over TLS (`usetls`, or an `mqtts://`/`wss://` URL) without a `tls-config`
 *   that says `verifyservercert: true` does not verify the certificate. Details in `./mqtt-broker.ts`.
 */
import { defineRule } from '../../rule';
import type { Step } from '../../model';
import { prop, str } from '../../json';
import { setProperty } from '../../fix';
import { isActive } from './util';
import { brokerTarget, truthy } from './mqtt-broker';

/** Names of up to three steps whose `tls` property points at `id`, for the message. */
function usersOf(steps: Step[], id: string): string {
  const users = steps.filter((s) => s.type !== 'tls-config' && str(prop(s.node, 'tls')) === id).map((s) => `"${s.name}"`);
  if (!users.length) return '';
  return ` It is used by ${users.slice(0, 3).join(', ')}${users.length > 3 ? ` and ${users.length - 3} more` : ''}.`;
}

export default defineRule(
  {
    id: 'node-red/tls-verification-disabled',
    owasp: 'LCNC-SEC-04',
    defaultSeverity: 'warning',
    description: 'TLS configuration or MQTT broker that does not verify the server certificate.',
    formats: ['node-red'],
    fixable: true,
  },
  (ctx) => {
    for (const flow of ctx.flows) {
      const byId = new Map<string, Step>();
      for (const s of flow.steps) if (s.id) byId.set(s.id, s);

      for (const step of flow.steps) {
        if (!isActive(step, flow)) continue;

        if (step.type === 'tls-config') {
          const v = prop(step.node, 'verifyservercert');
          if (v?.value !== false) continue;
          ctx.report({
            at: v,
            pointer: step.pointer,
            message: `TLS configuration "${step.name}" does not verify the server certificate ("Verify server certificate" is off): connections using it accept any certificate, so anyone on the network path can impersonate the server and read or change the traffic.${usersOf(flow.steps, step.id ?? '')}`,
            fix: { title: `Verify the server certificate in "${step.name}"`, edits: setProperty(ctx.text, step.node, 'verifyservercert', true), isPreferred: true },
          });
          continue;
        }

        if (step.type !== 'mqtt-broker') continue;
        const target = brokerTarget(step.node);
        if (!target || target.tls !== true) continue;
        const tlsId = str(prop(step.node, 'tls')) ?? '';
        const tlsNode = tlsId ? byId.get(tlsId) : undefined;
        const applied = truthy(prop(step.node, 'usetls')) && tlsId !== '';
        let why: string;
        if (applied) {
          if (!tlsNode || tlsNode.type !== 'tls-config') continue; // config not in this file: cannot tell
          if (prop(tlsNode.node, 'verifyservercert') !== undefined) continue; // decided (and reported) on the tls-config
          why = `its TLS configuration "${tlsNode.name}" does not set "verifyservercert"`;
        } else {
          why = 'no TLS configuration is applied to it';
        }
        const legacy = prop(step.node, 'verifyservercert');
        if (legacy?.value === true || legacy?.value === 'true') continue;
        ctx.report({
          at: legacy ?? prop(step.node, 'broker')!,
          pointer: step.pointer,
          message: `MQTT broker "${step.name}" connects over TLS (${target.scheme}://${target.host}) but does not verify the server certificate: ${why}, so Node-RED falls back to the broker's legacy "verifyservercert" setting, which is off. Anyone on the network path can impersonate the broker. Tick "Use TLS" and select a TLS configuration with "Verify server certificate" on.`,
          fix: { title: `Verify the server certificate of "${step.name}"`, edits: setProperty(ctx.text, step.node, 'verifyservercert', true), isPreferred: true },
        });
      }
    }
  },
);
