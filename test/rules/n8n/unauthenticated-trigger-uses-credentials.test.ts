import { test } from 'node:test';
import assert from 'node:assert/strict';
import { n8nWorkflow, runRule } from '../../helpers';
import { node, spanText, wire } from './fixtures';

const ID = 'n8n/unauthenticated-trigger-uses-credentials';
const gmail = { gmailOAuth2: { id: 'g1', name: 'Finance Gmail' } };
const openai = { openAiApi: { id: 'o1', name: 'OpenAI prod' } };

test('an open webhook that leads to a node with credentials is reported on the trigger name, listing the credentials', () => {
  const text = n8nWorkflow(
    [node('Incoming', 'n8n-nodes-base.webhook', { path: 'pay' }), node('Check', 'n8n-nodes-base.if'), node('Send mail', 'n8n-nodes-base.gmail', {}, { credentials: gmail })],
    wire(['Incoming', 'Check'], ['Check', 'Send mail']),
  );
  const [f, ...rest] = runRule(ID, text);
  assert.equal(rest.length, 0);
  assert.equal(f.pointer, '/nodes/0');
  assert.equal(f.owasp, 'LCNC-SEC-01');
  assert.equal(f.severity, 'warning');
  assert.equal(spanText(text, f), '"Incoming"');
  assert.equal(
    f.message,
    'Webhook "Incoming" accepts requests without authentication and starts 1 node that uses stored credentials: "Finance Gmail" (gmailOAuth2). Anyone who learns the URL acts as that account — reads, sends or changes what it can. Require authentication on the trigger, or give these nodes credentials that can do only what every caller may do.',
  );
});

test('AI sub-nodes connected to an agent after a public chat trigger count; an MCP Server Trigger counts its tools', () => {
  const chat = n8nWorkflow(
    [
      node('Chat', '@n8n/n8n-nodes-langchain.chatTrigger', { public: true }),
      node('Agent', '@n8n/n8n-nodes-langchain.agent'),
      node('Model', '@n8n/n8n-nodes-langchain.lmChatOpenAi', {}, { credentials: openai }),
      node('Mail tool', 'n8n-nodes-base.gmailTool', {}, { credentials: gmail }),
    ],
    wire(['Chat', 'Agent'], ['Model', 'Agent', 'ai_languageModel'], ['Mail tool', 'Agent', 'ai_tool']),
  );
  const [f] = runRule(ID, chat);
  assert.match(f.message, /^Chat Trigger "Chat" accepts requests without authentication and starts 2 nodes that use stored credentials: "OpenAI prod" \(openAiApi\), "Finance Gmail" \(gmailOAuth2\)\. Anyone who learns the URL acts as those accounts/);
  const mcp = n8nWorkflow(
    [node('MCP', '@n8n/n8n-nodes-langchain.mcpTrigger', { path: 'tools' }), node('Mail tool', 'n8n-nodes-base.gmailTool', {}, { credentials: gmail })],
    wire(['Mail tool', 'MCP', 'ai_tool']),
  );
  const [m] = runRule(ID, mcp);
  assert.match(m.message, /^MCP Server Trigger "MCP" accepts requests without authentication and starts 1 node that uses stored credentials: "Finance Gmail"/);
});

test('not reported: authenticated triggers, private chat triggers, no credentials downstream, disabled or unconnected nodes', () => {
  const mail = node('Send mail', 'n8n-nodes-base.gmail', {}, { credentials: gmail });
  assert.deepEqual(runRule(ID, n8nWorkflow([node('In', 'n8n-nodes-base.webhook', { authentication: 'headerAuth' }, { credentials: { httpHeaderAuth: { id: 'h', name: 'hook key' } } }), mail], wire(['In', 'Send mail']))), []);
  assert.deepEqual(runRule(ID, n8nWorkflow([node('Chat', '@n8n/n8n-nodes-langchain.chatTrigger'), mail], wire(['Chat', 'Send mail']))), []);
  assert.deepEqual(runRule(ID, n8nWorkflow([node('In', 'n8n-nodes-base.webhook'), node('Set', 'n8n-nodes-base.set')], wire(['In', 'Set']))), []);
  assert.deepEqual(runRule(ID, n8nWorkflow([node('In', 'n8n-nodes-base.webhook'), { ...mail, disabled: true }], wire(['In', 'Send mail']))), []);
  assert.deepEqual(runRule(ID, n8nWorkflow([node('In', 'n8n-nodes-base.webhook'), mail])), []);
});
