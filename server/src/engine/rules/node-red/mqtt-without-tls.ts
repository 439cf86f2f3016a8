/**
 * node-red/mqtt-without-tls — an MQTT broker connection in cleartext to a host off this machine.
 *
 * Facts (Node-RED source `core/network/10-mqtt.js` / `10-mqtt.html`, MQTT.js `src/lib/connect/index.ts`; details in
 * `./mqtt-broker.ts`): the `mqtt-broker` config node connects to `broker` (a host, or a full URL whose scheme wins),
 * on `port` (default 1883), with TLS only when `usetls` is truthy (missing → false) or the URL scheme is
 * `mqtts`/`ssl`/`tls`/`wss`. `protocolVersion` (3, 4, 5) does not change the transport. MQTT itself does not encrypt:
 * the CONNECT packet's user name and password and every PUBLISH travel as sent, and the OASIS MQTT 3.1.1 spec (§5.1,
 * §5.4.1) points to TLS for privacy and to TCP port 8883 (IANA `secure-mqtt`) for TLS servers.
 *
 * Severity: a broker on the public internet gets the default (warning); one on a private network (RFC 1918 and
 * other LAN ranges, `*.local`, single-label container names; `isPrivateHost` in `../../net.ts`) gets `info`: still cleartext, but
 * only someone on that network can read it. Loopback brokers and hosts we cannot read (`${ENV}`) are not reported.
 * Not fixable: switching to TLS needs the broker's TLS port (usually 8883) and certificates, which a blind edit
 * would get wrong.
 */
import { defineRule } from '../../rule';
import { prop, str } from '../../json';
import { isActive } from './util';
import { brokerTarget, classifyHost, truthy } from './mqtt-broker';

export default defineRule(
  {
    id: 'node-red/mqtt-without-tls',
    owasp: 'LCNC-SEC-04',
    defaultSeverity: 'warning',
    description: 'MQTT broker connection without TLS to a host off this machine (info for private-network hosts).',
    formats: ['node-red'],
    fixable: false,
  },
  (ctx) => {
    for (const [step, flow] of ctx.steps()) {
      if (step.type !== 'mqtt-broker' || !isActive(step, flow)) continue;
      const target = brokerTarget(step.node);
      if (!target || target.tls !== false) continue;
      // A cleartext URL plus an applied tls-config may be upgraded by MQTT.js (client certificate): cannot tell.
      if (target.fromUrl && truthy(prop(step.node, 'usetls')) && str(prop(step.node, 'tls'))) continue;
      const where = classifyHost(target.host);
      if (where === 'loopback' || where === 'unknown') continue;
      const brokerNode = prop(step.node, 'broker')!;
      const usetls = prop(step.node, 'usetls');
      const port = target.fromUrl ? '' : `:${String(prop(step.node, 'port')?.value ?? '') || '1883'}`;
      const lan = where === 'private';
      ctx.report({
        at: target.fromUrl || !usetls ? brokerNode : usetls,
        pointer: step.pointer,
        severity: lan ? 'info' : undefined,
        message:
          `MQTT broker "${step.name}" connects to ${target.scheme}://${target.host}${port} without TLS: the broker user name and password and every message travel in cleartext` +
          (lan
            ? ' on the local network (the host is a private address), readable by anyone on that network.'
            : ' across the internet, readable and changeable by anyone on the path.') +
          (target.fromUrl
            ? ` Use ${target.scheme.startsWith('ws') ? 'a wss://' : 'an mqtts://'} URL to the broker's TLS port.`
            : ' Tick "Use TLS", select a TLS configuration and use the broker\'s TLS port (usually 8883).'),
      });
    }
  },
);
