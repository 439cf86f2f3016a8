/**
 * power-automate/no-failure-handling — a flow that calls connectors or HTTP endpoints but has no step that runs when
 * another step fails or times out: failures are recorded only in the run history and the owner's failure mail, and
 * nothing logs, alerts or cleans up. Information (OWASP LCNC-SEC-10, security logging and monitoring failures).
 *
 * Facts:
 * - WDL `runAfter` maps a predecessor to the statuses after which the action runs: `Succeeded`, `Failed`, `Skipped`,
 *   `TimedOut` (Microsoft Learn, "Schema reference guide for trigger and action types in Azure Logic Apps", runAfter;
 *   "Handle errors and exceptions in Azure Logic Apps"). In the Power Automate designer this is an action's
 *   **Configure run after** setting ("has failed", "has timed out"); the try/catch pattern is a Scope followed by an
 *   action or Scope that runs after it has failed or timed out.
 * - Statuses are compared without regard to case; actions at any depth (inside Scope, Condition, Switch, loops)
 *   count. Flows with no connector, HTTP or child-flow call have nothing external to fail and are not reported.
 */
import { defineRule } from '../../rule';
import { entries, items, propNode } from '../../json';
import { pointerOf } from '../../pointer';
import { lowerStr, propCI } from '../wdl/wdl-util';
import { paFlows } from './pa-util';

/** Action types that call something outside the flow (lower case). */
const EXTERNAL = new Set(['openapiconnection', 'apiconnection', 'openapiconnectionwebhook', 'apiconnectionwebhook', 'http', 'httpwebhook', 'workflow', 'function', 'apimanagement']);

const ERROR_STATUSES = new Set(['failed', 'timedout']);

export default defineRule(
  {
    id: 'power-automate/no-failure-handling',
    owasp: 'LCNC-SEC-10',
    defaultSeverity: 'info',
    description: 'Flow calls connectors but no step runs after a failure or timeout ("Configure run after"), so failures go unlogged and unhandled.',
    formats: ['power-automate'],
    fixable: false,
  },
  (ctx) => {
    for (const flow of paFlows(ctx.flows)) {
      const actions = flow.steps.filter((s) => s.kind === 'action');
      const external = actions.filter((s) => EXTERNAL.has(s.type.toLowerCase()));
      if (!external.length) continue;
      const handled = actions.some((s) => entries(propCI(s.node, 'runAfter')).some(([, statuses]) => items(statuses).some((st) => ERROR_STATUSES.has(lowerStr(st) ?? ''))));
      if (handled) continue;
      const actionsProp = propNode(flow.definition, 'actions');
      const actionsValue = actionsProp?.children?.[1];
      if (!actionsProp || !actionsValue) continue;
      const names = external.slice(0, 2).map((s) => `"${s.name}"`).join(', ');
      ctx.report({
        at: actionsProp.children![0],
        pointer: pointerOf(actionsValue),
        message: `No step in this flow runs after a failed or timed-out step, although ${external.length} ${external.length === 1 ? 'step calls' : 'steps call'} connectors or endpoints (${names}${external.length > 2 ? ', …' : ''}): failures are seen only in run history, nothing logs, alerts or cleans up. Add a Scope with an error path ("Configure run after": has failed, has timed out).`,
      });
    }
  },
);
