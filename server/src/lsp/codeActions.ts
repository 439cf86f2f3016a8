/**
 * Quick fixes (`textDocument/codeAction`, kind `quickfix`) for Low-Code Guard diagnostics, "Show documentation"
 * command actions, and the `source.fixAll.lowcodeGuard` action. ("Ignore this finding" is in ignoreAction.ts.)
 * The fix edits are recomputed from the document's current text (the per-version analysis cache of
 * `DocumentDiagnostics`), never taken from the diagnostic, so they always fit the text they are applied to;
 * the WorkspaceEdit names the document version when the client supports versioned edits.
 */
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type WorkspaceEdit } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { rulesById, type Finding, type TextEdit } from '../engine';
import { fixAll } from '../engine/fix-all';
import { trim } from '../config/edit';
import { DIAGNOSTIC_SOURCE, FIX_ALL_KIND, SERVER_SHOW_DOCS_COMMAND, type DiagnosticData } from './protocol';

export { FIX_ALL_KIND };

/**
 * True when the request's `context.only` filter admits `kind`. Kinds are hierarchical (`source` ⊃ `source.fixAll` ⊃
 * `source.fixAll.lowcodeGuard`); no filter admits everything.
 */
export function admits(only: readonly string[] | undefined, kind: string): boolean {
  if (!only || only.length === 0) return true;
  return only.some((k) => k === '' || k === kind || kind.startsWith(k + '.'));
}

/** True when the request's `context.only` filter admits quick fixes. */
export function wantsQuickFixes(only: readonly string[] | undefined): boolean {
  return admits(only, CodeActionKind.QuickFix);
}

/** True for diagnostics this server published (they carry {@link DiagnosticData}). */
export function isOurs(d: Diagnostic): boolean {
  const data = d.data as DiagnosticData | undefined;
  return d.source === DIAGNOSTIC_SOURCE && !!data && typeof data.ruleId === 'string';
}

/** True for diagnostics this server published that announce a fix. */
export function hasFix(d: Diagnostic): boolean {
  const data = d.data as DiagnosticData | undefined;
  return d.source === DIAGNOSTIC_SOURCE && !!data && typeof data.ruleId === 'string' && !!data.fix;
}

function sameRange(a: Finding['range'], b: Diagnostic['range']): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

/**
 * The current finding a diagnostic stands for: same rule id and pointer; among those, the one with the same range,
 * else the one with the same ordinal (`data.index`), else the first. Undefined when the finding is gone.
 */
export function findingFor(d: Diagnostic, findings: readonly Finding[]): Finding | undefined {
  const data = d.data as DiagnosticData;
  const candidates = findings.filter((f) => f.ruleId === data.ruleId && f.pointer === data.pointer);
  return candidates.find((f) => sameRange(f.range, d.range)) ?? candidates[data.index] ?? candidates[0];
}

/**
 * Quick fixes for the request's diagnostics: one per diagnostic whose current finding has a fix, with the
 * fix's edits as a WorkspaceEdit (`documentChanges` with the document version when `versioned`, else `changes`),
 * `isPreferred` from the fix and `diagnostics: [that diagnostic]`.
 */
export function quickFixes(params: CodeActionParams, doc: TextDocument, findings: readonly Finding[], versioned: boolean): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const d of params.context.diagnostics) {
    if (!hasFix(d)) continue;
    const fix = findingFor(d, findings)?.fix;
    let fixEdits: readonly { offset: number; length: number; content: string }[];
    try {
      fixEdits = fix ? [...fix.edits] : []; // computed when first read (engine/lazy-edits.ts): a failure costs this fix only
    } catch {
      continue;
    }
    if (!fix || fixEdits.length === 0) continue;
    const edits = fixEdits.map((e) => ({ range: { start: doc.positionAt(e.offset), end: doc.positionAt(e.offset + e.length) }, newText: e.content }));
    const edit: WorkspaceEdit = versioned
      ? { documentChanges: [{ textDocument: { uri: doc.uri, version: doc.version }, edits }] }
      : { changes: { [doc.uri]: edits } };
    actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: !!fix.isPreferred, edit });
  }
  return actions;
}

