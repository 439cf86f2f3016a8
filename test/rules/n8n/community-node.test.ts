import { test } from 'node:test';
import assert from 'node:assert/strict';
import { n8nWorkflow, runRule } from '../../helpers';
import { packageOf } from '../../../server/src/engine/rules/n8n/community-node';
import { node, spanText } from './fixtures';

const ID = 'n8n/community-node';

test('one info finding per community package, on its first node, counting the others', () => {
  const text = n8nWorkflow([
    node('Start', 'n8n-nodes-base.manualTrigger'),
    node('List tools', 'n8n-nodes-mcp.mcpClient'),
    node('Call tool', 'n8n-nodes-mcp.mcpClient'),
    node('Scrape', '@brightdata/n8n-nodes-brightdata.brightData'),
    node('Agent', '@n8n/n8n-nodes-langchain.agent'),
  ]);
  const found = runRule(ID, text);
  assert.deepEqual(found.map((f) => [f.pointer, spanText(text, f), f.severity]), [
    ['/nodes/1', '"n8n-nodes-mcp.mcpClient"', 'info'],
    ['/nodes/3', '"@brightdata/n8n-nodes-brightdata.brightData"', 'info'],
  ]);
  assert.equal(found[0].owasp, 'LCNC-SEC-07');
  assert.equal(
    found[0].message,
    'Node "List tools" and 1 more node come from the community package "n8n-nodes-mcp", which n8n does not vet unless it is a verified community node. Community code runs inside the n8n process with full access to the host, to the data of every workflow that uses it and to the credentials it is given. Review the package and its maintainer, pin the version you reviewed, and uninstall it when no workflow needs it.',
  );
  assert.match(found[1].message, /^Node "Scrape" comes from the community package "@brightdata\/n8n-nodes-brightdata"/);
});

test('custom nodes (CUSTOM.*) are named as such; official nodes are never reported', () => {
  const text = n8nWorkflow([node('Mine', 'CUSTOM.myNode'), node('Set', 'n8n-nodes-base.set'), node('LLM', '@n8n/n8n-nodes-langchain.lmChatOpenAi')]);
  const [f, ...rest] = runRule(ID, text);
  assert.equal(rest.length, 0);
  assert.match(f.message, /^Node "Mine" is a custom node loaded from a folder on the n8n host \(N8N_CUSTOM_EXTENSIONS\)/);
  assert.equal(packageOf('@scope/n8n-nodes-x.node'), '@scope/n8n-nodes-x');
  assert.equal(packageOf('noDot'), undefined);
});
