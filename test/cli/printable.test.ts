/**
 * Names and file names come from the flows being scanned, i.e. from whoever wrote them: terminal control sequences in
 * them must not reach the terminal (stylish) or a CSV/Markdown file as raw bytes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { printable } from '../../server/src/cli/printable';
import { ensureBuiltCli, runCli } from './cli-helpers';
import { n8nWorkflow } from '../helpers';

test('printable: C0/C1 controls, DEL and bidi overrides become visible escapes; tab and line breaks stay; clean text unchanged', () => {
  assert.equal(printable('\x1b]0;PWNED\x07\x1b[2J'), '\\u001b]0;PWNED\\u0007\\u001b[2J');
  assert.equal(printable('a\u0085b\u009bc\u007fd'), 'a\\u0085b\\u009bc\\u007fd');
  assert.equal(printable('abc\u202Eexe.json'), 'abc\\u202eexe.json');
  assert.equal(printable('tab\there\nnext\r'), 'tab\there\nnext\r');
  const clean = 'Webhook “Order” → naïve 🚀';
  assert.equal(printable(clean), clean);
});

test('stylish, CSV and Markdown outputs carry no raw ESC/BEL from a hostile workflow name, node name or file name', { skip: process.platform === 'win32' && 'ESC in a file name' }, () => {
  ensureBuiltCli();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lcg-esc-'));
  try {
    const evil = '\x1b]0;PWNED\x07\x1b[2J\x1b[31mFAKE\x1b[0m';
    const wf = JSON.parse(n8nWorkflow([{ name: `Hook ${evil}`, type: 'n8n-nodes-base.webhook', parameters: { path: 'p', authentication: 'none' } }]));
    wf.name = `Flow ${evil}`;
    fs.writeFileSync(path.join(dir, `name${evil}.json`), JSON.stringify(wf));
    const outputs = [
      runCli(['scan', '.', '--fail-on', 'none'], { cwd: dir }),
      runCli(['inventory', '.', '--format', 'csv'], { cwd: dir }),
      runCli(['inventory', '.', '--format', 'md'], { cwd: dir }),
    ];
    for (const r of outputs) {
      assert.equal(r.code, 0, r.stderr);
      assert.ok(!/[\x07\x1b]/.test(r.stdout), JSON.stringify(r.stdout.slice(0, 300)));
    }
    assert.match(outputs[0].stdout, /name\\u001b\]0;PWNED\\u0007/, 'the file name is shown with visible escapes');
    assert.match(outputs[0].stdout, /\\u001b\[2J/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
