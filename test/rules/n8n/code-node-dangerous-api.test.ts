import { test } from 'node:test';
import assert from 'node:assert/strict';
import { n8nWorkflow, runRule } from '../../helpers';
import { blankJsComments, blankPyComments } from '../../../server/src/engine/rules/n8n/code-node-dangerous-api';
import { node, spanText } from './fixtures';

const ID = 'n8n/code-node-dangerous-api';
const js = (name: string, jsCode: string) => node(name, 'n8n-nodes-base.code', { jsCode }, { typeVersion: 2 });

test('require("child_process") is reported on the call inside the code string, listing every API found', () => {
  const code = "const { execSync } = require('child_process');\nconst out = execSync('df -h').toString();\nconst home = process.env.HOME;\nreturn [{ json: { out, home } }];";
  const text = n8nWorkflow([js('Disk usage', code)]);
  const [f, ...rest] = runRule(ID, text);
  assert.equal(rest.length, 0);
  assert.equal(f.pointer, '/nodes/0/parameters/jsCode');
  assert.equal(f.owasp, 'LCNC-SEC-06');
  assert.equal(f.severity, 'warning');
  assert.equal(spanText(text, f), "require('child_process')");
  assert.match(f.message, /^Code "Disk usage" uses child_process \(runs shell commands on the n8n host\); process\.env \(the n8n host's environment, including its database password and encryption key\)\. Such code runs only where an administrator has opened n8n's sandbox/);
});

test('eval and new Function get the run-text-as-code explanation; Function nodes are read from functionCode', () => {
  const text = n8nWorkflow([
    node('Legacy', 'n8n-nodes-base.function', { functionCode: 'const f = new Function("a", items[0].json.body);\nreturn items;' }),
    js('Calc', 'return [{ json: { r: eval($json.formula) } }];'),
  ]);
  const found = runRule(ID, text);
  assert.deepEqual(found.map((f) => [f.pointer, spanText(text, f)]), [
    ['/nodes/0/parameters/functionCode', 'new Function('],
    ['/nodes/1/parameters/jsCode', 'eval('],
  ]);
  assert.match(found[0].message, /^Function "Legacy" uses new Function\(\) \(runs text as code\)\. Text run as code does whatever the text says/);
});

test('Python code nodes: imports of os/subprocess and exec are reported; the JavaScript field is not read for Python', () => {
  const py = 'import json, subprocess\n# eval(x) in a comment\nsubprocess.run(["ls"])\nreturn _items';
  const text = n8nWorkflow([node('Py', 'n8n-nodes-base.code', { language: 'pythonNative', pythonCode: py, jsCode: "require('fs')" }, { typeVersion: 2 })]);
  const [f, ...rest] = runRule(ID, text);
  assert.equal(rest.length, 0);
  assert.equal(f.pointer, '/nodes/0/parameters/pythonCode');
  assert.equal(spanText(text, f), 'import json, subprocess');
  assert.match(f.message, /^Code "Py" uses os \/ subprocess/);
  assert.doesNotMatch(f.message, /eval/);
});

test('not reported: comments, strings that only mention the APIs, crypto, $env, method calls named eval, disabled nodes', () => {
  const text = n8nWorkflow([
    js('A', "// require('child_process')\n/* process.env */\nconst c = require('crypto');\nconst k = $env.API_BASE;\nconst note = 'see eval docs';\nreturn [{ json: { x: obj.eval(1), s: \"process.env\" } }];"),
    node('Off', 'n8n-nodes-base.code', { jsCode: "require('fs')" }, { disabled: true }),
  ]);
  assert.deepEqual(runRule(ID, text), []);
});

test('comment blanking keeps offsets and strings', () => {
  const src = "a = 'x//y'; // c\nb = /* d\n e */ 1;";
  const out = blankJsComments(src);
  assert.equal(out.length, src.length);
  assert.equal(out, "a = 'x//y';     \nb =     \n      1;");
  assert.equal(blankJsComments("x('a\\'b') // z", true), "x('    ')     ");
  assert.equal(blankPyComments('x = "#no"  # yes'), 'x = "#no"       ');
});
