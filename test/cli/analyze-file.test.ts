/** `analyzeFile` / `analyzeFiles` (shared by the CLI and the language server): reading, size cap, binary, decoding. */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { analyzeFile, decode, formatSize, looksLikeLowCode, FILE_TOO_LARGE_ID } from '../../server/src/workspace/analyze-file';
import { analyzeFiles, isFileError } from '../../server/src/workspace/scan';
import { makeWorkspace, removeWorkspace } from './cli-helpers';
import { n8nWorkflow } from '../helpers';

const hook = n8nWorkflow([{ id: 'a', name: 'In', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], parameters: {} }]);

describe('analyzeFile', () => {
  let ws = '';
  const p = (f: string) => path.join(ws, f);
  before(() => {
    ws = makeWorkspace({
      'hook.json': hook,
      'bom.json': '\uFEFF' + hook,
      'tsconfig.json': '{ "compilerOptions": { "strict": true, }, }',
      'broken-flow.json': '{ "nodes": [ ], "connections": { } ',
      'broken-node-red.json': '[ { "id": "1", "type": "inject", "z": "f", "wires": [[]] ',
      'empty.json': '',
      'nul.json': Buffer.from('{"a":"\u0000"}', 'utf8'),
    });
  });
  after(() => removeWorkspace(ws));

  test('a low-code file is analysed; format and subformat are returned, never the text or tree', async () => {
    const r = await analyzeFile(p('hook.json'));
    assert.equal(r.status, 'analyzed');
    assert.equal(r.format, 'n8n');
    assert.equal(r.subformat, 'workflow');
    assert.equal(r.bytes, Buffer.byteLength(hook));
    assert.deepEqual(Object.keys(r).sort(), ['bytes', 'findings', 'format', 'path', 'status', 'subformat']);
    assert.ok(r.findings.some((f) => f.ruleId === 'n8n/webhook-without-auth' && f.pointer === '/nodes/0'));
  });

  test('a UTF-8 byte-order mark is dropped, so positions match the file without it', async () => {
    const [a, b] = [await analyzeFile(p('hook.json')), await analyzeFile(p('bom.json'))];
    const pick = (r: typeof a) => r.findings.filter((f) => f.ruleId === 'n8n/webhook-without-auth').map((f) => f.range);
    assert.deepEqual(pick(b), pick(a));
  });

  test('syntax errors are kept only for files that look like low-code definitions (unless syntaxErrors: all)', async () => {
    assert.deepEqual((await analyzeFile(p('tsconfig.json'))).findings, []);
    const all = await analyzeFile(p('tsconfig.json'), { syntaxErrors: 'all' });
    assert.ok(all.findings.length > 0 && all.findings.every((f) => f.ruleId === 'json/syntax-error'));
    for (const f of ['broken-flow.json', 'broken-node-red.json']) {
      const r = await analyzeFile(p(f));
      assert.equal(r.status, 'analyzed');
      assert.ok(r.findings.some((x) => x.ruleId === 'json/syntax-error'), f);
    }
    assert.deepEqual((await analyzeFile(p('empty.json'))).findings, []);
  });

  test('over the size cap: not read, one info finding (its level follows rules; off removes it)', async () => {
    const size = Buffer.byteLength(hook);
    const r = await analyzeFile(p('hook.json'), { maxFileSizeBytes: 100 });
    assert.equal(r.status, 'too-large');
    assert.equal(r.bytes, size);
    assert.equal(r.findings.length, 1);
    assert.deepEqual(
      { ...r.findings[0], message: undefined },
      { ruleId: FILE_TOO_LARGE_ID, severity: 'info', message: undefined, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, offset: 0, length: 0, pointer: '', docsUrl: 'https://github.com/lowcode-guard/lowcode-guard/blob/main/docs/rules/README.md#enginefile-too-large' },
    );
    assert.equal(r.findings[0].message, `File not analysed: its size (${size} bytes) is over the limit (100 bytes). Raise the limit with --max-file-size or the lowcodeGuard.maxFileSizeKB setting.`);
    assert.equal((await analyzeFile(p('hook.json'), { maxFileSizeBytes: 100, rules: { [FILE_TOO_LARGE_ID]: 'warning' } })).findings[0].severity, 'warning');
    assert.deepEqual((await analyzeFile(p('hook.json'), { maxFileSizeBytes: 100, rules: { [FILE_TOO_LARGE_ID]: 'off' } })).findings, []);
    assert.equal((await analyzeFile(p('hook.json'), { maxFileSizeBytes: size })).status, 'analyzed', 'the cap is inclusive');
  });

  test('binary content (NUL bytes) is skipped without findings', async () => {
    assert.deepEqual(await analyzeFile(p('nul.json')), { path: p('nul.json'), status: 'binary', findings: [], bytes: 9 });
  });

  test('unreadable paths throw the fs error; analyzeFiles turns them into FileError entries, in input order', async () => {
    await assert.rejects(analyzeFile(p('missing.json')), { code: 'ENOENT' });
    await assert.rejects(analyzeFile(ws), { code: 'EISDIR' });
    const seen: string[] = [];
    const res = await analyzeFiles([p('hook.json'), p('missing.json'), p('tsconfig.json')], { concurrency: 2, onResult: (r) => seen.push(r.path) });
    assert.deepEqual(res.map((r) => r.path), [p('hook.json'), p('missing.json'), p('tsconfig.json')]);
    assert.deepEqual(seen.sort(), res.map((r) => r.path).sort());
    assert.ok(isFileError(res[1]) && res[1].code === 'ENOENT');
    assert.ok(!isFileError(res[0]) && res[0].status === 'analyzed');
  });
});

