/**
 * common/cleartext-endpoint — a step talks to a remote host over plain HTTP, WebSocket or FTP.
 *
 * Facts:
 * - `http://` and `ws://` carry data (and any `Authorization` header, API key or cookie) unencrypted; `https://` and
 *   `wss://` are the same protocols over TLS (RFC 9110 §4.2.2 "https URI scheme"; RFC 6455 §3 "wss URIs"), on
 *   default ports 443 instead of 80, so changing the scheme is the fix when the server offers TLS.
 * - FTP (RFC 959) sends the password with `PASS` in clear text; the TLS variants are FTPS (RFC 4217) and SFTP (SSH).
 *   They differ in port and server software, so there is no mechanical fix.
 * - Names that are not endpoints: XML namespaces and schema ids are identifiers, never fetched
 *   (W3C "Namespaces in XML 1.0" §2.2: "not a goal that it be directly usable for retrieval"); `example.com/.net/.org`
 *   are reserved for documentation (RFC 2606 §3), as are the TLDs `.example`, `.test`, `.invalid` (RFC 2606 §2).
 * - Where settings live per platform: see `scan-strings.ts`.
 *
 * What is reported: a literal, non-local host (see `isLocalHost` in `net.ts`) in a URL that starts a setting value
 * (after an n8n expression `=`), or that starts a quoted literal inside a code or expression string
 * (`fetch('http://…')`, `@concat('http://…', …)`). URLs in the middle of prose (HTML, Markdown, prompts) are links
 * for people, not endpoints, and are not reported; neither are URLs whose host is an expression.
 * Hosts on a private network (`isPrivateHost`: RFC 1918 addresses, Docker service names, `.local`, …) are reported
 * at `info`: the traffic is still unencrypted, but it does not cross the internet.
 */
import { defineRule } from '../../rule';
import { isLocalHost, isPrivateHost, parseEndpoint, type Endpoint } from '../../net';
import { pointerOf } from '../../pointer';
import type { Fix, JsonNode, TextEdit } from '../../types';
import { forEachSettingString } from './scan-strings';
import { decodedOffsets, spanOf } from './string-offsets';

interface SchemeInfo {
  label: string;
  secure?: string;
  defaultPort: number;
}

const CLEARTEXT: Record<string, SchemeInfo> = {
  http: { label: 'HTTP', secure: 'https', defaultPort: 80 },
  ws: { label: 'WebSocket', secure: 'wss', defaultPort: 80 },
  ftp: { label: 'FTP', defaultPort: 21 },
};

/** Keys whose values are namespace or schema identifiers. */
const NAMESPACE_KEYS = /^(\$schema|\$id|@context|@xmlns|xmlns(:.*)?|@xmlns:.*|targetNamespace|namespace|schemaLocation|xsi:schemaLocation)$/i;

/** Hosts that only appear in identifiers (XML namespaces, JSON Schema ids, RDF vocabularies). */
function isNamespaceHost(host: string): boolean {
  return (
    host === 'www.w3.org' ||
    host === 'w3.org' ||
    host.startsWith('schemas.') ||
    host === 'json-schema.org' ||
    host === 'purl.org' ||
    host === 'schema.org' ||
    host === 'www.schema.org' ||
    host === 'xmlns.com' ||
    host === 'ns.adobe.com'
  );
}

/** Reserved documentation names (RFC 2606). */
function isExampleHost(host: string): boolean {
  return /(^|\.)example\.(com|net|org)$/.test(host) || /\.(example|test|invalid)$/.test(host) || host === 'example' || host === 'test';
}

