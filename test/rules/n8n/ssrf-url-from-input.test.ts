import { test } from 'node:test';
import assert from 'node:assert/strict';
import { n8nWorkflow, runRule } from '../../helpers';
import { node, spanText, wire } from './fixtures';

const ID = 'n8n/ssrf-url-from-input';
const hook = node('Webhook', 'n8n-nodes-base.webhook', { path: 'fetch', httpMethod: 'POST' });
const http = (name: string, url: string) => node(name, 'n8n-nodes-base.httpRequest', { url }, { typeVersion: 4.2 });

test('a URL taken whole from webhook data is an error on the url value, with the taint sentence', () => {
  const text = n8nWorkflow([hook, node('Clean', 'n8n-nodes-base.set'), http('Fetch page', '={{ $json.body.url }}')], wire(['Webhook', 'Clean'], ['Clean', 'Fetch page']));
  const [f, ...rest] = runRule(ID, text);
  assert.equal(rest.length, 0);
  assert.equal(f.pointer, '/nodes/2/parameters/url');
  assert.equal(f.owasp, 'LCNC-SEC-06');
  assert.equal(f.severity, 'error');
  assert.equal(spanText(text, f), '"={{ $json.body.url }}"');
  assert.equal(
    f.message,
    'HTTP Request "Fetch page" sends its request to an address taken from outside data ({{ $json.body.url }}): whoever controls that value can point it at internal services — cloud metadata (169.254.169.254), localhost, the intranet — and read the answer through this workflow. Keep the host fixed in the URL and put only checked values in the path, or compare the URL against a list of allowed hosts first; on self-hosted n8n also set N8N_SSRF_PROTECTION_ENABLED=true. Data from the Webhook trigger "Webhook" (HTTP requests from outside) reaches it.',
  );
});

test('a host built from data, a host glued to data without a slash, and a trigger read by name are reported', () => {
  const text = n8nWorkflow(
    [hook, http('A', '=https://{{ $json.body.domain }}/rest/api'), http('B', '=https://api.example.com{{ $json.body.path }}'), http('C', "={{ $('Webhook').item.json.query.target }}/status")],
    wire(['Webhook', 'A'], ['Webhook', 'B']),
  );
  assert.deepEqual(runRule(ID, text).map((f) => [f.pointer, f.severity]), [
    ['/nodes/1/parameters/url', 'error'],
    ['/nodes/2/parameters/url', 'error'],
    ['/nodes/3/parameters/url', 'error'],
  ]);
});

test('an AI tool whose URL the model chooses is a warning without a trigger, an error behind a public chat', () => {
  const tool = node('Fetch tool', 'n8n-nodes-base.httpRequestTool', { url: "={{ $fromAI('url') }}" }, { typeVersion: 4.2 });
  const [w] = runRule(ID, n8nWorkflow([tool, node('Agent', '@n8n/n8n-nodes-langchain.agent')], wire(['Fetch tool', 'Agent', 'ai_tool'])));
  assert.equal(w.severity, 'warning');
  assert.match(w.message, /^HTTP Request tool "Fetch tool" sends its request to an address taken from values the AI model chooses \(\{\{ \$fromAI\('url'\) \}\}\)/);
  const chat = node('Chat', '@n8n/n8n-nodes-langchain.chatTrigger', { public: true });
  const [e] = runRule(ID, n8nWorkflow([chat, node('Agent', '@n8n/n8n-nodes-langchain.agent'), tool], wire(['Chat', 'Agent'], ['Fetch tool', 'Agent', 'ai_tool'])));
  assert.equal(e.severity, 'error');
  assert.match(e.message, /Data from the Chat Trigger "Chat" \(chat messages\) reaches it\.$/);
});

test('not reported: fixed hosts with data in the path, constant base URLs, URLs from service answers, no untrusted trigger', () => {
  const text = n8nWorkflow(
    [
      hook,
      http('Path only', '=https://api.example.com/users/{{ $json.body.id }}'),
      http('Query only', '=https://api.example.com?q={{ $json.body.q }}'),
      http('Base', '={{ $vars.API_BASE }}/items/{{ $json.body.id }}'),
      node('Get file', 'n8n-nodes-base.airtable'),
      http('Download', '={{ $json.fields.File[0].url }}'),
    ],
    wire(['Webhook', 'Path only'], ['Webhook', 'Query only'], ['Webhook', 'Base'], ['Webhook', 'Get file'], ['Get file', 'Download']),
  );
  assert.deepEqual(runRule(ID, text), []);
  assert.deepEqual(runRule(ID, n8nWorkflow([node('Every hour', 'n8n-nodes-base.scheduleTrigger'), http('Next', '={{ $json.next }}')], wire(['Every hour', 'Next']))), []);
});