test('decode: UTF-8 (BOM dropped), UTF-16 LE/BE with BOM, NUL → binary', () => {
  assert.equal(decode(Buffer.from('\uFEFF{"a":"é"}', 'utf8')), '{"a":"é"}');
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"a":"é"}', 'utf16le')]);
  assert.equal(decode(le), '{"a":"é"}');
  const be = Buffer.from(le);
  be.swap16();
  assert.equal(decode(be), '{"a":"é"}');
  assert.equal(decode(Buffer.from([0x7b, 0x00, 0x7d])), undefined);
  assert.equal(decode(Buffer.from([0xff, 0x7b])), '\uFFFD{', 'invalid UTF-8 becomes U+FFFD');
});

test('looksLikeLowCode: key names of the four formats', () => {
  assert.ok(looksLikeLowCode('{"nodes": [], "connections": {}'));
  assert.ok(looksLikeLowCode('[{"id":"1","type":"inject","wires":[['));
  assert.ok(looksLikeLowCode('[{"id":"1","type":"tab","z": ""'));
  assert.ok(looksLikeLowCode('{"definition": {"triggers": {}, "actions": {'));
  assert.ok(!looksLikeLowCode('{"compilerOptions": {"strict": true,},}'));
  assert.ok(!looksLikeLowCode('{"nodes": []'));
  // An n8n export cut off before "connections" (a truncated download) still gets its syntax error.
  assert.ok(looksLikeLowCode('{"name": "x", "nodes": [{"parameters": {}, "type": "n8n-nodes-base.webhook", "pos'));
  assert.ok(looksLikeLowCode('{"nodes": [{"type": "@n8n/n8n-nodes-langchain.agent"'));
  assert.ok(!looksLikeLowCode('{"graph": {"type": "n8n-nodes-base.webhook"'), 'a node type alone is not enough');
});

test('too large by a few bytes: both sizes in bytes rather than "1 KB is over the limit (1 KB)"', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lcg-size-'));
  try {
    const file = path.join(dir, 'big.json');
    fs.writeFileSync(file, `{"nodes": [], "connections": {}, "x": "${'a'.repeat(989)}"}`);
    const r = await analyzeFile(file, { maxFileSizeBytes: 1024 });
    assert.equal(r.status, 'too-large');
    assert.match(r.findings[0].message, /^File not analysed: its size \(1,030 bytes\) is over the limit \(1,024 bytes\)\./);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('formatSize: bytes below 1 KB, else KB with one decimal at most', () => {
  assert.equal(formatSize(1), '1 byte');
  assert.equal(formatSize(1023), '1023 bytes');
  assert.equal(formatSize(5120 * 1024), '5,120 KB');
  assert.equal(formatSize(1536), '1.5 KB');
});

test('a FIFO named x.json is refused at once (ENOTREG), not waited on', { skip: process.platform === 'win32' && 'no mkfifo on Windows' }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lcg-fifo-'));
  try {
    const fifo = path.join(dir, 'x.json');
    execFileSync('mkfifo', [fifo]);
    await assert.rejects(analyzeFile(fifo), (e: NodeJS.ErrnoException) => e.code === 'ENOTREG' && /not a regular file/.test(e.message));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
