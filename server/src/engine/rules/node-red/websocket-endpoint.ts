/**
 * node-red/websocket-endpoint — a `websocket-listener` config node opens a WebSocket endpoint on Node-RED's HTTP server.
 *
 * Facts (Node-RED source `core/network/22-websocket.js`, node-red/node-red at 1f38dc89):
 * - `websocket-listener` and `websocket-client` share one constructor; the node is a server ("Listen on") when
 *   `path` is not a `ws://` / `wss://` URL (`isServer = !/^ws{1,2}:\/\//i.test(path)`). The endpoint path is
 *   `httpNodeRoot` + `path`.
 * - The listener registers its path when the config node starts. The runtime starts every config node that is not
 *   disabled, used or not (`runtime/lib/flows/Flow.js` `start`), so the endpoint is open even if no WebSocket In/Out
 *   node uses it.
 * - Connections are upgraded on the raw HTTP server (`RED.server.on('upgrade')`), outside the Express app, so
 *   `httpNodeAuth` and `httpNodeMiddleware` do not apply. The only check is `webSocketNodeVerifyClient` in
 *   `settings.js` (passed to the `ws` server as `verifyClient`), which the flow file cannot show.
 * - `wholemsg: "true"` ("Send/Receive: entire message"): a received frame is parsed as JSON and becomes the whole
 *   `msg`, so the client sets any message property (`msg.topic`, `msg.filename`, …), not only `msg.payload`.
 *
 * Severity info, like `node-red/http-in-endpoint`: the endpoint is often intended; the finding makes it visible.
 * OWASP LCNC-SEC-05 (Security Misconfiguration): an entry point whose protection lives in an unseen setting.
 */
import { defineRule } from '../../rule';
import { prop, str } from '../../json';
import { isActive } from './util';

export default defineRule(
  {
    id: 'node-red/websocket-endpoint',
    owasp: 'LCNC-SEC-05',
    defaultSeverity: 'info',
    description: 'WebSocket listener that opens a WebSocket endpoint on Node-RED\'s HTTP server; httpNodeAuth does not protect it.',
    formats: ['node-red'],
    fixable: false,
  },
  (ctx) => {
    for (const [step, flow] of ctx.steps()) {
      if (step.type !== 'websocket-listener' || !isActive(step, flow)) continue;
      const pathNode = prop(step.node, 'path');
      const raw = (str(pathNode) ?? '').trim();
      if (/^ws{1,2}:\/\//i.test(raw)) continue; // a client configuration, not a listener
      const path = raw.startsWith('/') ? raw : '/' + raw;
      const users = flow.steps.filter((s) => s !== step && isActive(s, flow) && str(prop(s.node, 'server')) === step.id);
      const whole = String(prop(step.node, 'wholemsg')?.value) === 'true';
      ctx.report({
        at: pathNode ?? prop(step.node, 'type') ?? step.node,
        pointer: step.pointer,
        message:
          `WebSocket listener "${step.name}" accepts WebSocket connections at ${path} on Node-RED's HTTP server` +
          (users.length ? '' : ' (no active WebSocket node in this file uses it, but the endpoint is open all the same)') +
          ': anyone who can reach the server can connect, send messages into the flow and receive what it sends out.' +
          (whole ? ' It receives entire messages, so a client can set any msg property, not just the payload.' : '') +
          ' httpNodeAuth does not cover WebSocket endpoints; check that settings.js sets webSocketNodeVerifyClient or that a proxy in front authenticates clients.',
      });
    }
  },
);
