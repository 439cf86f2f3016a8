/**
 * Never writes: a scan is read-only. A temporary copy of corpus files (a sample of every format and the malformed
 * files here; the whole corpus in `npm run test:fuzz`) is hashed (SHA-256 of every file, the list of every entry,
 * every modification time) before and after the built CLI scans it in each output format and the built language
 * server scans it, opens and closes files and answers code actions (quick fixes, fix-all, ignore) on them. Both run
 * with child/sandbox.cjs preloaded, and no file-system call that writes may appear in its record.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CodeActionRequest, ExecuteCommandRequest, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { SERVER_SCAN_COMMAND, type ScanSummary } from '../../server/src/lsp/protocol';
import { CLI, ensureBuiltCli } from '../cli/cli-helpers';
import { CORPUS } from '../helpers';
import { LspServer } from '../lsp/harness';
import { recordCounts } from './lib/counts';
import { corpusFiles } from './lib/mutations';

const FULL = process.env.LCG_FUZZ_RUNS !== undefined;
const SANDBOX = path.join(__dirname, 'child', 'sandbox.cjs');
const WRITES = /^fs\.(promises\.)?(writeFile|appendFile|mkdir|mkdtemp|rename|unlink|rm|rmdir|copyFile|cp|symlink|link|truncate|ftruncate|utimes|lutimes|chmod|lchmod|chown|lchown|write|writev|createWriteStream)(Sync)?\b/;
const tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'lcg-readonly-')));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Every entry under `dir` (relative path → SHA-256 and mtime for files, `dir` for folders). */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      const rel = path.relative(dir, p);
      if (e.isDirectory()) {
        out.set(rel, 'dir');
        walk(p);
      } else {
        out.set(rel, `${createHash('sha256').update(fs.readFileSync(p)).digest('hex')} ${fs.statSync(p).mtimeMs}`);
      }
    }
  };
  walk(dir);
  return out;
}

function writesIn(logFile: string): string[] {
  const rec = JSON.parse(fs.readFileSync(logFile, 'utf8')) as { paths: string[] };
  return rec.paths.filter((p) => WRITES.test(p));
}

test(`CLI and language server never write: ${FULL ? 'the whole corpus' : 'a corpus sample'} is byte-identical after scans, opens and code actions`, { skip: !CORPUS && 'shared corpus not found at ../shared/corpus', timeout: 1_800_000 }, async (t) => {
  const all = corpusFiles(CORPUS);
  const chosen = FULL ? all : all.filter((f, i) => i % 12 === 0 || f.includes(`${path.sep}malformed${path.sep}`));
  const ws = path.join(tmp, 'ws');
  for (const f of chosen) {
    const dest = path.join(ws, path.relative(CORPUS!, f));
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    fs.copyFileSync(f, dest);
  }
  fs.writeFileSync(path.join(ws, '.lowcodeguard.json'), '{ "rules": { "json/schema-violation": "off" } }');
  const before = snapshot(ws);

  ensureBuiltCli();
  for (const format of ['stylish', 'json', 'sarif']) {
    const log = path.join(tmp, `cli-${format}.json`);
    const r = spawnSync(process.execPath, ['--require', SANDBOX, CLI, 'scan', '.', '--format', format, '--fail-on', 'none'], { cwd: ws, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, env: { ...process.env, LCG_SANDBOX_LOG: log } });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(writesIn(log), [], `CLI ${format}: no write call`);
  }

  const log = path.join(tmp, 'server.json');
  const saved = { NODE_OPTIONS: process.env.NODE_OPTIONS, LCG_SANDBOX_LOG: process.env.LCG_SANDBOX_LOG };
  process.env.NODE_OPTIONS = `${saved.NODE_OPTIONS ?? ''} --require ${SANDBOX}`.trim();
  process.env.LCG_SANDBOX_LOG = log;
  let server: LspServer;
  try {
    server = await LspServer.start({ workspaceFolders: [{ uri: pathToFileURL(ws).href, name: 'ws' }], settings: { lowcodeGuard: { enable: true }, 'files.exclude': {} } });
  } finally {
    for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  let actions = 0;
  try {
    const summary = (await server.conn.sendRequest(ExecuteCommandRequest.type, { command: SERVER_SCAN_COMMAND })) as ScanSummary;
    assert.equal(summary.cancelled, false);
    assert.ok(summary.files >= chosen.length - 10, `scanned ${summary.files} files`);
    // Open (then close) the files that have fixable findings, and ask for every code action on them.
    const withFixes = server.diagnostics.filter((p) => p.diagnostics.some((d) => (d.data as { fix?: unknown } | undefined)?.fix)).slice(0, FULL ? 200 : 20);
    for (const pub of withFixes) {
      const text = fs.readFileSync(new URL(pub.uri), 'utf8');
      await server.open(pub.uri, text);
      const live = await server.diagnosticsFor(pub.uri, (p) => p.version === 1);
      const diagnostics: Diagnostic[] = live.diagnostics;
      for (const d of diagnostics) {
        const res = await server.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri: pub.uri }, range: d.range, context: { diagnostics: [d] } });
        actions += res?.length ?? 0;
      }
      const fixAll = await server.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri: pub.uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll'] } });
      actions += fixAll?.length ?? 0;
      await server.close(pub.uri);
    }
    assert.ok(actions > 0, 'code actions were offered (and not applied: applying is the client’s job)');
  } finally {
    await server.shutdown();
  }
  assert.deepEqual(writesIn(log), [], 'server: no write call');

  const afterSnap = snapshot(ws);
  const changed = [...new Set([...before.keys(), ...afterSnap.keys()])].filter((k) => before.get(k) !== afterSnap.get(k));
  assert.deepEqual(changed, [], 'every file byte-identical, same mtime, nothing added or removed');
  recordCounts('read-only', { entries: before.size, corpusFiles: chosen.length, cliScans: 3, serverScans: 1, codeActions: actions });
  t.diagnostic(`${before.size} entries (${chosen.length} corpus files) unchanged after 3 CLI scans, a server scan and ${actions} code actions`);
});
