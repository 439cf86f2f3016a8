import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFixAndCheck, runRule } from '../../helpers';
import { isSecretEnvName } from '../../../server/src/engine/rules/node-red/env-secret-as-string';
import { assertNoNewFindings, nodeRedFlow, wired } from './fixtures';

const ID = 'node-red/env-secret-as-string';
const tab = (env: unknown[], props: Record<string, unknown> = {}) => ({ id: 't1', type: 'tab', label: 'Orders', disabled: false, info: '', env, ...props });
const slice = (text: string, f: { offset: number; length: number }) => text.slice(f.offset, f.offset + f.length);

test('a tab env var API_TOKEN of type str: warning on its type, pointer to the entry, value redacted; the fix makes it cred and removes the value', () => {
  const text = nodeRedFlow([tab([{ name: 'REGION', value: 'eu-west-1', type: 'str' }, { name: 'API_TOKEN', value: 'tok_8f3KzQ1vX9pL2mN7', type: 'str' }]), wired('i1', 'inject', {})], { tab: false });
  const [f, ...rest] = runRule(ID, text);
  assert.equal(rest.length, 0);
  assert.equal(f.pointer, '/0/env/1');
  assert.equal(f.severity, 'warning');
  assert.equal(f.owasp, 'LCNC-SEC-08');
  assert.equal(slice(text, f), '"str"');
  assert.equal(
    f.message,
    'Environment variable "API_TOKEN" of flow "Orders" is a plain string holding to… (20 chars): the value is saved in the flow file, so every export, backup and commit of the flows carries it. Make it a credential: in its properties, change the type of "API_TOKEN" to "credential" and type the value again; Node-RED then keeps it in the encrypted credentials file. Rotate it if the file was shared.',
  );
  assert.doesNotMatch(f.message, /8f3KzQ1vX9pL2mN7/);
  assert.equal(f.fix?.isPreferred, false);
  assert.equal(f.fix?.title, 'Make "API_TOKEN" a credential variable and remove its value from the file (type it again in the Node-RED editor)');
  const fixed = applyFixAndCheck(ID, text, f);
  assert.deepEqual(JSON.parse(fixed)[0].env, [{ name: 'REGION', value: 'eu-west-1', type: 'str' }, { name: 'API_TOKEN', type: 'cred' }]);
  assert.equal(fixed, text.replace('"value": "tok_8f3KzQ1vX9pL2mN7",\n        "type": "str"', '"type": "cred"'));
  assertNoNewFindings(text, fixed);
});

test('value after type, and a missing type (read as str): the fix edits stay valid JSON', () => {
  const text = nodeRedFlow([tab([{ name: 'db_password', type: 'str', value: 'hunter2hunter2' }])], { tab: false });
  const [f] = runRule(ID, text);
  assert.equal(slice(text, f), '"str"');
  const fixed = applyFixAndCheck(ID, text, f);
  assert.deepEqual(JSON.parse(fixed)[0].env, [{ name: 'db_password', type: 'cred' }]);

  const t2 = nodeRedFlow([tab([{ name: 'MQTT_PASS', value: 'plain-pass-123' }])], { tab: false });
  const [g] = runRule(ID, t2);
  assert.equal(slice(t2, g), '"MQTT_PASS"');
  const fixed2 = applyFixAndCheck(ID, t2, g);
  assert.deepEqual(JSON.parse(fixed2)[0].env, [{ name: 'MQTT_PASS', type: 'cred' }]);
});

test('subflow templates, subflow instances, groups and global-config are named; a disabled tab is still reported (the value is in the file)', () => {
  const env = [{ name: 'apiKey', value: 'k-12345678', type: 'str' }];
  const text = nodeRedFlow(
    [
      tab([], { disabled: true }),
      { id: 's1', type: 'subflow', name: 'Notify', info: '', in: [], out: [], env },
      { ...wired('si', 'subflow:s1', { name: 'Notify ops' }), env },
      { id: 'g1', type: 'group', z: 't1', name: 'API', nodes: [], env },
      { id: 'gc', type: 'global-config', env },
      tab(env, { id: 't2', label: 'Off', disabled: true }),
    ],
    { tab: false },
  );
  const found = runRule(ID, text);
  assert.deepEqual(found.map((f) => f.pointer), ['/1/env/0', '/2/env/0', '/3/env/0', '/4/env/0', '/5/env/0']);
  assert.match(found[0].message, /of subflow "Notify" is/);
  assert.match(found[1].message, /of subflow instance "Notify ops" is/);
  assert.match(found[2].message, /of group "API" is/);
  assert.match(found[3].message, /of the global environment \(global-config\) is/);
  assert.match(found[4].message, /of flow "Off" is/);
});

test('credential, env and other types, empty values, placeholders, references and ordinary names are not reported', () => {
  const env = [
    { name: 'API_TOKEN', type: 'cred' },
    { name: 'API_TOKEN2', value: 'API_TOKEN', type: 'env' },
    { name: 'PASSWORD', value: '', type: 'str' },
    { name: 'PASSWORD2', value: 'changeme', type: 'str' },
    { name: 'SECRET', value: '${VAULT_SECRET}', type: 'str' },
    { name: 'token', value: '<your token>', type: 'str' },
    { name: 'TOKEN_COUNT', value: '25', type: 'num' },
    { name: 'HOST', value: 'db.internal', type: 'str' },
    { name: 'page_token', value: 'abcdef123456', type: 'str' },
  ];
  assert.deepEqual(runRule(ID, nodeRedFlow([tab(env)], { tab: false })), []);
});

test('isSecretEnvName: shared secret names plus _PASS and camelCase Pass', () => {
  for (const n of ['PASSWORD', 'api_key', 'GITHUB_TOKEN', 'clientSecret', 'DB_PASS', 'mqtt-pass', 'dbPass']) assert.ok(isSecretEnvName(n), n);
  for (const n of ['HOST', 'compass', 'bypass', 'PAGE_TOKEN', 'passenger']) assert.ok(!isSecretEnvName(n), n);
});

test('a minified flow file stays minified after the fix (only the entry changes)', () => {
  const text = JSON.stringify([{ id: 't1', type: 'tab', label: 'A', env: [{ name: 'SECRET_KEY', value: 'sk-local-7hf83hf', type: 'str' }, { name: 'X', value: '1', type: 'num' }] }]);
  const [f] = runRule(ID, text);
  const fixed = applyFixAndCheck(ID, text, f);
  assert.equal(fixed, text.replace('{"name":"SECRET_KEY","value":"sk-local-7hf83hf","type":"str"}', '{"name":"SECRET_KEY","type":"cred"}'));
  assertNoNewFindings(text, fixed);
});
