/** The built CLI's usage handling: version, help, and exit code 2 with a message on stderr for usage errors. */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { version } from '../../package.json';
import { ensureBuiltCli, runCli, STACK_LINE } from './cli-helpers';

describe('lowcode-guard usage', () => {
  before(() => ensureBuiltCli());

  test('--version prints the package version and exits 0', () => {
    for (const flag of ['--version', '-v']) {
      const r = runCli([flag]);
      assert.equal(r.code, 0);
      assert.equal(r.stdout, `${version}\n`);
      assert.equal(r.stderr, '');
    }
  });

  test('--help and scan --help exit 0 and describe the options', () => {
    const top = runCli(['--help']);
    assert.equal(top.code, 0);
    assert.match(top.stdout, /^Usage: lowcode-guard \[options\] \[command\]/);
    assert.match(top.stdout, /scan \[options\] \[paths\.\.\.\]/);
    const scan = runCli(['scan', '--help']);
    assert.equal(scan.code, 0);
    for (const opt of ['--format <format>', '--output <file>', '--fail-on <level>', '--max-file-size <KB>', '--quiet', '--no-color']) {
      assert.ok(scan.stdout.includes(opt), `help mentions ${opt}`);
    }
    assert.match(scan.stdout, /Exit codes: 0 = .*1 = .*2 = /);
  });

  const usageErrors: [string, string[], RegExp][] = [
    ['no command', [], /^Usage: lowcode-guard/m],
    ['unknown command', ['lint'], /lowcode-guard: error: unknown command 'lint'/],
    ['unknown option', ['scan', '--bogus'], /lowcode-guard: error: unknown option '--bogus'/],
    ['unknown format', ['scan', '--format', 'xml'], /argument 'xml' is invalid\. Allowed choices are stylish, json, sarif, html\./],
    ['unknown fail-on level', ['scan', '--fail-on', 'info'], /argument 'info' is invalid\. Allowed choices are error, warning, none\./],
    ['bad max file size', ['scan', '--max-file-size', '-3'], /--max-file-size <KB>' argument '-3' is invalid\. Expected a positive number of kilobytes/],
    ['non-numeric max file size', ['scan', '--max-file-size', 'big'], /argument 'big' is invalid/],
    ['option without its value', ['scan', '--format'], /option '-f, --format <format>' argument missing/],
    ['missing path', ['scan', 'samples', 'no/such/dir'], /^lowcode-guard: path not found: no\/such\/dir$/m],
    ['unwritable output', ['scan', 'samples', '--output', 'no/such/dir/out.txt'], /^lowcode-guard: cannot write no\/such\/dir\/out\.txt: ENOENT$/m],
  ];
  for (const [name, args, message] of usageErrors) {
    test(`usage error (${name}) exits 2 with a message on stderr`, () => {
      const r = runCli(args);
      assert.equal(r.code, 2, `exit code of ${args.join(' ')}`);
      assert.match(r.stderr, message);
      assert.doesNotMatch(r.stderr, STACK_LINE);
      assert.equal(r.stdout, '');
    });
  }
});
