import { test } from 'node:test';
import assert from 'node:assert/strict';
import { n8nWorkflow, runRule } from '../../helpers';
import { applyFixFully, node, spanText } from './fixtures';

const ID = 'n8n/disabled-node-with-credentials';
const slack = { slackApi: { id: 'c1', name: 'Team Slack' } };

test('a disabled node naming a credential no enabled node uses is reported on its credentials key; the fix removes them', () => {
  const text = n8nWorkflow([
    node('Start', 'n8n-nodes-base.manualTrigger'),
    node('Notify', 'n8n-nodes-base.slack', { text: 'hi' }, { disabled: true, credentials: slack }),
  ]);
  const [f, ...rest] = runRule(ID, text);
  assert.equal(rest.length, 0);
  assert.equal(f.pointer, '/nodes/1/credentials');
  assert.equal(f.owasp, 'LCNC-SEC-09');
  assert.equal(f.severity, 'info');
  assert.equal(spanText(text, f), '"credentials"');
  assert.equal(
    f.message,
    'Node "Notify" is disabled but still names the credential "Team Slack" (slackApi): it never runs, yet it makes it look in use, so it stays on the instance with its access instead of being retired. Delete the node, or remove its credential.',
  );
  assert.equal(f.fix?.isPreferred, false);
  const fixed = applyFixFully(ID, text, f);
  const wf = JSON.parse(fixed);
  assert.equal(wf.nodes[1].credentials, undefined);
  assert.equal(wf.nodes[1].disabled, true);
});

test('credentials that an enabled node also uses are not reported; old string-valued credentials are read', () => {
  assert.deepEqual(
    runRule(ID, n8nWorkflow([node('On', 'n8n-nodes-base.slack', {}, { credentials: slack }), node('Off', 'n8n-nodes-base.slack', {}, { disabled: true, credentials: slack })])),
    [],
  );
  const text = n8nWorkflow([node('Off', 'n8n-nodes-base.postgres', {}, { disabled: true, credentials: { postgres: 'Main DB', slackApi: { id: 'c1', name: 'Team Slack' } } })]);
  const [f] = runRule(ID, text);
  assert.match(f.message, /still names the credentials "Main DB" \(postgres\), "Team Slack" \(slackApi\): it never runs, yet it makes them look in use, so they stay/);
  assert.deepEqual(runRule(ID, n8nWorkflow([node('Off', 'n8n-nodes-base.set', {}, { disabled: true })])), []);
});
