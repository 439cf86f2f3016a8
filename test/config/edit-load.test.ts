/**
 * Adding a suppression to a configuration text (create / edit keeping comments), reading configuration files
 * (lookup upwards, size cap, links outside the folder), and the schema file itself (draft-07, package.json wiring).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import Ajv from 'ajv';
import { applyEdits } from '../../server/src/engine';
import { addSuppression, findConfig, LEVELS, MAX_CONFIG_BYTES, parseConfig, readConfigFile, readFolderConfig, REVIEW_PLACEHOLDER } from '../../server/src/config';
import { CONFIG_SCHEMA } from '../../server/src/config/schema';

const tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'lcg-config-')));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));
const put = (rel: string, text: string | Buffer) => {
  const p = path.join(tmp, rel);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, text);
  return p;
};
const entry = { rule: 'n8n/webhook-without-auth', file: 'flows/hook [v2].json', pointer: '/nodes/0', reason: REVIEW_PLACEHOLDER };

test('addSuppression on no file: a new file with just that suppression, which parses and suppresses the finding', () => {
  const change = addSuppression(undefined, entry);
  assert.deepEqual(change, {
    kind: 'create',
    text: '{\n  "suppressions": [\n    {\n      "rule": "n8n/webhook-without-auth",\n      "files": "flows/hook \\\\[v2\\\\].json",\n      "pointer": "/nodes/0",\n      "reason": "Reviewed: <fill in why>"\n    }\n  ]\n}\n',
  });
  const parsed = parseConfig(change.kind === 'create' ? change.text : '');
  assert.deepEqual(parsed.diagnostics, []);
  assert.deepEqual(parsed.config.suppressions, [{ rule: 'n8n/webhook-without-auth', files: ['flows/hook \\[v2\\].json'], pointer: '/nodes/0', reason: REVIEW_PLACEHOLDER }]);
  assert.equal(addSuppression('  \n', entry)?.kind, 'create', 'a blank file is rewritten whole');
});

test('addSuppression on an existing file: appended with modify, comments and other entries untouched; the pointer is omitted for the root', () => {
  const text = '{\n  // reviewed 2024-05\n  "rules": {\n    "n8n/no-error-workflow": "off" // noisy\n  },\n  "suppressions": [\n    {\n      "rule": "common/hardcoded-secret",\n      "files": "test/**",\n      "reason": "fake keys"\n    }\n  ]\n}\n';
  const change = addSuppression(text, { ...entry, file: 'a.json', pointer: '' });
  assert.ok(change?.kind === 'edit');
  const out = applyEdits(text, change.edits);
  assert.equal(
    out,
    text.replace('"fake keys"\n    }\n', '"fake keys"\n    },\n    {\n      "rule": "n8n/webhook-without-auth",\n      "files": "a.json",\n      "reason": "Reviewed: <fill in why>"\n    }\n'),
  );
  assert.ok(change.edits.every((e) => e.offset > text.indexOf('"fake keys"')), 'edits start after the existing entries');
  assert.equal(parseConfig(out).config.suppressions.length, 2);
  // No suppressions key yet: it is added.
  const noKey = '{\n  "rules": {}\n}';
  const added = addSuppression(noKey, entry);
  assert.ok(added?.kind === 'edit');
  assert.deepEqual(parseConfig(applyEdits(noKey, added.edits)).config.suppressions.map((s) => s.pointer), ['/nodes/0']);
});

test('addSuppression refuses texts it cannot edit safely: syntax errors, a non-object root, a non-array suppressions', () => {
  assert.equal(addSuppression('{ "rules": { ', entry), undefined);
  assert.equal(addSuppression('[]', entry), undefined);
  assert.equal(addSuppression('{ "suppressions": {} }', entry), undefined);
  assert.equal(addSuppression('{"a":' + '['.repeat(10_000) + ']'.repeat(10_000) + '}', entry), undefined, 'absurd nesting is not parsed');
});

test('readConfigFile / readFolderConfig: absent → undefined; present → parsed and compiled for its folder', async () => {
  assert.equal(await readConfigFile(path.join(tmp, 'nope', '.lowcodeguard.json')), undefined);
  const file = put('proj/.lowcodeguard.json', '{ "ignore": ["gen/**"] }');
  const c = await readFolderConfig(path.join(tmp, 'proj'));
  assert.ok(c);
  assert.equal(c.path, file);
  assert.equal(c.folder, path.join(tmp, 'proj'));
  assert.equal(c.matcher.isIgnored(path.join(tmp, 'proj', 'gen', 'x.json')), true);
  assert.equal(c.matcher.isIgnored(path.join(tmp, 'gen', 'x.json')), false);
});

test('findConfig: the nearest file at or above the start folder', async () => {
  put('tree/.lowcodeguard.json', '{ "rules": { "n8n/webhook-without-auth": "off" } }');
  put('tree/sub/.lowcodeguard.json', '{ "rules": { "n8n/webhook-without-auth": "info" } }');
  fs.mkdirSync(path.join(tmp, 'tree', 'sub', 'deeper', 'deepest'), { recursive: true });
  fs.mkdirSync(path.join(tmp, 'tree', 'other'), { recursive: true });
  assert.equal((await findConfig(path.join(tmp, 'tree', 'sub', 'deeper', 'deepest')))?.path, path.join(tmp, 'tree', 'sub', '.lowcodeguard.json'));
  assert.equal((await findConfig(path.join(tmp, 'tree', 'other')))?.path, path.join(tmp, 'tree', '.lowcodeguard.json'));
  assert.equal((await findConfig(path.join(tmp, 'tree')))?.config.rules['n8n/webhook-without-auth'], 'off');
});

test('unreadable configurations give config/unreadable and defaults: a folder, over the size cap, binary, a link outside its folder', async () => {
  fs.mkdirSync(path.join(tmp, 'dir', '.lowcodeguard.json'), { recursive: true });
  put('big/.lowcodeguard.json', '{ "ignore": [' + '"x",'.repeat(MAX_CONFIG_BYTES / 4) + '"y"] }');
  put('bin/.lowcodeguard.json', Buffer.from([0x7b, 0x00, 0x7d]));
  const outside = put('secret/target.json', '{ "ignore": ["**"] }');
  fs.mkdirSync(path.join(tmp, 'linked'), { recursive: true });
  fs.symlinkSync(outside, path.join(tmp, 'linked', '.lowcodeguard.json'));
  const expected: Record<string, RegExp> = {
    dir: /is a folder, not a file/,
    big: /it is over 1024 KB/,
    bin: /it is not a text file/,
    linked: /links to a file outside its folder/,
  };
  for (const [folder, message] of Object.entries(expected)) {
    const c = await readFolderConfig(path.join(tmp, folder));
    assert.ok(c, folder);
    assert.deepEqual(c.diagnostics.map((d) => d.ruleId), ['config/unreadable'], folder);
    assert.match(c.diagnostics[0].message, message);
    assert.deepEqual(c.config.ignore, [], `${folder}: defaults`);
  }
  // Named directly (as with --config), a link is followed.
  assert.deepEqual((await readConfigFile(path.join(tmp, 'linked', '.lowcodeguard.json')))?.config.ignore, ['**']);
});

test('schema: valid draft-07, VS Code JSONC keywords, levels in sync with the lowcodeGuard.rules setting and jsonValidation', () => {
  const meta = new Ajv({ strict: false });
  assert.equal(meta.validateSchema(CONFIG_SCHEMA), true, JSON.stringify(meta.errors));
  const schema = CONFIG_SCHEMA as Record<string, unknown> & { definitions: { level: { enum: string[] } } };
  assert.equal(schema.allowComments, true);
  assert.equal(schema.allowTrailingCommas, true);
  assert.deepEqual(schema.definitions.level.enum, [...LEVELS]);
  const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', 'package.json'), 'utf8'));
  assert.deepEqual(pkg.contributes.jsonValidation, [{ fileMatch: '.lowcodeguard.json', url: './schemas/lowcodeguard-config.schema.json' }]);
  assert.ok(fs.existsSync(path.resolve(__dirname, '..', '..', 'schemas', 'lowcodeguard-config.schema.json')));
  const setting = pkg.contributes.configuration.properties['lowcodeGuard.rules'];
  assert.equal(setting.type, 'object');
  assert.deepEqual(setting.additionalProperties.enum, [...LEVELS]);
});
