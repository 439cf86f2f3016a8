import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { allRules, FORMATS, OWASP_TITLES } from '../../server/src/engine';

const ROOT = path.resolve(__dirname, '..', '..');

test('every rule has a unique platform/kebab-case id, an OWASP id, formats and a docs URL', () => {
  const ids = new Set<string>();
  for (const { meta } of allRules) {
    assert.match(meta.id, /^(common|n8n|node-red|wdl|power-automate|logic-apps)\/[a-z0-9]+(-[a-z0-9]+)*$/, meta.id);
    assert.ok(!ids.has(meta.id), `duplicate id ${meta.id}`);
    ids.add(meta.id);
    assert.ok(meta.owasp in OWASP_TITLES, `${meta.id} owasp`);
    assert.ok(meta.formats.length > 0 && meta.formats.every((f) => FORMATS.includes(f)), `${meta.id} formats`);
    assert.ok(meta.docsUrl.endsWith(`/docs/rules/${meta.id}.md`), `${meta.id} docsUrl`);
    assert.ok(meta.description.length > 10, `${meta.id} description`);
  }
});

test('every rule has a doc page under docs/rules/<id>.md and every page has a rule', () => {
  const pages: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.md')) pages.push(path.relative(path.join(ROOT, 'docs', 'rules'), p).split(path.sep).join('/').replace(/\.md$/, ''));
    }
  };
  walk(path.join(ROOT, 'docs', 'rules'));
  const ids = allRules.map((r) => r.meta.id).sort();
  assert.deepEqual(pages.filter((p) => p !== 'README').sort(), ids);
});

test('the engine imports no vscode or LSP package and touches no file system or network', () => {
  const bad = /from\s+['"](vscode|vscode-languageserver[^'"]*|vscode-languageclient[^'"]*|node:fs|fs|node:net|net|node:http|http|node:https|https|node:child_process|child_process)['"]/;
  const walk = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
  for (const file of walk(path.join(ROOT, 'server', 'src', 'engine'))) {
    assert.doesNotMatch(fs.readFileSync(file, 'utf8'), bad, path.relative(ROOT, file));
  }
});

test('the README rule table is generated from the rule metadata (run `npm run docs:rules` after changing a rule)', async () => {
  const { withRulesTable } = await import('../../scripts/rules-table');
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  assert.equal(readme, withRulesTable(readme));
});
