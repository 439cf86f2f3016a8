import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runRule } from '../../helpers';
import { bareDefinition, laStandard, recurrence } from '../wdl/fixtures';
import { slice } from './helpers';

const ID = 'logic-apps/inline-code';
const triggers = { Recurrence: recurrence };
const js = (code: string) => ({ type: 'JavaScriptCode', inputs: { code }, runAfter: {} });

test('Execute JavaScript Code: info on the action type, exact message', () => {
  const text = laStandard({ triggers, actions: { Flatten: js('return workflowContext.actions.Get.outputs.body.map(x => x.id);') } });
  const [f, ...rest] = runRule(ID, text);
  assert.equal(rest.length, 0);
  assert.equal(f.pointer, '/definition/actions/Flatten');
  assert.equal(f.owasp, 'LCNC-SEC-07');
  assert.equal(f.severity, 'info');
  assert.equal(slice(text, f), '"JavaScriptCode"');
  assert.equal(
    f.message,
    'Action "Flatten" runs JavaScript (Execute JavaScript Code): custom code inside a workflow escapes the review, tests and dependency and secret scanning your application code gets. Keep it small and data-only, or move it to an Azure Function.',
  );
});

test('eval in inline JavaScript: warning on the call itself, escapes in the JSON string mapped exactly', () => {
  const code = 'var expr = workflowContext.trigger.outputs.body.formula;\n\treturn eval(expr);';
  const text = laStandard({ triggers, actions: { Calc: js(code) } });
  const [f, ...rest] = runRule(ID, text);
  assert.equal(rest.length, 0);
  assert.equal(f.severity, 'warning');
  assert.equal(slice(text, f), 'eval(');
  assert.equal(
    f.message,
    'Inline JavaScript in "Calc" uses eval(): it runs a string as code, so workflow data that reaches it can change what runs. Remove it, or move the code to an Azure Function that is reviewed and tested like your other code.',
  );
});

test('the Function constructor, require(), import() and process are reported with their own wording', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['return new Function("a", body)(1);', 'new Function(', /uses the Function constructor: it runs a string as code/],
    ["const fs = require('fs');", 'require(', /uses require\(\): it loads modules from outside the snippet/],
    ["return import('os');", 'import(', /uses import\(\)/],
    ['return process.env.SECRET;', 'process.env', /uses process: it reaches the host environment/],
  ];
  for (const [code, span, re] of cases) {
    const text = bareDefinition({ triggers, actions: { Run: js(code) } });
    const [f] = runRule(ID, text);
    assert.equal(slice(text, f), span, code);
    assert.match(f.message, re);
  }
});

test('look-alikes and commented-out calls stay info', () => {
  for (const code of ['// eval(x)\nreturn 1;', '/* new Function("x") */ return 2;', 'return obj.eval(x) + myFunction(y) + retrieval(z);']) {
    const [f] = runRule(ID, bareDefinition({ triggers, actions: { Run: js(code) } }));
    assert.equal(f.severity, 'info', code);
  }
});

test('Standard C# and PowerShell script actions are listed with their code file', () => {
  const text = laStandard({
    triggers,
    actions: {
      Cs: { type: 'CSharpScriptCode', inputs: { CodeFile: 'execute_csharp_script_code.csx' }, runAfter: {} },
      Ps: { type: 'PowershellCode', inputs: { CodeFile: 'execute_powershell_code.ps1' }, runAfter: {} },
    },
  });
  const found = runRule(ID, text);
  assert.deepEqual(found.map((f) => slice(text, f)), ['"CSharpScriptCode"', '"PowershellCode"']);
  assert.match(found[0].message, /^Action "Cs" runs a C# script \(Execute C# Script Code\) from "execute_csharp_script_code\.csx":/);
  assert.match(found[1].message, /^Action "Ps" runs a PowerShell script \(Execute PowerShell Code\) from "execute_powershell_code\.ps1":/);
});

test('other actions are not reported', () => {
  const text = laStandard({ triggers, actions: { Compose: { type: 'Compose', inputs: "eval('x')", runAfter: {} }, Call: { type: 'InvokeFunction', inputs: { functionName: 'f' }, runAfter: {} } } });
  assert.deepEqual(runRule(ID, text), []);
});
