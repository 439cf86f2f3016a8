import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTree } from 'jsonc-parser';
import { activePatterns, entropy, findKnownSecrets, findSecretAssignments, isExpressionOrReference, isSecretName, literalSecret } from '../../../server/src/engine/secrets/scan';
import { SECRET_PATTERNS, CONTEXT_PATTERNS } from '../../../server/src/engine/secrets/patterns';
import { decodedOffsets, spanOf } from '../../../server/src/engine/rules/common/string-offsets';
import { fake } from './fakes';

test('secret-sounding names match by normalised ending; look-alikes do not', () => {
  for (const n of ['password', 'db_password', 'X-API-Key', 'apiKey', 'OPENAI_API_KEY', 'client_secret', 'access_token', 'Authorization', 'private-key', 'Ocp-Apim-Subscription-Key', 'pwd']) {
    assert.equal(isSecretName(n), true, n);
  }
  for (const n of ['passwordField', 'tokenUrl', 'max_tokens', 'secretName', 'nextPageToken', 'csrfToken', 'publicKey', 'key', 'keyword', 'postman-token', 'extendsCredential', '']) {
    assert.equal(isSecretName(n), false, n);
  }
});

test('literalSecret: returns the secret span, dropping "=" and an auth scheme word', () => {
  assert.deepEqual(literalSecret('=Zq7vL2pW9xK4'), { start: 1, end: 13 });
  assert.deepEqual(literalSecret('Bearer Zq7vL2pW9xK4mN'), { start: 7, end: 21 });
  assert.equal(literalSecret('Zq7'), undefined);
  assert.equal(literalSecret('a'.repeat(10_001)), undefined);
  for (const v of ["@{parameters('k')}", "[parameters('k')]", '={{ $env.K }}', '$API_KEY', 'process.env.KEY']) assert.equal(isExpressionOrReference(v), true, v);
  assert.equal(isExpressionOrReference('@@literal'), false);
  assert.ok(entropy('aaaa') === 0 && entropy('abcd') === 2);
});

test('patterns carry hints and the g+d flags; activePatterns selects by hint, also for a hint inside a longer one', () => {
  for (const p of [...SECRET_PATTERNS, ...CONTEXT_PATTERNS]) {
    assert.ok(p.hints.length > 0, p.id);
    assert.ok(p.regex.flags.includes('g') && p.regex.flags.includes('d'), `${p.id} flags`);
  }
  const token = fake('sk-ant-api03-', 90);
  const active = activePatterns(`{"a":"${token}"}`).map((p) => p.id);
  // "sk-" hides inside "sk-ant-": both families stay active.
  assert.ok(active.includes('anthropic-api-key') && active.includes('openai-api-key'), active.join());
  assert.deepEqual(activePatterns('{"a":"nothing to see"}').map((p) => p.id), []);
});

test('activePatterns is exactly "a hint of the pattern occurs in the text", overlapping hints included', () => {
  const all = [...SECRET_PATTERNS, ...CONTEXT_PATTERNS];
  const expected = (t: string) => all.filter((p) => p.hints.some((h) => t.includes(h))).map((p) => p.id);
  // Overlaps: "shpat_" holds Shopify's "shp" and Airtable's "pat", which share the "p"; "SKIA" holds "SK" and "KIA".
  assert.deepEqual(activePatterns('x shpat_ y').map((p) => p.id), ['shopify-token', 'airtable-pat']);
  assert.deepEqual(activePatterns('shpat_').map((p) => p.id), expected('shpat_'));
  assert.deepEqual(activePatterns('SKIA').map((p) => p.id), ['twilio-api-key-sid']);
  // Random texts built from hint pieces and their overlaps, checked against the definition.
  const pieces = [...new Set(all.flatMap((p) => p.hints))].flatMap((h) => [h, h.slice(1), h.slice(0, -1)]).concat(['a', ' ', '_', '-', '=']);
  let seed = 12345;
  const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
  for (let i = 0; i < 3000; i++) {
    let t = '';
    for (let k = rnd(8); k >= 0; k--) t += pieces[rnd(pieces.length)];
    assert.deepEqual(activePatterns(t).map((p) => p.id), expected(t), JSON.stringify(t));
  }
});

test('scanners finish on adversarial input (no catastrophic backtracking)', () => {
  const inputs = [
    'eyJ' + 'a'.repeat(60_000) + '.eyJ' + 'b'.repeat(60_000),
    'Bearer ' + 'a1'.repeat(50_000) + '!',
    'Basic ' + 'QUJD'.repeat(30_000) + '@',
    'Password='.repeat(20_000),
    ';pwd=x'.repeat(20_000),
    '-----BEGIN ' + 'A '.repeat(50_000),
    'AKIA'.repeat(30_000),
    'sig=' + '%2B'.repeat(40_000),
    'a='.repeat(50_000),
    'token: "'.repeat(12_000),
    'x'.repeat(120_000),
  ];
  for (const s of inputs) {
    findKnownSecrets(s);
    findSecretAssignments(s);
    literalSecret(s);
  }
  assert.ok(true);
});

test('decodedOffsets maps decoded string indices to raw document offsets across escapes', () => {
  const text = '{"k": "a\\"b\\u00e9\\n😀z"}';
  const root = parseTree(text)!;
  const node = root.children![0].children![1];
  assert.equal(node.value, 'a"bé\n😀z');
  const map = decodedOffsets(text, node)!;
  const at = (i: number) => text.slice(map[i], map[i + 1]);
  assert.deepEqual([0, 1, 2, 3, 4].map(at), ['a', '\\"', 'b', '\\u00e9', '\\n']);
  assert.equal(text.slice(map[5], map[7]), '😀');
  assert.equal(at(7), 'z');
  assert.equal(map[8], text.lastIndexOf('"'));
  const span = spanOf(text, node, 3, 8, map);
  assert.equal(text.slice(span.offset, span.offset + span.length), '\\u00e9\\n😀z');
});
