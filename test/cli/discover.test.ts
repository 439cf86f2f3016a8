/** `discoverFiles` (shared by the CLI and the language server): which files a folder walk returns. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { discoverFiles } from '../../server/src/workspace/discover';
import { makeWorkspace, removeWorkspace } from './cli-helpers';

describe('discoverFiles', () => {
  let ws = '';
  const rel = (files: string[]) => files.map((f) => path.relative(ws, f).split(path.sep).join('/'));
  before(() => {
    ws = makeWorkspace({
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.git/config.json': '{}', // inside .git: never listed
      '.git/info/exclude': '# local\nlocal.json\n',
      '.gitignore': '/top.json\n*.tmp.json\nlogs/\n!important.tmp.json\n',
      'top.json': '{}', // anchored pattern: ignored at the root only
      'sub/top.json': '{}',
      'a.tmp.json': '{}',
      'important.tmp.json': '{}', // re-included by the negation
      'logs/keep.json': '{}', // folder ignored
      'local.json': '{}', // .git/info/exclude
      'sub/.gitignore': '!*.tmp.json\nsecret.json\n',
      'sub/b.tmp.json': '{}', // re-included by the deeper .gitignore
      'sub/secret.json': '{}',
      'sub/deeper/secret.json': '{}', // unanchored pattern of sub/.gitignore applies below too
      'sub/deeper/flow.json': '{}',
      'node_modules/x/flow.json': '{}',
      'packages/p/node_modules/y/flow.json': '{}',
      '.n8n/workflows/w.json': '{}', // dot folders are walked
      'flow.JSON.txt': '{}',
      'notes.jsonc': '{}',
      'dist/out.json': '{}',
    });
  });
  after(() => removeWorkspace(ws));

  test('honours root and nested .gitignore, negations, .git/info/exclude; skips node_modules and .git', async () => {
    const files = await discoverFiles({ roots: [ws] });
    assert.deepEqual(rel(files), [
      '.n8n/workflows/w.json',
      'dist/out.json',
      'important.tmp.json',
      'sub/b.tmp.json',
      'sub/deeper/flow.json',
      'sub/top.json',
    ]);
    assert.ok(files.every((f) => path.isAbsolute(f)));
  });

  test('gitignore: false lists every .json file except node_modules and .git', async () => {
    const files = rel(await discoverFiles({ roots: ['.'], cwd: ws, gitignore: false }));
    assert.equal(files.length, 12);
    assert.ok(files.includes('logs/keep.json') && files.includes('local.json'));
    assert.ok(!files.some((f) => f.includes('node_modules') || f.startsWith('.git/')));
  });

  test('exclude globs are relative to each root and prune folders', async () => {
    const files = rel(await discoverFiles({ roots: [ws], exclude: ['./dist/', '**/deeper/**', '.n8n'] }));
    assert.deepEqual(files, ['important.tmp.json', 'sub/b.tmp.json', 'sub/top.json']);
  });

  test('a sub-folder root still sees the .gitignore files above it, up to the repository root', async () => {
    assert.deepEqual(rel(await discoverFiles({ roots: ['sub'], cwd: ws })), ['sub/b.tmp.json', 'sub/deeper/flow.json', 'sub/top.json']);
    // An ignored folder asked for by name is walked (asking for it is taken as meaning it).
    assert.deepEqual(rel(await discoverFiles({ roots: ['logs'], cwd: ws })), ['logs/keep.json']);
  });

  test('files given directly are always included; duplicates are removed; other extensions on request', async () => {
    const files = rel(await discoverFiles({ roots: ['local.json', 'node_modules/x/flow.json', 'notes.jsonc', 'sub', 'sub/top.json'], cwd: ws }));
    assert.deepEqual(files, ['local.json', 'node_modules/x/flow.json', 'notes.jsonc', 'sub/b.tmp.json', 'sub/deeper/flow.json', 'sub/top.json']);
    const withJsonc = rel(await discoverFiles({ roots: [ws], extensions: ['.json', '.jsonc'], exclude: ['sub', 'dist', '.n8n'] }));
    assert.deepEqual(withJsonc, ['important.tmp.json', 'notes.jsonc']);
  });

  test('symbolic links are not followed', { skip: process.platform === 'win32' && 'symlinks need privileges on Windows' }, async () => {
    const dir = makeWorkspace({ 'real/flow.json': '{}' });
    try {
      fs.symlinkSync(path.join(dir, 'real'), path.join(dir, 'link'));
      fs.symlinkSync(path.join(dir, 'real', 'flow.json'), path.join(dir, 'alias.json'));
      assert.deepEqual(
        (await discoverFiles({ roots: [dir] })).map((f) => path.relative(dir, f)),
        [path.join('real', 'flow.json')],
      );
    } finally {
      removeWorkspace(dir);
    }
  });

  test('a missing root rejects with ENOENT; an aborted signal rejects with its reason', async () => {
    await assert.rejects(discoverFiles({ roots: ['nope'], cwd: ws }), { code: 'ENOENT' });
    const ac = new AbortController();
    ac.abort();
    await assert.rejects(discoverFiles({ roots: [ws], signal: ac.signal }), { name: 'AbortError' });
  });
});
