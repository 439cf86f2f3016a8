/**
 * The document worker thread: analyses large open documents off the language server's main thread, so the server
 * keeps answering while a multi-megabyte flow is analysed (docWorker.ts is the main-thread side).
 *
 * This module starts serving when it is initialised in a worker thread whose `workerData.lowcodeGuardWorker` is
 * {@link DOCUMENT_WORKER} (the server bundle started as a worker, see `server.ts`). It keeps, per document URI, the
 * text and full findings (with their lazily computed fix edits) of the last version it analysed, so quick fixes and
 * hovers of that version are answered without analysing again.
 *
 * Requests (main → worker) carry `id`; the answer is `{ id, value }` or `{ id, error }`:
 * - `analyse`: {@link DocRef} (+ `chars`, the text's length, for the main thread's bookkeeping) → {@link Analysis}
 *   with fix edits dropped (they are functions of the text; see `edits`);
 * - `edits`: {@link DocRef} + `indices` (positions in that analysis' findings) → each finding's fix edits, or null;
 * - `hover`: {@link DocRef} + `position` → the LSP hover (lsp/hover.ts);
 * - `fixAll`: {@link DocRef} → the one edit of fix-all (codeActions.ts `fixAllEdit`), or null;
 * - `info`: `{ text, fileName }` → lsp/hover.ts `documentInfo`;
 * - `file`: `{ file, settings, config }` → lsp/scan.ts `readAndAnalyse` of a file on disk (Scan Workspace);
 * - `forget`: `{ uri }` → drops what is kept for that document.
 * A `DocRef` without `text` names a version the worker already holds, or carries the edits from one it holds
 * (changes.ts); if it does not hold it, the answer is `{ id, error: 'missing' }` and the main thread sends the text.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position } from 'vscode-languageserver/node';
import { compileConfig, mergeLevels, type GuardConfig } from '../config';
import type { Finding, RuleLevel, TextEdit } from '../engine';
import { fixAllEdit } from './codeActions';
import { applyOffsetEdits, type OffsetEdit } from './changes';
import { analyseText, type Analysis } from './diagnostics';
import { documentInfo, hoverAt } from './hover';
import { readAndAnalyse } from './scan';
import type { DocConfig } from './config';
import type { GuardSettings } from './settings';

/** `workerData.lowcodeGuardWorker` of the document worker. */
export const DOCUMENT_WORKER = 'document';

/** A document's configuration as plain data (the matcher is compiled again in the worker). */
export interface WireConfig {
  levels: Record<string, RuleLevel>;
  config?: GuardConfig;
  folder?: string;
  path?: string;
}

/** Which document version a request is about, with what to analyse it under. */
export interface DocRef {
  uri: string;
  version: number;
  /** The text of that version; left out when the worker is known to hold it, or when `edits` are sent instead. */
  text?: string;
  /** Instead of `text`: the version the worker holds, and the edits that turn its text into this version's. */
  base?: number;
  edits?: OffsetEdit[];
  settings: GuardSettings;
  config?: WireConfig;
}

/** Requests the worker answers. */
export type WorkerRequest =
  | ({ kind: 'analyse'; chars?: number } & DocRef)
  | ({ kind: 'edits'; indices: number[] } & DocRef)
  | ({ kind: 'hover'; position: Position } & DocRef)
  | ({ kind: 'fixAll' } & DocRef)
  | { kind: 'info'; text: string; fileName: string }
  | { kind: 'file'; file: string; settings: GuardSettings; config?: WireConfig }
  | { kind: 'forget'; uri: string };

/** `DocConfig` → plain data for the worker. */
export function toWire(config: DocConfig | undefined): WireConfig | undefined {
  if (!config) return undefined;
  const w: WireConfig = { levels: { ...config.levels } };
  if (config.matcher) {
    w.config = config.matcher.config;
    w.folder = config.matcher.folder;
  }
  if (config.path) w.path = config.path;
  return w;
}

