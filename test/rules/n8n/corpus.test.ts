/**
 * The n8n rules over the shared corpus (`../shared/corpus/n8n`): named findings in real workflows, and per-rule counts
 * over all n8n files (measured when the rules were written; a change means a rule or the n8n adapter changed — look
 * at the difference before updating the numbers). Skips when the corpus is absent.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, applyEdits, rulesById, type Finding } from '../../../server/src/engine';
import { CORPUS } from '../../helpers';

const RULES = [
  'n8n/caller-policy-any',
  'n8n/code-node-dangerous-api',
  'n8n/command-injection',
  'n8n/community-node',
  'n8n/disabled-node-with-credentials',
  'n8n/execution-data-retention',
  'n8n/hardcoded-credential-in-request',
  'n8n/no-error-workflow',
  'n8n/pinned-data-committed',
  'n8n/sql-injection',
  'n8n/ssrf-url-from-input',
  'n8n/system-access-node',
  'n8n/tls-verification-disabled',
  'n8n/unauthenticated-trigger-uses-credentials',
  'n8n/webhook-without-auth',
];
const only = RULES.map((id) => rulesById.get(id)!);
const skip = !CORPUS && 'shared corpus not found at ../shared/corpus';

function run(rel: string): { text: string; findings: Finding[] } {
  const text = fs.readFileSync(path.join(CORPUS!, rel), 'utf8');
  return { text, findings: analyze(text, { only, skipSchema: true, fileName: rel }).findings };
}

const NAMED: Array<{ file: string; ruleId: string; pointer: string; severity: string; span: RegExp; message: RegExp }> = [
  {
    file: 'n8n/enescingoz__awesome-n8n-templates/devops__docker-compose-controller.json',
    ruleId: 'n8n/command-injection',
    pointer: '/nodes/1/parameters/command',
    severity: 'error',
    span: /^"=cd \{\{ \$json\.params\.service \}\} && docker compose up -d"$/,
    message: /^SSH "Start" builds a shell command from workflow data .* Data from the Webhook trigger "Webhook" \(HTTP requests from outside\) reaches it\.$/,
  },
  {
    file: 'n8n/Zie619__n8n-workflows/workflows__Http__0139_HTTP_Mysql_Automation_Webhook.json',
    ruleId: 'n8n/sql-injection',
    pointer: '/nodes/1/parameters/query',
    severity: 'error',
    span: /^"=-- CONSULTA DO PRODUTO GRADE/,
    message: /^MySQL "dadosProduto" pastes workflow data into its SQL text .* Data from the Webhook trigger "emitirEtiqueta" \(HTTP requests from outside\) reaches it\.$/,
  },
  {
    file: 'n8n/enescingoz__awesome-n8n-templates/OpenAI_and_LLMs__Proxmox AI Agent with n8n and Generative AI Integration.json',
    ruleId: 'n8n/tls-verification-disabled',
    pointer: '/nodes/0/parameters/options/allowUnauthorizedCerts',
    severity: 'warning',
    span: /^true$/,
    message: /^HTTP Request ".+" turns off TLS certificate verification \(allowUnauthorizedCerts: true\)/,
  },
  {
    file: 'n8n/enescingoz__awesome-n8n-templates/OpenAI_and_LLMs__AI Agent to chat with Supabase_PostgreSQL DB.json',
    ruleId: 'n8n/sql-injection',
    pointer: '/nodes/10/parameters/query',
    severity: 'error',
    span: /^"\{\{ \$fromAI\(\\"query\\"/,
    message: /^Postgres tool "Run SQL Query" pastes values the AI model chooses .* Data from the Chat Trigger "When chat message received" \(chat messages\) reaches it\.$/,
  },
  {
    file: 'n8n/Zie619__n8n-workflows/workflows__Github__1149_GitHub_Manual_Create_Scheduled.json',
    ruleId: 'n8n/code-node-dangerous-api',
    pointer: '/nodes/12/parameters/functionCode',
    severity: 'warning',
    span: /^eval\($/,
    message: /^Function "isDiffOrNew" uses eval\(\) \(runs text as code\)\./,
  },
  {
    file: 'n8n/enescingoz__awesome-n8n-templates/AI_Research_RAG_and_Data_Analysis__DataForge Lite - AI URL Data Extractor.json',
    ruleId: 'n8n/ssrf-url-from-input',
    pointer: '/nodes/2/parameters/url',
    severity: 'error',
    span: /^"=\{\{ \$json\.url \}\}"$/,
    message: /^HTTP Request "Fetch Page" sends its request to an address taken from outside data .* Data from the Webhook trigger "Scrape URL" \(HTTP requests from outside\) reaches it\.$/,
  },
  {
    file: 'n8n/enescingoz__awesome-n8n-templates/Airtable__vAssistant for Hubspot Chat using OpenAi and Airtable.json',
    ruleId: 'n8n/hardcoded-credential-in-request',
    pointer: '/nodes/5/parameters/queryParameters/parameters/0/value',
    severity: 'warning',
    span: /^936ae96c5f7aa0c59627b15bd8b97893$/,
    message: /^HTTP Request "HTTP Request" sends a credential typed into the node — query parameter "key" \(936a…93 \(32 chars\)\)/,
  },
  {
    file: 'n8n/Zie619__n8n-workflows/workflows__Code__1356_Code_Webhook_Import_Webhook.json',
    ruleId: 'n8n/execution-data-retention',
    pointer: '/nodes/1/parameters/assignments/assignments/3/name',
    severity: 'warning',
    span: /^"access_token"$/,
    message: /^Edit Fields "Extract Credentials" sets the field "access_token", and n8n saves every node's output of successful runs/,
  },
  {
    file: 'n8n/enescingoz__awesome-n8n-templates/Other_Integrations_and_Use_Cases__Bitrix24 Chatbot Application Workflow example with Webhook Integration.json',
    ruleId: 'n8n/ssrf-url-from-input',
    pointer: '/nodes/7/parameters/url',
    severity: 'error',
    span: /^"=https:\/\/\{\{ \$json\.DOMAIN \}\}\/rest\/imbot\.register/,
    message: /^HTTP Request "Register Bot" sends its request to an address taken from outside data \(\{\{ \$json\.DOMAIN \}\}\)/,
  },
  {
    file: 'n8n/Zie619__n8n-workflows/workflows__Emailreadimap__1277_Emailreadimap_Manual_Send_Webhook.json',
    ruleId: 'n8n/pinned-data-committed',
    pointer: '/pinData',
    severity: 'warning',
    span: /^"pinData"$/,
    message: /^Workflow "Email AI Auto-responder\. Summerize and send email" carries pinned output data of 2 nodes \(2 items: "Email Trigger \(IMAP\)", "Email Summarization Chain"\)/,
  },
  {
    file: 'n8n/Zie619__n8n-workflows/workflows__Postgres__2014_Postgres_Webhook_Automation_Webhook.json',
    ruleId: 'n8n/disabled-node-with-credentials',
    pointer: '/nodes/17/credentials',
    severity: 'info',
    span: /^"credentials"$/,
    message: /^Node "Slack" is disabled but still names the credential "n8n Slack" \(slackApi\)/,
  },
  {
    file: 'n8n/enescingoz__awesome-n8n-templates/devops__linux-update-via-webhook.json',
    ruleId: 'n8n/system-access-node',
    pointer: '/nodes/1',
    severity: 'info',
    span: /^"n8n-nodes-base\.ssh"$/,
    message: /^SSH "Execute a command" runs commands and moves files on a remote server/,
  },
  {
    file: 'n8n/Zie619__n8n-workflows/workflows__Manual__1183_Manual_Stickynote_Automation_Webhook.json',
    ruleId: 'n8n/community-node',
    pointer: '/nodes/5',
    severity: 'info',
    span: /^"n8n-nodes-mcp\.mcpClient"$/,
    message: /^Node "MCP Client list all tools for Bright Data" and 5 more nodes come from the community package "n8n-nodes-mcp"/,
  },
  {
    file: 'n8n/enescingoz__awesome-n8n-templates/Forms_and_Surveys__Conversational Interviews with AI Agents and n8n Forms.json',
    ruleId: 'n8n/unauthenticated-trigger-uses-credentials',
    pointer: '/nodes/28',
    severity: 'warning',
    span: /^"Webhook"$/,
    message: /^Webhook "Webhook" accepts requests without authentication and starts 1 node that uses stored credentials: "Upstash \(ai interviewer\)" \(redis\)\./,
  },
  {
    file: 'n8n/Zie619__n8n-workflows/workflows__Openweathermap__1118_Openweathermap_Webhook_Automate_Webhook.json',
    ruleId: 'n8n/no-error-workflow',
    pointer: '/settings/errorWorkflow',
    severity: 'info',
    span: /^null$/,
    message: /^Workflow "Production Workflow" runs unattended \(from "Webhook"\) but names no error workflow/,
  },
];

for (const want of NAMED) {
  test(`corpus: ${want.ruleId} at ${want.pointer} in ${path.basename(want.file)}`, { skip }, () => {
    const { text, findings } = run(want.file);
    const f = findings.find((x) => x.ruleId === want.ruleId && x.pointer === want.pointer);
    assert.ok(f, `no ${want.ruleId} finding at ${want.pointer}; got ${JSON.stringify(findings.map((x) => [x.ruleId, x.pointer]))}`);
    assert.equal(f.severity, want.severity);
    assert.match(text.slice(f.offset, f.offset + f.length), want.span);
    assert.match(f.message, want.message);
    if (f.fix) {
      const fixed = applyEdits(text, f.fix.edits);
      assert.doesNotThrow(() => JSON.parse(fixed), 'fixed text parses');
      assert.equal(run2(fixed, want.file).some((x) => x.ruleId === want.ruleId && x.pointer === want.pointer), false, 'finding gone after fix');
    }
  });
}

function run2(text: string, rel: string): Finding[] {
  return analyze(text, { only, skipSchema: true, fileName: rel }).findings;
}

test('corpus: per-rule finding counts over every n8n file, and no rule errors', { skip }, () => {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.json')) files.push(p);
    }
  };
  walk(path.join(CORPUS!, 'n8n'));
  const counts: Record<string, number> = {};
  for (const file of files) {
    for (const f of analyze(fs.readFileSync(file, 'utf8'), { only, skipSchema: true }).findings) {
      const key = `${f.ruleId} ${f.severity}`;
      counts[key] = (counts[key] ?? 0) + 1;
    }
  }
  assert.equal(files.length, 2403);
  assert.deepEqual(counts, {
    'n8n/code-node-dangerous-api warning': 3,
    'n8n/command-injection error': 9,
    'n8n/command-injection warning': 23,
    'n8n/community-node info': 36,
    'n8n/disabled-node-with-credentials info': 33,
    'n8n/execution-data-retention warning': 16,
    'n8n/hardcoded-credential-in-request warning': 11,
    'n8n/no-error-workflow info': 1468,
    'n8n/pinned-data-committed warning': 158,
    'n8n/sql-injection error': 8,
    'n8n/sql-injection warning': 48,
    'n8n/ssrf-url-from-input error': 7,
    'n8n/system-access-node info': 229,
    'n8n/tls-verification-disabled warning': 58,
    'n8n/unauthenticated-trigger-uses-credentials warning': 69,
    'n8n/webhook-without-auth warning': 544,
  });
});
