/**
 * Edits of large open documents, recorded as the client sends them, so the document worker (docWorker.ts) can be
 * sent the few characters that changed instead of a copy of a multi-megabyte text: copying a 5 MB text to a worker
 * costs the main thread about as much as applying the change does (measured, docs/performance.md).
 *
 * `documentsConfiguration` is the `TextDocuments` configuration of the server (boot.ts): `TextDocument` for small
 * texts and {@link LargeTextDocument} for large ones, with each incremental change of a document of at least
 * {@link RECORD_MIN_CHARS} also stored as an offset edit.
 */
import type { TextDocumentContentChangeEvent, TextDocumentsConfiguration } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LargeTextDocument } from './large-document';

/** One replacement in a text: `length` UTF-16 code units at `offset` become `text`. */
export interface OffsetEdit {
  offset: number;
  length: number;
  text: string;
}

/** Documents shorter than this are not recorded (sending them whole is cheap). */
export const RECORD_MIN_CHARS = 100_000;
/** A document's log is dropped when its edits hold more characters than this, or more entries than {@link MAX_ENTRIES}. */
const MAX_LOG_CHARS = 1_000_000;
const MAX_ENTRIES = 1_000;

interface Entry {
  from: number;
  to: number;
  edits: OffsetEdit[];
}

/** Per document: the edits that turned each version into the next (a continuous chain, oldest first). */
export class ChangeLog {
  private readonly logs = new Map<string, { entries: Entry[]; chars: number }>();

  /** Records that `from` became `to` by `edits` (applied in order); undefined edits (whole text replaced) reset the log. */
  record(uri: string, from: number, to: number, edits: OffsetEdit[] | undefined): void {
    const log = this.logs.get(uri);
    if (!edits || (log && log.entries[log.entries.length - 1]?.to !== from)) {
      this.logs.delete(uri);
      if (!edits) return;
    }
    const l = this.logs.get(uri) ?? { entries: [], chars: 0 };
    l.entries.push({ from, to, edits });
    l.chars += edits.reduce((n, e) => n + e.text.length, 0);
    if (l.chars > MAX_LOG_CHARS || l.entries.length > MAX_ENTRIES) this.logs.delete(uri);
    else this.logs.set(uri, l);
  }

  /** The edits that turn version `base` into version `target`, in order; undefined when the log does not cover it. */
  since(uri: string, base: number, target: number): OffsetEdit[] | undefined {
    const entries = this.logs.get(uri)?.entries;
    if (!entries || base === target) return undefined;
    const start = entries.findIndex((e) => e.from === base);
    if (start < 0) return undefined;
    const out: OffsetEdit[] = [];
    for (let i = start; i < entries.length; i++) {
      out.push(...entries[i].edits);
      if (entries[i].to === target) return out;
    }
    return undefined;
  }

  /** Drops the entries that end at or before `version` (the worker holds that version). */
  trim(uri: string, version: number): void {
    const l = this.logs.get(uri);
    if (!l) return;
    const i = l.entries.findIndex((e) => e.to === version);
    if (i < 0) return;
    for (const e of l.entries.splice(0, i + 1)) l.chars -= e.edits.reduce((n, x) => n + x.text.length, 0);
  }

  /** Forgets a document (closed). */
  forget(uri: string): void {
    this.logs.delete(uri);
  }
}

/** The server's change log (one per main thread). */
export const changeLog = new ChangeLog();

/** Applies offset edits in order (each to the result of the previous ones). */
export function applyOffsetEdits(text: string, edits: readonly OffsetEdit[]): string {
  let t = text;
  for (const e of edits) t = t.slice(0, e.offset) + e.text + t.slice(e.offset + e.length);
  return t;
}

/** Applies changes to either kind of document (`TextDocument.update` accepts only its own). */
function apply(doc: TextDocument, changes: TextDocumentContentChangeEvent[], version: number): TextDocument {
  if (doc instanceof LargeTextDocument) {
    doc.update(changes, version);
    return doc;
  }
  return TextDocument.update(doc, changes, version);
}

/** Applies the changes, recording each incremental change of a large document in {@link changeLog}. */
function update(doc: TextDocument, changes: TextDocumentContentChangeEvent[], version: number): TextDocument {
  const from = doc.version;
  if ((doc instanceof LargeTextDocument ? doc.length : doc.getText().length) < RECORD_MIN_CHARS) {
    changeLog.forget(doc.uri);
    return largeWhenLong(apply(doc, changes, version));
  }
  const edits: OffsetEdit[] = [];
  let whole = false;
  for (const c of changes) {
    if ('range' in c && c.range) {
      // As TextDocument.update: a reversed range is taken from its smaller end.
      const a = doc.offsetAt(c.range.start);
      const b = doc.offsetAt(c.range.end);
      edits.push({ offset: Math.min(a, b), length: Math.abs(b - a), text: c.text });
    } else whole = true;
    apply(doc, [c], version);
  }
  changeLog.record(doc.uri, from, version, whole ? undefined : edits);
  return largeWhenLong(doc);
}

/**
 * `doc`, or the same text and version as a {@link LargeTextDocument} once a small document has grown to
 * {@link LARGE_DOCUMENT_CHARS} (a paste, a whole-text replacement): `TextDocuments` keeps the document `update`
 * returns. The text is copied once here, instead of at every later keystroke.
 */
function largeWhenLong(doc: TextDocument): TextDocument {
  if (doc instanceof LargeTextDocument) return doc;
  const text = doc.getText();
  if (text.length < LARGE_DOCUMENT_CHARS) return doc;
  text.charCodeAt(0); // flattens the library's joined text once
  return new LargeTextDocument(doc.uri, doc.languageId, doc.version, text);
}

/**
 * Documents of at least this many characters are {@link LargeTextDocument}s: an edit does not copy their text on the
 * main thread (a copy of a 5 MB text took ~40 ms per keystroke there; see large-document.ts).
 */
export const LARGE_DOCUMENT_CHARS = RECORD_MIN_CHARS;

function create(uri: string, languageId: string, version: number, content: string): TextDocument {
  return content.length >= LARGE_DOCUMENT_CHARS ? new LargeTextDocument(uri, languageId, version, content) : TextDocument.create(uri, languageId, version, content);
}

/** The `TextDocuments` configuration of the server: {@link TextDocument}s (large ones {@link LargeTextDocument}) with recorded changes. */
export const documentsConfiguration: TextDocumentsConfiguration<TextDocument> = { create, update };
