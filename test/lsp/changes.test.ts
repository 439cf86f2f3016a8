/**
 * The change log of large documents (lsp/changes.ts): the `TextDocuments` update records each incremental change as
 * offset edits; replaying the edits since a version on that version's text gives the current text exactly.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { applyOffsetEdits, changeLog, documentsConfiguration, RECORD_MIN_CHARS } from '../../server/src/lsp/changes';

const uri = 'file:///tmp/changes-test.json';
const big = Array.from({ length: 5000 }, (_, i) => `  "key${i}": "value ${i} é 😀",`).join('\r\n');

test('replaying the recorded edits on an older text gives the current text (several changes, reversed range, CRLF, astral)', () => {
  assert.ok(big.length > RECORD_MIN_CHARS);
  const doc = documentsConfiguration.create(uri, 'json', 1, big);
  const texts = new Map<number, string>([[1, big]]);
  const changes = [
    [{ range: { start: { line: 5, character: 3 }, end: { line: 5, character: 10 } }, text: 'X' }],
    [{ range: { start: { line: 9, character: 8 }, end: { line: 7, character: 2 } }, text: 'reversed\r\nrange' }],
    [
      { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '{\n' },
      { range: { start: { line: 100, character: 12 }, end: { line: 102, character: 0 } }, text: '' },
    ],
    [{ range: { start: { line: 4999, character: 99 }, end: { line: 5005, character: 0 } }, text: '"end"' }],
  ];
  let version = 1;
  for (const c of changes) {
    documentsConfiguration.update(doc, c, ++version);
    texts.set(version, doc.getText());
    // The same change on a plain TextDocument gives the same text.
  }
  const plain = TextDocument.create(uri, 'json', 1, big);
  version = 1;
  for (const c of changes) TextDocument.update(plain, c, ++version);
  assert.equal(doc.getText(), plain.getText());
  for (let base = 1; base < version; base++) {
    const edits = changeLog.since(uri, base, version);
    assert.ok(edits, `edits since ${base}`);
    assert.equal(applyOffsetEdits(texts.get(base)!, edits), doc.getText(), `from version ${base}`);
  }
  changeLog.trim(uri, 3);
  assert.equal(changeLog.since(uri, 2, version), undefined, 'trimmed');
  assert.ok(changeLog.since(uri, 3, version));
  // A whole-text change resets the log.
  documentsConfiguration.update(doc, [{ text: big }], ++version);
  assert.equal(changeLog.since(uri, 3, version), undefined);
  changeLog.forget(uri);
});

test('small documents are not recorded', () => {
  const doc = documentsConfiguration.create(uri, 'json', 1, '{"a": 1}');
  documentsConfiguration.update(doc, [{ range: { start: { line: 0, character: 1 }, end: { line: 0, character: 1 } }, text: ' ' }], 2);
  assert.equal(doc.getText(), '{ "a": 1}');
  assert.equal(changeLog.since(uri, 1, 2), undefined);
});
