/**
 * Network helpers for rules: find URLs (`scheme://authority…`) inside arbitrary strings, and tell whether a host
 * is the local machine. Pure string work: no DNS, no `URL` parsing of the whole string (flow strings mix URLs with
 * expressions, prose and code, which `new URL` rejects).
 *
 * Facts: URL syntax from RFC 3986 §3 (scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ); authority =
 * [ userinfo "@" ] host [ ":" port ]; IPv6 literals in brackets, §3.2.2). Loopback: 127.0.0.0/8 and ::1 (RFC 6890
 * special-purpose registries); `localhost` and `*.localhost` resolve to loopback (RFC 6761 §6.3). `0.0.0.0` as a
 * destination reaches the local host on Linux and macOS. `host.docker.internal` / `gateway.docker.internal` are the
 * Docker Desktop names of the machine running the container (Docker docs, "Networking in Docker Desktop"), and
 * `host.containers.internal` is Podman's equivalent: traffic to them does not leave the machine.
 */

/** One URL found in a string. Offsets are UTF-16 code units into the string that was searched; `end` is exclusive. */
export interface Endpoint {
  /** Scheme, lower-cased, without `://` (`http`, `wss`, `mongodb+srv`). */
  scheme: string;
  /** Host as written (without IPv6 brackets; empty when the authority has no literal host). */
  host: string;
  /** Explicit port, when the authority has `:digits`. */
  port?: number;
  /** `user` or `user:password` before `@`, when present. */
  userinfo?: string;
  /** Offset of the first character of the scheme. */
  start: number;
  /** Offset just past the authority (host and port): `text.slice(start, authorityEnd)` is `http://host:8080`. */
  authorityEnd: number;
  /** Offset just past the URL (path, query and fragment included; trailing sentence punctuation excluded). */
  end: number;
  /** Offset and end of the host text. */
  hostStart: number;
  hostEnd: number;
  /**
   * True when the host is (partly) computed: empty (as in `'http://' + host` or `http://{{ host }}`), not made of
   * host-name characters (`$HOST`, `%HOST%`), or directly followed by an expression opener (`{{`, `@{`, `${`, `[`).
   */
  dynamicHost: boolean;
}

const MAX_SCHEME = 32;

function isSchemeChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46;
}

