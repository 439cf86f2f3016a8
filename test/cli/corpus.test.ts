/**
 * The built CLI over the whole shared corpus (`../shared/corpus`, ~3,800 real files) with `--format json`: every file
 * is read and analysed, nothing crashes, malformed files get syntax errors and named files get named findings.
 * Skips when the corpus is absent.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, test } from 'node:test';
import { CORPUS } from '../helpers';
import { ensureBuiltCli, ROOT, runCli, STACK_LINE } from './cli-helpers';

const SKIP = !CORPUS && 'shared corpus not found at ../shared/corpus';

interface JsonFinding {
  ruleId: string;
  file: string;
  pointer: string;
  severity: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

/** `.json` files below `dir` (recursive), as paths relative to `dir` with `/`. */
function jsonFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(d, e.name));
      else if (e.isFile() && e.name.endsWith('.json')) out.push(path.relative(dir, path.join(d, e.name)).split(path.sep).join('/'));
    }
  };
  walk(dir);
  return out;
}

describe('lowcode-guard scan ../shared/corpus --format json', { skip: SKIP }, () => {
  let code: number | null = null;
  let stderr = '';
  let out: { files: number; findings: JsonFinding[]; skipped: unknown[]; formats: Record<string, number> };
  const rel = (p: string) => `../shared/corpus/${p}`;

  before(() => {
    ensureBuiltCli();
    assert.equal(path.relative(ROOT, CORPUS!).split(path.sep).join('/'), '../shared/corpus');
    const r = runCli(['scan', '../shared/corpus', '--format', 'json']);
    code = r.code;
    stderr = r.stderr;
    out = JSON.parse(r.stdout);
  });

  test('no crash: exit code 0 or 1, nothing on stderr, no engine/rule-error findings', () => {
    assert.ok(code === 0 || code === 1, `exit code ${code}`);
    assert.doesNotMatch(stderr, STACK_LINE);
    assert.equal(stderr, '');
    const ruleErrors = out.findings.filter((f) => f.ruleId === 'engine/rule-error');
    assert.deepEqual(ruleErrors.map((f) => `${f.file}: ${(f as unknown as { message: string }).message}`), []);
  });

  test('every .json file is read and analysed (n8n, node-red, power-automate, logic-apps, malformed, and the rest)', () => {
    const all = jsonFiles(CORPUS!);
    for (const dir of ['n8n', 'node-red', 'power-automate', 'logic-apps', 'malformed']) {
      assert.ok(all.some((f) => f.startsWith(`${dir}/`)), `corpus has ${dir}/ files`);
    }
    assert.deepEqual(out.skipped, []);
    assert.equal(out.files, all.length);
    // Every file of the four format folders is recognised as that format (and nothing else is).
    const count = (dir: string) => all.filter((f) => f.startsWith(`${dir}/`)).length;
    assert.deepEqual(out.formats, { n8n: count('n8n'), 'node-red': count('node-red'), 'power-automate': count('power-automate'), 'logic-apps': count('logic-apps') });
  });

  test('each malformed file yields a json/syntax-error finding, and no other file does', () => {
    const malformed = jsonFiles(path.join(CORPUS!, 'malformed'));
    assert.equal(malformed.length, 10);
    const withSyntax = new Set(out.findings.filter((f) => f.ruleId === 'json/syntax-error').map((f) => f.file));
    for (const m of malformed) assert.ok(withSyntax.has(rel(`malformed/${m}`)), `syntax error in malformed/${m}`);
    assert.deepEqual([...withSyntax].filter((f) => !f.startsWith(rel('malformed/'))), []);
  });

  test('named finding: n8n/webhook-without-auth on the Asana webhook workflow', () => {
    const file = rel('n8n/Zie619__n8n-workflows/workflows__Asana__1223_Asana_Webhook_Automate_Webhook.json');
    const hooks = out.findings.filter((f) => f.file === file && f.ruleId === 'n8n/webhook-without-auth');
    assert.equal(hooks.length, 1);
    assert.equal(hooks[0].pointer, '/nodes/1');
    assert.equal(hooks[0].severity, 'warning');
    // The node's "type" value (line 28, column 15 in an editor), as the webhook has no "authentication" key.
    assert.deepEqual(hooks[0].range, { start: { line: 27, character: 14 }, end: { line: 27, character: 38 } });
  });
});
