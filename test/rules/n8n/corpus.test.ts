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

const RULES = ['n8n/caller-policy-any', 'n8n/command-injection', 'n8n/sql-injection', 'n8n/tls-verification-disabled'];
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
    'n8n/command-injection error': 9,
    'n8n/command-injection warning': 23,
    'n8n/sql-injection error': 8,
    'n8n/sql-injection warning': 48,
    'n8n/tls-verification-disabled warning': 58,
  });
});
