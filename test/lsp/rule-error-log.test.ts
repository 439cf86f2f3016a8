/**
 * Issue #5, "a rule that throws is reported once in the log (and as a diagnostic on the file)": the language server's
 * `DocumentDiagnostics` logs one warning per (document, failing rule), not one per keystroke, with the rule id, the
 * URI and the engine's already-redacted error text, never document text or secrets.
 *
 * In process, not over the built server: the built server has no way to make a rule throw (no test switch in
 * `initializationOptions`, and no input makes a shipped rule throw — the fuzz and corpus tests check that), so a
 * throwing rule is added to the engine's rule list here and `DocumentDiagnostics` runs with stand-in connection,
 * documents and settings.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { allRules, RULE_ERROR_ID, type Finding, type Rule } from '../../server/src/engine';
import { defineRule } from '../../server/src/engine/rule';
import { DocumentDiagnostics, RuleErrorLog } from '../../server/src/lsp/diagnostics';
import { DEFAULT_SETTINGS } from '../../server/src/lsp/settings';
import type { Logger } from '../../server/src/lsp/log';
import { n8nWorkflow } from '../helpers';

const SECRET = 'sk_live_51HqLyjWDarjtT1zdp7dcXyzAbC';
const hook = (path: string) => n8nWorkflow([{ id: '1', name: 'Hook', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], webhookId: 'w', parameters: { path, apiKey: SECRET } }]);
const meta = { owasp: 'LCNC-SEC-01', defaultSeverity: 'error', description: 'test', formats: ['n8n'], fixable: false } as const;

/** A logger that records every line with its level. */
function recorder(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, error: (m) => lines.push(`error ${m}`), warn: (m) => lines.push(`warn ${m}`), info: (m) => lines.push(`info ${m}`) };
}

/** Runs `fn` with extra rules in the engine's rule list (removed afterwards). */
async function withRules<T>(extra: Rule[], fn: () => Promise<T>): Promise<T> {
  const list = allRules as Rule[];
  list.push(...extra);
  try {
    return await fn();
  } finally {
    for (const r of extra) list.splice(list.indexOf(r), 1);
  }
}

test('DocumentDiagnostics: a throwing rule is logged once per document over many versions, again after close, and is a diagnostic every time', async () => {
  // The rule throws an error quoting document content (the secret): the engine's errorText must have removed it.
  const throwing = defineRule({ ...meta, id: 'test/throws' }, (ctx) => {
    throw new TypeError(`cannot read ${ctx.text.slice(ctx.text.indexOf(SECRET), ctx.text.indexOf(SECRET) + SECRET.length)} of undefined`);
  });
  const log = recorder();
  const docs = new Map<string, TextDocument>();
  const sent: unknown[] = [];
  const connection = { sendDiagnostics: async (p: unknown) => void sent.push(p) };
  const documents = { get: (uri: string) => docs.get(uri), all: () => [...docs.values()] };
  const settings = { forResource: async () => DEFAULT_SETTINGS };
  const dd = new DocumentDiagnostics(connection as never, documents as never, settings as never, log, 0);
  const a = 'file:///ws/a.json';
  const b = 'file:///ws/b.json';
  await withRules([throwing], async () => {
    for (let v = 1; v <= 5; v++) {
      docs.set(a, TextDocument.create(a, 'json', v, hook(`p${v}`)));
      const result = await dd.analysisOf(a);
      assert.deepEqual(
        result!.findings.filter((f) => f.ruleId === RULE_ERROR_ID).map((f) => f.message),
        ['Rule test/throws failed on this file and was skipped: TypeError: cannot read … of undefined'],
        `version ${v}: the diagnostic is there every time`,
      );
      assert.ok(result!.diagnostics.some((d) => d.code === RULE_ERROR_ID));
    }
    docs.set(b, TextDocument.create(b, 'json', 1, hook('b')));
    await dd.analysisOf(b);
    assert.deepEqual(log.lines, [
      'warn [diagnostics] rule test/throws failed on file:///ws/a.json and was skipped: TypeError: cannot read … of undefined',
      'warn [diagnostics] rule test/throws failed on file:///ws/b.json and was skipped: TypeError: cannot read … of undefined',
    ]);
    // Closed and reopened: a new session of that document logs again (once).
    dd.forget(a);
    docs.set(a, TextDocument.create(a, 'json', 1, hook('again')));
    await dd.analysisOf(a);
    docs.set(a, TextDocument.create(a, 'json', 2, hook('again2')));
    await dd.analysisOf(a);
    assert.equal(log.lines.length, 3);
  });
  assert.ok(!log.lines.some((l) => l.includes(SECRET) || l.includes('"nodes"') || l.includes('Hook')), 'no secret or document text in the log');
  // The rule is gone again: no failure, no new log line.
  docs.set(b, TextDocument.create(b, 'json', 2, hook('b2')));
  const after = await dd.analysisOf(b);
  assert.deepEqual(after!.findings.filter((f) => f.ruleId === RULE_ERROR_ID), []);
  assert.equal(log.lines.length, 3);
});

test('RuleErrorLog: one line per (document, rule); two failing rules in one file give two lines; other findings none', () => {
  const log = recorder();
  const errors = new RuleErrorLog(log);
  const f = (ruleId: string, message: string): Finding => ({ ruleId, severity: 'warning', message, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, offset: 0, length: 0, pointer: '' });
  const findings = [
    f(RULE_ERROR_ID, 'Rule x/one failed on this file and was skipped: RangeError: boom'),
    f(RULE_ERROR_ID, 'Rule x/two failed on this file and was skipped: a number was thrown'),
    f(RULE_ERROR_ID, 'Schema validation failed: Error: …'),
    f('n8n/webhook-without-auth', 'Rule x/three failed on this file and was skipped: not an engine finding'),
  ];
  assert.equal(errors.note('file:///a.json', findings), 3);
  assert.equal(errors.note('file:///a.json', findings), 0);
  assert.equal(errors.note('file:///a.json', findings.slice(0, 1)), 0);
  assert.deepEqual(log.lines, [
    'warn [diagnostics] rule x/one failed on file:///a.json and was skipped: RangeError: boom',
    'warn [diagnostics] rule x/two failed on file:///a.json and was skipped: a number was thrown',
    'warn [diagnostics] Schema validation failed: Error: … (file:///a.json)',
  ]);
  errors.forget('file:///a.json');
  assert.equal(errors.note('file:///a.json', findings.slice(1, 2)), 1);
  assert.equal(errors.note('file:///b.json', []), 0);
});
