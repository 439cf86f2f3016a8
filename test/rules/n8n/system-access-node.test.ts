import { test } from 'node:test';
import assert from 'node:assert/strict';
import { n8nWorkflow, runRule } from '../../helpers';
import { node, spanText } from './fixtures';

const ID = 'n8n/system-access-node';

test('Execute Command is reported at info on the node type with the node pointer', () => {
  const text = n8nWorkflow([node('Backup', 'n8n-nodes-base.executeCommand', { command: 'tar czf /backup/a.tgz /data' })]);
  const [f, ...rest] = runRule(ID, text);
  assert.equal(rest.length, 0);
  assert.equal(f.pointer, '/nodes/0');
  assert.equal(f.owasp, 'LCNC-SEC-07');
  assert.equal(f.severity, 'info');
  assert.equal(spanText(text, f), '"n8n-nodes-base.executeCommand"');
  assert.equal(
    f.message,
    'Execute Command "Backup" runs shell commands on the n8n host with the rights of the n8n process (n8n 2.0 and later disable this node unless an administrator enables it). Make sure this access is needed, that only trusted data reaches the node, and that the instance limits it (NODES_EXCLUDE, N8N_RESTRICT_FILE_ACCESS_TO).',
  );
});

test('file, Git, SSH and tool variants are reported; each names what it reaches', () => {
  const text = n8nWorkflow([
    node('Read', 'n8n-nodes-base.readWriteFile', { operation: 'read', fileSelector: '/data/*.csv' }),
    node('Old read', 'n8n-nodes-base.readBinaryFile', { filePath: '/etc/app.conf' }),
    node('Write', 'n8n-nodes-base.writeBinaryFile', { fileName: '/tmp/out.bin' }),
    node('Watch', 'n8n-nodes-base.localFileTrigger', { path: '/inbox' }),
    node('Repo', 'n8n-nodes-base.git', { operation: 'clone' }),
    node('Remote', 'n8n-nodes-base.ssh', { command: 'uptime' }),
    node('Shell tool', 'n8n-nodes-base.executeCommandTool', { command: 'ls' }),
  ]);
  const found = runRule(ID, text);
  assert.deepEqual(found.map((f) => f.pointer), ['/nodes/0', '/nodes/1', '/nodes/2', '/nodes/3', '/nodes/4', '/nodes/5', '/nodes/6']);
  assert.match(found[0].message, /^Read\/Write Files from Disk "Read" reads or writes files on the n8n host's disk/);
  assert.match(found[3].message, /^Local File Trigger "Watch" watches folders/);
  assert.match(found[4].message, /^Git "Repo" clones, commits and pushes/);
  assert.match(found[5].message, /^SSH "Remote" runs commands and moves files on a remote server/);
  assert.match(found[6].message, /^Execute Command tool "Shell tool" runs shell commands/);
  assert.ok(found.every((f) => f.severity === 'info'));
});

test('Execute Workflow from a URL or an expression-built definition is a warning; from a local file info; from the database nothing', () => {
  const text = n8nWorkflow([
    node('From URL', 'n8n-nodes-base.executeWorkflow', { source: 'url', workflowUrl: 'https://example.com/wf.json' }),
    node('From file', 'n8n-nodes-base.executeWorkflow', { source: 'localFile', workflowPath: '/data/wf.json' }),
    node('From param', 'n8n-nodes-base.executeWorkflow', { source: 'parameter', workflowJson: '={{ $json.definition }}' }),
    node('Fixed param', 'n8n-nodes-base.executeWorkflow', { source: 'parameter', workflowJson: '{"nodes":[],"connections":{}}' }),
    node('From db', 'n8n-nodes-base.executeWorkflow', { workflowId: '12' }),
  ]);
  const found = runRule(ID, text);
  assert.deepEqual(found.map((f) => [f.pointer, f.severity]), [
    ['/nodes/0', 'warning'],
    ['/nodes/1', 'info'],
    ['/nodes/2', 'warning'],
  ]);
  assert.match(found[0].message, /^Execute Workflow "From URL" downloads a workflow from a URL each time it runs/);
  assert.match(found[1].message, /^Execute Workflow "From file" runs the workflow file "\/data\/wf\.json" from the n8n host's disk/);
});

test('Code nodes, other nodes and disabled system nodes are not reported', () => {
  const text = n8nWorkflow([
    node('Code', 'n8n-nodes-base.code', { jsCode: 'return items;' }),
    node('Call', 'n8n-nodes-base.httpRequest', { url: 'https://example.com' }),
    node('Off', 'n8n-nodes-base.executeCommand', { command: 'id' }, { disabled: true }),
  ]);
  assert.deepEqual(runRule(ID, text), []);
});
