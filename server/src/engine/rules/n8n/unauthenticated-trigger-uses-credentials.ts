/**
 * n8n/unauthenticated-trigger-uses-credentials — anyone who calls an open trigger acts through the workflow's
 * stored accounts.
 *
 * Facts:
 * - Open triggers: see `triggers.ts` (Webhook, Form Trigger, public Chat Trigger, MCP Server Trigger with
 *   authentication `none`, the default).
 * - A node's `credentials` object names the stored credentials it uses, `{ <credential type>: { id, name } }`
 *   (n8n source `packages/workflow/src/interfaces.ts` `INode`); n8n decrypts them when the node runs, whoever started
 *   the run. A production run started by a webhook has no n8n user behind it: the workflow acts as the accounts its
 *   credentials belong to (n8n docs "Credentials"; the Webhook and MCP Server Trigger's `n8nOAuth2` mode exists to tie
 *   a run to the calling n8n user instead).
 * - Nodes run by a trigger: its successors through connections and the AI sub-nodes (models, tools, memories)
 *   connected into them (`triggers.ts` `stepsRunFrom`).
 * What is reported: each open trigger from which enabled nodes with credentials run, once, listing the credentials.
 */
import { defineRule } from '../../rule';
import { prop } from '../../json';
import { credentialsOf, openTrigger, stepsRunFrom, type CredentialUse } from './triggers';

export default defineRule(
  {
    id: 'n8n/unauthenticated-trigger-uses-credentials',
    owasp: 'LCNC-SEC-01',
    defaultSeverity: 'warning',
    description: 'Trigger without authentication starts nodes that use stored credentials: every caller acts as those accounts.',
    formats: ['n8n'],
    fixable: false,
  },
  (ctx) => {
    for (const [step, flow] of ctx.steps()) {
      const t = openTrigger(step);
      if (!t) continue;
      const creds = new Map<string, CredentialUse>();
      let nodes = 0;
      for (const s of stepsRunFrom(ctx, flow, step)) {
        const list = credentialsOf(s);
        if (list.length) nodes++;
        for (const c of list) creds.set(c.id ?? `${c.type}\u0000${c.name}`, c);
      }
      if (!creds.size) continue;
      const all = [...creds.values()];
      const shown = all.slice(0, 3).map((c) => (c.name ? `"${c.name}" (${c.type})` : c.type)).join(', ') + (all.length > 3 ? ` and ${all.length - 3} more` : '');
      ctx.report({
        at: prop(step.node, 'name') ?? step.node,
        pointer: step.pointer,
        message: `${t.label} "${step.name}" accepts requests without authentication and starts ${nodes} node${nodes > 1 ? 's that use' : ' that uses'} stored credentials: ${shown}. Anyone who learns the URL acts as ${all.length > 1 ? 'those accounts' : 'that account'} — reads, sends or changes what ${all.length > 1 ? 'they' : 'it'} can. Require authentication on the trigger, or give these nodes credentials that can do only what every caller may do.`,
      });
    }
  },
);
