/**
 * power-automate/mail-to-consumer-domain — a mail action sends or forwards flow data to a literal address at a
 * personal mail service (Gmail, Outlook.com, Yahoo, iCloud, Proton, GMX …): data leaves the organisation for a
 * mailbox it does not control, the classic "auto-forward to my private account" exfiltration.
 *
 * Facts:
 * - Office 365 Outlook (`shared_office365`) sends with `SendEmailV2` / `SharedMailboxSendEmailV2` whose recipient
 *   parameters are `emailMessage/To`, `emailMessage/Cc`, `emailMessage/Bcc`, and forwards with `ForwardEmail_V2`,
 *   parameter `body/ToRecipients` (semicolon-separated addresses) (Microsoft Learn connector reference "Office 365
 *   Outlook"; operation ids also in the Microsoft DLP action-rule examples). Recipients are therefore found by key:
 *   any path segment of the parameter (`emailMessage/To`, `body/ToRecipients`, `request/recipients/to`) named To, Cc,
 *   Bcc, ToRecipients, CcRecipients, BccRecipients or Recipients, in the mail connectors listed in `MAIL_APIS`.
 * - Only literal addresses count: an address computed at run time (`@{triggerBody()?['email']}`) cannot be judged
 *   from the file. Which domains are personal mail services is this rule's list (`CONSUMER`), matched on the whole
 *   domain or, for services with national domains (yahoo.co.uk, gmx.de), on the service name before the country part.
 */
import { defineRule } from '../../rule';
import { stringValues } from '../../json';
import { pointerOf } from '../../pointer';
import { decodedOffsets, spanOf } from '../common/string-offsets';
import { apiNameOf, connectionRefs, keyPath, paFlows } from './pa-util';

/** Mail-sending connectors (lower-case API names). */
const MAIL_APIS = new Set(['shared_office365', 'shared_outlook', 'shared_sendmail', 'shared_smtp', 'shared_gmail', 'shared_sendgrid', 'shared_acsemail']);

/** Parameter path segments that hold recipients (lower case). */
const RECIPIENT_KEYS = new Set(['to', 'cc', 'bcc', 'torecipients', 'ccrecipients', 'bccrecipients', 'recipients']);

/** Personal mail domains matched exactly. */
const CONSUMER = new Set([
  'gmail.com', 'googlemail.com', 'outlook.com', 'hotmail.com', 'live.com', 'msn.com', 'passport.com', 'icloud.com', 'me.com',
  'mac.com', 'aol.com', 'aim.com', 'ymail.com', 'rocketmail.com', 'proton.me', 'protonmail.com', 'protonmail.ch', 'pm.me',
  'mail.com', 'email.com', 'gmx.com', 'gmx.net', 'web.de', 't-online.de', 'freenet.de', 'yandex.com', 'yandex.ru', 'ya.ru',
  'mail.ru', 'bk.ru', 'inbox.ru', 'list.ru', 'rambler.ru', 'qq.com', '163.com', '126.com', 'yeah.net', 'sina.com', 'naver.com',
  'daum.net', 'hanmail.net', 'tutanota.com', 'tutanota.de', 'tuta.io', 'tuta.com', 'zohomail.com', 'hushmail.com', 'fastmail.com',
  'laposte.net', 'orange.fr', 'free.fr', 'libero.it', 'virgilio.it', 'wp.pl', 'o2.pl', 'interia.pl', 'seznam.cz', 'rediffmail.com',
  'comcast.net', 'verizon.net', 'att.net', 'sbcglobal.net', 'btinternet.com', 'sky.com', 'bigpond.com', 'shaw.ca', 'rogers.com',
]);

/** Services whose national domains are all personal mail: `<name>.<tld>` or `<name>.co.<cc>` / `<name>.com.<cc>`. */
const CONSUMER_NAMES = /^(?:yahoo|hotmail|outlook|live|gmx|yandex|aol)\.(?:[a-z]{2,3}|co\.[a-z]{2}|com\.[a-z]{2})$/;

/** True when a (lower-case) domain belongs to a personal mail service. */
export function isConsumerDomain(domain: string): boolean {
  return CONSUMER.has(domain) || CONSUMER_NAMES.test(domain);
}

// (The look-behind starts a match only where a run of address characters starts: otherwise a long run without `@` is quadratic.)
const ADDRESS = /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)/g;

export default defineRule(
  {
    id: 'power-automate/mail-to-consumer-domain',
    owasp: 'LCNC-SEC-03',
    defaultSeverity: 'warning',
    description: 'Mail action sends or forwards to a literal address at a personal mail service (Gmail, Outlook.com, Yahoo …), taking data outside the organisation.',
    formats: ['power-automate'],
    fixable: false,
  },
  (ctx) => {
    for (const flow of paFlows(ctx.flows)) {
      const refs = connectionRefs(flow);
      for (const step of flow.steps) {
        if (step.kind !== 'action' || !step.params) continue;
        const api = apiNameOf(step, refs);
        if (!api || !MAIL_APIS.has(api)) continue;
        const params = step.params;
        stringValues(params, (node) => {
          const path = keyPath(params, node);
          if (path[0]?.toLowerCase() === 'host') return;
          const field = path.find((k) => RECIPIENT_KEYS.has(k.toLowerCase()));
          if (!field) return;
          const value = node.value as string;
          let map: Int32Array | undefined | null = null;
          for (const m of value.matchAll(ADDRESS)) {
            const domain = m[1].toLowerCase();
            if (!isConsumerDomain(domain)) continue;
            if (map === null) map = decodedOffsets(ctx.text, node);
            const span = spanOf(ctx.text, node, m.index!, m.index! + m[0].length, map);
            const hidden = field.toLowerCase().startsWith('bcc') ? ' as a hidden (Bcc) copy' : '';
            ctx.report({
              at: { ...node, offset: span.offset, length: span.length },
              pointer: pointerOf(node),
              message: `Action "${step.name}" sends mail${hidden} to an address at ${domain}, a personal mail service: whatever the flow puts in this mail leaves your organisation for a mailbox it does not control. Send to a work address or a shared mailbox instead.`,
            });
          }
        });
      }
    }
  },
);
