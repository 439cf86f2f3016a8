/**
 * `engine/remote-reference` (issue #5, "no network access ever: a remote reference yields a diagnostic"): a remote
 * `$schema`/`$ref` in a detected low-code file gives one info finding on its value, saying it was not fetched; the
 * platforms' own well-known `$schema` ids do not (checked over the whole corpus too).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, REMOTE_REFERENCE_ID, type Finding } from '../../server/src/engine';
import { isRemoteReference, MAX_URL_IN_MESSAGE, quoteUrl } from '../../server/src/engine/remote-ref';
import { CORPUS, json, n8nWorkflow } from '../helpers';

const WDL_SCHEMA = 'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#';
const hook = { id: '1', name: 'Hook', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], webhookId: 'w', parameters: { path: 'x', options: {} } };
const remote = (text: string, opts: Parameters<typeof analyze>[1] = {}): Finding[] => analyze(text, { skipSchema: true, only: [], ...opts }).findings.filter((f) => f.ruleId === REMOTE_REFERENCE_ID);
const slice = (text: string, f: Finding) => text.slice(f.offset, f.offset + f.length);

test('n8n: a remote $schema and $refs (top level and nested in parameters) each give one info finding on the value', () => {
  const text = JSON.stringify(
    { $schema: 'https://evil.example/n8n.schema.json', ...JSON.parse(n8nWorkflow([{ ...hook, parameters: { path: 'x', schema: { $ref: 'http://evil.example/p.json', local: { $ref: '#/definitions/a' } } } }])), $ref: '//evil.example/ref.json' },
    null,
    2,
  );
  const found = remote(text);
  assert.deepEqual(
    found.map((f) => [f.pointer, slice(text, f), f.severity, f.owasp, f.docsUrl]),
    [
      ['/$schema', '"https://evil.example/n8n.schema.json"', 'info', undefined, 'https://github.com/lowcode-guard/lowcode-guard/blob/main/docs/rules/README.md#engineremote-reference'],
      ['/nodes/0/parameters/schema/$ref', '"http://evil.example/p.json"', 'info', undefined, 'https://github.com/lowcode-guard/lowcode-guard/blob/main/docs/rules/README.md#engineremote-reference'],
      ['/$ref', '"//evil.example/ref.json"', 'info', undefined, 'https://github.com/lowcode-guard/lowcode-guard/blob/main/docs/rules/README.md#engineremote-reference'],
    ],
  );
  assert.equal(
    found[0].message,
    '"$schema" names a remote schema (https://evil.example/n8n.schema.json) that was not fetched: Low-Code Guard never downloads anything. This file was checked only with the schema and rules bundled for n8n.',
  );
  assert.equal(
    found[1].message,
    '"$ref" names a remote referenced document (http://evil.example/p.json) that was not fetched: Low-Code Guard never downloads anything. This file was checked only with the schema and rules bundled for n8n.',
  );
  // The range maps to the right line/character (UTF-16), as the editor shows it.
  const line = text.split('\n').findIndex((l) => l.includes('"http://evil.example/p.json"'));
  assert.deepEqual(found[1].range.start, { line, character: text.split('\n')[line].indexOf('"http://') });
});

test('the other rules still run beside it, and it runs with every rule on', () => {
  const text = JSON.stringify({ $schema: 'https://evil.example/s.json', ...JSON.parse(n8nWorkflow([hook])) });
  const ids = analyze(text).findings.map((f) => f.ruleId);
  assert.ok(ids.includes(REMOTE_REFERENCE_ID));
  assert.ok(ids.includes('n8n/webhook-without-auth'));
});

test('Logic Apps, Node-RED and Power Automate: a remote $ref / unknown $schema is reported with the platform name; the WDL schema id is not', () => {
  const la = json({ definition: { $schema: WDL_SCHEMA, contentVersion: '1.0.0.0', triggers: { manual: { type: 'Request', kind: 'Http', inputs: { schema: { $ref: 'https://evil.example/body.json' } } } }, actions: {} }, kind: 'Stateful' });
  assert.deepEqual(remote(la).map((f) => [f.pointer, slice(la, f)]), [['/definition/triggers/manual/inputs/schema/$ref', '"https://evil.example/body.json"']]);
  assert.match(remote(la)[0].message, /bundled for Azure Logic Apps\.$/);
  const nr = json([{ id: 'a', type: 'http in', z: 't', url: '/x', method: 'post', wires: [[]] }, { id: 't', type: 'tab', $schema: 'FTP://evil.example/nr.json' }]);
  assert.deepEqual(remote(nr).map((f) => [f.pointer, slice(nr, f)]), [['/1/$schema', '"FTP://evil.example/nr.json"']]);
  assert.match(remote(nr)[0].message, /bundled for Node-RED\.$/);
  const pa = json({ properties: { definition: { $schema: 'https://evil.example/workflowdefinition.json#', triggers: {}, actions: {} } } });
  assert.deepEqual(remote(pa).map((f) => [f.pointer, f.severity]), [['/properties/definition/$schema', 'info']]);
});

test('platform $schema ids are known: WDL, ARM templates, JSON Schema meta-schemas, Adaptive Cards; a $ref to the same hosts is still reported', () => {
  for (const id of [
    WDL_SCHEMA,
    'https://schema.management.azure.com/schemas/2015-01-01/deploymentTemplate.json#',
    'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#',
    'http://json-schema.org/draft-07/schema#',
    'https://json-schema.org/draft/2020-12/schema',
    'http://adaptivecards.io/schemas/adaptive-card.json',
  ]) {
    assert.equal(isRemoteReference('$schema', id), false, id);
    assert.equal(isRemoteReference('$ref', id), true, `$ref ${id}`);
  }
  // Look-alike hosts are not the platform's.
  assert.equal(isRemoteReference('$schema', 'https://schema.management.azure.com.evil.example/x.json'), true);
  assert.equal(isRemoteReference('$schema', 'https://evil.example/schema.management.azure.com/x.json'), true);
});

test('not remote: local and relative references, file: URLs, expressions, other keys, non-string values', () => {
  for (const v of ['#/definitions/a', '/schemaLink', './x.json', 'x.json', 'file:///etc/passwd', '{{ $env.WEBHOOK_URL }}', '', 'httpx://a']) assert.equal(isRemoteReference('$ref', v), false, v);
  for (const v of ['http://a', 'HTTPS://a', ' https://a', 'ftp://a', 'ftps://a', 'ws://a', 'wss://a', '//a/b']) assert.equal(isRemoteReference('$ref', v), true, v);
  assert.equal(isRemoteReference('$id', 'https://evil.example/x'), false);
  assert.equal(isRemoteReference('url', 'https://evil.example/x'), false);
  const text = JSON.stringify({ ...JSON.parse(n8nWorkflow([hook])), $ref: 42, x: { $schema: ['https://evil.example/a'] }, $id: 'https://evil.example/id' });
  assert.deepEqual(remote(text), []);
});

test('an escaped key (\\u0024ref) is still a $ref', () => {
  const text = n8nWorkflow([hook]).replace(/^\{/, '{"\\u0024ref": "https://evil.example/r.json",');
  assert.deepEqual(remote(text).map((f) => [f.pointer, slice(text, f)]), [['/$ref', '"https://evil.example/r.json"']]);
});

test('only on detected low-code files: arbitrary JSON with a remote $schema gets nothing', () => {
  for (const t of [json({ $schema: 'https://evil.example/s.json', a: 1 }), json({ $ref: 'http://evil.example/r.json' }), json([{ $ref: 'http://evil.example/r.json' }])]) {
    const r = analyze(t);
    assert.equal(r.detection, undefined);
    assert.deepEqual(r.findings, [], t);
  }
});

test('levels: "off" turns it off, another severity replaces info', () => {
  const text = JSON.stringify({ $schema: 'https://evil.example/s.json', ...JSON.parse(n8nWorkflow([hook])) });
  assert.deepEqual(remote(text, { rules: { [REMOTE_REFERENCE_ID]: 'off' } }), []);
  assert.deepEqual(remote(text, { rules: { [REMOTE_REFERENCE_ID]: 'warning' } }).map((f) => f.severity), ['warning']);
});

test('the message quotes at most 100 characters of the URL, without user info, query or fragment', () => {
  assert.equal(quoteUrl('https://user:p4ssw0rd-very-secret@evil.example/x.json?sig=abcdefSECRETTOKEN&x=1#frag'), 'https://…@evil.example/x.json?…');
  assert.equal(quoteUrl('//u@h/p#f'), '//…@h/p');
  assert.equal(quoteUrl('http://a/b\nc'), 'http://a/b\ufffdc');
  const long = 'https://evil.example/' + 'a'.repeat(500) + '.json';
  assert.equal(quoteUrl(long).length, MAX_URL_IN_MESSAGE);
  assert.ok(quoteUrl(long).endsWith('…'));
  const text = JSON.stringify({ $ref: `https://user:SuperSecretPassword123@evil.example/x.json?token=AnotherSecretValue456`, ...JSON.parse(n8nWorkflow([hook])) });
  const [f] = remote(text);
  assert.ok(!f.message.includes('SuperSecretPassword123') && !f.message.includes('AnotherSecretValue456'), f.message);
  const [g] = remote(JSON.stringify({ $ref: long, ...JSON.parse(n8nWorkflow([hook])) }));
  assert.ok(!g.message.includes('a'.repeat(MAX_URL_IN_MESSAGE)), 'no more than 100 characters of the URL');
  assert.ok(g.message.includes('a'.repeat(MAX_URL_IN_MESSAGE - 1 - 'https://evil.example/'.length) + '…'));
});

test('corpus: no engine/remote-reference finding at all; the platform $schema ids it holds are all known', { skip: !CORPUS && 'shared corpus not found at ../shared/corpus' }, () => {
  const rows = fs.readFileSync(path.join(CORPUS!, 'MANIFEST.tsv'), 'utf8').split('\n').slice(1).filter(Boolean);
  const found: string[] = [];
  const schemaIds = new Map<string, number>();
  for (const row of rows) {
    const rel = row.split('\t')[5];
    const text = fs.readFileSync(path.join(CORPUS!, rel), 'utf8');
    const r = analyze(text, { skipSchema: true, only: [], fileName: rel });
    for (const f of r.findings) if (f.ruleId === REMOTE_REFERENCE_ID) found.push(`${rel} ${f.pointer} ${slice(text, f)}`);
    if (r.detection) for (const m of text.matchAll(/"\$schema"\s*:\s*"(https?:[^"]*)"/g)) schemaIds.set(m[1], (schemaIds.get(m[1]) ?? 0) + 1);
  }
  assert.deepEqual(found, []);
  // The corpus does hold the platforms' own ids in detected files (so the test above is not vacuous).
  assert.ok((schemaIds.get(WDL_SCHEMA) ?? 0) >= 200, `WDL $schema occurrences: ${schemaIds.get(WDL_SCHEMA)}`);
  assert.ok((schemaIds.get('https://schema.management.azure.com/schemas/2015-01-01/deploymentTemplate.json#') ?? 0) >= 1);
  for (const id of schemaIds.keys()) assert.equal(isRemoteReference('$schema', id), false, id);
});
