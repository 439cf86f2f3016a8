/**
 * Packaging: builds the .vsix the way `npm run package` does (`vsce package --no-dependencies`) into a temporary
 * folder and checks what it holds: exactly the runtime files that `.vscodeignore` re-includes (the esbuild bundles,
 * schemas, grammars, README, LICENSE, CHANGELOG, icon, package.json) plus vsce's own two metadata files — no
 * sources, tests, source maps or node_modules — and a size of at most 1.5 MiB.
 *
 * Needs the bundles (`npm test` runs `npm run build` first) and README.md; skips with a message otherwise.
 * vsce facts (node_modules/@vscode/vsce/out/package.js, 3.9.2): README.md and CHANGELOG.md are stored as
 * `extension/readme.md` / `extension/changelog.md`, a LICENSE without extension as `extension/LICENSE.txt`;
 * `[Content_Types].xml` and `extension.vsixmanifest` sit at the archive root; prompts answer "y" when stdout is not
 * a TTY, and relative links in README.md are an error unless package.json names a `repository`.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';

const ROOT = path.resolve(__dirname, '..', '..');
const VSCE = path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
/** Marketplace-friendly ceiling for the package: 1.5 MiB. */
const MAX_BYTES = 1.5 * 1024 * 1024;

const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { repository?: unknown };
const skip = !fs.existsSync(path.join(ROOT, 'server', 'out', 'server.js'))
  ? 'bundles not built (server/out/server.js missing): run `npm run build` first'
  : !fs.existsSync(path.join(ROOT, 'README.md'))
    ? 'README.md missing: vsce needs it to package'
    : !manifest.repository
      ? 'package.json has no `repository` field: vsce cannot resolve the relative links in README.md'
      : false;

/** One entry of a zip's central directory. */
interface ZipEntry {
  name: string;
  /** Uncompressed size in bytes. */
  size: number;
}

/**
 * Lists a zip archive from its central directory (APPNOTE.TXT 4.3.12/4.3.16: end record signature 0x06054b50 with
 * the entry count at +10 and the directory offset at +16; entries 0x02014b50 with sizes at +24, name/extra/comment
 * lengths at +28/+30/+32 and the name at +46). Throws on a buffer that is not a zip. No zip64 (the .vsix is small).
 */
function listZip(buf: Buffer): ZipEntry[] {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip archive: no end of central directory record');
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(at) !== 0x02014b50) throw new Error(`bad central directory entry at offset ${at}`);
    const nameLen = buf.readUInt16LE(at + 28);
    entries.push({ name: buf.toString('utf8', at + 46, at + 46 + nameLen), size: buf.readUInt32LE(at + 24) });
    at += 46 + nameLen + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
  }
  return entries;
}

/**
 * The language server's shared bundles (scripts/bundle.mjs): server.js (boot) and server-main.js (the rest) both
 * require them, so each thread holds one instance of each.
 */
const SERVER_LIBS = ['vscode-languageserver-node.js', 'vscode-languageserver-textdocument.js', 'lsp-changes.js'];

/** Repository-relative paths of the files below `dir` (recursive, `/`-separated); [] when the folder is absent. */
function filesUnder(dir: string): string[] {
  const abs = path.join(ROOT, dir);
  if (!fs.existsSync(abs)) return [];
  return (fs.readdirSync(abs, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((e) => e.isFile())
    .map((e) => path.relative(ROOT, path.join(e.parentPath, e.name)).split(path.sep).join('/'));
}

describe('the .vsix package', { skip }, () => {
  let tmp = '';
  let vsix = '';
  let output = '';

  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lcg-vsix-'));
    vsix = path.join(tmp, 'x.vsix');
    const r = spawnSync(process.execPath, [VSCE, 'package', '--no-dependencies', '--out', vsix], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 120_000,
    });
    output = `${r.stdout}${r.stderr}`;
    assert.equal(r.status, 0, `vsce package failed (status ${r.status}, signal ${r.signal}):\n${output}`);
  });

  after(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  test('vsce packages without warnings', () => {
    assert.doesNotMatch(output, /WARNING/, output);
  });

  test('holds exactly the runtime files: bundles, schemas, grammars, walkthrough pages, README, CHANGELOG, LICENSE, icon, manifest', () => {
    const names = listZip(fs.readFileSync(vsix)).map((e) => e.name);
    const forbidden = names.filter((n) => /\.(ts|map)$|(^|\/)(node_modules|src|test|samples|docs|scripts)\//.test(n));
    assert.deepEqual(forbidden, [], 'no sources, tests, samples, docs, source maps or node_modules');
    const expected = [
      '[Content_Types].xml',
      'extension.vsixmanifest',
      'extension/package.json',
      'extension/readme.md',
      'extension/changelog.md',
      'extension/LICENSE.txt',
      'extension/images/icon.png',
      'extension/client/out/extension.js',
      'extension/server/out/server.js',
      'extension/server/out/server-main.js',
      ...SERVER_LIBS.map((f) => `extension/server/out/lib/${f}`),
      'extension/server/out/cli.js',
      ...[...filesUnder('schemas'), ...filesUnder('syntaxes'), ...filesUnder('media/walkthrough')].map((f) => `extension/${f}`),
    ];
    assert.deepEqual([...names].sort(), expected.sort());
  });

  test('every relative require of the server bundles names a packaged file (server.js → server-main.js, lib/*.js)', () => {
    const names = new Set(listZip(fs.readFileSync(vsix)).map((e) => e.name));
    const bundles = ['server/out/server.js', 'server/out/server-main.js', ...SERVER_LIBS.map((f) => `server/out/lib/${f}`)];
    const required = new Set<string>();
    for (const b of bundles) {
      const text = fs.readFileSync(path.join(ROOT, b), 'utf8');
      for (const m of text.matchAll(/\brequire\((["'])(\.{1,2}\/[^"']+)\1\)/g)) required.add(path.posix.join(path.posix.dirname(b), m[2]));
    }
    assert.ok(required.has('server/out/server-main.js') && required.has('server/out/lib/vscode-languageserver-node.js'), `server.js loads the split bundles: ${[...required].join(', ')}`);
    assert.deepEqual([...required].filter((r) => !names.has(`extension/${r}`)), [], 'no bundle requires a file missing from the package');
  });

  test('is at most 1.5 MiB', (t) => {
    const bytes = fs.statSync(vsix).size;
    t.diagnostic(`.vsix size: ${bytes} bytes (${(bytes / 1024).toFixed(1)} KiB)`);
    assert.ok(bytes <= MAX_BYTES, `.vsix is ${bytes} bytes, over the ${MAX_BYTES}-byte ceiling`);
  });
});
