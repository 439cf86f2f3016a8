/**
 * node-red/http-request-insecure-parser — an HTTP Request node with "Disable strict HTTP parsing" ticked.
 *
 * Facts:
 * - Node-RED source `core/network/21-httprequest.js` / `.html` (node-red/node-red at 1f38dc89, option added in
 *   Node-RED 3.0, commit 660a2e0e "Allow HTTP Headers not in spec"): the `http request` node has
 *   `insecureHTTPParser` (editor default `false`, label "Disable strict HTTP parsing", locale key
 *   `httpin.insecureHTTPParser`). The runtime tests it for truthiness (`if (node.insecureHTTPParser)`) and then
 *   passes Node's `insecureHTTPParser: true` to every request the node makes; a missing key means off.
 * - Node.js docs (`http.request` option `insecureHTTPParser`, CLI `--insecure-http-parser`): the lenient parser
 *   accepts invalid header values, invalid HTTP versions, messages with both `Transfer-Encoding` and
 *   `Content-Length`, `\n` instead of `\r\n` and more; Node.js says this exposes the application to request
 *   smuggling or poisoning attacks and to avoid the option.
 *
 * OWASP LCNC-SEC-05 (Security Misconfiguration): a protocol safety check switched off in a node setting.
 * Fixable: the fix sets `insecureHTTPParser` to `false`, what the editor saves with the box unticked.
 */
import { defineRule } from '../../rule';
import { prop, str } from '../../json';
import { setProperty } from '../../fix';
import { isActive } from './util';
import { truthy } from './mqtt-broker';

/** The host part of a fixed URL for the message (no user info, path or query), or '' when the URL is empty or templated. */
export function urlHost(url: string): string {
  // (Leading whitespace trimmed first: `^\s*` next to `[^@/?#]*` backtracks quadratically over long whitespace.)
  const m = /^(?:https?:\/\/)?(?:[^@/?#]*@)?([^/?#:\s]+)/i.exec(url.trimStart());
  if (!m || /[{}$]/.test(m[1])) return '';
  return m[1];
}

export default defineRule(
  {
    id: 'node-red/http-request-insecure-parser',
    owasp: 'LCNC-SEC-05',
    defaultSeverity: 'warning',
    description: 'HTTP Request node with "Disable strict HTTP parsing" on: malformed responses are accepted (request smuggling, response splitting).',
    formats: ['node-red'],
    fixable: true,
  },
  (ctx) => {
    for (const [step, flow] of ctx.steps()) {
      if (step.type !== 'http request' || step.kind !== 'node' || !isActive(step, flow)) continue;
      const flag = prop(step.node, 'insecureHTTPParser');
      if (!truthy(flag)) continue;
      const host = urlHost(str(prop(step.node, 'url')) ?? '');
      ctx.report({
        at: flag!,
        pointer: step.pointer,
        message:
          `HTTP Request node "${step.name}" has "Disable strict HTTP parsing" on${host ? ` (requests to ${host})` : ''}: Node.js then accepts malformed HTTP ` +
          'responses (invalid header values, both Content-Length and Transfer-Encoding, bare line feeds), which a malicious server or a ' +
          'proxy on the path can use for request smuggling and response splitting. Turn it off; if one server really needs it, fix that server.',
        fix: { title: `Turn strict HTTP parsing back on for "${step.name}"`, edits: setProperty(ctx.text, step.node, 'insecureHTTPParser', false), isPreferred: true },
      });
    }
  },
);
