/**
 * power-automate/embedded-connection — a flow that other people start (run-only users, Power Apps, a Copilot Studio
 * agent) uses the owner's own connection, so everyone who starts it acts with the owner's account.
 *
 * Facts:
 * - Microsoft Learn, "Share a cloud flow" (learn.microsoft.com/power-automate/create-team-flows, FAQ): instant flows
 *   can be shared with run-only users; for each connection the owner chooses **Provided by run-only user** or **Use
 *   this connection**. "Embedded connections are used by all users of the flow, but connections provided by a
 *   run-only user are used only by the user that provides them"; in an exported flow the run-only-user connections
 *   have a RuntimeSource value of `invoker`. The embedded ones are `"runtimeSource": "embedded"` (Learn, "Work with
 *   cloud flows using code", `clientdata` example).
 * - Instant triggers are `Request` triggers with `kind` `Button` (manually trigger a flow), `PowerApp` /
 *   `PowerAppV2` (Power Apps) and `Skills` / `VirtualAgent` (Copilot Studio); `Http` triggers always run with the
 *   flow's own connections and are judged by `wdl/request-trigger-without-auth` and
 *   `power-automate/user-mode-no-allowed-users`.
 * - Child flows must use embedded connections: "child workflows only support embedded connections" (Learn, "Create
 *   child flows"). A `Button` flow that answers with a `Response` action is a child flow, so it is not reported.
 * - Dataverse actions can run as the invoking user through the connection reference's `impersonation.source:
 *   "invoker"` (Azure/LogicAppsUX `libs/designer/src/lib/core/actions/bjsworkflow/initialize.ts`,
 *   `updateInvokerSettings`; `ImpersonationSource.Invoker = 'invoker'`); such references are not reported.
 * - Quick fix (not preferred): `runtimeSource` → `invoker`. Each user then signs in with their own connection the
 *   first time they run the flow and the actions run with their own permissions, which can make runs fail for users
 *   who lack access — that may be exactly what the owner relied on.
 */
import { defineRule } from '../../rule';
import { str } from '../../json';
import { replaceString } from '../../fix';
import { lowerStr, propCI } from '../wdl/wdl-util';
import { connectionKeyOf, connectionRefs, paFlows, requestTriggerKind, sameCase } from './pa-util';

/** Instant trigger kinds (lower case) → who starts the flow, for the message. */
const STARTERS: Record<string, string> = {
  button: 'runs this flow as a run-only user',
  powerapp: 'starts this flow from Power Apps',
  powerappv2: 'starts this flow from Power Apps',
  skills: 'reaches this flow through a Copilot Studio agent',
  virtualagent: 'reaches this flow through a Copilot Studio agent',
};

export default defineRule(
  {
    id: 'power-automate/embedded-connection',
    owasp: 'LCNC-SEC-01',
    defaultSeverity: 'warning',
    description: 'Flow started by others (run-only users, Power Apps, Copilot Studio) uses the owner\'s embedded connection, so every caller acts as the owner.',
    formats: ['power-automate'],
    fixable: true,
  },
  (ctx) => {
    for (const flow of paFlows(ctx.flows)) {
      const kind = requestTriggerKind(flow);
      const starter = kind ? STARTERS[kind] : undefined;
      if (!starter) continue;
      if (kind === 'button' && flow.steps.some((s) => s.kind === 'action' && s.type.toLowerCase() === 'response')) continue; // child flow
      const used = new Set<string>();
      for (const s of flow.steps) {
        const k = s.kind === 'action' ? connectionKeyOf(s) : undefined;
        if (k) used.add(k);
      }
      for (const ref of connectionRefs(flow)) {
        const rs = propCI(ref.node, 'runtimeSource');
        if (lowerStr(rs) !== 'embedded') continue;
        if (lowerStr(propCI(propCI(ref.node, 'impersonation'), 'source')) === 'invoker') continue;
        if (used.size && !used.has(ref.key)) continue; // a leftover reference no action uses
        const connector = ref.apiName === ref.key.toLowerCase() ? '' : ` (connector ${ref.apiName})`;
        ctx.report({
          at: rs!,
          pointer: ref.pointer,
          message: `Connection "${ref.key}"${connector} is embedded: everyone who ${starter} acts through the flow owner's connection, with the owner's access, not their own. Choose "Provided by run-only user" unless lending the owner's access is intended.`,
          fix: {
            title: `Let each user provide their own "${ref.key}" connection (runtimeSource "invoker")`,
            edits: replaceString(rs!, sameCase(str(rs)!, 'invoker')),
            isPreferred: false,
          },
        });
      }
    }
  },
);
