/**
 * A hostile workspace: files that name remote schemas and references, a `.lowcodeguard.json` that names files
 * outside the workspace, tries prototype keys and code-looking values, and one that does not parse.
 * The built CLI and the built language server run with child/sandbox.cjs preloaded: any network use or process
 * start throws and is recorded, and every path given to `fs` is recorded. Then:
 * - no network use and no process start at all;
 * - no path outside the workspace is touched, except the lookups the docs promise (`.lowcodeguard.json`, `.git`,
 *   `.gitignore` in folders above a scanned path) and the program's own files; the decoy file that the
 *   configuration names (by glob, by relative path, by `file:` URL) is never touched;
 * - a configuration that does not parse gives a config/syntax-error finding and the defaults;
 * - no JSON Schema compiler is in the built bundles (schemas are compiled to code at build time), so a workspace
 *   cannot make ajv compile anything.
 * Also: the extension's manifest declares limited support for untrusted workspaces (trust.test.ts runs the server
 * in restricted mode).
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ExecuteCommandRequest } from 'vscode-languageserver-protocol/node';
import { SERVER_SCAN_COMMAND } from '../../server/src/lsp/protocol';
import { CLI, ensureBuiltCli, ROOT } from '../cli/cli-helpers';
import { json, n8nWorkflow } from '../helpers';
import { ensureServerBuilt, LspServer, SERVER_JS } from '../lsp/harness';

const SANDBOX = path.join(__dirname, 'child', 'sandbox.cjs');
const tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'lcg-hostile-')));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

interface SandboxRecord {
  network: string[];
  exec: string[];
  paths: string[];
}

const WDL_SCHEMA = 'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#';

/** A workspace of flows that point at remote documents, with a hostile configuration; and a decoy file beside it. */
function makeHostileWorkspace(name: string, config: string): { ws: string; decoy: string } {
  const ws = path.join(tmp, name, 'ws');
  const decoy = path.join(tmp, name, 'outside', 'secret.json');
  fs.mkdirSync(path.dirname(decoy), { recursive: true });
  fs.writeFileSync(decoy, n8nWorkflow([{ id: '1', name: 'Decoy', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], parameters: { path: 'decoy' } }]));
  const files: Record<string, string> = {
    'flows/n8n.json': json({ $schema: 'https://evil.example/n8n.schema.json', $ref: 'http://evil.example/ref.json', $id: 'http://evil.example/id', ...JSON.parse(n8nWorkflow([{ id: '1', name: 'Hook', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], parameters: { path: 'x', schema: { $ref: 'https://evil.example/p.json' } } }])) }),
    'flows/node-red.json': json([{ id: 'a', type: 'http in', z: 't', url: '/x', method: 'post', wires: [[]], $ref: 'file:///etc/passwd' }, { id: 't', type: 'tab', $schema: 'http://evil.example/nr.json' }]),
    'flows/logic-app.json': json({ definition: { $schema: WDL_SCHEMA, contentVersion: '1.0.0.0', triggers: { manual: { type: 'Request', kind: 'Http', inputs: { schema: { $ref: 'https://evil.example/body.json' } } } }, actions: {} }, kind: 'Stateful' }),
    'flows/arm.json': json({ $schema: 'https://evil.example/deploymentTemplate.json#', resources: [{ type: 'Microsoft.Resources/deployments', name: 'nested', properties: { templateLink: { uri: 'https://evil.example/template.json' } } }] }),
    'flows/pa.json': json({ properties: { definition: { $schema: 'https://evil.example/workflowdefinition.json#', triggers: {}, actions: { a: { type: 'Http', inputs: { uri: 'http://evil.example/x', method: 'GET' } } } } } }),
    '.lowcodeguard.json': config,
  };
  for (const [rel, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(ws, rel)), { recursive: true });
    fs.writeFileSync(path.join(ws, rel), content);
  }
  return { ws, decoy };
}

function hostileConfig(decoy: string): string {
  return `{
    "$schema": ${JSON.stringify(pathToFileURL(decoy).href)},
    "extends": "../outside/secret.json",
    "include": [${JSON.stringify(decoy)}],
    "rules": { "__proto__": { "polluted": "error" }, "constructor": "off", "toString": "off", "n8n/webhook-without-auth": "require('child_process').execSync('touch pwned')" },
    "ignore": ["../outside/**", ${JSON.stringify(decoy)}, "/etc/**"],
    "suppressions": [{ "rule": "n8n/webhook-without-auth", "files": ["../outside/secret.json", ${JSON.stringify(decoy)}], "reason": "\${process.env.HOME}" }]
  }`;
}

