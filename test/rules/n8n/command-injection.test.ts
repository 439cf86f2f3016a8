import { test } from 'node:test';
import assert from 'node:assert/strict';
import { n8nWorkflow, runRule } from '../../helpers';

const ID = 'n8n/command-injection';
let n = 0;
const node = (name: string, type: string, parameters: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  id: `id${n++}`,
  name,
  type,
  typeVersion: 1,
  position: [0, 0],
  parameters,
  ...extra,
});
const exec = (command: string, name = 'Run') => node(name, 'n8n-nodes-base.executeCommand', { command });
const ssh = (parameters: Record<string, unknown>, name = 'Remote') => node(name, 'n8n-nodes-base.ssh', parameters);
const wire = (...pairs: Array<[string, string, string?]>) => {
  const c: Record<string, Record<string, Array<Array<{ node: string; type: string; index: number }>>>> = {};
  for (const [from, to, type = 'main'] of pairs) ((c[from] ??= {})[type] ??= [[]])[0].push({ node: to, type, index: 0 });
  return { connections: c };
};

test('Execute Command built from $json is reported on the command string with the node pointer of the value', () => {
  const command = '=ls -p {{ $json.directory }} | grep -v /';
  const text = n8nWorkflow([node('Start', 'n8n-nodes-base.manualTrigger', {}), exec(command)], wire(['Start', 'Run']));
  const [f, ...rest] = runRule(ID, text);
  assert.equal(rest.length, 0);
  assert.equal(f.pointer, '/nodes/1/parameters/command');
  assert.equal(f.owasp, 'LCNC-SEC-06');
  assert.equal(f.severity, 'warning');
  assert.equal(text.slice(f.offset, f.offset + f.length), JSON.stringify(command));
  assert.equal(
    f.message,
    'Execute Command "Run" builds a shell command from workflow data ({{ $json.directory }}): shell characters such as ; | $( ) or quotes in that data run extra commands on the n8n host. Check the values against a strict allow-list (or pass them in a file) before they reach the command.',
  );
});

test('webhook data reaching the command makes it an error, through connections or by name', () => {
  const webhook = node('Webhook', 'n8n-nodes-base.webhook', { path: 'dig' });
  const text = n8nWorkflow(
    [webhook, exec('=dig NS {{$node["Webhook"].data["query"]["q"]}} +short', 'Dig'), ssh({ command: '=cd {{ $json.params.service }} && docker compose up -d' }, 'Start')],
    wire(['Webhook', 'Start']),
  );
  const found = runRule(ID, text);
  assert.deepEqual(found.map((f) => [f.pointer, f.severity]), [
    ['/nodes/1/parameters/command', 'error'],
    ['/nodes/2/parameters/command', 'error'],
  ]);
  assert.match(found[1].message, /^SSH "Start" builds a shell command from workflow data \(\{\{ \$json\.params\.service \}\}\): .* run extra commands on the remote server\./);
  assert.match(found[1].message, /Data from the Webhook trigger "Webhook" \(HTTP requests from outside\) reaches it\.$/);
});

test('plain text, constant expressions, constant Edit Fields values, SSH file operations and disabled nodes are not reported', () => {
  const text = n8nWorkflow([
    exec('ls {{ $json.directory }}', 'Plain'),
    exec('=git commit -m "backup {{ new Date().toISOString() }}" && echo {{ $execution.id }}', 'Const'),
    ssh({ resource: 'file', operation: 'upload', path: '={{ $json.dir }}' }, 'Upload'),
    ssh({ command: 'df -h' }, 'Df'),
    { ...exec('=rm -rf {{ $json.path }}', 'Off'), disabled: true },
    node('CONFIG', 'n8n-nodes-base.set', { values: { string: [{ name: 'project_path', value: './docs' }] } }),
    exec("=mkdir -p {{ $('CONFIG').first().json.project_path }}", 'Mkdir'),
  ]);
  assert.deepEqual(runRule(ID, text), []);
});

test('the Execute Command tool with $fromAI() names the model as the source', () => {
  const text = n8nWorkflow([node('List', 'n8n-nodes-base.executeCommandTool', { command: "=ls {{ $fromAI('path') }}" })]);
  const [f] = runRule(ID, text);
  assert.match(f.message, /^Execute Command tool "List" builds a shell command from values the AI model chooses/);
});
