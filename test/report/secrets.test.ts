/**
 * No secret in the HTML report. The report now shows more of each file than the other formats (flow and step names,
 * hosts, connection names, embedded docs), so it gets its own check: every secret that `common/hardcoded-secret` and
 * `n8n/hardcoded-credential-in-request` find in the corpus (raw text at the finding's range, its decoded value, and
 * both HTML-escaped) must not occur in the CLI's HTML report over those files. Skips without the corpus.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyze } from '../../server/src/engine';
import { escapeHtml } from '../../server/src/report/escape';
import { CORPUS } from '../helpers';
import { cli } from './fixtures';

const RULES = new Set(['common/hardcoded-secret', 'n8n/hardcoded-credential-in-request']);
const MIN = 8;

function forms(raw: string): string[] {
  const out = new Set([raw]);
  try {
    out.add(JSON.parse(`"${raw}"`) as string);
  } catch {
    // not a whole string body
  }
  for (const s of [...out]) out.add(escapeHtml(s));
  return [...out].filter((s) => s.length >= MIN);
}

test('HTML report over the corpus files that hold secrets: none of them in the page', { skip: !CORPUS && 'shared corpus not found at ../shared/corpus', timeout: 300_000 }, async () => {
  const rows = fs.readFileSync(path.join(CORPUS!, 'MANIFEST.tsv'), 'utf8').split('\n').map((l) => l.split('\t'));
  const col = rows[0].indexOf('rel_path');
  const manifest = rows.slice(1).map((r) => r[col]).filter((f) => f && f.endsWith('.json'));
  const files: string[] = [];
  const secrets = new Set<string>();
  for (const rel of manifest) {
    const abs = path.join(CORPUS!, rel);
    if (!fs.existsSync(abs)) continue;
    const text = fs.readFileSync(abs, 'utf8').replace(/^\uFEFF/, '');
    if (!/key|token|secret|password|bearer|authorization/i.test(text)) continue;
    const found = analyze(text, { fileName: abs }).findings.filter((f) => RULES.has(f.ruleId));
    if (!found.length) continue;
    files.push(rel);
    for (const f of found) forms(text.slice(f.offset, f.offset + f.length)).forEach((s) => secrets.add(s));
  }
  assert.ok(files.length >= 40 && secrets.size >= 30, `${files.length} files, ${secrets.size} secret forms`);
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'lcg-html-secrets-'));
  try {
    const r = await cli(CORPUS!, ['scan', '--format', 'html', '--fail-on', 'none', '--output', path.join(out, 'r.html'), ...files]);
    assert.equal(r.code, 0, r.err);
    const html = fs.readFileSync(path.join(out, 'r.html'), 'utf8');
    assert.ok(html.includes('class="group flow"'));
    const leaked = [...secrets].filter((s) => html.includes(s)).map((s) => `${s.slice(0, 4)}… (${s.length} chars)`);
    assert.deepEqual(leaked, []);
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
});
