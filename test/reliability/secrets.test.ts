/**
 * No secret leaves. Every secret that `common/hardcoded-secret` and `n8n/hardcoded-credential-in-request` find in
 * the corpus (the raw text at the finding's range, and its JSON-decoded value) and every literal default value that
 * `wdl/secret-parameter-not-secure` reports must appear in:
 * - no finding message of the engine;
 * - no output of the built CLI (stylish, json, sarif; stdout and stderr) over the secret-bearing files;
 * - nothing the built language server writes (stderr, window/logMessage, $/logTrace with trace verbose,
 *   telemetry/event, window/showMessage, published diagnostics, code action results) while it analyses open
 *   secret-bearing documents, answers code actions and scans a workspace holding them.
 * Plus: an error thrown by a rule on a secret (V8's `JSON.parse` quotes its input) does not carry it into the
 * `engine/rule-error` message or a log line.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { findNodeAtLocation, parseTree, type Node } from 'jsonc-parser';
import { CodeActionRequest, ExecuteCommandRequest, SetTraceNotification, type CodeAction, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { analyze, RULE_ERROR_ID, type Finding } from '../../server/src/engine';
import { errorText } from '../../server/src/engine';
import { defineRule } from '../../server/src/engine/rule';
import { stringValues } from '../../server/src/engine/json';
import { parsePointer } from '../../server/src/engine/pointer';
import { describeError } from '../../server/src/lsp/log';
import { SERVER_SCAN_COMMAND } from '../../server/src/lsp/protocol';
import { ensureBuiltCli, runCli } from '../cli/cli-helpers';
import { CORPUS } from '../helpers';
import { LspServer } from '../lsp/harness';
import { recordCounts } from './lib/counts';
import { corpusFiles, corpusText } from './lib/mutations';

const RANGE_RULES = new Set(['common/hardcoded-secret', 'n8n/hardcoded-credential-in-request']);
const PARAM_RULE = 'wdl/secret-parameter-not-secure';
/** Secrets shorter than this are not searched for (a 5-letter value matches ordinary words in messages). */
const MIN_SECRET = 8;

interface SecretFile {
  file: string;
  text: string;
  secrets: string[];
  findings: Finding[];
}

/** The forms a secret can take in output: as written in the file, decoded, and JSON-escaped again. */
function forms(raw: string): string[] {
  const out = new Set([raw]);
  try {
    const decoded = JSON.parse(`"${raw}"`) as string;
    out.add(decoded);
    out.add(JSON.stringify(decoded).slice(1, -1));
  } catch {
    // not a whole string literal body: the raw form only
  }
  return [...out].filter((s) => s.length >= MIN_SECRET);
}

/** The string leaves of the `defaultValue` (any case) of the parameter declaration that holds the finding's node. */
function parameterDefaults(text: string, f: Finding): string[] {
  const root = parseTree(text)!;
  const segs = parsePointer(f.pointer);
  const decl = findNodeAtLocation(root, segs.slice(0, -1).map((s) => (/^\d+$/.test(s) ? Number(s) : s)));
  const dv = decl?.children?.find((p) => String(p.children?.[0].value).toLowerCase() === 'defaultvalue')?.children?.[1];
  const out: string[] = [];
  const walk = (n: Node | undefined) => {
    if (!n) return;
    if (n.type === 'string') out.push(text.slice(n.offset + 1, n.offset + n.length - 1));
    n.children?.forEach(walk);
  };
  walk(dv);
  return out;
}

let files: SecretFile[] = [];
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lcg-secrets-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

before(() => {
  if (!CORPUS) return;
  for (const file of corpusFiles(CORPUS)) {
    const text = corpusText(file);
    const findings = analyze(text, { fileName: file }).findings;
    const secrets = new Set<string>();
    for (const f of findings) {
      if (RANGE_RULES.has(f.ruleId)) forms(text.slice(f.offset, f.offset + f.length)).forEach((s) => secrets.add(s));
      if (f.ruleId === PARAM_RULE) parameterDefaults(text, f).flatMap(forms).forEach((s) => secrets.add(s));
    }
    if (secrets.size) files.push({ file, text, secrets: [...secrets], findings });
  }
});

/** Distinct secret strings (every form) over all secret-bearing files. */
const distinctSecrets = () => new Set(files.flatMap((f) => f.secrets)).size;

/** The secrets (of any file) that occur in `output`, shortened for the failure message. */
function leaked(output: string, among: readonly SecretFile[] = files): string[] {
  return among.flatMap((f) => f.secrets.filter((s) => output.includes(s)).map((s) => `${path.basename(f.file)}: ${s.slice(0, 4)}… (${s.length} chars)`));
}

test('engine: no finding message of a secret-bearing corpus file contains one of its secrets', { skip: !CORPUS && 'shared corpus not found at ../shared/corpus' }, (t) => {
  const count = files.reduce((n, f) => n + f.secrets.length, 0);
  assert.ok(files.length >= 40 && count >= 50, `${files.length} files, ${count} secret forms`);
  for (const f of files) {
    assert.ok(leaked(f.text, [f]).length > 0, `${f.file}: the check finds the secrets in the file itself`);
    assert.deepEqual(leaked(f.findings.map((x) => x.message).join('\n'), [f]), [], f.file);
  }
  t.diagnostic(`${count} secret forms (raw, decoded, re-escaped; ≥ ${MIN_SECRET} chars) in ${files.length} corpus files`);
  recordCounts('secrets-engine', { files: files.length, distinct: distinctSecrets(), outputs: 1, outputNames: 'finding messages' });
});