/** Text right before the URL that makes it a namespace declaration or schema reference. */
const NAMESPACE_BEFORE = /(xmlns(:[\w.-]+)?|schemaLocation|targetNamespace|namespace|"\$schema"|'\$schema'|\$schema)\s*[=:]\s*\\?["']?$/i;

/**
 * Where the value's lead-in ends: after leading whitespace, and after an n8n `=` and the whitespace that follows it.
 * Computed once per value (a URL starting at or before it starts the value).
 */
function leadEnd(value: string): number {
  const a = value.search(/\S/);
  if (a < 0) return value.length;
  if (value[a] !== '=') return a;
  const b = value.slice(a + 1).search(/\S/);
  return b < 0 ? value.length : a + 1 + b;
}

/**
 * Whether the URL is an endpoint by position: it starts the value (after whitespace and an n8n `=`: `lead` is
 * `leadEnd(value)`), or it starts a quoted literal (`'…`, `"…`, `` `… ``) inside a longer string that is not markup.
 * Only the 400 characters before the URL are read, so a value with many URLs costs linear time.
 */
function isEndpointPosition(value: string, ep: Endpoint, lead: number): boolean {
  const before = value.slice(Math.max(0, ep.start - 40), ep.start);
  if (ep.start <= lead) return true;
  const q = before.charCodeAt(before.length - 1);
  if (q !== 39 && q !== 34 && q !== 96) return false;
  if (NAMESPACE_BEFORE.test(before)) return false;
  // An HTML/XML attribute (`href="…"`, `src='…'`) is markup for people or a renderer, not a request the flow makes.
  if (/[\w-]\s*=\s*\\?["'`]$/.test(before) && /<[a-zA-Z][^<>]*$/.test(value.slice(Math.max(0, ep.start - 400), ep.start))) return false;
  return true;
}

function displayOf(ep: Endpoint): string {
  const host = ep.host.includes(':') ? `[${ep.host}]` : ep.host;
  return `${ep.scheme}://${host}${ep.port !== undefined ? `:${ep.port}` : ''}`;
}

function fixFor(text: string, node: JsonNode, value: string, ep: Endpoint, info: SchemeInfo, map: Int32Array | undefined): Fix | undefined {
  if (!info.secure || !map) return undefined;
  const writtenScheme = value.slice(ep.start, ep.start + ep.scheme.length);
  const rawScheme = text.slice(map[ep.start], map[ep.start + ep.scheme.length]);
  if (rawScheme !== writtenScheme) return undefined; // the scheme is written with escapes: leave it to the user
  const afterHost = value.slice(ep.hostEnd + (ep.host.includes(':') ? 1 : 0), ep.authorityEnd);
  let removePort = false;
  if (ep.port !== undefined) {
    if (ep.port !== info.defaultPort) return undefined; // a server on a custom port rarely speaks TLS on the same port
    removePort = true;
  } else if (afterHost === ':') {
    return undefined; // the port is an expression
  }
  const secure = writtenScheme === writtenScheme.toUpperCase() ? info.secure.toUpperCase() : info.secure;
  const edits: TextEdit[] = [{ offset: map[ep.start], length: ep.scheme.length, content: secure }];
  if (removePort) {
    const portStart = ep.authorityEnd - `:${ep.port}`.length;
    edits.push({ offset: map[portStart], length: map[ep.authorityEnd] - map[portStart], content: '' });
  }
  return { title: `Use ${info.secure}:// for ${ep.host}`, edits, isPreferred: true };
}

export default defineRule(
  {
    id: 'common/cleartext-endpoint',
    owasp: 'LCNC-SEC-04',
    defaultSeverity: 'warning',
    description: 'A step calls a remote host over unencrypted http://, ws:// or ftp://.',
    formats: ['n8n', 'node-red', 'power-automate', 'logic-apps'],
    fixable: true,
  },
  (ctx) => {
    forEachSettingString(ctx.flows, ctx.root, (node, key, step) => {
      const value = node.value as string;
      if (!value.includes('://') || (key !== undefined && NAMESPACE_KEYS.test(key))) return;
      // A Node-RED broker connection is judged by node-red/mqtt-without-tls (which knows usetls, ports and schemes): one finding, not two.
      if (step?.type === 'mqtt-broker' && key === 'broker') return;
      let map: Int32Array | undefined | null = null;
      let lead = -1;
      for (const ep of parseEndpoint(value)) {
        const info = CLEARTEXT[ep.scheme];
        if (!info || ep.dynamicHost) continue;
        const host = ep.host.toLowerCase().replace(/\.$/, '');
        if (isLocalHost(host) || isExampleHost(host) || isNamespaceHost(host)) continue;
        if (lead < 0) lead = leadEnd(value);
        if (!isEndpointPosition(value, ep, lead)) continue;
        if (map === null) map = decodedOffsets(ctx.text, node);
        const span = spanOf(ctx.text, node, ep.start, ep.authorityEnd, map);
        const shown = displayOf(ep);
        const priv = isPrivateHost(host);
        const where = priv ? 'on your private network' : 'on the network';
        const message = info.secure
          ? `Cleartext ${info.label} endpoint ${shown}: data and credentials sent to it travel unencrypted and can be read or changed ${where}. Use ${info.secure}://${ep.port !== undefined && ep.port !== info.defaultPort ? " (and the server's TLS port)" : ''}.`
          : `Cleartext FTP endpoint ${shown}: FTP sends the password and the files unencrypted ${where}. Use SFTP (sftp://) or FTPS (ftps://) instead.`;
        ctx.report({
          at: { ...node, offset: span.offset, length: span.length },
          pointer: pointerOf(node),
          message,
          severity: priv ? 'info' : undefined,
          fix: fixFor(ctx.text, node, value, ep, info, map),
        });
      }
    });
  },
);
