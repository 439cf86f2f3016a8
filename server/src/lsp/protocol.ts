/**
 * Names and shapes shared by the Low-Code Guard language server and its VS Code client.
 * Pure constants and types: no `vscode` or LSP imports, so both bundles can import this file.
 */

/** `Diagnostic.source` of every diagnostic the server publishes. */
export const DIAGNOSTIC_SOURCE = 'Low-Code Guard';

/** The fix-all code action kind (`source.fixAll` + `.lowcodeGuard`), declared in the server's `codeActionProvider.codeActionKinds`. */
export const FIX_ALL_KIND = 'source.fixAll.lowcodeGuard';

/** The VS Code palette command (declared in package.json `contributes.commands`, registered by the client). */
export const SCAN_COMMAND = 'lowcodeGuard.scanWorkspace';

/**
 * The `workspace/executeCommand` command the server advertises for a workspace scan. It differs from
 * {@link SCAN_COMMAND} on purpose: vscode-languageclient registers every command listed in the server's
 * `executeCommandProvider` as a VS Code command itself, so reusing the palette id would make the client's own
 * registration fail with "command already exists" (vscode-languageserver-node issues #333, #607).
 * Arguments: none. Result: {@link ScanSummary}.
 */
export const SERVER_SCAN_COMMAND = 'lowcodeGuard.server.scanWorkspace';

/**
 * The `workspace/executeCommand` command of "Show documentation for <rule id>" code actions. Arguments: `[url]`, a
 * rule documentation URL (anything else is refused). The server asks the client to open it with
 * `window/showDocument` (`external: true`). Result: true when the client opened it.
 */
export const SERVER_SHOW_DOCS_COMMAND = 'lowcodeGuard.server.showDocumentation';

/**
 * Notification (client → server, no params) sent when VS Code grants workspace trust
 * (`workspace.onDidGrantWorkspaceTrust`): from then on the server applies the workspace's `.lowcodeguard.json`.
 */
export const WORKSPACE_TRUSTED_NOTIFICATION = 'lowcodeGuard/workspaceTrusted';

/** `initializationOptions` of the client. `workspaceTrusted: false` = VS Code Restricted Mode; absent = trusted. */
export interface GuardInitializationOptions {
  workspaceTrusted?: boolean;
}

/** Result of a workspace scan. */
export interface ScanSummary {
  /** Files analysed (open documents included; files skipped for size or read errors excluded). */
  files: number;
  /** Findings in those files (diagnostics from the engine, syntax errors included). */
  findings: number;
  /** Files not analysed: over the size limit or unreadable. */
  skipped: number;
  /** True when the scan stopped early (progress cancel button, request cancellation or a newer scan). */
  cancelled: boolean;
}

/**
 * `Diagnostic.data` of every engine diagnostic, so a code action request can find the finding again.
 * The fix's edits are not carried: code actions recompute them from the document's current text.
 */
export interface DiagnosticData {
  ruleId: string;
  owasp?: string;
  /** RFC 6901 JSON Pointer of the finding. */
  pointer: string;
  /** Ordinal of this finding among the findings with the same rule id and pointer (0-based). */
  index: number;
  /** The quick fix offered with the finding, when there is one. */
  fix?: { title: string; isPreferred: boolean };
}
