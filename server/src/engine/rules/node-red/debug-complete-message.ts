/**
 * node-red/debug-complete-message — a Debug node that writes whole messages to the Node-RED log.
 *
 * Facts (Node-RED source `core/common/21-debug.js` / `.html`, locale `messages.json` keys `debug.msgobj`,
 * `debug.toConsole`; node-red/node-red at 1f38dc89):
 * - `complete` is the property to show: the runtime reads `(complete || "payload").toString()`, so `"true"` (or the
 *   boolean `true`) means the *complete msg object* ("Output: complete msg object" in the editor); `"false"` means
 *   `msg.payload`; other strings name a message property. With `targetType: "jsonata"`, `complete` is an expression.
 * - `console` is "To: system console": the runtime tests `"" + (console || false) === "true"`, so `true` and `"true"`
 *   turn it on. For a complete message it then calls `node.log(util.inspect(msg, { depth: 10 }))`: the whole
 *   message, ten levels deep, goes to the Node-RED log (stdout, journald, container logs, log shippers).
 * - `active` (the button on the node) only gates the debug sidebar; the console output does not check it.
 * - `http in` puts the Express request in `msg.req` (headers with `Authorization` and cookies, query, body) and
 *   the response object in `msg.res` (Node-RED docs, HTTP In node help), so the log line holds them.
 *
 * Severity: info; warning when a network input node (`http in`, `mqtt in`, `websocket in`, `tcp in`, `udp in`) sends
 * messages to the Debug node, because then outside data (and for HTTP In the caller's credentials) lands in the log.
 * OWASP LCNC-SEC-03 (Data Leakage and Unexpected Consequences): data copied to a place with other readers.
 * Fix (not preferred: it changes what the node does): `console: false`, the editor default; the debug sidebar keeps
 * showing the message.
 */
import { defineRule } from '../../rule';
import { prop, str } from '../../json';
import { setProperty } from '../../fix';
import { NETWORK_INPUTS, describeSources, isActive, sourcesReaching } from './util';

export default defineRule(
  {
    id: 'node-red/debug-complete-message',
    owasp: 'LCNC-SEC-03',
    defaultSeverity: 'info',
    description: 'Debug node that writes the complete msg object to the Node-RED log (system console); a warning when network input reaches it.',
    formats: ['node-red'],
    fixable: true,
  },
  (ctx) => {
    for (const [step, flow] of ctx.steps()) {
      if (step.type !== 'debug' || step.kind !== 'node' || !isActive(step, flow)) continue;
      const node = step.node;
      if (str(prop(node, 'targetType')) === 'jsonata') continue;
      const complete = prop(node, 'complete')?.value;
      if (String(complete || 'payload') !== 'true') continue;
      const consoleNode = prop(node, 'console');
      const c = consoleNode?.value;
      if (String(c || false) !== 'true') continue;
      const sources = sourcesReaching(ctx, flow, step, NETWORK_INPUTS);
      const fromHttp = sources.some((s) => s.type === 'http in');
      ctx.report({
        at: consoleNode!,
        pointer: step.pointer,
        severity: sources.length ? 'warning' : undefined,
        message:
          `Debug node "${step.name}" writes the complete msg object to the Node-RED log ("system console"): every property of every message, ten levels deep, ` +
          'ends up in log files and log collectors that other people can read.' +
          (sources.length ? ` Messages from the ${describeSources(sources)} reach it` : '') +
          (fromHttp ? ', so msg.req with the caller\'s request headers (Authorization, cookies) is logged too.' : sources.length ? ', so outside data is logged as received.' : '') +
          ' Log only the property you need, or turn off "system console" and use the debug sidebar.',
        fix: { title: `Stop writing whole messages of "${step.name}" to the Node-RED log`, edits: setProperty(ctx.text, node, 'console', false), isPreferred: false },
      });
    }
  },
);
