/** SARIF 2.1.0 output of the built CLI: the key fields GitHub code scanning and other viewers read. */
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import type * as Sarif from 'sarif';
import { version } from '../../package.json';
import { ensureBuiltCli, makeWorkspace, positionOf, removeWorkspace, runCli } from './cli-helpers';

const WEBHOOK_ID = 'n8n/webhook-without-auth';
const webhookFlow = (name: string) =>
  JSON.stringify({ name, nodes: [{ id: 'w1', name: 'Incoming', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], parameters: { path: 'p' } }], connections: {} }, null, 2);

describe('lowcode-guard scan --format sarif', () => {
  let ws = '';
  let log: Sarif.Log;
  const text = webhookFlow('Café');
  before(() => {
    ensureBuiltCli();
    ws = makeWorkspace({ 'my flows/open café.json': text, 'b.json': webhookFlow('B'), 'broken.json': '{ "nodes": [], "connections": {} ' });
    const r = runCli(['scan', '--format', 'sarif'], { cwd: ws });
    assert.equal(r.code, 1);
    assert.equal(r.stderr, '');
    log = JSON.parse(r.stdout);
  });
  after(() => removeWorkspace(ws));

  test('log, run and tool driver', () => {
    assert.equal(log.version, '2.1.0');
    assert.equal(log.$schema, 'https://json.schemastore.org/sarif-2.1.0.json');
    assert.equal(log.runs.length, 1);
    const run = log.runs[0];
    assert.equal(run.tool.driver.name, 'Low-Code Guard');
    assert.equal(run.tool.driver.version, version);
    assert.equal(run.columnKind, 'utf16CodeUnits');
    assert.deepEqual(run.originalUriBaseIds, { '%SRCROOT%': { uri: pathToFileURL(ws + '/').href } });
    assert.equal(run.invocations?.[0].executionSuccessful, true);
  });

  test('rules: id, shortDescription, helpUri, OWASP tag, default level; ids unique', () => {
    const rules = log.runs[0].tool.driver.rules!;
    assert.equal(new Set(rules.map((r) => r.id)).size, rules.length);
    const hook = rules.find((r) => r.id === WEBHOOK_ID)!;
    assert.ok(hook.shortDescription?.text);
    assert.equal(hook.helpUri, 'https://github.com/lowcode-guard/lowcode-guard/blob/main/docs/rules/n8n/webhook-without-auth.md');
    assert.deepEqual(hook.properties?.tags, ['security', 'LCNC-SEC-05', 'platform:n8n']);
    assert.equal(hook.properties?.['security-severity'], '5.0');
    assert.equal(hook.defaultConfiguration?.level, 'warning');
    for (const r of rules) {
      assert.match(r.id, /^[a-z0-9-]+\/[a-z0-9-]+$/);
      assert.ok(['error', 'warning', 'note'].includes(r.defaultConfiguration!.level!));
      if (r.properties?.tags?.includes('security')) {
        assert.ok(r.properties.tags.some((t) => /^LCNC-SEC-(0[1-9]|10)$/.test(t)), `${r.id} has an OWASP tag`);
        assert.match(r.helpUri!, /^https:\/\/.+\.md$/);
      }
    }
    assert.equal(rules.find((r) => r.id === 'json/syntax-error')?.defaultConfiguration?.level, 'error');
  });

  test('results: ruleId/ruleIndex agree, level, message, relative URI, 1-based region, fingerprints', () => {
    const run = log.runs[0];
    const rules = run.tool.driver.rules!;
    const results = run.results!;
    for (const res of results) {
      assert.equal(rules[res.ruleIndex!].id, res.ruleId);
      assert.ok(['error', 'warning', 'note'].includes(res.level!));
      assert.ok(res.message.text);
      const loc = res.locations![0].physicalLocation!;
      assert.equal(loc.artifactLocation!.uriBaseId, '%SRCROOT%');
      assert.doesNotMatch(loc.artifactLocation!.uri!, /^\/|^file:|\s/);
      const reg = loc.region!;
      for (const k of ['startLine', 'startColumn', 'endLine', 'endColumn'] as const) assert.ok(reg[k]! >= 1, `${k} is 1-based`);
      assert.match(res.partialFingerprints!['lowcodeGuard/v1'], /^[0-9a-f]{64}$/);
    }
    const fps = results.map((r) => r.partialFingerprints!['lowcodeGuard/v1']);
    assert.equal(new Set(fps).size, fps.length, 'fingerprints are unique');

    const hook = results.find((r) => r.ruleId === WEBHOOK_ID && r.locations![0].physicalLocation!.artifactLocation!.uri!.startsWith('my%20flows'))!;
    assert.equal(hook.level, 'warning');
    assert.equal(hook.locations![0].physicalLocation!.artifactLocation!.uri, 'my%20flows/open%20caf%C3%A9.json');
    const start = positionOf(text, '"n8n-nodes-base.webhook"');
    assert.deepEqual(hook.locations![0].physicalLocation!.region, {
      startLine: start.line + 1,
      startColumn: start.character + 1,
      endLine: start.line + 1,
      endColumn: start.character + 1 + '"n8n-nodes-base.webhook"'.length,
    });
    assert.deepEqual(hook.properties, { jsonPointer: '/nodes/0', fixable: true, owasp: 'LCNC-SEC-05', format: 'n8n' });

    const syntax = results.filter((r) => r.ruleId === 'json/syntax-error');
    assert.ok(syntax.length >= 1);
    assert.ok(syntax.every((r) => r.level === 'error' && r.locations![0].physicalLocation!.artifactLocation!.uri === 'broken.json'));
  });

  test('the same file scanned twice gives the same fingerprints (stable across runs)', () => {
    const again: Sarif.Log = JSON.parse(runCli(['scan', '--format', 'sarif'], { cwd: ws }).stdout);
    assert.deepEqual(
      again.runs[0].results!.map((r) => r.partialFingerprints),
      log.runs[0].results!.map((r) => r.partialFingerprints),
    );
  });
});
