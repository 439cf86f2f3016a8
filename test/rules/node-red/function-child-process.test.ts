import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runRule } from '../../helpers';
import { blankComments } from '../../../server/src/engine/rules/node-red/function-child-process';
import { nodeRedFlow, wired } from './fixtures';

const ID = 'node-red/function-child-process';
const fn = (props: Record<string, unknown>, id = 'f1') => wired(id, 'function', { func: 'return msg;', outputs: 1, timeout: 0, noerr: 0, initialize: '', finalize: '', libs: [], ...props });
const slice = (text: string, f: { offset: number; length: number }) => text.slice(f.offset, f.offset + f.length);

test('child_process in the code is reported on the exact literal inside the func string (escapes counted right)', () => {
  const func = 'const label = "say \\"hi\\"";\n// eval(msg.payload) in a comment is ignored\nconst cp = global.get(\'child_process\');\ncp.exec(msg.payload);\nreturn msg;';
  const text = nodeRedFlow([fn({ name: 'Shell', func })]);
  const [f, ...rest] = runRule(ID, text);
  assert.equal(rest.length, 0);
  assert.equal(f.pointer, '/1');
  assert.equal(f.severity, 'warning');
  assert.equal(f.owasp, 'LCNC-SEC-07');
  assert.equal(f.fix, undefined);
  assert.equal(slice(text, f), "'child_process'");
  assert.equal(
    f.message,
    'Function node "Shell" uses child_process: its code can run commands, read or write files on the Node-RED host, or run code built at run time, outside the limits of the Function sandbox. Prefer a dedicated node, keep commands and paths fixed, and never build code or commands from message data.',
  );
});

test('double-quoted require and \\u escapes before the match still give the exact raw span', () => {
  const text = nodeRedFlow([fn({ func: 'placeholder' })]).replace('"placeholder"', '"var s = \\"caf\\u00e9\\";\\nvar cp = require(\\"node:child_process\\");"');
  JSON.parse(text);
  const [f] = runRule(ID, text);
  assert.equal(slice(text, f), '\\"node:child_process\\"');
});

test('eval, new Function, constructor.constructor, process.binding and fs/vm requires are listed; the range is the first one', () => {
  const func = 'const fs = require("fs");\nconst f = new Function("m", msg.code);\nconst r = eval(msg.expr);\nconst p = this.constructor.constructor("return process")();\np.binding("spawn_sync");\nreturn msg;';
  const text = nodeRedFlow([fn({ name: 'Dyn', func, initialize: 'const vm = require("vm");' })]);
  const [f, ...rest] = runRule(ID, text);
  assert.equal(rest.length, 0);
  assert.equal(slice(text, f), 'require(\\"fs\\"');
  assert.match(f.message, /^Function node "Dyn" uses the fs module, new Function\(\), eval\(\), constructor\.constructor \(sandbox escape\), the vm module:/);
});

test('libs importing child_process / fs / vm are reported on the module value', () => {
  for (const module of ['child_process', 'node:child_process', 'fs', 'fs/promises', 'vm']) {
    const text = nodeRedFlow([fn({ libs: [{ var: 'mod', module }] })]);
    const [f] = runRule(ID, text);
    assert.equal(slice(text, f), JSON.stringify(module), module);
    assert.match(f.message, /\(setup module\)/);
  }
});

test('network inputs reaching the function are named', () => {
  const text = nodeRedFlow([wired('h1', 'http in', { name: 'Hook', url: '/hook', method: 'post' }, [['f1']]), fn({ func: 'return eval(msg.payload);' })]);
  const [f] = runRule(ID, text);
  assert.match(f.message, /Messages from the HTTP In node "Hook" reach it, so check what message data this code passes on\./);
});

test('ordinary code, method calls named eval, harmless libs and disabled functions are not reported', () => {
  const ok = [
    fn({ func: 'const r = math.evaluate(msg.payload);\nconst x = parser.eval("1+1");\nmsg.payload = JSON.parse(msg.payload);\nreturn msg;' }),
    fn({ func: '/* require("child_process") */ return msg;' }),
    fn({ func: 'const os = global.get("os"); msg.payload = os.hostname(); return msg;' }),
    fn({ func: 'msg.payload = "see https://example.com/eval(x)"; return msg;' }),
    fn({ libs: [{ var: 'moment', module: 'moment' }, { var: 'ua', module: 'node-opcua' }] }),
    { ...fn({ func: 'require("child_process")' }), d: true },
  ];
  for (const n of ok) assert.deepEqual(runRule(ID, nodeRedFlow([n])), [], JSON.stringify(n));
});

test('blankComments keeps length, blanks line and block comments, and string contents on request', () => {
  const code = 'a = "//not"; // c1\nb = \'/*x*/\'; /* c2\nc2 */ d = `${"x"}//`;';
  const out = blankComments(code);
  assert.equal(out.length, code.length);
  assert.equal(out, 'a = "//not";      \nb = \'/*x*/\';      \n      d = `${"x"}//`;');
  const codeOnly = blankComments(code, true);
  assert.equal(codeOnly.length, code.length);
  assert.equal(codeOnly, 'a = "     ";      \nb = \'     \';      \n      d = `        `;');
});