function isAlpha(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

/** Characters that end an authority (RFC 3986 gen-delims we stop at, plus whitespace, quotes and template brackets). */
const AUTHORITY_STOP = new Set('/?#\\"\'`<>{}|^ \t\r\n,;()[]'.split('').map((c) => c.charCodeAt(0)));
/** Characters that end a URL's path/query/fragment. */
const URL_STOP = new Set(' \t\r\n"\'`<>{}|\\^'.split('').map((c) => c.charCodeAt(0)));
/** Trailing punctuation that belongs to the surrounding sentence, not the URL. */
const TRAILING = new Set('.,;:!?)]*_'.split('').map((c) => c.charCodeAt(0)));
/** Characters that, directly after a host, show that the host continues in an expression. */
const DYNAMIC_AFTER = new Set('{$@['.split('').map((c) => c.charCodeAt(0)));
/** A literal host name or IPv4 address (RFC 3986 reg-name without percent-encoding and sub-delims, plus `_` seen in Docker names). */
const HOST_CHARS = /^[A-Za-z0-9._~-]+$/;

/**
 * Finds every `scheme://…` URL in `text`, left to right. Linear in `text.length`: it looks for `://`, walks back
 * over at most 32 scheme characters, then forward over the authority and the rest of the URL.
 * A scheme must start with a letter and must not be glued to a preceding letter/digit/`+`/`-`/`.`.
 * Never throws.
 */
export function parseEndpoint(text: string): Endpoint[] {
  const out: Endpoint[] = [];
  let from = 0;
  for (;;) {
    const sep = text.indexOf('://', from);
    if (sep < 0) break;
    from = sep + 3;
    // Walk back over the scheme.
    let s = sep;
    while (s > 0 && sep - s < MAX_SCHEME && isSchemeChar(text.charCodeAt(s - 1))) s--;
    // Leading digits/+/-/. are not part of a scheme (it starts with a letter).
    while (s < sep && !isAlpha(text.charCodeAt(s))) s++;
    if (s === sep) continue;
    if (s > 0 && isSchemeChar(text.charCodeAt(s - 1))) continue; // longer than MAX_SCHEME: not a scheme we care about
    const ep = parseAfterScheme(text, s, sep);
    out.push(ep);
    from = Math.max(from, ep.authorityEnd);
  }
  return out;
}

function parseAfterScheme(text: string, start: number, sep: number): Endpoint {
  const scheme = text.slice(start, sep).toLowerCase();
  const authStart = sep + 3;
  let i = authStart;
  let hostStart = authStart;
  let userinfo: string | undefined;
  // Authority: up to the first stop character (an IPv6 literal "[…]" at the host position is allowed).
  let atPos = -1;
  let bracketed = false;
  for (;;) {
    if (i >= text.length) break;
    const c = text.charCodeAt(i);
    if (c === 91 /* [ */ && (i === authStart || i === atPos + 1)) {
      const close = i + text.slice(i, i + 66).indexOf(']');
      if (close > i && /^\[[0-9a-fA-F]*:[0-9a-fA-F:.]*(%[A-Za-z0-9]+)?\]$/.test(text.slice(i, close + 1))) {
        bracketed = true;
        i = close + 1;
        continue;
      }
      break;
    }
    if (AUTHORITY_STOP.has(c)) break;
    if (c === 64 /* @ */) {
      // "@{" right after "://" is a WDL expression, not userinfo.
      if (text.charCodeAt(i + 1) === 123) break;
      atPos = i;
    }
    i++;
  }
  const authEnd = i;
  if (atPos >= 0) {
    userinfo = text.slice(authStart, atPos);
    hostStart = atPos + 1;
  }
  // Host and port: a trailing ":digits" is the port (IPv6 literal ports follow the bracket).
  let hostEnd = authEnd;
  let port: number | undefined;
  const auth = text.slice(hostStart, authEnd);
  const m = /:(\d{1,5})$/.exec(auth);
  if (m && (bracketed ? auth.lastIndexOf(']') === auth.length - m[0].length - 1 : true)) {
    port = Number(m[1]);
    hostEnd = authEnd - m[0].length;
  } else if (!bracketed && auth.endsWith(':')) {
    hostEnd = authEnd - 1;
  }
  let host = text.slice(hostStart, hostEnd);
  let hs = hostStart;
  let he = hostEnd;
  if (bracketed && host.startsWith('[') && host.endsWith(']')) {
    host = host.slice(1, -1);
    hs++;
    he--;
  }
  // Rest of the URL, up to a stop character or the next "scheme://" (so that every character is scanned once).
  let end = authEnd;
  while (end < text.length && !URL_STOP.has(text.charCodeAt(end))) {
    if (text.charCodeAt(end) === 58 /* : */ && text.startsWith('://', end)) {
      while (end > authEnd && isSchemeChar(text.charCodeAt(end - 1))) end--;
      break;
    }
    end++;
  }
  while (end > authEnd && TRAILING.has(text.charCodeAt(end - 1))) end--;
  if (end < authEnd) end = authEnd;
  const next = text.charCodeAt(authEnd);
  const dynamicHost = host.length === 0 || (!bracketed && !HOST_CHARS.test(host)) || (hostEnd === authEnd && DYNAMIC_AFTER.has(next));
  return { scheme, host, port, userinfo, start, authorityEnd: authEnd, end, hostStart: hs, hostEnd: he, dynamicHost };
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** Docker / Podman names of the machine that runs the container (traffic stays on that machine). */
const CONTAINER_HOST_NAMES = new Set(['host.docker.internal', 'gateway.docker.internal', 'host.containers.internal']);

/**
 * True when `host` names the local machine, so traffic to it never crosses a network:
 * `localhost` and any `*.localhost` name (RFC 6761), IPv4 loopback 127.0.0.0/8, `0.0.0.0`, IPv6 `::1` and `::`
 * (with or without brackets, also as `::ffff:127.x.x.x`), and the container-to-host names
 * `host.docker.internal`, `gateway.docker.internal`, `host.containers.internal`.
 * Case-insensitive; a trailing dot (`localhost.`) is ignored.
 * Private ranges (10/8, 172.16/12, 192.168/16, fc00::/7), link-local addresses and single-label names such as a
 * Docker Compose service (`http://qdrant:6333`) are NOT local: that traffic crosses a network, however private.
 */
export function isLocalHost(host: string): boolean {
  let h = host.trim().toLowerCase();
  if (h.startsWith('[') && h.endsWith(']')) h = h.slice(1, -1);
  if (h.endsWith('.')) h = h.slice(0, -1);
  if (!h) return false;
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (CONTAINER_HOST_NAMES.has(h)) return true;
  const m = IPV4.exec(h);
  if (m) {
    const o = m.slice(1).map(Number);
    if (o.some((x) => x > 255)) return false;
    return o[0] === 127 || o.every((x) => x === 0);
  }
  if (h.includes(':')) {
    const zoneless = h.split('%')[0];
    if (zoneless === '::1' || zoneless === '::' || /^(0{1,4}:){7}0{0,3}1$/.test(zoneless)) return true;
    const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(zoneless);
    if (mapped) return isLocalHost(mapped[1]);
  }
  return false;
}

/** Suffixes of names that only resolve inside a private network. */
const PRIVATE_SUFFIXES = ['.local', '.localdomain', '.lan', '.internal', '.intranet', '.home.arpa'];

/**
 * True when `host` is on a private network but not the local machine: RFC 1918 IPv4 (10/8, 172.16/12, 192.168/16),
 * shared address space 100.64/10 (RFC 6598), link-local 169.254/16 and fe80::/10, IPv6 unique-local fc00::/7
 * (RFC 4193), single-label names (a Docker Compose service such as `qdrant`, an intranet host), and names under
 * `.local` (mDNS, RFC 6762), `.home.arpa` (RFC 8375), `.internal` (reserved for private use by ICANN in 2024),
 * `.lan`, `.localdomain`, `.intranet`. Loopback names are not private but local: see `isLocalHost`.
 */
export function isPrivateHost(host: string): boolean {
  let h = host.trim().toLowerCase();
  if (h.startsWith('[') && h.endsWith(']')) h = h.slice(1, -1);
  if (h.endsWith('.')) h = h.slice(0, -1);
  if (!h || isLocalHost(h)) return false;
  const m = IPV4.exec(h);
  if (m) {
    const [a, b] = m.slice(1, 3).map(Number);
    return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127) || (a === 169 && b === 254);
  }
  if (h.includes(':')) return /^f[cd][0-9a-f]{0,2}:/.test(h) || /^fe[89ab][0-9a-f]?:/.test(h);
  if (!h.includes('.')) return true;
  return PRIVATE_SUFFIXES.some((s) => h.endsWith(s));
}
