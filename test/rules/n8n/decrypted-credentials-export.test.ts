/**
 * The detector does not hand credentials exports to the n8n rules yet (proposed change in the rule's docstring), so
 * these tests run the rule's check on a context built the way `analyze` builds it, with an n8n detection.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTree } from 'jsonc-parser';
import { flowHelpers, type Report, type RuleContext } from '../../../server/src/engine/rule';
import type { Detection } from '../../../server/src/engine/detect';
import { LineIndex } from '../../../server/src/engine/text';
import rule, { isN8nCredentialsExport } from '../../../server/src/engine/rules/n8n/decrypted-credentials-export';
import { json, n8nWorkflow, runRule } from '../../helpers';

function check(text: string): Report[] {
  const root = parseTree(text)!;
  const flows = [{ format: 'n8n' as const, subformat: 'credentials', root, steps: [], edges: [] }];
  const detection: Detection = { format: 'n8n', subformat: 'credentials', flows };
  const out: Report[] = [];
  const ctx: RuleContext = { text, root, lines: new LineIndex(text), detection, flows, fileName: 'creds.json', ...flowHelpers(flows), report: (r) => void out.push(r) };
  rule.check(ctx);
  return out;
}

const row = (id: string, name: string, type: string, data: unknown) => ({ id, name, type, data, createdAt: '2024-05-01T10:00:00.000Z', updatedAt: '2024-05-01T10:00:00.000Z' });

test('each decrypted credential of an --all export is reported on its data key, naming fields but no values', () => {
  const text = json([
    row('1', 'Finance Gmail', 'gmailOAuth2', { clientId: 'abc.apps.example', clientSecret: 'GOCSPX-notreal', oauthTokenData: { access_token: 'ya29.x' } }),
    row('2', 'Encrypted', 'slackApi', 'U2FsdGVkX1+abcdefghijklmnopqrstuvwxyz0123456789'),
    row('3', 'Empty', 'httpHeaderAuth', { name: '', value: '' }),
  ]);
  const found = check(text);
  assert.equal(found.length, 1);
  assert.equal(text.slice(found[0].at.offset, found[0].at.offset + found[0].at.length), '"data"');
  assert.equal(
    found[0].message,
    `Credential "Finance Gmail" (gmailOAuth2) is exported decrypted: its data (clientId, clientSecret, oauthTokenData) is in plain text in this file, and anyone who gets the file can use the account. Delete the file, rotate the credential, and export without --decrypted (the data then stays encrypted with the instance's key).`,
  );
  assert.doesNotMatch(found[0].message, /GOCSPX|ya29/);
  assert.equal(rule.meta.owasp, 'LCNC-SEC-08');
  assert.equal(rule.meta.defaultSeverity, 'error');
});

test('a single --separate file is recognised; workflows and other JSON are not credentials exports', () => {
  const one = json(row('7', 'DB', 'postgres', { host: 'db.internal', password: 'pw' }));
  assert.equal(check(one).length, 1);
  assert.equal(isN8nCredentialsExport(parseTree(one)), true);
  assert.equal(isN8nCredentialsExport(parseTree(n8nWorkflow([]))), false);
  assert.equal(isN8nCredentialsExport(parseTree('[]')), false);
  assert.equal(isN8nCredentialsExport(parseTree(json([{ name: 'a', type: 'b' }]))), false);
  assert.deepEqual(runRule('n8n/decrypted-credentials-export', n8nWorkflow([])), []);
});
