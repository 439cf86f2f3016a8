/**
 * "Ignore this finding (<rule id>)": a quick fix that appends a reviewed suppression for the finding to the
 * workspace folder's `.lowcodeguard.json`:
 *   `{ "rule": <id>, "files": <this file, relative to the folder, glob-escaped>, "pointer": <finding's pointer>,
 *      "reason": "Reviewed: <fill in why>" }`
 * - the file exists (on disk or open in the editor): a text edit built with jsonc-parser `modify` on its current text
 *   (the open document's, versioned, when it is open), so comments and formatting stay;
 * - the file does not exist: `CreateFile` then an insert, when the client supports the `create` resource operation.
 * Not offered for files outside every workspace folder (no configuration would apply), for engine problems that a
 * suppression cannot sensibly cover (syntax errors, rule failures, size limit, configuration problems), or when the
 * configuration does not parse (its own diagnostics say so).
 */
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { CodeActionKind, type CodeAction, type Diagnostic, type TextDocumentEdit, type WorkspaceEdit } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { RULE_ERROR_ID, SYNTAX_RULE_ID, type Finding } from '../engine';
import { addSuppression, REVIEW_PLACEHOLDER } from '../config';
import { FILE_TOO_LARGE_ID } from '../workspace/analyze-file';
import { findingFor, isOurs } from './codeActions';
import type { ConfigStore } from './config';
import { fileNameOf } from './diagnostics';
import type { DiagnosticData } from './protocol';

/** Rule ids a suppression is not offered for. */
const NOT_SUPPRESSIBLE = new Set([SYNTAX_RULE_ID, RULE_ERROR_ID, FILE_TOO_LARGE_ID]);

/** What the client can do with workspace edits. */
export interface EditSupport {
  /** `workspace.workspaceEdit.documentChanges`. */
  versioned: boolean;
  /** `workspace.workspaceEdit.resourceOperations` includes `create`. */
  create: boolean;
}

/** The configuration text to edit: the open document's (with its version) or the file's on disk (undefined: absent). */
async function currentText(configs: ConfigStore, fc: { configUri: string; configPath: string }): Promise<{ text?: string; version: number | null; uri: string }> {
  const open = configs.openConfigDocument(fc);
  if (open) return { text: open.getText(), version: open.version, uri: open.uri };
  try {
    return { text: await fsp.readFile(fc.configPath, 'utf8'), version: null, uri: fc.configUri };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { version: null, uri: fc.configUri };
    throw e;
  }
}

/** "Ignore this finding" actions for the request's diagnostics on `doc` (one per distinct rule id and pointer). */
export async function ignoreActions(diagnostics: readonly Diagnostic[], doc: TextDocument, findings: readonly Finding[], configs: ConfigStore, support: EditSupport): Promise<CodeAction[]> {
  const candidates = diagnostics.filter((d) => isOurs(d) && !NOT_SUPPRESSIBLE.has((d.data as DiagnosticData).ruleId) && !(d.data as DiagnosticData).ruleId.startsWith('config/'));
  if (candidates.length === 0) return [];
  const fc = await configs.forUri(doc.uri);
  if (!fc || doc.uri === fc.configUri) return [];
  const rel = path.relative(fc.folderPath, path.resolve(fileNameOf(doc.uri)));
  if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return [];
  const file = rel.split(path.sep).join('/');
  const current = await currentText(configs, fc);

  const out: CodeAction[] = [];
  const seen = new Set<string>();
  for (const d of candidates) {
    const f = findingFor(d, findings);
    if (!f) continue;
    const key = `${f.ruleId}\u0000${f.pointer}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const change = addSuppression(current.text, { rule: f.ruleId, file, pointer: f.pointer, reason: REVIEW_PLACEHOLDER });
    if (!change) return []; // the configuration does not parse: no edit is safe
    let edit: WorkspaceEdit;
    if (change.kind === 'create') {
      if (!support.create || !support.versioned) continue;
      const insert: TextDocumentEdit = { textDocument: { uri: current.uri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: change.text }] };
      edit = { documentChanges: [{ kind: 'create', uri: current.uri, options: { overwrite: false, ignoreIfExists: true } }, insert] };
    } else {
      const tdoc = TextDocument.create(current.uri, 'json', current.version ?? 0, current.text!);
      const edits = change.edits.map((e) => ({ range: { start: tdoc.positionAt(e.offset), end: tdoc.positionAt(e.offset + e.length) }, newText: e.content }));
      edit = support.versioned ? { documentChanges: [{ textDocument: { uri: current.uri, version: current.version }, edits }] } : { changes: { [current.uri]: edits } };
    }
    out.push({ title: `Ignore this finding (${f.ruleId})`, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: false, edit });
  }
  return out;
}
