/**
 * The rule documentation embedded in the report (server/src/report/rule-docs.generated.ts) matches the pages in
 * docs/rules/<rule-id>.md; UPDATE_RULE_DOCS=1 rewrites the generated file instead of failing. Also: the Markdown
 * renderer escapes everything and links only https: URLs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { extractRuleDoc, generatedModule, ruleDoc, type RuleDoc } from '../../server/src/report/rule-docs';
import { renderMarkdown } from '../../server/src/report/markdown';
import { allRules } from '../../server/src/engine';

const ROOT = path.resolve(__dirname, '..', '..');
const GENERATED = path.join(ROOT, 'server/src/report/rule-docs.generated.ts');

function pages(): Record<string, RuleDoc> {
  const out: Record<string, RuleDoc> = {};
  const base = path.join(ROOT, 'docs/rules');
  for (const dir of fs.readdirSync(base, { withFileTypes: true })) {
    if (!dir.isDirectory()) continue;
    for (const f of fs.readdirSync(path.join(base, dir.name))) {
      if (f.endsWith('.md')) out[`${dir.name}/${f.slice(0, -3)}`] = extractRuleDoc(fs.readFileSync(path.join(base, dir.name, f), 'utf8'));
    }
  }
  return out;
}

test('rule-docs.generated.ts is in sync with docs/rules (UPDATE_RULE_DOCS=1 regenerates it)', () => {
  const expected = generatedModule(pages());
  if (process.env.UPDATE_RULE_DOCS === '1') fs.writeFileSync(GENERATED, expected);
  assert.equal(fs.readFileSync(GENERATED, 'utf8'), expected, 'run: UPDATE_RULE_DOCS=1 node scripts/run-tests.mjs test/report/rule-docs.test.ts');
});

test('every rule has an embedded explanation and a fix section', () => {
  for (const r of allRules) {
    const doc = ruleDoc(r.meta.id);
    assert.ok(doc, r.meta.id);
    assert.ok(doc.why.length > 40, `${r.meta.id}: why`);
    assert.ok(doc.fix.length >= 1 && doc.fix.every((s) => s.body.length > 20), `${r.meta.id}: how to fix`);
  }
});

test('ruleDoc narrows fix sections to the flow platform', () => {
  const pa = ruleDoc('wdl/request-trigger-without-auth', ['power-automate'])!;
  assert.deepEqual(pa.fix.map((s) => s.heading), ['How to fix it in Power Automate']);
  const la = ruleDoc('wdl/request-trigger-without-auth', ['logic-apps'])!;
  assert.deepEqual(la.fix.map((s) => s.heading), ['How to fix it in Logic Apps']);
  assert.deepEqual(ruleDoc('common/hardcoded-secret', ['n8n'])!.fix.map((s) => s.heading), ['How to fix it']);
  assert.equal(ruleDoc('engine/file-too-large'), undefined);
});

test('renderMarkdown: lists, code, links; escapes HTML; only https links', () => {
  const html = renderMarkdown(
    [
      'Text with **bold**, *it*, `<code>` and [a link](https://example.org/a?b=1&c=2) and [local](../x.md).',
      'wrapped <b>line</b>.',
      '',
      '1. First step',
      '   continues here.',
      '2. Second',
      '   - nested *item*',
      '',
      '```json',
      '{ "a": "<script>" }',
      '```',
      '[x](javascript:alert(1))',
    ].join('\n'),
  );
  assert.equal(
    html,
    '<p>Text with <strong>bold</strong>, <em>it</em>, <code>&lt;code&gt;</code> and <a href="https://example.org/a?b=1&amp;c=2">a link</a> and local. wrapped &lt;b&gt;line&lt;/b&gt;.</p>' +
      '<ol><li>First step continues here.</li><li>Second<ul><li>nested <em>item</em></li></ul></li></ol>' +
      '<pre><code>{ &quot;a&quot;: &quot;&lt;script&gt;&quot; }</code></pre>' +
      '<p>x)</p>',
  );
});
