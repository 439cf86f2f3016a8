/**
 * How the core `mqtt-broker` config node turns its settings into a connection URL and TLS options.
 *
 * Facts (Node-RED source `packages/node_modules/@node-red/nodes/core/network/10-mqtt.js`, `MQTTBrokerNode.setOptions`,
 * and `10-mqtt.html` defaults, node-red/node-red at 1f38dc89; MQTT.js `src/lib/connect/index.ts` protocol table and `connect()`):
 * - `broker` is a host name, or a full URL when it contains `://` (then the URL is used as is: its scheme decides
 *   TLS and `port`/`usetls` do not change it). An empty broker means `localhost:1883`.
 * - Without a scheme the URL is `mqtts://` when `usetls` is truthy (JavaScript truthiness; a missing key is set to
 *   `false`), else `mqtt://`, then `broker:port` (port defaults to 1883). Editor defaults: `port` 1883, `usetls` false.
 * - MQTT.js schemes: `mqtt`, `tcp`, `ws` (and the mini-program `wx`, `ali`) are cleartext; `mqtts`, `ssl`, `tls`,
 *   `wss` (`wxs`, `alis`) use TLS.
 * - `tls` is the id of a `tls-config` node; its options are applied only when `usetls` is truthy and `tls` is set.
 *   MQTT.js upgrades `mqtt`/`ws` to `mqtts`/`wss` when those options carry a client certificate and key.
 * - If no TLS options set `rejectUnauthorized`, the broker's own legacy `verifyservercert` decides:
 *   `rejectUnauthorized = (verifyservercert == "true" || verifyservercert === true)`; a missing key is `false`
 *   (editor default `false`, and the current editor no longer shows the setting).
 * - A `tls-config` node sets `rejectUnauthorized` to its `verifyservercert` value, so a `tls-config` without that key
 *   leaves it unset and the broker's legacy setting (off by default) applies.
 */
import type { JsonNode } from '../../types';
import { prop, str } from '../../json';
import { isLocalHost, isPrivateHost } from '../../net';

const CLEAR_SCHEMES = new Set(['mqtt', 'tcp', 'ws', 'wx', 'ali']);
const TLS_SCHEMES = new Set(['mqtts', 'ssl', 'tls', 'wss', 'wxs', 'alis']);

/** What a broker config node connects to: host, scheme and whether the link is encrypted. */
export interface BrokerTarget {
  /** Host name or IP as written (brackets removed for IPv6 in URLs); `localhost` for an empty broker. */
  host: string;
  /** Scheme in effect: the URL's, or `mqtt`/`mqtts` from `usetls`. */
  scheme: string;
  /** True when the connection uses TLS; undefined for a scheme MQTT.js does not know. */
  tls: boolean | undefined;
  /** True when `broker` was a full URL. */
  fromUrl: boolean;
}

/** JavaScript truthiness of a JSON value node (missing → false), as `if (node.usetls)` reads it. */
export function truthy(node: JsonNode | undefined): boolean {
  const v = node?.value;
  return !!v || (node !== undefined && (node.type === 'object' || node.type === 'array'));
}

/** The connection target of an `mqtt-broker` node (see the module facts), or undefined when `broker` is not a string or a URL does not parse. */
export function brokerTarget(broker: JsonNode): BrokerTarget | undefined {
  const b = str(prop(broker, 'broker'));
  if (b === undefined) return undefined;
  const raw = b.trim();
  if (raw.includes('://')) {
    const m = /^([a-z][a-z0-9+.-]*):\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)/i.exec(raw);
    if (!m) return undefined;
    const scheme = m[1].toLowerCase();
    const host = m[2].replace(/^\[|\]$/g, '');
    return { host, scheme, tls: TLS_SCHEMES.has(scheme) ? true : CLEAR_SCHEMES.has(scheme) ? false : undefined, fromUrl: true };
  }
  const tls = truthy(prop(broker, 'usetls'));
  return { host: raw || 'localhost', scheme: tls ? 'mqtts' : 'mqtt', tls, fromUrl: false };
}

/** Where a broker host lives: this machine, a private network, the public internet, or unknown (empty or templated). */
export type HostClass = 'loopback' | 'private' | 'public' | 'unknown';

/**
 * Classifies a broker host with the engine's `net.ts` (`isLocalHost`, `isPrivateHost`: loopback, RFC 1918 and other
 * private ranges, `.local`, single-label names). A host holding a placeholder (`${MQTT_HOST}`, `{{host}}`, `$(x)`)
 * or whitespace is `unknown`: Node-RED substitutes `${ENV}` in config node properties, so the real host is not in the file.
 */
export function classifyHost(host: string): HostClass {
  if (!host.trim() || /[${}()\s]/.test(host.trim())) return 'unknown';
  if (isLocalHost(host)) return 'loopback';
  if (isPrivateHost(host)) return 'private';
  return 'public';
}
