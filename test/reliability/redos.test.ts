/**
 * Regular-expression denial of service, end to end: documents built to make each regular expression that used to
 * backtrack polynomially (found with recheck, see scripts/fuzz-regex.mjs) do its worst, sized so that the old
 * expressions would take minutes to hours here and the current code takes milliseconds. The test timeout is the
 * assertion: no timing is measured.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import pc from 'picocolors';
import { analyze, RULE_ERROR_ID, type Finding } from '../../server/src/engine';
import { formatStylish } from '../../server/src/cli/format-stylish';
import type { ScanReport } from '../../server/src/cli/report';
import { discoverFiles } from '../../server/src/workspace/discover';
import { fileUriIn } from '../../server/src/lsp/scan';
import { nameWords } from '../../server/src/engine/rules/wdl/wdl-util';
import { expressionBlocks, nodeReferences } from '../../server/src/engine/rules/n8n/expressions';
import { blankPyComments } from '../../server/src/engine/rules/n8n/code-node-dangerous-api';
import { findSqlJoin, looksLikeSql, mustacheTags } from '../../server/src/engine/rules/node-red/sql-text';
import { urlHost } from '../../server/src/engine/rules/node-red/http-request-insecure-parser';
import { displayName } from '../../server/src/engine/rules/power-automate/custom-connector';
import { normalizeGlob } from '../../server/src/config/match';

const T = { timeout: 60_000 };
const n8n = (parameters: Record<string, unknown>, type = 'n8n-nodes-base.httpRequest') =>
  JSON.stringify({ name: 'w', nodes: [{ id: '1', name: 'A', type, typeVersion: 4, position: [0, 0], parameters }], connections: {} });

function analyzeClean(text: string): Finding[] {
  const { findings } = analyze(text, { fileName: 'attack.json' });
  assert.deepEqual(findings.filter((f) => f.ruleId === RULE_ERROR_ID).map((f) => f.message), []);
  return findings;
}

test('common/cleartext-endpoint: 300,000 spaces before a URL, and 20,000 URLs in one value', T, () => {
  // /^\s*=?\s*$/ on the text before the URL was quadratic in the whitespace.
  const spaced = analyzeClean(n8n({ url: ' '.repeat(300_000) + 'x http://api.example.org/' }));
  assert.deepEqual(spaced.filter((f) => f.ruleId === 'common/cleartext-endpoint'), []);
  // Each URL used to re-test the whole text before it.
  const many = analyzeClean(n8n({ jsonBody: "='" + "http://h.test.org/' + '".repeat(20_000) + "'" }));
  assert.ok(many.filter((f) => f.ruleId === 'common/cleartext-endpoint').length > 0);
  const lead = analyzeClean(n8n({ url: '=  \t http://plain.test.org/x' }));
  assert.equal(lead.filter((f) => f.ruleId === 'common/cleartext-endpoint').length, 1, 'a URL after `=` and whitespace still starts the value');
});

test('n8n expressions: 100,000 unclosed `{{`, and 50,000 tabs after a node reference', T, () => {
  // /\{\{([\s\S]*?)\}\}/g was quadratic on `{{{{…`; FIELD_AFTER was cubic on whitespace after `.all`.
  assert.deepEqual(expressionBlocks('=' + '{{'.repeat(100_000)), []);
  assert.deepEqual(expressionBlocks('={{ a }} {{{ b }}}'), [
    { code: ' a ', offset: 1, length: 7 },
    { code: '{ b ', offset: 9, length: 8 },
  ]);
  const code = "$('A').all" + '\t'.repeat(50_000) + 's';
  assert.deepEqual(nodeReferences(code), [{ name: 'A', field: undefined }]);
  assert.deepEqual(nodeReferences("$('A').first( ) [0] .json.id"), [{ name: 'A', field: 'id' }]);
  analyzeClean(n8n({ url: '={{ ' + '{{'.repeat(100_000) }));
  analyzeClean(n8n({ query: "={{ $('A').all" + ' '.repeat(50_000) + 'x }}' }, 'n8n-nodes-base.postgres'));
});

test('WDL parameter names: 300,000 capitals', T, () => {
  // /([A-Z]+)([A-Z][a-z])/g was quadratic on `AAAA…`.
  assert.deepEqual(nameWords('ServiceOne-Authentication-APIKey'), ['service', 'one', 'authentication', 'api', 'key']);
  assert.deepEqual(nameWords('AABbCCDd'), ['aa', 'bb', 'cc', 'dd']);
  const name = 'A'.repeat(300_000) + 'Password';
  const text = JSON.stringify({ definition: { $schema: 'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#', parameters: { [name]: { type: 'String' } }, triggers: {}, actions: {} } });
  const findings = analyzeClean(text);
  assert.equal(findings.filter((f) => f.ruleId === 'wdl/secret-parameter-not-secure').length, 1);
});

test('secret patterns: PEM header followed by 100,000 whitespace escapes; Basic credentials of colons', T, () => {
  const pem = '-----BEGIN PRIVATE KEY-----' + '\t\\r'.repeat(100_000);
  analyzeClean(n8n({ privateKey: pem }));
  const colons = Buffer.from(':'.repeat(3000) + '\u0001', 'latin1').toString('base64');
  const findings = analyzeClean(n8n({ headers: Array.from({ length: 50 }, () => `Basic ${colons.slice(0, 4096)}`).join('\n') }));
  assert.deepEqual(findings.filter((f) => f.ruleId === 'common/hardcoded-secret'), [], 'not printable user:password text');
});

test('CLI stylish output: a message with 300,000 tabs and no line break', T, () => {
  const message = 'Node "' + '\t'.repeat(300_000) + 'x"\n  next line';
  const report: ScanReport = {
    cwd: '/w',
    files: 1,
    formats: {},
    skipped: [],
    suppressed: 0,
    ignored: 0,
    findings: [{ ruleId: 'r', severity: 'error', message, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, offset: 0, length: 1, pointer: '', file: 'a.json', absPath: '/w/a.json' }],
  };
  const out = formatStylish(report, pc.createColors(false));
  assert.ok(out.includes('x" next line'), 'line break and the whitespace around it became one space');
});

test('globs and URIs with 300,000 trailing-slash candidates', T, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lcg-redos-'));
  try {
    fs.writeFileSync(path.join(dir, 'a.json'), '{}');
    assert.deepEqual(await discoverFiles({ roots: [dir], exclude: ['/'.repeat(300_000) + 'x', 'b/'] }), [path.join(dir, 'a.json')]);
    const folder = 'file:///w' + '/'.repeat(300_000) + 'x';
    assert.ok(fileUriIn(folder, '/w', '/w/a.json').endsWith('x/a.json'));
    assert.equal(fileUriIn('file:///w///', '/w', '/w/a b.json'), 'file:///w/a%20b.json');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('rule helpers: SQL shapes, Mustache tags, safe operands, Python comments, Node-RED URL hosts, connector names', T, () => {
  // Each was polynomial on its recheck attack; each keeps its results on ordinary input.
  assert.equal(looksLikeSql('select '.repeat(50_000)), false);
  assert.equal(looksLikeSql('SELECT a, b FROM t'), true);
  assert.equal(looksLikeSql('select x' + ' '.repeat(1000) + 'from'), true);
  assert.equal(looksLikeSql('CALL\tX\t' + '\t'.repeat(300_000) + 'T'), false);
  assert.equal(looksLikeSql("EXEC sp_report ( '"), true);
  assert.deepEqual(mustacheTags('{{{' + '\t'.repeat(100_000) + 'x', () => true), []);
  assert.deepEqual(mustacheTags('a {{ name }} b {{{ raw }}} {{& amp }} {{# section }}', () => true).map((t) => [t.name, t.raw]), [['name', false], ['raw', true], ['amp', true]]);
  assert.equal(findSqlJoin(`const q = "SELECT * FROM t WHERE id = " + ${'xQuote'.repeat(50_000)}y;`)?.how, 'concatenation');
  assert.equal(findSqlJoin('const q = "SELECT * FROM t WHERE id = " + db.escape(id);'), undefined);
  assert.equal(findSqlJoin('const q = "SELECT * FROM t WHERE id = " + parseInt(id);'), undefined);
  assert.equal(blankPyComments("'\r'\r".repeat(100_000) + '\n#').endsWith('\n '), true);
  assert.equal(blankPyComments("x = '#' # note\ny = 1"), "x = '#'       \ny = 1");
  assert.equal(urlHost('\t'.repeat(300_000)), '');
  assert.equal(urlHost('  https://user:pw@api.example.org:8443/x?y'), 'api.example.org');
  assert.equal(displayName('shared_x' + '0_0000000'.repeat(50_000) + '__00000000').length > 0, true);
  for (const name of ['shared_contoso-20invoicing-5f_0123456789abcdef_89abcdef', 'shared_a_1234567_89abcdef', 'shared_0123456789', 'shared_x_ABCDEF0123']) {
    const decoded = name.replace(/^shared_/i, '').replace(/-([0-9a-f]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
    assert.equal(displayName(name), decoded.replace(/(?:_[0-9a-f]{8,})+$/i, '') || decoded, name);
  }
  assert.equal(normalizeGlob('./a/b///'), 'a/b');
  assert.equal(normalizeGlob('/'.repeat(300_000) + 'x'), '/'.repeat(300_000) + 'x');
});

test('documents that reach the fixed rule expressions: cookies, query strings, trigger body reads, mail recipients, inline code', T, () => {
  const http = (parameters: Record<string, unknown>) => n8n({ sendHeaders: true, ...parameters });
  analyzeClean(http({ headerParameters: { parameters: [{ name: 'Cookie', value: 'G' + 'JWT'.repeat(100_000) + '\tSID=' }] } }));
  const cookie = analyzeClean(http({ headerParameters: { parameters: [{ name: 'Cookie', value: 'theme=dark; session_id=9f8e7d6c5b4a39281706' }] } }));
  assert.ok(cookie.some((f) => f.ruleId === 'n8n/hardcoded-credential-in-request'), 'a session cookie is still found');
  analyzeClean(http({ url: 'https://api.example.org/x?' + 'a'.repeat(300_000) }));
  const query = analyzeClean(http({ url: 'https://api.example.org/x?q=1&api_key=9f8e7d6c5b4a39281706a&x' }));
  assert.ok(query.some((f) => f.ruleId === 'n8n/hardcoded-credential-in-request'), 'a key in the query is still found');
  const wdl = (actions: Record<string, unknown>) => JSON.stringify({ definition: { $schema: 'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#', triggers: { manual: { type: 'Request', kind: 'Http', inputs: {} } }, actions }, kind: 'Stateful' });
  analyzeClean(wdl({ c: { type: 'Compose', runAfter: {}, inputs: '@{triggerOutputs()' + '\t'.repeat(3000) + "['BODY']" + '\t'.repeat(3000) + '}' } }));
  analyzeClean(wdl({ js: { type: 'JavaScriptCode', runAfter: {}, inputs: { code: '\n/*'.repeat(100_000) } } }));
});
