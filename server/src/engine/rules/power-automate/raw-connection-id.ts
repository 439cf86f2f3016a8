/**
 * power-automate/raw-connection-id — a connection the flow uses is not bound through a solution connection
 * reference: the file names one person's connection by its id, or nothing at all. Information for asset management:
 * such a connection is invisible to the solution, cannot be re-pointed per environment, and breaks when its owner
 * leaves.
 *
 * Facts:
 * - Solution flows bind each entry of `properties.connectionReferences` to a Dataverse connection reference through
 *   `connection.connectionReferenceLogicalName` (Microsoft Learn, "Work with cloud flows using code": the
 *   `clientdata` example has both the raw connection `name` and `connectionReferenceLogicalName`). Learn, "Use a
 *   connection reference in a solution": "Flows created outside a solution use Connections directly. Flows created
 *   in a solution use Connection References"; to change the connection a flow uses "you edit the connection
 *   reference component within the solution"; flows added from outside solutions "will not automatically be
 *   upgraded to use connection references".
 * - Flows saved outside solutions, and the package / management API shape, name the connection itself:
 *   `connectionName` (`shared-office365-<guid>` or a 32-hex id) with `source` and `id` (CLI for Microsoft 365 docs,
 *   `flow list`). An entry whose `connection` object is empty (older solution exports) names no reference at all.
 * - Learn, "Share a cloud flow", FAQ: actions that use "active or embedded connections that belong to the user who has
 *   left the organization … might fail".
 */
import { defineRule } from '../../rule';
import { str } from '../../json';
import { propCI } from '../wdl/wdl-util';
import { connectionRefs, paFlows } from './pa-util';

export default defineRule(
  {
    id: 'power-automate/raw-connection-id',
    owasp: 'LCNC-SEC-09',
    defaultSeverity: 'info',
    description: 'Connection bound by a raw connection id (or by nothing) instead of a solution connection reference (connectionReferenceLogicalName).',
    formats: ['power-automate'],
    fixable: false,
  },
  (ctx) => {
    for (const flow of paFlows(ctx.flows)) {
      for (const ref of connectionRefs(flow)) {
        const connection = propCI(ref.node, 'connection');
        const logical = str(propCI(connection, 'connectionReferenceLogicalName'));
        if (logical && logical.trim()) continue;
        const rawNode = propCI(connection, 'name') ?? propCI(ref.node, 'connectionName');
        const raw = str(rawNode);
        if (raw !== undefined && raw.trim() !== '') {
          ctx.report({
            at: rawNode!,
            pointer: ref.pointer,
            message: `Connection "${ref.key}" (${ref.apiName}) is bound to one specific connection by its id ("${raw}") instead of a solution connection reference: it cannot be re-pointed per environment and stops working when that connection's owner leaves. Add the flow to a solution and use a connection reference.`,
          });
          continue;
        }
        ctx.report({
          at: connection ?? ref.node,
          pointer: ref.pointer,
          message: `Connection "${ref.key}" (${ref.apiName}) names no connection reference (connectionReferenceLogicalName): whoever imports or turns on the flow binds it to a connection of their choice, outside the solution's control. Use a solution connection reference.`,
        });
      }
    }
  },
);
