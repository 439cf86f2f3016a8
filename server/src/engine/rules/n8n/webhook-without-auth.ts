/**
 * n8n/webhook-without-auth — a trigger that anyone on the internet can call.
 *
 * Facts (n8n docs: "Webhook node", "n8n Form Trigger node", "Chat Trigger node"; n8n source
 * `packages/nodes-base/nodes/Webhook/description.ts`, `Form/FormTriggerV2.node.ts`, `@n8n/nodes-langchain` ChatTrigger):
 * - `n8n-nodes-base.webhook` has `parameters.authentication` ∈ `none` (default) | `basicAuth` | `headerAuth` | `jwtAuth`;
 *   a missing key means `none`.
 * - `n8n-nodes-base.formTrigger` has `authentication` ∈ `none` (default) | `basicAuth`.
 * - `@n8n/n8n-nodes-langchain.chatTrigger` is reachable from outside only when `public: true`; its `authentication`
 *   ∈ `none` (default) | `basicAuth` | `n8nUserAuth`.
 */
import { defineRule } from '../../rule';
import { prop, str } from '../../json';
import { setProperty } from '../../fix';

const TRIGGERS: Record<string, { label: string; fixTo: string }> = {
  'n8n-nodes-base.webhook': { label: 'Webhook', fixTo: 'headerAuth' },
  'n8n-nodes-base.formTrigger': { label: 'Form Trigger', fixTo: 'basicAuth' },
  '@n8n/n8n-nodes-langchain.chatTrigger': { label: 'Chat Trigger', fixTo: 'basicAuth' },
};

export default defineRule(
  {
    id: 'n8n/webhook-without-auth',
    owasp: 'LCNC-SEC-05',
    defaultSeverity: 'warning',
    description: 'Webhook, form or public chat trigger that accepts requests without authentication.',
    formats: ['n8n'],
    fixable: true,
  },
  (ctx) => {
    for (const [step] of ctx.steps()) {
      const t = TRIGGERS[step.type];
      if (!t || step.disabled) continue;
      const params = step.params;
      if (step.type === '@n8n/n8n-nodes-langchain.chatTrigger' && prop(params, 'public')?.value !== true) continue;
      const authNode = prop(params, 'authentication');
      const auth = str(authNode) ?? 'none';
      if (auth !== 'none') continue;
      const fix =
        params && params.type === 'object'
          ? {
              title: `Require ${t.fixTo === 'headerAuth' ? 'header' : 'basic'} authentication on "${step.name}"`,
              edits: setProperty(ctx.text, params, 'authentication', t.fixTo),
              isPreferred: true,
            }
          : undefined;
      ctx.report({
        at: authNode ?? prop(step.node, 'type') ?? step.node,
        pointer: step.pointer,
        message: `${t.label} "${step.name}" accepts requests without authentication: anyone who learns its URL can start this workflow. Set Authentication to a credential-backed method.`,
        fix,
      });
    }
  },
);
