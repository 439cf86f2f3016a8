/**
 * The built CLI on a small temporary workspace: which files are scanned (.gitignore, nested .gitignore,
 * .git/info/exclude, node_modules, files given directly), the JSON shape, stylish text, exit codes and --fail-on,
 * --quiet, --output, --max-file-size, binary files, colours, and that no secret from a file reaches the output.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ensureBuiltCli, makeWorkspace, positionOf, removeWorkspace, runCli, STACK_LINE } from './cli-helpers';

const WEBHOOK_ID = 'n8n/webhook-without-auth';
const DOCS = 'https://github.com/lowcode-guard/lowcode-guard/blob/main/docs/rules/n8n/webhook-without-auth.md';
/** A value shaped like a Stripe live key; no output format may contain it. */
// Built at run time so the test source holds no token-shaped literal for secret scanners to flag.
const SECRET = ['sk', 'live', '4eC39HqLyjWDarjtT1zdp7dc'].join('_');

const workflow = (name: string, parameters: Record<string, unknown>) =>
  JSON.stringify(
    {
      name,
      nodes: [{ id: 'w1', name: 'Incoming', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], parameters }],
      connections: {},
      // an error workflow keeps n8n/no-error-workflow quiet: these tests are about the webhook finding
      settings: { errorWorkflow: 'wf-errors' },
    },
    null,
    2,
  );
const open = workflow('Open', { path: 'orders', httpMethod: 'POST' });
const FILES = {
  'flows/open.json': open,
  'flows/secured.json': workflow('Secured', { path: 'orders', httpMethod: 'POST', authentication: 'headerAuth' }),
  'flows/draft-1.json': workflow('Draft', { path: 'draft' }), // hidden by flows/.gitignore
  'flows/.gitignore': 'draft-*.json\n',
  'build/generated.json': workflow('Generated', { path: 'gen' }), // hidden by the root .gitignore
  'build/keep.json': workflow('Kept', { path: 'kept' }), // ignored folder: a negation cannot bring it back (git semantics)
  '.gitignore': 'build/\n!build/keep.json\n',
  '.git/info/exclude': 'local-only.json\n',
  'local-only.json': workflow('Local', { path: 'local' }), // hidden by .git/info/exclude
  'node_modules/pkg/flow.json': workflow('Dependency', { path: 'dep' }),
  'config/settings.json': JSON.stringify({ editor: { tabSize: 2 }, token: SECRET }, null, 2), // not a low-code file
  'tsconfig.json': '{\n  "compilerOptions": { "strict": true, },\n}\n', // malformed, not low-code: no finding
  'broken/workflow.json': '{\n  "name": "Broken",\n  "nodes": [ { "type": "n8n-nodes-base.webhook" } \n  "connections": {}\n}\n',
  'notes.txt': 'not json',
};

