import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTree } from 'jsonc-parser';
import { analyze, rulesById, type Rule } from '../../../server/src/engine';
import { isEncryptedCredentials, plainCredentials } from '../../../server/src/engine/rules/node-red/plaintext-credentials-file';
import { json } from '../../helpers';

const ID = 'node-red/plaintext-credentials-file';
const slice = (text: string, f: { offset: number; length: number }) => text.slice(f.offset, f.offset + f.length);
const plain = {
  b1: { user: 'plant', password: 'Broker-Pa55w0rd!' },
  r1: { user: '', password: '' },
  t1: { API_TOKEN: 'tok_8f3KzQ1vX9pL2mN7', has_API_TOKEN: true },
  gc: { _: {}, map: { DB_PASSWORD: 'pg-secret-1', has_DB_PASSWORD: true } },
};
const encrypted = { $: '0123456789abcdef0123456789abcdefQmFzZTY0Q2lwaGVydGV4dA==' };

/**
 * The end-to-end tests need detect.ts to hand `*_cred.json` objects over as node-red / subformat `credentials`
 * (proposed to the lead, who owns detect.ts). Until then they skip with this message.
 */
const DETECTED = analyze(json(plain), { fileName: 'flows_cred.json', skipSchema: true }).detection?.subformat === 'credentials';
const NEEDS_DETECT = !DETECTED && 'needs the node-red "credentials" detection in detect.ts (lead)';
const run = (text: string, fileName = 'flows_cred.json') =>
  analyze(text, { fileName, only: [rulesById.get(ID)!], skipSchema: true }).findings.filter((f) => f.ruleId === ID);

test('plainCredentials: counts nodes with values and lists field names, never empty, has_ or __PWRD__ entries', () => {
  const found = plainCredentials(parseTree(json(plain))!);
  assert.ok(found);
  assert.deepEqual(found.keys.map((k) => k.value), ['b1', 't1', 'gc']);
  assert.deepEqual(found.fields, ['API_TOKEN', 'DB_PASSWORD', 'password', 'user']);
  assert.equal(plainCredentials(parseTree(json({ a: { user: '', password: '__PWRD__', has_password: true } }))!), undefined);
  assert.equal(plainCredentials(parseTree(json(encrypted))!), undefined);
});

test('isEncryptedCredentials: only the single "$" key with a hex IV and base64 text', () => {
  assert.equal(isEncryptedCredentials(parseTree(json(encrypted))!), true);
  assert.equal(isEncryptedCredentials(parseTree(json({ ...encrypted, b1: { user: 'x' } }))!), false);
  assert.equal(isEncryptedCredentials(parseTree(json({ $: 'not encrypted text' }))!), false);
  assert.equal(isEncryptedCredentials(parseTree('[]')!), false);
});

test('the check reports through a context shaped like the proposed detection (independent of detect.ts)', () => {
  const text = json(plain);
  const reports: Array<{ at: { offset: number; length: number }; pointer?: string; message: string }> = [];
  const ctx = { text, root: parseTree(text)!, detection: { format: 'node-red', subformat: 'credentials', flows: [] }, flows: [], fileName: 'flows_cred.json', report: (r: (typeof reports)[0]) => reports.push(r) };
  rulesById.get(ID)!.check(ctx as unknown as Parameters<Rule['check']>[0]);
  assert.equal(reports.length, 1);
  assert.equal(slice(text, reports[0].at), '"b1"');
  assert.equal(reports[0].pointer, '');
  assert.match(reports[0].message, /^This Node-RED credentials file is not encrypted: the credentials of 3 nodes/);
  reports.length = 0;
  rulesById.get(ID)!.check({ ...ctx, detection: { format: 'node-red', subformat: 'flows', flows: [] } } as unknown as Parameters<Rule['check']>[0]);
  assert.equal(reports.length, 0, 'only the credentials subformat is checked');
});

test('a plain flows_cred.json is one error on the first node key, listing fields but no values', { skip: NEEDS_DETECT }, () => {
  const text = json(plain);
  const [f, ...rest] = run(text);
  assert.equal(rest.length, 0);
  assert.equal(f.severity, 'error');
  assert.equal(f.owasp, 'LCNC-SEC-08');
  assert.equal(f.pointer, '');
  assert.equal(slice(text, f), '"b1"');
  assert.equal(
    f.message,
    'This Node-RED credentials file is not encrypted: the credentials of 3 nodes ("API_TOKEN", "DB_PASSWORD", "password", "user") are stored as plain text, readable by anyone who gets a copy of the file (backups, commits, shared folders). Set credentialSecret in settings.js to a long random key (kept out of version control) and restart Node-RED; it writes the file encrypted the next time it saves credentials (edit a credential and deploy). Rotate these credentials if the file was shared.',
  );
  assert.doesNotMatch(f.message, /Pa55w0rd|tok_8f3|pg-secret/);
  assert.equal(run(text, 'flows_myhost_cred.json').length, 1);
});

test('the encrypted form and credentials with no values are not reported', { skip: NEEDS_DETECT }, () => {
  assert.deepEqual(run(json(encrypted)), []);
  assert.deepEqual(run(json({ r1: { user: '', password: '' } })), []);
});

test('the same object under another file name is not a credentials file (no finding)', () => {
  assert.deepEqual(run(json(plain), 'settings.json'), []);
});
