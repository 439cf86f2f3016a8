import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver/node';
import { LargeTextDocument, MAX_PENDING } from '../../server/src/lsp/large-document';

/** Everything a reader of a document can observe, for comparing two documents. */
function observe(doc: TextDocument, probes: number[]): unknown {
  const text = doc.getText();
  const lines = doc.lineCount;
  return {
    text,
    version: doc.version,
    lines,
    positions: probes.map((o) => doc.positionAt(o)),
    offsets: probes.map((o) => doc.offsetAt({ line: (o % (lines + 2)) - 1, character: (o * 7) % 13 })),
    lineRanges: [-1, 0, 1, lines - 1, lines, lines + 3].map((l) => doc.getLineRange(l)),
    eols: [-1, 0, 1, lines - 2, lines - 1, lines].map((l) => doc.getEOLCharacters(l)),
    part: doc.getText({ start: { line: 0, character: 1 }, end: { line: 1, character: 2 } }),
  };
}

const piece = fc.constantFrom('a', 'bc', '\n', '\r', '\r\n', '\r\r\n', ' ', 'é', '😀', 'xyz\nq', '');
const textArb = fc.array(piece, { maxLength: 12 }).map((p) => p.join(''));
/** A change drawn as numbers and placed in the document when applied: lines within it (as editors send them). */
type Drawn = { full: boolean; sl: number; sc: number; el: number; ec: number; text: string };
const drawn: fc.Arbitrary<Drawn> = fc.record({ full: fc.integer({ min: 0, max: 9 }).map((n) => n === 0), sl: fc.nat(50), sc: fc.nat(9), el: fc.nat(50), ec: fc.nat(9), text: textArb });
function place(d: Drawn, lines: number): TextDocumentContentChangeEvent {
  if (d.full) return { text: d.text };
  return { range: { start: { line: d.sl % lines, character: d.sc }, end: { line: d.el % lines, character: d.ec } }, text: d.text };
}

test('property: LargeTextDocument gives the text, positions, offsets and lines TextDocument gives, edit after edit', () => {
  fc.assert(
    fc.property(textArb, fc.array(fc.array(drawn, { minLength: 1, maxLength: 3 }), { maxLength: 40 }), fc.array(fc.integer({ min: -2, max: 60 }), { minLength: 5, maxLength: 5 }), (initial, batches, probes) => {
      const lib = TextDocument.create('file:///a.json', 'json', 1, initial);
      const ours = new LargeTextDocument('file:///a.json', 'json', 1, initial);
      assert.deepEqual(observe(ours, probes), observe(lib, probes));
      let version = 1;
      for (const batch of batches) {
        version++;
        // Each change of a batch is placed in the text as it is before that change (as a client computes them).
        for (const d of batch) {
          const c = place(d, lib.lineCount);
          TextDocument.update(lib, [c], version);
          ours.update([c], version);
        }
        assert.equal(ours.length, lib.getText().length);
        for (let o = -1; o <= ours.length; o++) assert.equal(ours.charCodeAt(o), lib.getText().charCodeAt(o));
        assert.deepEqual(observe(ours, probes), observe(lib, probes), JSON.stringify({ initial, batches }));
      }
    }),
    { seed: 424245, numRuns: 1500 },
  );
});

test('ranges outside the document (which editors do not send) neither throw nor change the text differently', () => {
  const lib = TextDocument.create('file:///h.json', 'json', 1, 'ab\ncd');
  const ours = new LargeTextDocument('file:///h.json', 'json', 1, 'ab\ncd');
  const changes: TextDocumentContentChangeEvent[] = [
    { range: { start: { line: 7, character: 0 }, end: { line: 5, character: 0 } }, text: '\n\r' },
    { range: { start: { line: -3, character: -1 }, end: { line: 0, character: 99 } }, text: 'x' },
    { range: { start: { line: 1, character: 0 }, end: { line: 40, character: 0 } }, text: '' },
  ];
  let v = 1;
  for (const c of changes) {
    TextDocument.update(lib, [c], ++v);
    ours.update([c], v);
    assert.equal(ours.getText(), lib.getText());
  }
});

test('long edit sessions fold the pending edits into a new base and stay equal', () => {
  const initial = 'line one\r\nline two\nline three\r\n'.repeat(50);
  const lib = TextDocument.create('file:///b.json', 'json', 1, initial);
  const ours = new LargeTextDocument('file:///b.json', 'json', 1, initial);
  for (let v = 2; v < 2 + MAX_PENDING * 3; v++) {
    const line = v % 120;
    const c: TextDocumentContentChangeEvent = { range: { start: { line, character: v % 5 }, end: { line, character: (v % 5) + (v % 3) } }, text: v % 7 === 0 ? '\r\n' : 'x' };
    TextDocument.update(lib, [c], v);
    ours.update([c], v);
  }
  assert.deepEqual(observe(ours, [0, 5, 77, 1000, 5000]), observe(lib, [0, 5, 77, 1000, 5000]));
});

test('an edit does not copy the text: the joined text is built from slices, the base stays the same string', () => {
  const initial = '{"a":1}\n'.repeat(100_000);
  const ours = new LargeTextDocument('file:///c.json', 'json', 1, initial);
  ours.update([{ range: { start: { line: 0, character: 1 }, end: { line: 0, character: 1 } }, text: ' ' }], 2);
  // The base is untouched (same string object): the edit is pending, read through charCodeAt.
  assert.equal((ours as unknown as { base: string }).base, initial);
  assert.equal(ours.charCodeAt(1), 32);
  assert.equal(ours.length, initial.length + 1);
  assert.equal(ours.getText().slice(0, 10), '{ "a":1}\n{');
});

test('a document that grows past the threshold (a paste, a whole-text replacement) becomes a LargeTextDocument with the same text', async () => {
  const { documentsConfiguration, LARGE_DOCUMENT_CHARS } = await import('../../server/src/lsp/changes');
  const big = '{"a":"b"}\r\n'.repeat(Math.ceil(LARGE_DOCUMENT_CHARS / 11) + 1);
  let doc = documentsConfiguration.create('file:///g.json', 'json', 1, '{}');
  assert.ok(!(doc instanceof LargeTextDocument));
  doc = documentsConfiguration.update(doc, [{ range: { start: { line: 0, character: 1 }, end: { line: 0, character: 1 } }, text: big }], 2);
  assert.ok(doc instanceof LargeTextDocument);
  const lib = TextDocument.create('file:///g.json', 'json', 2, '{' + big + '}');
  assert.deepEqual(observe(doc, [0, 11, 5000]), observe(lib, [0, 11, 5000]));
  const c: TextDocumentContentChangeEvent = { range: { start: { line: 3, character: 2 }, end: { line: 4, character: 0 } }, text: 'Z' };
  doc = documentsConfiguration.update(doc, [c], 3);
  TextDocument.update(lib, [c], 3);
  assert.deepEqual(observe(doc, [0, 11, 5000]), observe(lib, [0, 11, 5000]));
  // A whole-text replacement of a small document by a large one.
  let whole = documentsConfiguration.create('file:///w.json', 'json', 1, '{}');
  whole = documentsConfiguration.update(whole, [{ text: big }], 2);
  assert.ok(whole instanceof LargeTextDocument);
  assert.equal(whole.getText(), big);
});
