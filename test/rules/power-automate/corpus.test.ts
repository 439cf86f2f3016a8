/**
 * The power-automate rules over the shared corpus (`../shared/corpus/power-automate`, 78 solution flow files):
 * findings a reviewer checked in named files, per-rule counts over all files (measured when the rules were written;
 * a change means a rule or the WDL adapter changed — look at the difference before updating the numbers), and every
 * quick fix applied to the real files. Skips when the corpus is absent.
 *
 * The corpus holds Microsoft and PnP samples: no SQL queries, custom connectors, literal personal mail addresses or
 * "Specific users" HTTP triggers, so those rules count 0 here and are covered by their unit tests.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, applyEdits, RULE_ERROR_ID, allRules, type Finding } from '../../../server/src/engine';
import { CORPUS } from '../../helpers';

const only = allRules.filter((r) => r.meta.id.startsWith('power-automate/'));
const skip = !CORPUS && 'shared corpus not found at ../shared/corpus';
const PNP = 'power-automate/pnp__powerplatform-samples/samples__';

function findings(text: string, rel: string): Finding[] {
  return analyze(text, { only, skipSchema: true, fileName: rel }).findings;
}

function run(rel: string): { text: string; found: Finding[] } {
  const text = fs.readFileSync(path.join(CORPUS!, rel), 'utf8');
  return { text, found: findings(text, rel) };
}

function corpusFiles(): string[] {
  const out: string[] = [];
  const dir = path.join(CORPUS!, 'power-automate');
  for (const repo of fs.readdirSync(dir)) for (const f of fs.readdirSync(path.join(dir, repo))) if (f.endsWith('.json')) out.push(`power-automate/${repo}/${f}`);
  return out.sort();
}

const NAMED: Array<{ file: string; ruleId: string; pointer: string; span: string; message: RegExp }> = [
  {
    // Copilot Studio bot that creates SharePoint sites: every bot user creates sites with the maker's connection.
    file: `${PNP}sharepoint-site-creation-bot__sourcecode__Workflows__Flow-CreateaSharePointSite-FE41089D-04CF-EC11-A7B5-6045BD8E353D.json`,
    ruleId: 'power-automate/embedded-connection',
    pointer: '/properties/connectionReferences/shared_sharepointonline_1',
    span: '"embedded"',
    message: /^Connection "shared_sharepointonline_1" \(connector shared_sharepointonline\) is embedded: everyone who reaches this flow through a Copilot Studio agent acts through the flow owner's connection/,
  },
  {
    // Button flow that creates Dataverse teams for security roles with the owner's Dataverse connection.
    file: `${PNP}security-role-management__sourcecode__src__Workflows__AddanewAADGroupandassociatedteam-C88347D4-93F9-ED11-8F6D-6045BD0CF003.json`,
    ruleId: 'power-automate/embedded-connection',
    pointer: '/properties/connectionReferences/shared_commondataserviceforapps',
    span: '"embedded"',
    message: /everyone who runs this flow as a run-only user acts through the flow owner's connection/,
  },
  {
    // Daily reminder mails from a SharePoint list, no error path.
    file: `${PNP}gym-management-app__sourcecode__src__Workflows__SubscriptionReminder-CD7AD75F-F442-EF11-8409-0022480BF39E.json`,
    ruleId: 'power-automate/no-failure-handling',
    pointer: '/properties/definition/actions',
    span: '"actions"',
    message: /^No step in this flow runs after a failed or timed-out step, although \d+ steps call connectors or endpoints/,
  },
  {
    // 2020 AI Builder starter kit export: connection references without connectionReferenceLogicalName.
    file: 'power-automate/microsoft__PowerApps-Samples/ai-builder__starter-kit__invoice-processing__AIBuilderInvoiceProcessingAutomation.zip!__Workflows__IPAEmail-F69FDC5B-985B-EA11-A811-000D3A35FEFD.json',
    ruleId: 'power-automate/raw-connection-id',
    pointer: '/properties/connectionReferences/shared_office365',
    span: '{}',
    message: /^Connection "shared_office365" \(shared_office365\) names no connection reference/,
  },
];

for (const want of NAMED) {
  test(`corpus: ${want.ruleId} at ${want.pointer} in ${path.basename(want.file).slice(0, 60)}`, { skip }, () => {
    const { text, found } = run(want.file);
    const f = found.find((x) => x.ruleId === want.ruleId && x.pointer === want.pointer);
    assert.ok(f, `no ${want.ruleId} at ${want.pointer}; got ${JSON.stringify(found.map((x) => [x.ruleId, x.pointer]))}`);
    assert.equal(text.slice(f.offset, f.offset + f.length), want.span);
    assert.match(f.message, want.message);
  });
}

test('corpus: flows with an error path are not reported by no-failure-handling', { skip }, () => {
  // Always-reply pattern: a Response runs after the Scope has failed or timed out.
  const reply = run(`${PNP}always-reply-to-request__sourcecode__src__Workflows__PatternAlwaysreplytoHTTPrequest-CD602B70-A83E-EE11-BDF3-0022482A4279.json`);
  assert.deepEqual(reply.found.filter((f) => f.ruleId === 'power-automate/no-failure-handling'), []);
  // Error-handling scopes that run after "Scope: list information" has failed.
  const list = run(`${PNP}utility-flow-get-sharepoint-info-from-environment-variables__sourcecode__ParseListDataSourceInfo__src__Workflows__GetDataSourceListInfo-031ABDA2-427B-EF11-AC20-002248617A98.json`);
  assert.deepEqual(list.found.filter((f) => f.ruleId === 'power-automate/no-failure-handling'), []);
});

test('corpus: per-rule finding counts over every Power Automate file, and no rule errors', { skip }, () => {
  const files = corpusFiles();
  assert.equal(files.length, 78);
  const counts: Record<string, number> = Object.fromEntries(only.map((r) => [r.meta.id, 0]));
  for (const rel of files) {
    for (const f of run(rel).found) {
      assert.notEqual(f.ruleId, RULE_ERROR_ID, `${rel}: ${f.message}`);
      counts[f.ruleId]++;
    }
  }
  assert.deepEqual(counts, {
    'power-automate/custom-connector': 0,
    'power-automate/embedded-connection': 27,
    'power-automate/mail-to-consumer-domain': 0,
    'power-automate/no-failure-handling': 54,
    'power-automate/raw-connection-id': 6,
    'power-automate/sql-built-from-expression': 0,
    'power-automate/user-mode-no-allowed-users': 0,
  });
});

test('corpus: every quick fix gives valid JSON, removes its finding and adds none', { skip }, () => {
  let fixes = 0;
  for (const rel of corpusFiles()) {
    const { text, found } = run(rel);
    for (const f of found) {
      if (!f.fix) continue;
      fixes++;
      const fixed = applyEdits(text, f.fix.edits);
      assert.doesNotThrow(() => JSON.parse(fixed), `${rel}: fixed text parses`);
      const after = findings(fixed, rel);
      assert.ok(!after.some((x) => x.ruleId === f.ruleId && x.pointer === f.pointer), `${rel}: ${f.ruleId} at ${f.pointer} gone`);
      const before = new Set(found.map((x) => `${x.ruleId} ${x.pointer} ${x.message}`));
      assert.deepEqual(after.filter((x) => !before.has(`${x.ruleId} ${x.pointer} ${x.message}`)).map((x) => x.ruleId), [], rel);
    }
  }
  assert.equal(fixes, 27);
});
