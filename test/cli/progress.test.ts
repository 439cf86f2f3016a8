/**
 * The CLI progress bar (server/src/cli/progress.ts): drawn on standard error only when it is a terminal, not with
 * --quiet, not with CI=true; erased before the report; never on standard output. The built CLI, piped, prints no bar.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { runCli as runInProcess } from '../../server/src/cli/program';
import { isCi, ProgressBar, progressEnabled } from '../../server/src/cli/progress';
import { CLI, ensureBuiltCli, ROOT, runCli } from './cli-helpers';

const ESC = '\x1b';

function fakeTty() {
  const writes: string[] = [];
  return { writes, stream: { isTTY: true, columns: 80, write: (s: string) => writes.push(s) } };
}

test('progressEnabled: terminal only, not quiet, not CI, not TERM=dumb', () => {
  const tty = { isTTY: true, write: () => true };
  assert.equal(progressEnabled(tty, {}), true);
  assert.equal(progressEnabled({ write: () => true }, {}), false);
  assert.equal(progressEnabled(tty, {}, true), false);
  assert.equal(progressEnabled(tty, { CI: 'true' }), false);
  assert.equal(progressEnabled(tty, { CI: '1' }), false);
  assert.equal(progressEnabled(tty, { CI: 'false' }), true);
  assert.equal(progressEnabled(tty, { TERM: 'dumb' }), false);
  assert.deepEqual([isCi({}), isCi({ CI: '' }), isCi({ CI: '0' }), isCi({ CI: 'TRUE' })], [false, false, false, true]);
});

test('ProgressBar: one redraw per percent, a full bar at the end, the line erased by done()', () => {
  const { writes, stream } = fakeTty();
  const bar = new ProgressBar(stream, true, 'Scanning');
  for (let i = 0; i <= 400; i++) bar.update(i, 400);
  assert.equal(writes.length, 101);
  assert.equal(writes[0], `\rScanning [${'·'.repeat(30)}]   0% 0/400 files${ESC}[K`);
  assert.equal(writes[100], `\rScanning [${'#'.repeat(30)}] 100% 400/400 files${ESC}[K`);
  bar.done();
  assert.equal(writes.at(-1), `\r${ESC}[K`);
  const off = fakeTty();
  const none = new ProgressBar(off.stream, false, 'Scanning');
  none.start();
  none.update(1, 2);
  none.done();
  assert.deepEqual(off.writes, []);
});

test('scan and inventory draw the bar on a terminal standard error and erase it; not with CI=true or --quiet', async () => {
  const run = async (args: string[], env: NodeJS.ProcessEnv) => {
    const err = fakeTty();
    let out = '';
    const code = await runInProcess(args, { cwd: ROOT, env, stdout: { write: (s: string) => (out += s) }, stderr: err.stream });
    return { code, out, err: err.writes.join('') };
  };
  const scan = await run(['scan', 'samples', '--format', 'json'], {});
  assert.equal(scan.code, 1);
  assert.match(scan.err, /^\rFinding files…\x1b\[K\r\x1b\[K\rScanning \[·+\]   0% 0\/\d+ files\x1b\[K/);
  assert.match(scan.err, /\rScanning \[#+\] 100% (\d+)\/\1 files\x1b\[K\r\x1b\[K$/);
  assert.doesNotMatch(scan.out, /\x1b|Scanning/);
  assert.ok(JSON.parse(scan.out).findings.length > 0);

  const html = await run(['scan', 'samples', '--format', 'html'], {});
  assert.match(html.err, /\rNaming flows and steps \[#+\] 100% 5\/5 files\x1b\[K\r\x1b\[K$/);

  const inv = await run(['inventory', 'samples'], {});
  assert.equal(inv.code, 0);
  assert.match(inv.err, /\rTaking inventory \[#+\] 100% (\d+)\/\1 files\x1b\[K\r\x1b\[K$/);

  for (const [args, env] of [
    [['scan', 'samples', '--format', 'json'], { CI: 'true' }],
    [['scan', 'samples', '--quiet'], {}],
    [['inventory', 'samples', '--quiet'], {}],
    [['inventory', 'samples'], { CI: 'true' }],
  ] as Array<[string[], NodeJS.ProcessEnv]>) {
    assert.equal((await run(args, env)).err, '', `${args.join(' ')} ${JSON.stringify(env)}`);
  }
});

test('built CLI, output piped: no progress bar on standard error (scan and inventory)', () => {
  ensureBuiltCli();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lcg-prog-'));
  try {
    for (const args of [['scan', 'samples', '--format', 'json'], ['scan', 'samples', '--format', 'html', '--output', path.join(dir, 'r.html')], ['inventory', 'samples', '--format', 'md']]) {
      const r = runCli(args);
      assert.equal(r.stderr, '', args.join(' '));
      assert.ok(r.code === 0 || r.code === 1, `${args.join(' ')}: exit ${r.code}`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('built CLI on a pseudo-terminal (util-linux script): the bar is drawn and erased', { skip: !fs.existsSync('/usr/bin/script') && '/usr/bin/script not found' }, () => {
  ensureBuiltCli();
  const env = { ...process.env };
  delete env.CI;
  // script(1) runs the command with a pty as its standard streams; stdout goes to /dev/null inside, so the pty shows stderr.
  const r = spawnSync('/usr/bin/script', ['-qec', `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} scan samples --format json > /dev/null`, '/dev/null'], { cwd: ROOT, env, encoding: 'utf8' });
  assert.match(r.stdout, /Scanning \[#+\] 100% \d+\/\d+ files/);
  assert.match(r.stdout, /\r\x1b\[K/);
});
