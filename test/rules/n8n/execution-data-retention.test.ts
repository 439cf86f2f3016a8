import { test } from 'node:test';
import assert from 'node:assert/strict';
import { n8nWorkflow, runRule } from '../../helpers';
import { applyFixFully, node, spanText } from './fixtures';

const ID = 'n8n/execution-data-retention';
const setV33 = (name: string, assignments: Array<{ name: string; value: unknown }>) =>
  node(name, 'n8n-nodes-base.set', { assignments: { assignments: assignments.map((a, i) => ({ id: `a${i}`, ...a, type: 'string' })) } }, { typeVersion: 3.4 });

test('an Edit Fields node that copies a token into a secret-named field is reported on the field name; the fix turns off saving successful runs', () => {
  const text = n8nWorkflow([setV33('Extract Credentials', [{ name: 'user', value: '={{ $json.body.user }}' }, { name: 'access_token', value: '={{ $json.body.access_token }}' }])]);
  const [f, ...rest] = runRule(ID, text);
  assert.equal(rest.length, 0);
  assert.equal(f.pointer, '/nodes/0/parameters/assignments/assignments/1/name');
  assert.equal(f.owasp, 'LCNC-SEC-03');
  assert.equal(f.severity, 'warning');
  assert.equal(spanText(text, f), '"access_token"');
  assert.equal(
    f.message,
    `Edit Fields "Extract Credentials" sets the field "access_token", and n8n saves every node's output of successful runs (the workflow keeps the instance default, which is "all" unless EXECUTIONS_DATA_SAVE_ON_SUCCESS says otherwise): everyone who can open this workflow's executions can read the secret until the execution is pruned (after 14 days by default). Stop saving successful production runs, redact execution data, or keep the secret out of item data.`,
  );
  assert.equal(f.fix?.isPreferred, false);
  const fixed = applyFixFully(ID, text, f);
  assert.deepEqual(JSON.parse(fixed).settings, { saveDataSuccessExecution: 'none' });
});

test('an explicit saveDataSuccessExecution "all" is named and replaced in place; formatting is kept', () => {
  const text = n8nWorkflow([node('Set', 'n8n-nodes-base.set', { values: { string: [{ name: 'apiKey', value: '={{ $env.API_KEY }}' }] } })], {
    settings: { executionOrder: 'v1', saveDataSuccessExecution: 'all' },
  });
  const [f] = runRule(ID, text);
  assert.equal(f.pointer, '/nodes/0/parameters/values/string/0/name');
  assert.match(f.message, /\(the workflow sets saveDataSuccessExecution to "all"\)/);
  const fixed = applyFixFully(ID, text, f);
  assert.equal(fixed, text.replace('"saveDataSuccessExecution": "all"', '"saveDataSuccessExecution": "none"'));
});

test('$secrets in a Code node and a call to a token endpoint are reported with exact ranges', () => {
  const code = 'const key = $secrets.vault.stripe;\nreturn [{ json: { key } }];';
  const text = n8nWorkflow([
    node('Read secret', 'n8n-nodes-base.code', { jsCode: code }, { typeVersion: 2 }),
    node('Get token', 'n8n-nodes-base.httpRequest', { method: 'POST', url: 'https://login.example.com/oauth2/v2.0/token' }, { typeVersion: 4.2 }),
    node('Login', 'n8n-nodes-base.httpRequest', { url: '=https://{{ $json.host }}/api/login?x=1' }, { typeVersion: 4.2 }),
  ]);
  const found = runRule(ID, text);
  assert.deepEqual(found.map((f) => [f.pointer, spanText(text, f)]), [
    ['/nodes/0/parameters/jsCode', '$secrets'],
    ['/nodes/1/parameters/url', '"https://login.example.com/oauth2/v2.0/token"'],
    ['/nodes/2/parameters/url', '"=https://{{ $json.host }}/api/login?x=1"'],
  ]);
  assert.match(found[0].message, /^Code "Read secret" copies external secrets \(\$secrets\) into its output/);
  assert.match(found[1].message, /^HTTP Request "Get token" calls a login or token endpoint/);
});

test('not reported: literal values, non-secret names, other endpoints, success data not saved, redacted data, disabled nodes', () => {
  const secretSet = setV33('S', [{ name: 'client_secret', value: '={{ $json.secret }}' }]);
  assert.deepEqual(runRule(ID, n8nWorkflow([setV33('S', [{ name: 'apiKey', value: 'k-123456' }, { name: 'city', value: '={{ $json.city }}' }])])), []);
  assert.deepEqual(runRule(ID, n8nWorkflow([node('H', 'n8n-nodes-base.httpRequest', { url: 'https://api.example.com/tokenize/items' }, { typeVersion: 4.2 })])), []);
  assert.deepEqual(runRule(ID, n8nWorkflow([node('H', 'n8n-nodes-base.httpRequest', { url: '={{ $json.next }}' }, { typeVersion: 4.2 })])), []);
  assert.deepEqual(runRule(ID, n8nWorkflow([secretSet], { settings: { saveDataSuccessExecution: 'none' } })), []);
  assert.deepEqual(runRule(ID, n8nWorkflow([secretSet], { settings: { redactionPolicy: 'all' } })), []);
  assert.deepEqual(runRule(ID, n8nWorkflow([{ ...secretSet, disabled: true }])), []);
  assert.equal(runRule(ID, n8nWorkflow([secretSet], { settings: { redactionPolicy: 'none' } })).length, 1);
});

test('settings that are not an object are replaced by the fix', () => {
  const text = n8nWorkflow([setV33('S', [{ name: 'password', value: '={{ $json.pw }}' }])], { settings: null });
  const [f] = runRule(ID, text);
  const fixed = applyFixFully(ID, text, f);
  assert.deepEqual(JSON.parse(fixed).settings, { saveDataSuccessExecution: 'none' });
});
