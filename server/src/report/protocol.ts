/**
 * The "Show Security Report" exchange between the VS Code client and the language server. Pure constants and types
 * (no `vscode` or LSP imports), so both bundles can import this file.
 */

/** VS Code palette command (package.json `contributes.commands`), registered by the client. */
export const SHOW_REPORT_COMMAND = 'lowcodeGuard.showSecurityReport';

/** Custom LSP request: the client asks the server for the workspace's report page. Params {@link ReportParams}, result {@link ReportResult}. */
export const REPORT_REQUEST = 'lowcodeGuard/securityReport';

/** What the webview needs the page to carry: its CSP nonce and the webview's `cspSource`. */
export interface ReportParams {
  /** 16–64 characters of `[A-Za-z0-9]`; anything else is refused. */
  nonce: string;
  cspSource: string;
}

/** The report page and its counts (null result: no `file:` workspace folder). */
export interface ReportResult {
  html: string;
  files: number;
  findings: number;
}

/** Message the page posts when a finding's location is clicked (0-based line and character). */
export interface RevealMessage {
  type: 'reveal';
  file: string;
  line: number;
  character: number;
}

/** True when `m` is a well-formed {@link RevealMessage}. */
export function isRevealMessage(m: unknown): m is RevealMessage {
  const r = m as RevealMessage;
  return !!r && r.type === 'reveal' && typeof r.file === 'string' && r.file.length > 0 && Number.isInteger(r.line) && r.line >= 0 && Number.isInteger(r.character) && r.character >= 0;
}

/** Custom LSP request: the flow inventory of the workspace folders, for the "Low-Code Flows" explorer view. No params; result {@link FlowsResult} (null: no `file:` folder). */
export const FLOWS_REQUEST = 'lowcodeGuard/flows';

/** Explorer view id (package.json `contributes.views.explorer`) and its refresh command. */
export const FLOWS_VIEW = 'lowcodeGuard.flows';
export const REFRESH_FLOWS_COMMAND = 'lowcodeGuard.refreshFlows';

/** One flow of the inventory with the absolute path of its file (shapes of `server/src/inventory`, repeated here so the client bundle needs no engine code). */
export interface FlowItem {
  platform: string;
  name: string;
  /** Path relative to the first workspace folder. */
  file: string;
  absPath: string;
  triggers: Array<{ name: string; type: string; internetFacing: boolean; line: number }>;
  endpoints: Array<{ scheme: string; host: string; port?: number; steps: string[] }>;
  connections: Array<{ kind: string; name: string; type?: string; steps: string[] }>;
  riskyComponents: Array<{ ruleId: string; step?: string; line: number }>;
  findings: { total: number; bySeverity: Record<'error' | 'warning' | 'info' | 'hint', number> };
}

/** Result of {@link FLOWS_REQUEST}. */
export interface FlowsResult {
  flows: FlowItem[];
}
