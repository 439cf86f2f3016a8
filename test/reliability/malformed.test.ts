/**
 * Bad input, case by case: the ten real malformed files of the corpus (each finding where `malformed/NOTES.tsv` says
 * the problem is), and hand-made hostile inputs (empty file, top-level scalars, BOM, CRLF, tabs, lone surrogates,
 * astral characters, NUL, invalid UTF-8, UTF-16 files, a binary file named .json, a 50 MB single-line file). Each goes
 * through `analyze` and/or `analyzeFile`; nothing may throw, and every analysis passes lib/invariants.ts.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyze, SYNTAX_RULE_ID, type Finding } from '../../server/src/engine';
import { analyzeFile, FILE_TOO_LARGE_ID } from '../../server/src/workspace/analyze-file';
import { CORPUS, json, n8nWorkflow } from '../helpers';
import { recordCounts } from './lib/counts';
import { checkAnalysis } from './lib/invariants';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lcg-malformed-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));
const write = (name: string, data: string | Buffer) => {
  const p = path.join(tmp, name);
  fs.writeFileSync(p, data);
  return p;
};
const MALFORMED = CORPUS && path.join(CORPUS, 'malformed');

/** UTF-16 offset in `text` of a code-point index, each CRLF counting as one (Python's json error columns, as NOTES.tsv gives them). */
function offsetOfChar(text: string, n: number): number {
  let off = 0;
  for (let seen = 0; seen < n && off < text.length; seen++) {
    const c = text.charCodeAt(off);
    off += c === 13 && text.charCodeAt(off + 1) === 10 ? 2 : c >= 0xd800 && c <= 0xdbff ? 2 : 1;
  }
  return off;
}
/** The same for a 1-based line and column. */
function offsetOfLineCol(text: string, line: number, col: number): number {
  let off = 0;
  for (let l = 1; l < line; l++) off = text.indexOf('\n', off) + 1;
  return off + offsetOfChar(text.slice(off), col - 1);
}