/** Reads the sandbox record and checks it (see the module comment). */
function checkRecord(logFile: string, ws: string, decoy: string): SandboxRecord {
  const rec = JSON.parse(fs.readFileSync(logFile, 'utf8')) as SandboxRecord;
  assert.deepEqual(rec.network, [], 'no network use');
  assert.deepEqual(rec.exec, [], 'no process started');
  assert.ok(rec.paths.some((p) => p.includes(ws)), 'the sandbox saw the workspace being read');
  const outside = rec.paths
    .map((p) => p.slice(p.indexOf(' ') + 1))
    .map((p) => (p.startsWith('file:') ? new URL(p).pathname : p))
    .filter((p) => !p.startsWith(ws + path.sep) && p !== ws && !p.startsWith(ROOT + path.sep));
  const promised = /(^|\/)(\.lowcodeguard\.json|\.git|\.gitignore|\.git\/info\/exclude)$/;
  assert.deepEqual([...new Set(outside.filter((p) => !promised.test(p) && !ws.startsWith(p)))], [], 'no path outside the workspace but the documented lookups');
  assert.ok(!rec.paths.some((p) => p.includes(path.dirname(decoy))), 'the file named by the configuration is never touched');
  assert.ok(!fs.existsSync(path.join(ws, 'pwned')) && !fs.existsSync('pwned'));
  return rec;
}

test('CLI in a sandbox: remote $schema/$ref/templateLink URLs and a hostile .lowcodeguard.json cause no network use, no process and no read outside the workspace', { timeout: 120_000 }, () => {
  ensureBuiltCli();
  const base = makeHostileWorkspace('cli', '');
  fs.writeFileSync(path.join(base.ws, '.lowcodeguard.json'), hostileConfig(base.decoy));
  const log = path.join(tmp, 'cli-sandbox.json');
  const r = spawnSync(process.execPath, ['--require', SANDBOX, CLI, 'scan', '.', '--format', 'json', '--fail-on', 'none'], { cwd: base.ws, encoding: 'utf8', env: { ...process.env, LCG_SANDBOX_LOG: log } });
  assert.equal(r.status, 0, r.stderr);
  checkRecord(log, base.ws, base.decoy);
  const out = JSON.parse(r.stdout) as { files: number; findings: { ruleId: string; file: string; message: string }[] };
  assert.equal(out.files, 6, 'the five flows and the configuration (a .json file too) were scanned');
  assert.ok(out.findings.some((f) => f.ruleId === 'n8n/webhook-without-auth' && f.file === 'flows/n8n.json'), 'the webhook finding is there: the code-looking level was refused, not run');
  assert.ok(out.findings.some((f) => f.file === '.lowcodeguard.json' && f.ruleId.startsWith('config/')), 'the configuration problems are reported on it');
  assert.ok(!out.findings.some((f) => f.file.includes('outside')), 'nothing outside the workspace was scanned');
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});

