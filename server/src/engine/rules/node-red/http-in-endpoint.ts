/**
 * node-red/http-in-endpoint — an `http in` node publishes an HTTP endpoint that starts the flow.
 *
 * Facts (Node-RED source `core/network/21-httpin.js` / `21-httpin.html`, node-red/node-red at 1f38dc89; Node-RED docs
 * "Securing Node-RED", section "HTTP Node security"):
 * - `http in` has `url` (a leading `/` is added when missing), `method` (`get` default, `post`, `put`, `delete`,
 *   `patch`), `upload` (accept multipart file uploads, POST only), `swaggerDoc`. The route is served by Node-RED's
 *   HTTP server under `httpNodeRoot` (routes are not created when `httpNodeRoot` is `false`).
 * - The node has no authentication setting. Routes are protected only by `httpNodeAuth` (basic auth for every
 *   route) or `httpNodeMiddleware` in `settings.js`, or by a proxy in front, none of which a flow file shows.
 *
 * Severity info: the endpoint is often intended; the finding makes it visible so someone checks how it is protected.
 * OWASP LCNC-SEC-05 (Security Misconfiguration): an entry point whose protection lives in a separate, unseen setting.
 */
import { defineRule } from '../../rule';
import { prop, str } from '../../json';
import { isActive } from './util';

export default defineRule(
  {
    id: 'node-red/http-in-endpoint',
    owasp: 'LCNC-SEC-05',
    defaultSeverity: 'info',
    description: 'HTTP In node that exposes an HTTP endpoint; the flow cannot show whether settings.js protects it.',
    formats: ['node-red'],
    fixable: false,
  },
  (ctx) => {
    for (const [step, flow] of ctx.steps()) {
      if (step.type !== 'http in' || step.kind !== 'node' || !isActive(step, flow)) continue;
      const urlNode = prop(step.node, 'url');
      const url = str(urlNode)?.trim() ?? '';
      const path = url.startsWith('/') ? url : '/' + url;
      const method = (str(prop(step.node, 'method')) || 'get').toUpperCase();
      const upload = prop(step.node, 'upload')?.value === true && method === 'POST';
      ctx.report({
        at: urlNode ?? prop(step.node, 'type') ?? step.node,
        pointer: step.pointer,
        message:
          `HTTP In node "${step.name}" exposes ${method} ${path}${upload ? ' (with file uploads)' : ''} on Node-RED's HTTP server: anyone who can reach the server can send messages into this flow. ` +
          'The node has no authentication of its own; check that settings.js sets httpNodeAuth or httpNodeMiddleware, or that a proxy in front authenticates callers.',
      });
    }
  },
);