test('CLI: no secret in stylish, json or sarif output (stdout and stderr), nor in a --output file', { skip: !CORPUS && 'shared corpus not found at ../shared/corpus', timeout: 300_000 }, () => {
  ensureBuiltCli();
  const args = files.map((f) => f.file);
  for (const format of ['stylish', 'json', 'sarif']) {
    const r = runCli(['scan', '--format', format, '--fail-on', 'none', ...args], { cwd: CORPUS });
    assert.equal(r.code, 0, r.stderr);
    assert.ok(r.stdout.length > 1000, `${format}: output written`);
    assert.deepEqual(leaked(r.stdout + r.stderr), [], format);
  }
  const out = path.join(tmp, 'report.sarif');
  const r = runCli(['scan', '--format', 'sarif', '--output', out, ...args], { cwd: CORPUS });
  assert.deepEqual(leaked(fs.readFileSync(out, 'utf8') + r.stdout + r.stderr), []);
  recordCounts('secrets-cli', { files: files.length, distinct: distinctSecrets(), outputs: 4, outputNames: 'CLI stylish, json, sarif, --output file' });
});

test('language server with trace verbose: no secret in anything it writes while analysing, fixing and scanning', { skip: !CORPUS && 'shared corpus not found at ../shared/corpus', timeout: 300_000 }, async (t) => {
  const ws = path.join(tmp, 'ws');
  fs.mkdirSync(ws);
  files.forEach((f, i) => fs.writeFileSync(path.join(ws, `${i}-${path.basename(f.file).slice(-60)}`), f.text));
  const folderUri = pathToFileURL(ws).href;
  const server = await LspServer.start({ workspaceFolders: [{ uri: folderUri, name: 'ws' }], settings: { lowcodeGuard: { enable: true, maxFileSizeKB: 5120 }, 'files.exclude': {} } });
  const other: { method: string; params: unknown }[] = [];
  // vscode-jsonrpc's star handler: every notification without a handler of its own ($/logTrace, telemetry/event, …).
  (server.conn as unknown as { onNotification(h: (method: string, params: unknown) => void): void }).onNotification((method, params) => void other.push({ method, params }));
  const answers: unknown[] = [];
  try {
    await server.conn.sendNotification(SetTraceNotification.type, { value: 'verbose' });
    const open = files.slice(0, 8);
    for (const [i, f] of open.entries()) {
      const uri = pathToFileURL(path.join(tmp, `open-${i}.json`)).href;
      await server.open(uri, f.text);
      const pub = await server.diagnosticsFor(uri, (p) => p.version === 1);
      const diagnostics: Diagnostic[] = pub.diagnostics;
      for (const d of diagnostics) {
        const actions = (await server.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } })) as CodeAction[] | null;
        answers.push(actions);
      }
    }
    answers.push(await server.conn.sendRequest(ExecuteCommandRequest.type, { command: SERVER_SCAN_COMMAND, arguments: [] }));
    // Requests the server must refuse or ignore: they may be logged, still without document content.
    answers.push(await server.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri: folderUri + '/missing.json' }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [] } }));
  } finally {
    await server.dispose();
  }
  const written = JSON.stringify({ stderr: server.stderr, logs: server.logs, other, diagnostics: server.diagnostics, answers });
  assert.deepEqual(leaked(written), []);
  assert.ok(server.diagnostics.length >= files.length, 'the scan published the files');
  recordCounts('secrets-server', { files: files.length, distinct: distinctSecrets(), outputs: 1, outputNames: 'language server (trace verbose: logs, traces, diagnostics, code actions, stderr)' });
  t.diagnostic(`server wrote ${server.logs.length} log messages, ${other.length} other notifications, ${server.diagnostics.length} diagnostics publications, ${server.stderr.length} bytes of stderr`);
});

test('a rule that throws on a secret: the engine/rule-error message and a log line do not quote it', () => {
  const secret = 'sk_test_4eC39HqLyjWDarjtT1zdp7dc';
  const leaky = defineRule({ id: 'test/throws-on-secret', owasp: 'LCNC-SEC-08', defaultSeverity: 'error', description: 'test', formats: ['n8n'], fixable: false }, (ctx) => {
    stringValues(ctx.root, (n) => {
      if ((n.value as string).startsWith('sk_')) JSON.parse(n.value as string); // throws SyntaxError quoting the input
    });
  });
  for (const value of [secret, secret.slice(0, 12)]) {
    const text = JSON.stringify({ nodes: [{ name: 'a', type: 'n8n-nodes-base.set', parameters: { k: value } }], connections: {} });
    const errs = analyze(text, { only: [leaky], skipSchema: true }).findings.filter((f) => f.ruleId === RULE_ERROR_ID);
    assert.equal(errs.length, 1);
    assert.match(errs[0].message, /^Rule test\/throws-on-secret failed on this file and was skipped: SyntaxError: Unexpected token/);
    assert.ok(!errs[0].message.includes(value.slice(0, 8)), errs[0].message);
    let thrown: unknown;
    try {
      JSON.parse(value);
    } catch (e) {
      thrown = e;
    }
    assert.ok(String((thrown as Error).message).includes(value.slice(0, 8)), 'V8 quotes the input (what this guards against)');
    assert.ok(!describeError(thrown).includes(value.slice(0, 8)), describeError(thrown));
  }
  assert.equal(errorText(new TypeError("Cannot read properties of undefined (reading 'length')"), '{}'), "TypeError: Cannot read properties of undefined (reading 'length')");
  assert.equal(errorText('a string', 'x'), 'a string was thrown');
});