test('the ten malformed corpus files: json/syntax-error findings where NOTES.tsv places the problem, nothing else', { skip: !CORPUS && 'shared corpus not found at ../shared/corpus' }, async () => {
  const notes = fs
    .readFileSync(path.join(MALFORMED!, 'NOTES.tsv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split('\t'));
  assert.equal(notes.length, 10);
  for (const [file, looksLike, problem, note] of notes) {
    const p = path.join(MALFORMED!, file);
    const text = fs.readFileSync(p, 'utf8');
    const r = await analyzeFile(p);
    assert.equal(looksLike, 'n8n');
    assert.equal(r.status, 'analyzed', file);
    assert.ok(r.findings.length >= 1, `${file}: reported`);
    assert.deepEqual([...new Set(r.findings.map((f) => f.ruleId))], [SYNTAX_RULE_ID], file);
    checkAnalysis(text, { findings: r.findings, lines: undefined as never }, file);
    const contains = (off: number) => r.findings.some((f: Finding) => f.offset <= off && off <= f.offset + f.length);
    const lc = /line (\d+) col (\d+)/.exec(note);
    const ends = /ends at char (\d+)/.exec(note);
    if (problem === 'not-json-start') assert.equal(r.findings[0].offset, 0, file);
    else if (ends) {
      // (NOTES.tsv counts these positions inconsistently with respect to CR; parsing the prefix is the check.)
      const first = r.findings[0].offset;
      assert.doesNotThrow(() => JSON.parse(text.slice(0, first)), `${file}: everything before the first error is one JSON value`);
      assert.match(text[first], /\S/, `${file}: the first error is on the trailing content`);
    } else if (lc) assert.ok(contains(offsetOfLineCol(text, Number(lc[1]), Number(lc[2]))), `${file}: a finding covers line ${lc[1]} col ${lc[2]}`);
    else assert.fail(`${file}: NOTES.tsv row not understood: ${note}`);
  }
  recordCounts('malformed-corpus', { inputs: notes.length });
});

test('empty text, whitespace, comments only and top-level scalars: no findings, no detection', async () => {
  const texts = ['', ' \n\t ', '// nothing\n/* here */', '0', '-0', '1e999', '"x"', 'null', 'true', '"\\ud800"', '[]', '{}'];
  for (const text of texts) {
    const r = analyze(text);
    assert.deepEqual([r.findings, r.detection], [[], undefined], JSON.stringify(text));
  }
  const empty = await analyzeFile(write('empty.json', ''));
  assert.deepEqual([empty.status, empty.findings], ['analyzed', []]);
  recordCounts('special-empty-scalars', { inputs: texts.length + 1 });
});

test('BOM, CRLF, lone CR and tabs: the same findings, and each range covers the same JSON', { skip: !CORPUS && 'shared corpus not found at ../shared/corpus' }, () => {
  const file = path.join(CORPUS!, 'n8n', 'Zie619__n8n-workflows');
  const candidates = fs.readdirSync(file).slice(0, 400);
  let checked = 0;
  for (const name of candidates) {
    const text = fs.readFileSync(path.join(file, name), 'utf8');
    const base = analyze(text, { fileName: name });
    if (base.findings.length < 2 || text.includes('\r')) continue;
    const variants: Record<string, string> = {
      bom: '\uFEFF' + text,
      crlf: text.replace(/\n/g, '\r\n'),
      cr: text.replace(/\n/g, '\r'),
      tabs: text.replace(/^( {2})+/gm, (m) => '\t'.repeat(m.length / 2)),
    };
    const key = (f: Finding) => `${f.ruleId} ${f.pointer} ${f.message}`;
    const squash = (s: string) => s.replace(/\s+/g, '');
    for (const [kind, v] of Object.entries(variants)) {
      const r = analyze(v, { fileName: name });
      checkAnalysis(v, r, `${name} (${kind})`);
      assert.deepEqual(r.findings.map(key), base.findings.map(key), `${name} (${kind})`);
      r.findings.forEach((f, i) => {
        const b = base.findings[i];
        assert.equal(squash(v.slice(f.offset, f.offset + f.length)), squash(text.slice(b.offset, b.offset + b.length)), `${name} (${kind}) ${f.ruleId}`);
        if (kind === 'bom') assert.deepEqual(f.range, { start: { ...b.range.start, character: b.range.start.character + (b.range.start.line === 0 ? 1 : 0) }, end: { ...b.range.end, character: b.range.end.character + (b.range.end.line === 0 ? 1 : 0) } });
        if (kind === 'crlf' || kind === 'cr') assert.deepEqual(f.range, b.range, `${name} (${kind}): same lines and columns`);
      });
    }
    if (++checked === 10) break;
  }
  assert.equal(checked, 10);
  recordCounts('special-bom-crlf-cr-tabs', { inputs: checked * 4 });
});

test('astral characters, lone surrogates and escapes before a secret: the range is exactly the secret in the source', () => {
  const token = 'ghp_' + 'aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5';
  const cases = [`😀😀 ${token}`, `\uD800 ${token}`, `${'\u{10FFFF}'.repeat(3)}\t${token}`];
  for (const value of cases) {
    const text = n8nWorkflow([{ id: '1', name: 'N 😀 \uDC00', type: 'n8n-nodes-base.httpRequest', typeVersion: 4, position: [0, 0], parameters: { url: 'https://api.github.com', note: value } }]);
    const r = analyze(text);
    checkAnalysis(text, r, JSON.stringify(value));
    const f = r.findings.find((x) => x.ruleId === 'common/hardcoded-secret');
    assert.ok(f, JSON.stringify(value));
    assert.equal(text.slice(f.offset, f.offset + f.length), token);
  }
  // Escaped astral characters in the source (\ud83d\ude00 is 12 code units in the file, 2 in the value).
  const escaped = n8nWorkflow([{ id: '1', name: 'N', type: 'n8n-nodes-base.httpRequest', typeVersion: 4, position: [0, 0], parameters: { note: 'X' } }]).replace('"X"', `"\\ud83d\\ude00\\u0041\\n ${token}"`);
  const r = analyze(escaped);
  checkAnalysis(escaped, r, 'escaped');
  const f = r.findings.find((x) => x.ruleId === 'common/hardcoded-secret')!;
  assert.equal(escaped.slice(f.offset, f.offset + f.length), token);
  recordCounts('special-astral-surrogates', { inputs: cases.length + 1 });
});

test('NUL: in an editor buffer it is analysed (a syntax error outside strings); in a file it makes the file binary', async () => {
  const flow = n8nWorkflow([{ id: '1', name: 'W', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], parameters: { path: 'x' } }]);
  const texts = [flow.replace('"W"', '"W\u0000"'), flow.replace('{', '{\u0000'), '\u0000'.repeat(1000)];
  for (const text of texts) checkAnalysis(text, analyze(text), 'NUL');
  const bin = await analyzeFile(write('nul.json', flow.replace('"W"', '"W\u0000"')));
  assert.deepEqual([bin.status, bin.findings], ['binary', []]);
  recordCounts('special-nul', { inputs: texts.length + 1 });
});

test('invalid UTF-8, UTF-16 LE/BE files and a binary file named .json', async () => {
  const flow = n8nWorkflow([{ id: '1', name: 'Wé😀', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], parameters: { path: 'x' } }]);
  const utf8 = await analyzeFile(write('flow.json', flow));
  const le = await analyzeFile(write('le.json', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(flow, 'utf16le')])));
  const beBody = Buffer.from(flow, 'utf16le');
  beBody.swap16();
  const be = await analyzeFile(write('be.json', Buffer.concat([Buffer.from([0xfe, 0xff]), beBody])));
  const key = (fs: Finding[]) => fs.map((f) => `${f.ruleId} ${f.pointer} ${f.range.start.line}:${f.range.start.character}`);
  assert.ok(utf8.findings.length > 0);
  assert.deepEqual(key(le.findings), key(utf8.findings));
  assert.deepEqual(key(be.findings), key(utf8.findings));
  // Broken UTF-8 (a lone continuation byte, a truncated 4-byte sequence): decoded with U+FFFD, analysed.
  const broken = Buffer.concat([Buffer.from(flow.slice(0, 40)), Buffer.from([0x80, 0xf0, 0x9f]), Buffer.from(flow.slice(40))]);
  const b = await analyzeFile(write('broken.json', broken));
  assert.equal(b.status, 'analyzed');
  // A PNG named .json: binary. Random high bytes without NUL: text that is not JSON, no findings.
  const png = Buffer.from('89504e470d0a1a0a0000000d494844520000000100000001080600000000', 'hex');
  assert.deepEqual(await analyzeFile(write('image.json', png)), { path: path.join(tmp, 'image.json'), status: 'binary', findings: [], bytes: png.length });
  const noise = Buffer.from(Array.from({ length: 4096 }, (_, i) => 0x80 + ((i * 37) % 0x7f)));
  const n = await analyzeFile(write('noise.json', noise));
  assert.deepEqual([n.status, n.findings], ['analyzed', []]);
  recordCounts('special-encodings-binary', { inputs: 6 }); // UTF-8, UTF-16 LE, UTF-16 BE, broken UTF-8, PNG, noise
});

test('a 50 MB single-line file: over the default limit, one info finding, the file is not read', async () => {
  const line = json({ name: 'big', nodes: [], connections: {}, blob: 'x'.repeat(50 * 1024 * 1024) }).replace(/\n\s*/g, '');
  const p = write('big.json', line);
  const r = await analyzeFile(p);
  assert.equal(r.status, 'too-large');
  assert.equal(r.bytes, Buffer.byteLength(line));
  assert.deepEqual(r.findings.map((f) => [f.ruleId, f.severity, f.offset, f.length]), [[FILE_TOO_LARGE_ID, 'info', 0, 0]]);
  assert.match(r.findings[0].message, /^File not analysed: its size \(51,200\.\d KB\) is over the limit \(5,120 KB\)/);
  recordCounts('special-50mb-line', { inputs: 1, bytes: r.bytes });
});