test('CLI: a .lowcodeguard.json that does not parse gives config/syntax-error and the defaults', { timeout: 60_000 }, () => {
  ensureBuiltCli();
  const { ws } = makeHostileWorkspace('broken', '{ "rules": { "n8n/webhook-without-auth": "off", ');
  const r = spawnSync(process.execPath, [CLI, 'scan', '.', '--format', 'json', '--fail-on', 'none'], { cwd: ws, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { findings: { ruleId: string; file: string }[] };
  assert.ok(out.findings.some((f) => f.file === '.lowcodeguard.json' && f.ruleId === 'config/syntax-error'));
  assert.ok(out.findings.some((f) => f.ruleId === 'n8n/webhook-without-auth'), 'defaults: the rule the broken file tried to turn off still runs');
});

test('language server in a sandbox: opening and scanning the hostile workspace uses no network, no process, reads nothing outside', { timeout: 120_000 }, async () => {
  const base = makeHostileWorkspace('server', '');
  fs.writeFileSync(path.join(base.ws, '.lowcodeguard.json'), hostileConfig(base.decoy));
  const log = path.join(tmp, 'server-sandbox.json');
  const saved = { NODE_OPTIONS: process.env.NODE_OPTIONS, LCG_SANDBOX_LOG: process.env.LCG_SANDBOX_LOG };
  process.env.NODE_OPTIONS = `${saved.NODE_OPTIONS ?? ''} --require ${SANDBOX}`.trim();
  process.env.LCG_SANDBOX_LOG = log;
  let server: LspServer;
  try {
    server = await LspServer.start({ workspaceFolders: [{ uri: pathToFileURL(base.ws).href, name: 'ws' }], settings: { lowcodeGuard: { enable: true }, 'files.exclude': {} } });
  } finally {
    for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  try {
    const uri = pathToFileURL(path.join(base.ws, 'flows', 'n8n.json')).href;
    await server.open(uri, fs.readFileSync(path.join(base.ws, 'flows', 'n8n.json'), 'utf8'));
    await server.diagnosticsFor(uri, (p) => p.version === 1);
    const summary = await server.conn.sendRequest(ExecuteCommandRequest.type, { command: SERVER_SCAN_COMMAND, arguments: [] });
    assert.equal((summary as { files: number }).files, 6, 'five flows and the configuration');
  } finally {
    await server.shutdown();
  }
  const rec = checkRecord(log, base.ws, base.decoy);
  assert.ok(rec.paths.some((p) => p.endsWith(`${path.sep}.lowcodeguard.json`)), 'the configuration was read');
});

test('package.json declares limited support for untrusted workspaces: rule levels, enable and the size limit from workspace settings are restricted', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { capabilities?: { untrustedWorkspaces?: { supported: unknown; restrictedConfigurations?: string[]; description?: string } } };
  const uw = pkg.capabilities?.untrustedWorkspaces;
  assert.ok(uw, 'capabilities.untrustedWorkspaces is declared');
  assert.equal(uw.supported, 'limited');
  // Each of these, set by a hostile workspace, could hide findings: rules off, analysis off, every file "too large".
  assert.deepEqual([...(uw.restrictedConfigurations ?? [])].sort(), ['lowcodeGuard.enable', 'lowcodeGuard.maxFileSizeKB', 'lowcodeGuard.rules']);
  assert.match(uw.description ?? '', /\.lowcodeguard\.json/);
});

test('no JSON Schema compiler ships: the built CLI and server hold ajv-generated validators only, so no workspace schema can be compiled', () => {
  // engine/schema/generate.ts turns our bundled schemas into code at build time; ajv's compiler (ajv/dist/core.js)
  // must not be in the bundles, or a schema from a workspace could reach it (compile time, code generation).
  ensureBuiltCli();
  ensureServerBuilt();
  const core = fs.readFileSync(require.resolve('ajv/dist/core.js'), 'utf8');
  const markers = ['schema must be object or boolean', 'ajv implementation error'];
  for (const m of markers) assert.ok(core.includes(m), `ajv's compiler says "${m}" (marker still valid)`);
  // The server is split (scripts/bundle.mjs): server.js (boot), server-main.js (engine and the rest), lib/*.js (shared).
  const serverDir = path.dirname(SERVER_JS);
  const serverBundles = [SERVER_JS, path.join(serverDir, 'server-main.js'), ...fs.readdirSync(path.join(serverDir, 'lib')).filter((f) => f.endsWith('.js')).map((f) => path.join(serverDir, 'lib', f))];
  assert.ok(fs.readFileSync(serverBundles[1], 'utf8').includes('webhook-without-auth'), 'server-main.js holds the engine (the bundles checked are the real ones)');
  for (const bundle of [CLI, ...serverBundles]) {
    const text = fs.readFileSync(bundle, 'utf8');
    assert.deepEqual(markers.filter((m) => text.includes(m)), [], `${path.basename(bundle)} holds no ajv compiler`);
  }
});

test('the sandbox itself records and blocks network use and process starts', () => {
  const log = path.join(tmp, 'self-test.json');
  const script = `
    const tryIt = (f) => { try { f(); } catch {} };
    tryIt(() => require('https').get('https://example.org'));
    tryIt(() => require('net').connect(80, 'example.org'));
    tryIt(() => fetch('https://example.org'));
    tryIt(() => require('dns').lookup('example.org', () => {}));
    tryIt(() => require('child_process').execSync('true'));
    tryIt(() => new (require('worker_threads').Worker)('process.exit(0)', { eval: true }));
    tryIt(() => new (require('worker_threads').Worker)(${JSON.stringify(path.join(tmp, 'workspace-code.js'))}));
    require('fs').readFileSync(${JSON.stringify(__filename)});
    require('fs').writeFileSync(${JSON.stringify(path.join(tmp, 'written.txt'))}, 'x');`;
  const r = spawnSync(process.execPath, ['--require', SANDBOX, '-e', script], { encoding: 'utf8', env: { ...process.env, LCG_SANDBOX_LOG: log } });
  assert.equal(r.status, 0, r.stderr);
  const rec = JSON.parse(fs.readFileSync(log, 'utf8')) as SandboxRecord;
  assert.deepEqual(rec.network, ['https.get', 'net.connect', 'fetch', 'dns.lookup']);
  assert.deepEqual(rec.exec, ['child_process.execSync', 'worker_threads.Worker', 'worker_threads.Worker']);
  assert.ok(rec.paths.includes(`fs.readFileSync ${__filename}`));
  assert.ok(rec.paths.includes(`fs.writeFileSync ${path.join(tmp, 'written.txt')}`));
});
