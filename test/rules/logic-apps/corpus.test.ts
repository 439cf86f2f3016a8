/**
 * The Logic Apps rules over the 143 real Logic Apps files of the shared corpus: no rule errors, the number of findings
 * per rule as reviewed (see each rule's doc page), and named findings a reviewer checked by hand.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { allRules, analyze, RULE_ERROR_ID, type Finding } from '../../../server/src/engine';
import { CORPUS } from '../../helpers';

const skip = !CORPUS && 'shared corpus not found at ../shared/corpus';
const RULES = allRules.filter((r) => r.meta.id.startsWith('logic-apps/'));

/**
 * Findings per rule over `logic-apps/` of the corpus, reviewed by hand. connections.json and local.settings.json do
 * not occur in the corpus; http-without-managed-identity, sql-built-from-expression and identity-privileged-role find
 * nothing there (the corpus calls Azure with managed identities, parameterises its SQL, and assigns no roles).
 */
const EXPECTED: Record<string, number> = {
  'logic-apps/connections-literal-key': 0,
  'logic-apps/diagnostics-not-configured': 6,
  'logic-apps/http-without-managed-identity': 0,
  'logic-apps/identity-privileged-role': 0,
  'logic-apps/inline-code': 14,
  'logic-apps/local-settings-in-tree': 0,
  'logic-apps/request-trigger-without-schema-validation': 18,
  'logic-apps/run-history-open': 6,
  'logic-apps/sql-built-from-expression': 0,
};

let cache: Map<string, Finding[]> | undefined;
/** Findings of the Logic Apps rules per corpus file (relative to the corpus root), computed once. */
function corpusFindings(): Map<string, Finding[]> {
  if (cache) return cache;
  cache = new Map();
  const base = path.join(CORPUS!, 'logic-apps');
  for (const repo of fs.readdirSync(base)) {
    for (const f of fs.readdirSync(path.join(base, repo))) {
      if (!f.endsWith('.json')) continue;
      const rel = `logic-apps/${repo}/${f}`;
      const text = fs.readFileSync(path.join(CORPUS!, rel), 'utf8');
      cache.set(rel, analyze(text, { only: RULES, skipSchema: true, fileName: rel }).findings);
    }
  }
  return cache;
}

test('every Logic Apps rule is counted', () => {
  assert.deepEqual(Object.keys(EXPECTED).sort(), RULES.map((r) => r.meta.id).sort());
});

test('Logic Apps rules run on all 143 corpus files without a rule error', { skip }, () => {
  const all = corpusFindings();
  assert.equal(all.size, 143);
  for (const [rel, findings] of all) assert.deepEqual(findings.filter((f) => f.ruleId === RULE_ERROR_ID), [], rel);
});

test('findings per rule over the corpus', { skip }, () => {
  const counts: Record<string, number> = Object.fromEntries(RULES.map((r) => [r.meta.id, 0]));
  for (const findings of corpusFindings().values()) for (const f of findings) if (f.ruleId in counts) counts[f.ruleId]++;
  assert.deepEqual(counts, EXPECTED);
});

test('named corpus findings (checked by hand)', { skip }, () => {
  const all = corpusFindings();
  const expect = (rel: string, ruleId: string, pointer: string, severity?: string) => {
    const found = (all.get(`logic-apps/${rel}`) ?? []).filter((f) => f.ruleId === ruleId);
    const hit = found.find((f) => f.pointer === pointer);
    assert.ok(hit, `${rel}: expected ${ruleId} at ${pointer}, got ${JSON.stringify(found.map((f) => f.pointer))}`);
    if (severity) assert.equal(hit.severity, severity);
  };
  // schema present, Schema Validation off, customerId read from the body
  expect('LogicAppUnit__TestingFramework/src__LogicAppUnit.Samples.LogicApps__http-async-workflow__workflow.json', 'logic-apps/request-trigger-without-schema-validation', '/definition/triggers/Receive_HTTP_request');
  // empty schema, triggerBody()?['content'] sent to a queue
  expect('Azure__logicapps/scripts__scheduler-migration__run-once-handler.json', 'logic-apps/request-trigger-without-schema-validation', '/definition/triggers/manual');
  expect('LogicAppUnit__TestingFramework/src__LogicAppUnit.Samples.LogicApps__inline-script-workflow__workflow.json', 'logic-apps/inline-code', '/definition/actions/Execute_CSharp_Script_Code');
  expect('Azure__logicapps/ai-sample__SampleAIWorkflows__chat-workflow__workflow.json', 'logic-apps/inline-code', '/definition/actions/generate_search_query', 'info');
  expect('Azure__logicapps/scripts__recurrence-jobs__schedulesWithConn.json', 'logic-apps/run-history-open', '/resources/4/properties/template/resources/0');
  expect('Azure-Samples__azure-logic-apps-deployment-samples/api-management-actions__templates__logic-app-template.json', 'logic-apps/diagnostics-not-configured', '/resources/0');
});

test('not reported in the corpus: AS2 / flat-file bodies passed on whole, and parameterised built-in SQL queries', { skip }, () => {
  const all = corpusFindings();
  for (const rel of ['Azure__logicapps/templates__as2-response.json', 'Azure__logicapps/templates__veter.json', 'Azure__logicapps/templates__x12-to-as2.json']) {
    assert.deepEqual(all.get(`logic-apps/${rel}`)!.filter((f) => f.ruleId === 'logic-apps/request-trigger-without-schema-validation'), [], rel);
  }
  for (const rel of ['Azure__LogicAppsUX/__mocks____templates__SimpleAccelerator__Workflow1__workflow.json', 'Azure__LogicAppsUX/__mocks____templates__SimpleAccelerator__Workflow2__workflow.json']) {
    assert.deepEqual(all.get(`logic-apps/${rel}`)!.filter((f) => f.ruleId === 'logic-apps/sql-built-from-expression'), [], rel);
  }
});
