/**
 * Expression highlighting: runs vscode-tmgrammar-test over the assertion files in this folder (`*.test.json`,
 * `*.test.jsonc`). The injection grammars come from package.json `contributes.grammars` (their `injectTo`); the base
 * grammars are the minimal `json.tmLanguage.json` / `jsonc.tmLanguage.json` here, which use the same scope names as
 * VS Code's built-in JSON grammars (`string.quoted.double.json`, `string.quoted.double.json.comments`).
 * Note for editing the assertion files: the tool hangs on an assertion line with two negative scopes (`- a - b`).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'node_modules', 'vscode-tmgrammar-test', 'dist', 'unit.js');

test('package.json registers both injection grammars into JSON and JSONC', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { contributes: { grammars?: { scopeName: string; path: string; injectTo?: string[] }[] } };
  const grammars = pkg.contributes.grammars ?? [];
  for (const scope of ['lowcode-guard.injection.n8n-expression', 'lowcode-guard.injection.wdl-expression']) {
    const g = grammars.find((x) => x.scopeName === scope);
    assert.ok(g, `${scope} registered`);
    assert.deepEqual(g.injectTo, ['source.json', 'source.json.comments']);
    const raw = JSON.parse(fs.readFileSync(path.join(ROOT, g.path), 'utf8')) as { scopeName: string; injectionSelector: string };
    assert.equal(raw.scopeName, scope);
    assert.equal(raw.injectionSelector, 'L:string.quoted.double.json -meta.embedded.expression');
  }
});

test('grammar assertion files pass (vscode-tmgrammar-test exits 0)', { timeout: 60_000, skip: !fs.existsSync(CLI) && 'vscode-tmgrammar-test not installed' }, () => {
  const r = spawnSync(
    process.execPath,
    [CLI, '--compact', '-g', 'test/grammar/json.tmLanguage.json', '-g', 'test/grammar/jsonc.tmLanguage.json', 'test/grammar/*.test.json', 'test/grammar/*.test.jsonc'],
    { cwd: ROOT, encoding: 'utf8', timeout: 50_000 },
  );
  const out = `${r.stdout}\n${r.stderr}`;
  assert.equal(r.status, 0, out);
  for (const f of ['n8n.test.json', 'wdl.test.json', 'jsonc.test.jsonc']) assert.match(out, new RegExp(`test/grammar/${f.replace('.', '\\.')} run successfuly`));
});
