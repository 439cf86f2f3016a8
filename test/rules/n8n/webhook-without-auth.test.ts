import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFixAndCheck, n8nWorkflow, runRule } from '../../helpers';

const ID = 'n8n/webhook-without-auth';
const webhook = (parameters: Record<string, unknown>) => ({ id: 'a1', name: 'Incoming', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], parameters });

test('webhook with no authentication key is reported (default none) on the node type, with the node pointer', () => {
  const text = n8nWorkflow([webhook({ path: 'hook', httpMethod: 'POST' })]);
  const [f, ...rest] = runRule(ID, text);
  assert.equal(rest.length, 0);
  assert.equal(f.pointer, '/nodes/0');
  assert.equal(f.owasp, 'LCNC-SEC-05');
  assert.equal(f.severity, 'warning');
  assert.equal(text.slice(f.offset, f.offset + f.length), '"n8n-nodes-base.webhook"');
  assert.match(f.message, /Webhook "Incoming" accepts requests without authentication/);
});

test('explicit authentication "none" is reported on that value; the fix sets headerAuth and keeps formatting', () => {
  const text = n8nWorkflow([webhook({ path: 'hook', authentication: 'none' })]);
  const [f] = runRule(ID, text);
  assert.equal(text.slice(f.offset, f.offset + f.length), '"none"');
  const fixed = applyFixAndCheck(ID, text, f);
  assert.equal(JSON.parse(fixed).nodes[0].parameters.authentication, 'headerAuth');
  assert.equal(fixed, text.replace('"authentication": "none"', '"authentication": "headerAuth"'));
});

test('webhook with basic/header/jwt auth, disabled webhooks and private chat triggers are not reported', () => {
  for (const authentication of ['basicAuth', 'headerAuth', 'jwtAuth']) {
    assert.deepEqual(runRule(ID, n8nWorkflow([webhook({ authentication })])), []);
  }
  assert.deepEqual(runRule(ID, n8nWorkflow([{ ...webhook({}), disabled: true }])), []);
  const chat = { name: 'Chat', type: '@n8n/n8n-nodes-langchain.chatTrigger', typeVersion: 1, position: [0, 0], parameters: {} };
  assert.deepEqual(runRule(ID, n8nWorkflow([chat])), []);
});

test('public chat trigger and form trigger without auth are reported; the fix adds the key to empty parameters', () => {
  const chat = { name: 'Chat', type: '@n8n/n8n-nodes-langchain.chatTrigger', typeVersion: 1, position: [0, 0], parameters: { public: true } };
  const form = { name: 'Form', type: 'n8n-nodes-base.formTrigger', typeVersion: 2, position: [0, 0], parameters: {} };
  const text = n8nWorkflow([chat, form]);
  const found = runRule(ID, text);
  assert.deepEqual(found.map((f) => f.pointer), ['/nodes/0', '/nodes/1']);
  const fixed = applyFixAndCheck(ID, text, found[1]);
  assert.equal(JSON.parse(fixed).nodes[1].parameters.authentication, 'basicAuth');
});

test('an MCP Server Trigger without authentication is reported; the fix selects bearer authentication', () => {
  const mcp = { name: 'MCP', type: '@n8n/n8n-nodes-langchain.mcpTrigger', typeVersion: 2, position: [0, 0], parameters: { path: 'tools' } };
  const text = n8nWorkflow([mcp]);
  const [f] = runRule(ID, text);
  assert.match(f.message, /^MCP Server Trigger "MCP" accepts requests without authentication/);
  assert.equal(f.fix?.title, 'Require bearer authentication on "MCP"');
  const fixed = applyFixAndCheck(ID, text, f);
  assert.equal(JSON.parse(fixed).nodes[0].parameters.authentication, 'bearerAuth');
  assert.deepEqual(runRule(ID, n8nWorkflow([{ ...mcp, parameters: { path: 'tools', authentication: 'n8nOAuth2' } }])), []);
});