/**
 * "Show documentation for <rule id>": a command action per diagnostic of a security rule (the ones with a rule page),
 * running {@link SERVER_SHOW_DOCS_COMMAND} with the page URL, which the server opens with `window/showDocument`
 * (`external: true`). One action per rule id.
 */
export function docsActions(diagnostics: readonly Diagnostic[]): CodeAction[] {
  const seen = new Set<string>();
  const out: CodeAction[] = [];
  for (const d of diagnostics) {
    if (!isOurs(d)) continue;
    const id = (d.data as DiagnosticData).ruleId;
    const url = rulesById.get(id)?.meta.docsUrl;
    if (!url || seen.has(id)) continue;
    seen.add(id);
    const title = `Show documentation for ${id}`;
    out.push({ title, kind: CodeActionKind.QuickFix, diagnostics: [d], command: { title, command: SERVER_SHOW_DOCS_COMMAND, arguments: [url] } });
  }
  return out;
}

/** True for a URL the show-documentation command may open: exactly a rule's documentation page (nothing a client makes up). */
export function isDocsUrl(url: unknown): url is string {
  if (typeof url !== 'string') return false;
  for (const r of rulesById.values()) if (r.meta.docsUrl === url) return true;
  return false;
}

/** Passes of fix-all at most (a fix can reveal another fixable finding; as ESLint, stop after 10). */
export const MAX_FIX_PASSES = 10;

/**
 * The `source.fixAll.lowcodeGuard` action: applies every fix of the document at once (engine `fixAll`: fixes in
 * offset order, overlapping ones skipped, the result must parse), then re-analyses and repeats while fixes apply, up
 * to {@link MAX_FIX_PASSES} passes. The edit is one replacement of the span that changed. Undefined when nothing is
 * fixable. `reanalyse` gives the findings of an intermediate text under the document's settings and configuration.
 */
export async function fixAllAction(doc: TextDocument, findings: readonly Finding[], reanalyse: (text: string) => Promise<Finding[] | undefined>, versioned: boolean): Promise<CodeAction | undefined> {
  return fixAllActionFor(doc, await fixAllEdit(doc.getText(), findings, reanalyse), versioned);
}

/**
 * The edit of fix-all (see {@link fixAllAction}): one replacement of the span that changed, offsets in `original`;
 * undefined when nothing is fixable. Pure text work, so the document worker runs it for large documents (lsp/worker.ts).
 */
export async function fixAllEdit(original: string, findings: readonly Finding[], reanalyse: (text: string) => Promise<Finding[] | undefined>): Promise<TextEdit | undefined> {
  let text = original;
  let current: readonly Finding[] | undefined = findings;
  let applied = 0;
  for (let pass = 0; pass < MAX_FIX_PASSES && current?.some((f) => f.fix); pass++) {
    const r = fixAll(text, current);
    if (r.applied.length === 0 || r.text === text) break;
    applied += r.applied.length;
    text = r.text;
    current = await reanalyse(text);
  }
  return applied === 0 || text === original ? undefined : trim(original, { offset: 0, length: original.length, content: text });
}

/** The fix-all code action applying `e` (from {@link fixAllEdit}) to the document; undefined without an edit. */
export function fixAllActionFor(doc: TextDocument, e: TextEdit | undefined, versioned: boolean): CodeAction | undefined {
  if (!e) return undefined;
  const edits = [{ range: { start: doc.positionAt(e.offset), end: doc.positionAt(e.offset + e.length) }, newText: e.content }];
  const edit: WorkspaceEdit = versioned ? { documentChanges: [{ textDocument: { uri: doc.uri, version: doc.version }, edits }] } : { changes: { [doc.uri]: edits } };
  return { title: 'Fix all Low-Code Guard findings that have a quick fix', kind: FIX_ALL_KIND, edit };
}
