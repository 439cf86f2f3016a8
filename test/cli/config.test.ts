/**
 * The built CLI with `.lowcodeguard.json`: lookup at or above each scanned path, `--config FILE`, rule levels changing
 * exit codes, suppressions (and the `suppressed` count), `ignore` (and the `ignored` count), and a broken
 * configuration reported as findings on the configuration file.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ensureBuiltCli, makeWorkspace, positionOf, removeWorkspace, runCli } from './cli-helpers';

const HOOK = 'n8n/webhook-without-auth';
const workflow = (name: string) =>
  JSON.stringify(
    {
      name,
      nodes: [{ id: 'w1', name: 'Incoming', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], parameters: { path: 'orders', httpMethod: 'POST' } }],
      connections: {},
      settings: { errorWorkflow: 'wf-errors' },
    },
    null,
    2,
  );

interface Out {
  files: number;
  findings: { ruleId: string; file: string; severity: string; pointer: string; message: string; range: { start: { line: number; character: number } } }[];
  suppressed: number;
  ignored: number;
}
const json = (args: string[], cwd: string) => {
  const r = runCli(['scan', ...args, '--format', 'json'], { cwd });
  return { code: r.code, stderr: r.stderr, out: JSON.parse(r.stdout || '{}') as Out };
};
/** Findings at warning or above (what `--fail-on warning` counts). */
const serious = (o: Out) => o.findings.filter((f) => f.severity === 'error' || f.severity === 'warning').map((f) => `${f.file} ${f.ruleId}`);

