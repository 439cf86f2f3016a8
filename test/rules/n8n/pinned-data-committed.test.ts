import { test } from 'node:test';
import assert from 'node:assert/strict';
import { n8nWorkflow, runRule } from '../../helpers';
import { applyFixFully, node, spanText } from './fixtures';

const ID = 'n8n/pinned-data-committed';
const hook = node('Webhook', 'n8n-nodes-base.webhook', { path: 'in' });

test('non-empty pinData is reported on the pinData key with node and item counts; the fix empties it and keeps formatting', () => {
  const pinData = { Webhook: [{ json: { headers: { 'x-forwarded-for': '203.0.113.7' } } }, { json: { body: {} } }], 'Get rows': [{ json: { email: 'user1@example.com' } }] };
  const text = n8nWorkflow([hook], { pinData });
  const [f, ...rest] = runRule(ID, text);
  assert.equal(rest.length, 0);
  assert.equal(f.pointer, '/pinData');
  assert.equal(f.owasp, 'LCNC-SEC-03');
  assert.equal(f.severity, 'warning');
  assert.equal(spanText(text, f), '"pinData"');
  assert.equal(
    f.message,
    'Workflow "Test workflow" carries pinned output data of 2 nodes (3 items: "Webhook", "Get rows"). Pinned data is a copy of a real run — request headers, addresses, API responses — and everyone who gets this file can read it. Unpin the data (or replace it with made-up samples) before exporting or sharing the workflow.',
  );
  assert.equal(f.fix?.isPreferred, false);
  const fixed = applyFixFully(ID, text, f);
  assert.deepEqual(JSON.parse(fixed).pinData, {});
  assert.equal(fixed.slice(0, text.indexOf('"pinData"')), text.slice(0, text.indexOf('"pinData"')));
});

test('empty pinData, pinned nodes with no items, null staticData and node-only staticData are not reported', () => {
  assert.deepEqual(runRule(ID, n8nWorkflow([hook], { pinData: {}, staticData: null })), []);
  assert.deepEqual(runRule(ID, n8nWorkflow([hook], { pinData: { Webhook: [] } })), []);
  assert.deepEqual(runRule(ID, n8nWorkflow([hook], { staticData: { 'node:Schedule Trigger': { recurrenceRules: [] } } })), []);
  assert.deepEqual(runRule(ID, n8nWorkflow([hook], { staticData: { global: {} } })), []);
});

test('staticData.global with content is reported at info on its key; the fix sets staticData to null', () => {
  const text = n8nWorkflow([hook], { staticData: { global: { lastCursor: 'abc', seen: [1, 2] }, 'node:Gmail Trigger': { lastTimeChecked: 1 } } });
  const [f, ...rest] = runRule(ID, text);
  assert.equal(rest.length, 0);
  assert.equal(f.pointer, '/staticData/global');
  assert.equal(f.severity, 'info');
  assert.equal(spanText(text, f), '"global"');
  assert.match(f.message, /^Workflow "Test workflow" carries the data it stores between runs \(staticData\.global/);
  const fixed = applyFixFully(ID, text, f);
  assert.equal(JSON.parse(fixed).staticData, null);
});

test('each workflow of an export list is checked on its own', () => {
  const wf = (name: string, pinData: unknown) => ({ name, nodes: [hook], connections: {}, pinData });
  const text = JSON.stringify([wf('A', {}), wf('B', { Webhook: [{ json: {} }] })], null, 2);
  const [f, ...rest] = runRule(ID, text);
  assert.equal(rest.length, 0);
  assert.equal(f.pointer, '/1/pinData');
  assert.match(f.message, /^Workflow "B" carries pinned output data of 1 node \(1 item: "Webhook"\)/);
});
