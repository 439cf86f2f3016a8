/**
 * The WDL rules over the real Power Automate and Logic Apps files of the shared corpus: they never fail, never print
 * a secret default value, and find what a reviewer confirmed in named files.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, rulesById, RULE_ERROR_ID, type Finding } from '../../../server/src/engine';
import { CORPUS } from '../../helpers';

const IDS = ['wdl/request-trigger-without-auth', 'wdl/secure-data-missing', 'wdl/secret-parameter-not-secure'];
const skip = !CORPUS && 'shared corpus not found at ../shared/corpus';

function run(rel: string): Finding[] {
  const text = fs.readFileSync(path.join(CORPUS!, rel), 'utf8');
  return analyze(text, { only: IDS.map((id) => rulesById.get(id)!), skipSchema: true, fileName: rel }).findings;
}

function wdlFiles(): string[] {
  const out: string[] = [];
  for (const dir of ['power-automate', 'logic-apps']) {
    for (const repo of fs.readdirSync(path.join(CORPUS!, dir))) {
      for (const f of fs.readdirSync(path.join(CORPUS!, dir, repo))) if (f.endsWith('.json')) out.push(`${dir}/${repo}/${f}`);
    }
  }
  return out;
}

test('WDL rules run on every Power Automate and Logic Apps corpus file without a rule error', { skip }, () => {
  const files = wdlFiles();
  assert.ok(files.length > 100, `expected the corpus WDL files, found ${files.length}`);
  for (const rel of files) {
    const errors = run(rel).filter((f) => f.ruleId === RULE_ERROR_ID);
    assert.deepEqual(errors, [], rel);
  }
});

test('named corpus findings', { skip }, () => {
  const expect = (rel: string, ruleId: string, pointer: string) => {
    const found = run(rel).filter((f) => f.ruleId === ruleId).map((f) => f.pointer);
    assert.ok(found.includes(pointer), `${rel}: expected ${ruleId} at ${pointer}, got ${JSON.stringify(found)}`);
  };
  expect(
    'power-automate/pnp__powerplatform-samples/samples__always-reply-to-request__sourcecode__src__Workflows__PatternAlwaysreplytoHTTPrequest-CD602B70-A83E-EE11-BDF3-0022482A4279.json',
    'wdl/request-trigger-without-auth',
    '/properties/definition/triggers/manual',
  );
  expect(
    'logic-apps/LogicAppUnit__TestingFramework/src__LogicAppUnit.Samples.LogicApps__http-workflow__workflow.json',
    'wdl/secure-data-missing',
    '/definition/actions/Validate_API_Key/actions/Get_Customer_Details_from_Service_One',
  );
  expect('logic-apps/Azure__logicapps/scripts__recurrence-jobs__schedulesWithConn.json', 'wdl/secret-parameter-not-secure', '/parameters/ServiceBusConnConnectionString/type');
});

test('a secret default value in the corpus appears only redacted', { skip }, () => {
  const rel =
    'power-automate/pnp__powerplatform-samples/samples__sharepoint-site-assistant__sourcecode__src__Workflows__SharePointAssistant-Sitecreation-2CE870D2-AB19-EE11-8F6D-6045BDF5263A.json';
  const value = JSON.parse(fs.readFileSync(path.join(CORPUS!, rel), 'utf8')).properties.definition.parameters['SharePointAssistantKey (kch_SharePointAssistantKey)'].defaultValue as string;
  const [f] = run(rel).filter((x) => x.ruleId === 'wdl/secret-parameter-not-secure');
  assert.ok(f, 'finding expected');
  assert.ok(!f.message.includes(value));
  assert.match(f.message, /\(\d+ chars\)/);
});