describe('lowcode-guard scan with .lowcodeguard.json', () => {
  let ws = '';
  before(() => {
    ensureBuiltCli();
    ws = makeWorkspace({
      'flows/open.json': workflow('Open'),
      'flows/legacy/old.json': workflow('Old'),
      'fixtures/sample.json': workflow('Fixture'),
      'alt/strict.json': JSON.stringify({ rules: { [HOOK]: 'error' }, suppressions: [{ rule: HOOK, files: 'flows/legacy/**', reason: 'decommissioned' }] }),
    });
  });
  after(() => removeWorkspace(ws));
  const writeConfig = (value: unknown, rel = '.lowcodeguard.json') => fs.writeFileSync(path.join(ws, rel), typeof value === 'string' ? value : JSON.stringify(value, null, 2));
  const removeConfig = (rel = '.lowcodeguard.json') => fs.rmSync(path.join(ws, rel), { force: true });

  test('without a configuration: the webhook warnings fail --fail-on warning', () => {
    removeConfig();
    const r = json(['--fail-on', 'warning'], ws);
    assert.equal(r.code, 1);
    assert.deepEqual(serious(r.out), ['fixtures/sample.json ' + HOOK, 'flows/legacy/old.json ' + HOOK, 'flows/open.json ' + HOOK]);
    assert.equal(r.out.suppressed, 0);
    assert.equal(r.out.ignored, 0);
  });

  test('rules: "off" found by lookup changes the exit code; lookup also works from a subfolder and for a file path', () => {
    writeConfig({ rules: { [HOOK]: 'off' } });
    try {
      const r = json(['--fail-on', 'warning'], ws);
      assert.equal(r.code, 0, JSON.stringify(serious(r.out)));
      assert.deepEqual(r.out.findings.filter((f) => f.ruleId === HOOK), []);
      assert.equal(json(['flows', '--fail-on', 'warning'], ws).code, 0, 'config above the scanned folder');
      assert.equal(json(['open.json', '--fail-on', 'warning'], path.join(ws, 'flows')).code, 0, 'config above the scanned file');
      // A level instead of off: the severity changes, and with it the default --fail-on error outcome.
      writeConfig({ rules: { [HOOK]: 'error' } });
      const e = json([], ws);
      assert.equal(e.code, 1);
      assert.deepEqual([...new Set(e.out.findings.filter((f) => f.ruleId === HOOK).map((f) => f.severity))], ['error']);
    } finally {
      removeConfig();
    }
  });

  test('suppressions and ignore: the suppressed finding and the ignored files are gone, and counted', () => {
    writeConfig({
      ignore: ['fixtures'],
      suppressions: [{ rule: HOOK, files: 'flows/open.json', pointer: '/nodes/0', reason: 'Behind the reverse proxy' }],
    });
    try {
      const r = json(['--fail-on', 'warning'], ws);
      assert.deepEqual(serious(r.out), ['flows/legacy/old.json ' + HOOK]);
      assert.equal(r.code, 1);
      assert.equal(r.out.suppressed, 1);
      assert.equal(r.out.ignored, 1);
      assert.ok(!r.out.findings.some((f) => f.file.startsWith('fixtures/')));
      // Stylish says so in its summary.
      const s = runCli(['scan', 'flows'], { cwd: ws });
      assert.match(s.stdout, /\n✖ 1 problem \(0 errors, 1 warning, 0 infos\) — 1 suppressed\n$/);
      const none = runCli(['scan', 'fixtures/sample.json'], { cwd: ws });
      assert.equal(none.stdout, '✔ No problems found (0 files scanned, 1 file ignored).\n', 'ignore applies to a file given by name too');
      // SARIF carries the counts as run properties.
      const sarif = JSON.parse(runCli(['scan', '--format', 'sarif'], { cwd: ws }).stdout);
      // Scanned: flows/open.json, flows/legacy/old.json, alt/strict.json and .lowcodeguard.json itself (plain JSON, no finding).
      assert.deepEqual(sarif.runs[0].properties, { filesScanned: 4, suppressed: 1, ignored: 1 });
    } finally {
      removeConfig();
    }
  });

  test('--config FILE replaces lookup; its globs are relative to its own folder; a missing file is a usage error', () => {
    writeConfig({ rules: { [HOOK]: 'off' } }); // must not be read
    try {
      const r = json(['flows', '--config', 'alt/strict.json'], ws);
      assert.equal(r.code, 1, 'the hook is an error under alt/strict.json');
      // alt/strict.json's glob flows/legacy/** is relative to alt/, so nothing under ./flows is suppressed.
      assert.deepEqual(r.out.findings.filter((f) => f.ruleId === HOOK).map((f) => [f.file, f.severity]), [
        ['flows/legacy/old.json', 'error'],
        ['flows/open.json', 'error'],
      ]);
      assert.equal(r.out.suppressed, 0);
      const missing = runCli(['scan', '--config', 'nope.json'], { cwd: ws });
      assert.equal(missing.code, 2);
      assert.equal(missing.stdout, '');
      assert.equal(missing.stderr, 'lowcode-guard: configuration file not found: nope.json\n');
      assert.match(runCli(['scan', '--help']).stdout, /-c, --config <file>/);
    } finally {
      removeConfig();
    }
  });

  test('a broken configuration: config/* findings on it with their position, defaults in force, exit 1', () => {
    const text = '{\n  "rules": { "n8n/webhook-without-auth": "off" }\n  "ignore": ["fixtures"]\n}\n';
    writeConfig(text);
    try {
      const r = json(['flows/open.json'], ws);
      assert.equal(r.code, 1);
      const cfg = r.out.findings.filter((f) => f.file === '.lowcodeguard.json');
      assert.deepEqual(cfg.map((f) => [f.ruleId, f.severity, f.range.start]), [['config/syntax-error', 'error', positionOf(text, '"ignore"')]]);
      assert.ok(r.out.findings.some((f) => f.ruleId === HOOK), 'defaults: the rule is not off');
      writeConfig({ rules: { 'n8n/webhok-without-auth': 'off' } });
      const w = json(['flows/open.json', '--fail-on', 'error'], ws);
      assert.deepEqual(w.out.findings.filter((f) => f.file === '.lowcodeguard.json').map((f) => [f.ruleId, f.severity, f.pointer]), [['config/unknown-rule', 'warning', '/rules/n8n~1webhok-without-auth']]);
      assert.equal(w.code, 0, 'an unknown rule id is a warning');
    } finally {
      removeConfig();
    }
  });
});