/** Plain data → `DocConfig` (levels as a null-prototype object again, globs compiled). */
export function fromWire(w: WireConfig | undefined): DocConfig | undefined {
  if (!w) return undefined;
  const c: DocConfig = { levels: mergeLevels(w.levels) };
  if (w.config && w.folder) c.matcher = compileConfig(w.config, w.folder);
  if (w.path) c.path = w.path;
  return c;
}

/** A fix without its edits (which are computed from the text and cannot cross threads). */
export function withoutEdits(f: Finding): Finding {
  if (!f.fix) return f;
  const fix = f.fix.isPreferred === undefined ? { title: f.fix.title, edits: [] } : { title: f.fix.title, edits: [], isPreferred: f.fix.isPreferred };
  return { ...f, fix };
}

interface Held {
  version: number;
  text: string;
  analysis: Analysis;
}

const held = new Map<string, Held>();

/** The analysis of a document version: the held one, else analysed now (and held). Undefined: text missing. */
function analysisOf(ref: DocRef): Held | undefined {
  const h = held.get(ref.uri);
  if (h && h.version === ref.version && !ref.edits && (ref.text === undefined || ref.text === h.text)) return h;
  let text = ref.text;
  if (text === undefined && ref.edits && h && h.version === ref.base) text = applyOffsetEdits(h.text, ref.edits);
  if (text === undefined) return undefined;
  const settings: GuardSettings = { ...ref.settings, rules: mergeLevels(ref.settings.rules) };
  const analysis = analyseText(text, ref.uri, settings, fromWire(ref.config));
  const next: Held = { version: ref.version, text, analysis };
  held.set(ref.uri, next);
  return next;
}

const MISSING = 'missing';

/** Answers one request (throws `MISSING` when a text is needed). */
async function answer(req: WorkerRequest): Promise<unknown> {
  switch (req.kind) {
    case 'forget':
      held.delete(req.uri);
      return null;
    case 'info':
      return documentInfo(req.text, req.fileName);
    case 'file': {
      const a = await readAndAnalyse(req.file, { ...req.settings, rules: mergeLevels(req.settings.rules) }, fromWire(req.config));
      return { ...a, findings: a.findings.map(withoutEdits) } satisfies Analysis;
    }
    default:
  }
  const h = analysisOf(req);
  if (!h) throw new Error(MISSING);
  switch (req.kind) {
    case 'analyse': {
      const a = h.analysis;
      return { ...a, findings: a.findings.map(withoutEdits) } satisfies Analysis;
    }
    case 'edits':
      return req.indices.map((i): TextEdit[] | null => {
        try {
          const fix = h.analysis.findings[i]?.fix;
          return fix ? [...fix.edits].map((e) => ({ offset: e.offset, length: e.length, content: e.content })) : null;
        } catch {
          return null; // a failing lazy edit costs this fix only
        }
      });
    case 'hover':
      return hoverAt(TextDocument.create(req.uri, 'json', req.version, h.text), h.analysis.findings, req.position);
    case 'fixAll': {
      const settings: GuardSettings = { ...req.settings, rules: mergeLevels(req.settings.rules) };
      const config = fromWire(req.config);
      return (await fixAllEdit(h.text, h.analysis.findings, async (text) => analyseText(text, req.uri, settings, config).findings)) ?? null;
    }
  }
}

/** Worker side: answers {@link WorkerRequest}s in arrival order. */
function serve(): void {
  const port = parentPort!;
  port.on('message', (m: { id: number; req: WorkerRequest }) => {
    answer(m.req).then(
      (value) => port.postMessage({ id: m.id, value }),
      (e: unknown) => port.postMessage({ id: m.id, error: e instanceof Error && e.message === MISSING ? MISSING : describe(e) }),
    );
  });
}

/** An error's class and code, never its message (messages may quote document text). */
function describe(e: unknown): string {
  const err = e as { name?: string; code?: string };
  return `${err?.name ?? 'Error'}${err?.code ? ` (${err.code})` : ''}`;
}

if (!isMainThread && (workerData as { lowcodeGuardWorker?: string } | null)?.lowcodeGuardWorker === DOCUMENT_WORKER) serve();
