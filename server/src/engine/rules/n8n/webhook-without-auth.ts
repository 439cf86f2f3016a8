/**
 * n8n/webhook-without-auth — a trigger that anyone on the internet can call.
 *
 * Facts: see `triggers.ts` (Webhook, Form Trigger, public Chat Trigger and MCP Server Trigger; a missing
 * `authentication` key means `none`).
 */
import { defineRule } from '../../rule';
import { setProperty } from '../../fix';
import { prop } from '../../json';
import { openTrigger } from './triggers';

const FIX_WORD: Record<string, string> = { headerAuth: 'header', basicAuth: 'basic', bearerAuth: 'bearer' };

export default defineRule(
  {
    id: 'n8n/webhook-without-auth',
    owasp: 'LCNC-SEC-05',
    defaultSeverity: 'warning',
    description: 'Webhook, form, public chat or MCP server trigger that accepts requests without authentication.',
    formats: ['n8n'],
    fixable: true,
  },
  (ctx) => {
    for (const [step] of ctx.steps()) {
      const t = openTrigger(step);
      if (!t) continue;
      const params = step.params;
      const fix =
        params && params.type === 'object'
          ? {
              title: `Require ${FIX_WORD[t.fixTo]} authentication on "${step.name}"`,
              edits: setProperty(ctx.text, params, 'authentication', t.fixTo),
              isPreferred: true,
            }
          : undefined;
      ctx.report({
        at: t.authNode ?? prop(step.node, 'type') ?? step.node,
        pointer: step.pointer,
        message: `${t.label} "${step.name}" accepts requests without authentication: anyone who learns its URL can start this workflow. Set Authentication to a credential-backed method.`,
        fix,
      });
    }
  },
);
