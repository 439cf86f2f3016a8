/**
 * Quick fixes (`textDocument/codeAction`, kind `quickfix`) for Low-Code Guard diagnostics.
 * The fix edits are recomputed from the document's current text (the per-version analysis cache of
 * `DocumentDiagnostics`), never taken from the diagnostic, so they always fit the text they are applied to;
 * the WorkspaceEdit names the document version when the client supports versioned edits.
 */
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type WorkspaceEdit } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding } from '../engine';
import { DIAGNOSTIC_SOURCE, type DiagnosticData } from './protocol';

/** True when the request's `context.only` filter admits quick fixes (kinds are hierarchical: `quickfix` ⊂ ``). */
export function wantsQuickFixes(only: readonly string[] | undefined): boolean {
  if (!only || only.length === 0) return true;
  return only.some((k) => k === '' || k === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(k + '.'));
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
    if (!fix || fix.edits.length === 0) continue;
    const edits = fix.edits.map((e) => ({ range: { start: doc.positionAt(e.offset), end: doc.positionAt(e.offset + e.length) }, newText: e.content }));
    const edit: WorkspaceEdit = versioned
      ? { documentChanges: [{ textDocument: { uri: doc.uri, version: doc.version }, edits }] }
      : { changes: { [doc.uri]: edits } };
    actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: !!fix.isPreferred, edit });
  }
  return actions;
}
