import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runRule } from '../../helpers';
import { isConsumerDomain } from '../../../server/src/engine/rules/power-automate/mail-to-consumer-domain';
import { recurrence } from '../wdl/fixtures';
import { connectorAction, connRef, paFlow, slice } from './fixtures';

const ID = 'power-automate/mail-to-consumer-domain';
const refs = { shared_office365: connRef('shared_office365') };

function sendMail(parameters: Record<string, unknown>, op = 'SendEmailV2'): string {
  return paFlow({ triggers: { Recurrence: recurrence }, actions: { Send_an_email: connectorAction('shared_office365', op, parameters) }, connectionReferences: refs });
}

test('a Bcc to a Gmail address: warning on the address only, pointer of the parameter, exact message', () => {
  const text = sendMail({ 'emailMessage/To': 'hr@contoso.com', 'emailMessage/Subject': 'Salaries', 'emailMessage/Bcc': 'hr@contoso.com; jane.doe+hr@gmail.com' });
  const [f, ...rest] = runRule(ID, text);
  assert.equal(rest.length, 0);
  assert.equal(f.owasp, 'LCNC-SEC-03');
  assert.equal(f.severity, 'warning');
  assert.equal(slice(text, f), 'jane.doe+hr@gmail.com');
  assert.equal(f.pointer, '/properties/definition/actions/Send_an_email/inputs/parameters/emailMessage~1Bcc');
  assert.equal(
    f.message,
    'Action "Send_an_email" sends mail as a hidden (Bcc) copy to an address at gmail.com, a personal mail service: whatever the flow puts in this mail leaves your organisation for a mailbox it does not control. Send to a work address or a shared mailbox instead.',
  );
  assert.equal(f.fix, undefined);
});

test('every consumer address in To, Cc and a forward is reported, in file order', () => {
  const text = paFlow({
    triggers: { Recurrence: recurrence },
    actions: {
      Send: connectorAction('shared_office365', 'SharedMailboxSendEmailV2', { 'emailMessage/MailboxAddress': 'noreply@contoso.com', 'emailMessage/To': 'a@outlook.com;b@yahoo.co.uk', 'emailMessage/Cc': 'c@proton.me' }),
      Forward: connectorAction('shared_office365', 'ForwardEmail_V2', { message_id: "@triggerOutputs()?['body/id']", 'body/ToRecipients': 'me@icloud.com' }),
    },
    connectionReferences: refs,
  });
  const found = runRule(ID, text);
  assert.deepEqual(found.map((f) => slice(text, f)), ['a@outlook.com', 'b@yahoo.co.uk', 'c@proton.me', 'me@icloud.com']);
  assert.match(found[3].message, /^Action "Forward" sends mail to an address at icloud\.com/);
});

test('addresses inside expressions and escaped strings get exact ranges', () => {
  const text = sendMail({ 'emailMessage/To': "@{concat('boss@contoso.com;', 'leak@hotmail.com')}", 'emailMessage/Subject': 'x' });
  const [f] = runRule(ID, text);
  assert.equal(slice(text, f), 'leak@hotmail.com');
  const escaped = sendMail({ 'emailMessage/To': 'x@contoso.com' }).replace('x@contoso.com', '\\"Me\\" \\u003cme@gmx.de>');
  const [g] = runRule(ID, escaped);
  assert.equal(slice(escaped, g), 'me@gmx.de');
});

test('work addresses, subjects and bodies, non-mail connectors and run-time addresses are not reported', () => {
  assert.deepEqual(runRule(ID, sendMail({ 'emailMessage/To': 'someone@contoso.com', 'emailMessage/Subject': 'Write to help@gmail.com', 'emailMessage/Body': '<p>x@gmail.com</p>' })), []);
  assert.deepEqual(runRule(ID, sendMail({ 'emailMessage/To': "@triggerBody()?['email']" })), []);
  const teams = paFlow({
    triggers: { Recurrence: recurrence },
    actions: { Post: connectorAction('shared_teams', 'PostMessageToConversation', { 'body/recipient/to': 'x@gmail.com' }) },
    connectionReferences: { shared_teams: connRef('shared_teams') },
  });
  assert.deepEqual(runRule(ID, teams), []);
});

test('consumer domains: exact list and national variants; work and look-alike domains are not', () => {
  for (const d of ['gmail.com', 'outlook.com', 'hotmail.fr', 'yahoo.co.jp', 'yahoo.com.br', 'gmx.de', 'proton.me', 'web.de', 'qq.com']) assert.ok(isConsumerDomain(d), d);
  for (const d of ['contoso.com', 'outlook.office365.com', 'gmail.contoso.com', 'mail.contoso.com', 'yahoo-inc.com', 'example.com']) assert.ok(!isConsumerDomain(d), d);
});