describe('lowcode-guard scan on a temporary workspace', () => {
  let ws = '';
  before(() => {
    ensureBuiltCli();
    ws = makeWorkspace(FILES);
  });
  after(() => removeWorkspace(ws));

  test('json: files scanned, findings shape, ignored files left out', () => {
    const r = runCli(['scan', '--format', 'json'], { cwd: ws });
    assert.equal(r.code, 1, 'the broken workflow is a json/syntax-error (error) → exit 1 with the default --fail-on error');
    assert.equal(r.stderr, '');
    const out = JSON.parse(r.stdout);
    // Scanned: flows/open, flows/secured, config/settings, tsconfig, broken/workflow.
    assert.equal(out.files, 5);
    assert.deepEqual(out.skipped, []);
    assert.deepEqual(out.formats, { n8n: 2 });
    const files = new Set(out.findings.map((f: { file: string }) => f.file));
    for (const hidden of ['flows/draft-1.json', 'build/generated.json', 'build/keep.json', 'local-only.json', 'node_modules/pkg/flow.json', 'tsconfig.json', 'config/settings.json']) {
      assert.ok(!files.has(hidden), `${hidden} has no findings`);
    }
    for (const f of out.findings) {
      const keys = Object.keys(f).filter((k) => k !== 'docsUrl' && k !== 'format');
      assert.deepEqual(keys, ['ruleId', 'owasp', 'severity', 'message', 'file', 'range', 'pointer', 'fixable']);
      assert.deepEqual(Object.keys(f.range), ['start', 'end']);
      assert.deepEqual(Object.keys(f.range.start), ['line', 'character']);
      assert.equal(typeof f.fixable, 'boolean');
    }

    const hooks = out.findings.filter((f: { ruleId: string }) => f.ruleId === WEBHOOK_ID);
    assert.equal(hooks.length, 1);
    const start = positionOf(open, '"n8n-nodes-base.webhook"');
    assert.deepEqual(hooks[0], {
      ruleId: WEBHOOK_ID,
      owasp: 'LCNC-SEC-05',
      severity: 'warning',
      message: hooks[0].message,
      file: 'flows/open.json',
      range: { start, end: { line: start.line, character: start.character + '"n8n-nodes-base.webhook"'.length } },
      pointer: '/nodes/0',
      fixable: true,
      docsUrl: DOCS,
      format: 'n8n',
    });
    assert.match(hooks[0].message, /^Webhook "Incoming" accepts requests without authentication/);

    const syntax = out.findings.filter((f: { ruleId: string }) => f.ruleId === 'json/syntax-error');
    assert.ok(syntax.length >= 1);
    for (const f of syntax) {
      assert.equal(f.file, 'broken/workflow.json');
      assert.equal(f.owasp, null);
      assert.equal(f.severity, 'error');
      assert.equal(f.fixable, false);
    }
    assert.deepEqual(syntax[0].range.start, positionOf(FILES['broken/workflow.json'], '"connections"'));
  });

  test('a file given directly is scanned even when ignored, and paths are relative to the working folder', () => {
    const r = runCli(['scan', 'build/keep.json', 'node_modules/pkg/flow.json', '--format', 'json'], { cwd: ws });
    const out = JSON.parse(r.stdout);
    assert.equal(out.files, 2);
    assert.deepEqual(
      out.findings.filter((f: { ruleId: string }) => f.ruleId === WEBHOOK_ID).map((f: { file: string }) => f.file),
      ['build/keep.json', 'node_modules/pkg/flow.json'],
    );
    const sub = JSON.parse(runCli(['scan', '../flows/open.json', '--format', 'json'], { cwd: path.join(ws, 'config') }).stdout);
    assert.equal(sub.findings.find((f: { ruleId: string }) => f.ruleId === WEBHOOK_ID).file, '../flows/open.json');
  });

  test('a folder given directly is walked with the .gitignore files above it', () => {
    const out = JSON.parse(runCli(['scan', 'flows', '--format', 'json'], { cwd: ws }).stdout);
    assert.equal(out.files, 2, 'flows/open.json and flows/secured.json (draft-1.json is ignored by flows/.gitignore)');
  });

  test('--fail-on: error (default), warning, none', () => {
    const warnOnly = ['scan', 'flows/open.json', '--format', 'json'];
    assert.equal(runCli(warnOnly, { cwd: ws }).code, 0, 'a warning does not fail with the default --fail-on error');
    assert.equal(runCli([...warnOnly, '--fail-on', 'error'], { cwd: ws }).code, 0);
    assert.equal(runCli([...warnOnly, '--fail-on', 'warning'], { cwd: ws }).code, 1);
    assert.equal(runCli([...warnOnly, '--fail-on', 'none'], { cwd: ws }).code, 0);
    const broken = ['scan', 'broken/workflow.json'];
    assert.equal(runCli(broken, { cwd: ws }).code, 1);
    assert.equal(runCli([...broken, '--fail-on', 'none'], { cwd: ws }).code, 0);
    assert.equal(runCli(['scan', 'flows/secured.json', '--fail-on', 'warning'], { cwd: ws }).code, 0);
  });

  test('stylish: file header, 1-based line:col rows, summary; no colours when not a terminal', () => {
    const r = runCli(['scan', 'flows/open.json'], { cwd: ws });
    assert.equal(r.code, 0);
    const start = positionOf(open, '"n8n-nodes-base.webhook"');
    const lines = r.stdout.split('\n');
    assert.equal(lines[0], '');
    assert.equal(lines[1], 'flows/open.json');
    assert.match(lines[2], new RegExp(`^  ${start.line + 1}:${start.character + 1}  warning  n8n/webhook-without-auth  Webhook "Incoming" accepts requests without authentication.*[^ ]$`));
    assert.ok(r.stdout.endsWith('\n✖ 1 problem (0 errors, 1 warning, 0 infos)\n'), r.stdout);
    assert.ok(!r.stdout.includes('\x1b['), 'no ANSI escapes');

    const ok = runCli(['scan', 'flows/secured.json'], { cwd: ws });
    assert.equal(ok.stdout, '✔ No problems found (1 file scanned).\n');
  });

  test('stylish: files not analysed are listed, and a scan without any low-code flow says so (exit code unchanged)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lcg-stylish-'));
    try {
      fs.writeFileSync(path.join(dir, 'export.zip.json'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0, 0xff, 0xfe, 0]));
      fs.writeFileSync(path.join(dir, 'tsconfig.json'), '{"compilerOptions":{}}');
      const r = runCli(['scan', '.'], { cwd: dir });
      assert.equal(r.code, 0);
      assert.equal(
        r.stdout,
        '✔ No problems found (1 file scanned).\n' +
          '⚠ 1 file not analysed:\n' +
          '  export.zip.json: not text (a .zip export? unzip it and scan the folder)\n' +
          '⚠ No n8n, Node-RED, Power Automate or Logic Apps file was found in the scanned paths.\n',
      );
      assert.equal(runCli(['scan', '.', '--quiet'], { cwd: dir }).stdout, '');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('stylish: a file that cannot be read (a FIFO named on the command line) gives exit 2 and no green tick', { skip: process.platform === 'win32' && 'no mkfifo on Windows' }, () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lcg-unreadable-'));
    try {
      execFileSync('mkfifo', [path.join(dir, 'x.json')]);
      const r = runCli(['scan', 'x.json'], { cwd: dir });
      assert.equal(r.code, 2);
      assert.match(r.stdout, /^⚠ No problems found in the files read \(0 files scanned\), but 1 file could not be read\.\n⚠ 1 file not analysed:\n {2}x\.json: could not be read\n/);
      assert.ok(!r.stdout.includes('✔'));
      assert.match(r.stderr, /not a regular file/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('colours: FORCE_COLOR turns them on; --no-color and NO_COLOR turn them off', () => {
    assert.ok(runCli(['scan', 'flows/open.json'], { cwd: ws, env: { FORCE_COLOR: '1' } }).stdout.includes('\x1b['));
    assert.ok(!runCli(['scan', 'flows/open.json', '--no-color'], { cwd: ws, env: { FORCE_COLOR: '1' } }).stdout.includes('\x1b['));
    assert.ok(!runCli(['scan', 'flows/open.json'], { cwd: ws, env: { FORCE_COLOR: '1', NO_COLOR: '1' } }).stdout.includes('\x1b['));
  });

  test('--quiet reports errors only: warnings are neither shown nor counted for --fail-on', () => {
    const q = runCli(['scan', 'flows/open.json', '--quiet', '--fail-on', 'warning'], { cwd: ws });
    assert.equal(q.code, 0);
    assert.equal(q.stdout, '');
    const j = JSON.parse(runCli(['scan', '.', '--quiet', '--format', 'json'], { cwd: ws }).stdout);
    assert.ok(j.findings.length >= 1);
    assert.ok(j.findings.every((f: { severity: string }) => f.severity === 'error'));
  });

  test('--output writes the report to a file and nothing to stdout', () => {
    const r = runCli(['scan', 'flows/open.json', '--format', 'json', '--output', 'report.json'], { cwd: ws });
    try {
      assert.equal(r.code, 0);
      assert.equal(r.stdout, '');
      const out = JSON.parse(fs.readFileSync(path.join(ws, 'report.json'), 'utf8'));
      assert.equal(out.files, 1);
      const styl = runCli(['scan', 'flows/open.json', '--output', 'report.txt'], { cwd: ws, env: { FORCE_COLOR: '1' } });
      assert.equal(styl.stdout, '');
      assert.ok(!fs.readFileSync(path.join(ws, 'report.txt'), 'utf8').includes('\x1b['), 'no colours in a file');
    } finally {
      fs.rmSync(path.join(ws, 'report.json'), { force: true });
      fs.rmSync(path.join(ws, 'report.txt'), { force: true });
    }
  });

  test('--max-file-size: a larger file is not analysed and gets one engine/file-too-large info finding', () => {
    const r = runCli(['scan', 'flows/open.json', '--max-file-size', '0.1', '--format', 'json', '--fail-on', 'warning'], { cwd: ws });
    assert.equal(r.code, 0, 'an info finding does not fail --fail-on warning');
    const out = JSON.parse(r.stdout);
    assert.equal(out.files, 0);
    assert.deepEqual(out.skipped, [{ file: 'flows/open.json', reason: 'too-large' }]);
    assert.deepEqual(out.findings, [
      {
        ruleId: 'engine/file-too-large',
        owasp: null,
        severity: 'info',
        message: `File not analysed: its size (${Buffer.byteLength(open)} bytes) is over the limit (102 bytes). Raise the limit with --max-file-size or the lowcodeGuard.maxFileSizeKB setting.`,
        file: 'flows/open.json',
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        pointer: '',
        fixable: false,
        docsUrl: 'https://github.com/lowcode-guard/lowcode-guard/blob/main/docs/rules/README.md#enginefile-too-large',
      },
    ]);
  });

  test('binary files are skipped without findings; UTF-16 files with a byte-order mark are read', () => {
    const dir = makeWorkspace({
      'bin.json': Buffer.from([0x7b, 0x00, 0x7d, 0x00, 0x00]),
      'utf16.json': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(open, 'utf16le')]),
    });
    try {
      const out = JSON.parse(runCli(['scan', '.', '--format', 'json'], { cwd: dir }).stdout);
      assert.equal(out.files, 1);
      assert.deepEqual(out.skipped, [{ file: 'bin.json', reason: 'binary' }]);
      const hook = out.findings.find((f: { ruleId: string }) => f.ruleId === WEBHOOK_ID);
      assert.equal(hook.file, 'utf16.json');
      assert.deepEqual(hook.range.start, positionOf(open, '"n8n-nodes-base.webhook"'));
    } finally {
      removeWorkspace(dir);
    }
  });

  test('no secret from a scanned file appears in any output format', () => {
    const dir = makeWorkspace({
      'leaky.json': workflow('Leaky', { path: 'x', headerParameters: { parameters: [{ name: 'Authorization', value: `Bearer ${SECRET}` }] } }),
      'settings.json': FILES['config/settings.json'],
    });
    try {
      for (const format of ['stylish', 'json', 'sarif']) {
        const r = runCli(['scan', '.', '--format', format], { cwd: dir });
        assert.ok(!r.stdout.includes(SECRET) && !r.stderr.includes(SECRET), `${format}: secret not printed`);
        assert.ok(!r.stdout.includes(SECRET.slice(8)), `${format}: secret body not printed`);
        assert.doesNotMatch(r.stderr, STACK_LINE);
      }
    } finally {
      removeWorkspace(dir);
    }
  });
});
