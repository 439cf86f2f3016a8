/**
 * node-red/no-catch-node — a flow (tab) that takes network input but has no Catch node.
 *
 * Facts (node-red/node-red at 1f38dc89):
 * - `runtime/lib/flows/Flow.js` `handleError`: an error a node reports with its message (`node.error(err, msg)`)
 *   goes to the Catch nodes of the same flow (tab): scope `null` (all nodes), a list of node ids, or `"group"` (the
 *   catch node's group); `uncaught: true` only takes errors no other Catch node handled. Errors in a subflow go to
 *   the subflow's own Catch nodes and then to the flow holding the instance.
 * - Without a matching Catch node the error is only logged (`[error]` in the Node-RED log) and shown in the debug
 *   sidebar; no flow runs for it. For `http in`, no `http response` is sent, so the caller waits without an answer.
 *
 * Reported once per tab with at least one active network input node (`http in`, `mqtt in`, `websocket in`,
 * `tcp in`, `udp in`) and no active `catch` node of any scope, on the tab's label (or the first input when the tab
 * object is not in the file). Disabled tabs and subflows are skipped.
 * Severity info. OWASP LCNC-SEC-10 (Security Logging and Monitoring Failures): failures of internet-facing flows
 * are not handled or raised to anyone.
 */
import { defineRule } from '../../rule';
import type { Step } from '../../model';
import { prop, str } from '../../json';
import { pointerOf } from '../../pointer';
import { NETWORK_INPUTS, describeSources, flowObjects, isActive } from './util';

export default defineRule(
  {
    id: 'node-red/no-catch-node',
    owasp: 'LCNC-SEC-10',
    defaultSeverity: 'info',
    description: 'Flow tab with network input nodes but no Catch node: errors only reach the log, nothing handles or reports them.',
    formats: ['node-red'],
    fixable: false,
  },
  (ctx) => {
    for (const flow of ctx.flows) {
      const objects = flowObjects(flow);
      const tabs = new Map(objects.filter((o) => str(prop(o, 'type')) === 'tab').map((o) => [str(prop(o, 'id')) ?? '', o]));
      const subflows = new Set(objects.filter((o) => str(prop(o, 'type')) === 'subflow').map((o) => str(prop(o, 'id')) ?? ''));
      const inputs = new Map<string, Step[]>();
      const caught = new Set<string>();
      for (const step of flow.steps) {
        const z = str(prop(step.node, 'z'));
        if (!z || subflows.has(z) || !isActive(step, flow)) continue;
        if (step.type === 'catch') caught.add(z);
        else if (step.type in NETWORK_INPUTS) inputs.set(z, [...(inputs.get(z) ?? []), step]);
      }
      for (const [z, steps] of inputs) {
        if (caught.has(z)) continue;
        const tab = tabs.get(z);
        const label = tab ? `Flow "${str(prop(tab, 'label')) || z}"` : `The flow on tab ${z}`;
        const at = (tab && (prop(tab, 'label') ?? prop(tab, 'type'))) ?? prop(steps[0].node, 'type') ?? steps[0].node;
        const http = steps.some((s) => s.type === 'http in');
        ctx.report({
          at,
          pointer: tab ? pointerOf(tab) : steps[0].pointer,
          message:
            `${label} receives messages from the ${describeSources(steps)} but has no Catch node: when a node on this flow fails, ` +
            'the error only goes to the Node-RED log and the debug sidebar, nothing in the flow reacts and nobody is alerted' +
            (http ? ', and the HTTP caller gets no response.' : '.') +
            ` Add a Catch node that reports the error to your monitoring${http ? ' and answers the HTTP caller with an error response' : ''}.`,
        });
      }
    }
  },
);
