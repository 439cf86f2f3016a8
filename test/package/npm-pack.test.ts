/**
 * npm distribution: `npm pack` must produce a tarball whose `lowcode-guard` bin runs after an ordinary install.
 *
 * The test packs the working tree into a temporary folder (`npm pack --ignore-scripts`: `npm test` has already built
 * the bundles, and parallel test files read them), checks the tarball's file list (the CLI bundle and package.json,
 * no sources or tests), installs the tarball into a temporary prefix (`npm install --prefix`; the CLI bundle carries
 * its dependencies, so nothing is fetched) and runs the installed bin against samples/: `--version`, a JSON scan,
 * and the default exit code.
 *
 * npm facts (docs.npmjs.com, package.json "files" and "bin"; npm-packlist's README): without a `files` list npm
 * packs the tree minus `.npmignore` (or, when there is none, `.gitignore`) — for this repository without an
 * .npmignore that meant sources, tests, benchmarks and samples (310 files, npm 11.19.1, observed); package.json,
 * README and LICENSE are always packed; `npm pack --json` prints `[{ filename, files: [{ path }] }]`; `bin` entries
 * are linked into `<prefix>/node_modules/.bin/` on install. A `files` list cannot be used here: vsce 3.9.2 exits with
 * an error when package.json has `files` and `.vscodeignore` exists (node_modules/@vscode/vsce/out/package.js), so
 * the npm package is shaped by `.npmignore` (docs/distribution.md).
 *
 * Skips when the bundle is not built (`npm run build` first). Needs npm on PATH (it ships with Node).
 */
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';

const ROOT = path.resolve(__dirname, '..', '..');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string; bin?: Record<string, string> };
const BIN = manifest.bin?.['lowcode-guard'];
const skip = !BIN
  ? 'package.json declares no `lowcode-guard` bin'
  : !fs.existsSync(path.join(ROOT, BIN))
    ? `the CLI bundle is not built (${BIN} missing): run \`npm run build\` first`
    : false;

/** Runs a command with a hard timeout; returns the result (never throws for a non-zero exit). */
function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): SpawnSyncReturns<string> {
  return spawnSync(cmd, args, { cwd, env, encoding: 'utf8', timeout: 180_000, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** `cmd args` exit status, signal and output, for assertion messages. */
function describeRun(r: SpawnSyncReturns<string>): string {
  return `status ${r.status}, signal ${r.signal}${r.error ? `, error ${r.error.message}` : ''}\n${r.stdout}\n${r.stderr}`;
}

describe('the npm package (npm pack)', { skip }, () => {
  let tmp = '';
  let tarball = '';
  let files: string[] = [];
  let installedBin = '';
  // npm writes its cache and logs under HOME; keep them in the temporary folder.
  let env: NodeJS.ProcessEnv = process.env;

  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lcg-npm-pack-'));
    env = { ...process.env, npm_config_cache: path.join(tmp, 'npm-cache'), npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' };
    const r = run(NPM, ['pack', '--ignore-scripts', '--json', '--pack-destination', tmp], ROOT, env);
    assert.equal(r.status, 0, `npm pack failed: ${describeRun(r)}`);
    const [info] = JSON.parse(r.stdout) as { filename: string; files: { path: string }[] }[];
    tarball = path.join(tmp, info.filename);
    files = info.files.map((f) => f.path).sort();
  });

  after(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  test('the tarball holds the CLI bundle and package.json, and no sources, tests or samples', (t) => {
    t.diagnostic(`${path.basename(tarball)}: ${fs.statSync(tarball).size} bytes, ${files.length} files: ${files.join(', ')}`);
    assert.ok(files.includes(BIN!.replace(/^\.\//, '')), `${BIN} is in the tarball`);
    assert.ok(files.includes('package.json'));
    const unwanted = files.filter((f) => /(^|\/)(src|test|samples|bench|scripts|node_modules)\//.test(f) || /\.ts$/.test(f));
    assert.deepEqual(unwanted, [], 'no sources, tests, samples, benchmarks or scripts in the npm package (see .npmignore)');
  });

  test('installed from the tarball into a fresh prefix, the bin prints the version', () => {
    const prefix = path.join(tmp, 'prefix');
    fs.mkdirSync(prefix);
    const r = run(NPM, ['install', '--prefix', prefix, '--no-audit', '--no-fund', '--prefer-offline', tarball], tmp, env);
    assert.equal(r.status, 0, `npm install <tarball> failed: ${describeRun(r)}`);
    installedBin = path.join(prefix, 'node_modules', '.bin', process.platform === 'win32' ? 'lowcode-guard.cmd' : 'lowcode-guard');
    assert.ok(fs.existsSync(installedBin), `${installedBin} was linked`);
    const v = run(installedBin, ['--version'], tmp, env);
    assert.equal(v.status, 0, describeRun(v));
    assert.equal(v.stdout.trim(), manifest.version);
  });

  test('the installed bin scans samples/: JSON report with findings, exit code 1 for the errors in it', () => {
    assert.ok(installedBin, 'the previous test installed the package');
    const samples = path.join(ROOT, 'samples');
    const json = run(installedBin, ['scan', samples, '--format', 'json', '--fail-on', 'none'], tmp, env);
    assert.equal(json.status, 0, describeRun(json));
    const report = JSON.parse(json.stdout) as { files: number; findings: { ruleId: string; file: string }[] };
    assert.ok(report.files >= 5, `scanned the sample files (files: ${report.files})`);
    assert.ok(
      report.findings.some((f) => f.ruleId === 'n8n/webhook-without-auth' && f.file.endsWith('n8n/order-webhook.json')),
      'reports n8n/webhook-without-auth in samples/n8n/order-webhook.json',
    );
    const plain = run(installedBin, ['scan', samples, '--no-color'], tmp, { ...env, NO_COLOR: '1' });
    assert.equal(plain.status, 1, `default --fail-on error: exit 1 because samples/ holds errors; ${describeRun(plain)}`);
    assert.match(plain.stdout, /n8n\/webhook-without-auth/);
  });
});
