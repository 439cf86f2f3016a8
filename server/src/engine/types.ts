/**
 * Core types of the Low-Code Guard engine. Pure data: no `vscode` or LSP imports here or anywhere
 * under `server/src/engine/`, so the language server and the CLI share one analysis path.
 */
import type { Node as JsonNode } from 'jsonc-parser';

export type { JsonNode };

/** Severity of a finding, from most to least serious (same words as LSP and ESLint/Spectral). */
export type Severity = 'error' | 'warning' | 'info' | 'hint';

/** Ordering helper: lower number = more serious. */
export const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };

/** The OWASP Low-Code/No-Code Top 10 category ids (https://owasp.org/www-project-top-10-low-code-no-code-security-risks/). */
export type OwaspId =
  | 'LCNC-SEC-01'
  | 'LCNC-SEC-02'
  | 'LCNC-SEC-03'
  | 'LCNC-SEC-04'
  | 'LCNC-SEC-05'
  | 'LCNC-SEC-06'
  | 'LCNC-SEC-07'
  | 'LCNC-SEC-08'
  | 'LCNC-SEC-09'
  | 'LCNC-SEC-10';

/** Titles of the OWASP LCNC categories, for reports and SARIF. */
export const OWASP_TITLES: Record<OwaspId, string> = {
  'LCNC-SEC-01': 'Account Impersonation',
  'LCNC-SEC-02': 'Authorization Misuse',
  'LCNC-SEC-03': 'Data Leakage and Unexpected Consequences',
  'LCNC-SEC-04': 'Authentication and Secure Communication Failures',
  'LCNC-SEC-05': 'Security Misconfiguration',
  'LCNC-SEC-06': 'Injection Handling Failures',
  'LCNC-SEC-07': 'Vulnerable and Untrusted Components',
  'LCNC-SEC-08': 'Data and Secret Handling Failures',
  'LCNC-SEC-09': 'Asset Management Failures',
  'LCNC-SEC-10': 'Security Logging and Monitoring Failures',
};

/**
 * The file formats the engine understands.
 * - `n8n`: n8n workflow export (object with `nodes` array and `connections` object).
 * - `node-red`: Node-RED flow file (array of node objects with `id` and `type`).
 * - `power-automate`: Power Automate cloud flow (`properties.definition`, solution `Workflows/*.json`, legacy `definition.json`).
 * - `logic-apps`: Logic Apps Standard `workflow.json`, bare WDL definition, or ARM template with `Microsoft.Logic/workflows`.
 */
export type Format = 'n8n' | 'node-red' | 'power-automate' | 'logic-apps';

export const FORMATS: readonly Format[] = ['n8n', 'node-red', 'power-automate', 'logic-apps'];

/** A zero-based position: `line` counts lines, `character` counts UTF-16 code units (as LSP and JavaScript strings do). */
export interface Position {
  line: number;
  character: number;
}

/** A half-open range between two positions (end exclusive), as in LSP. */
export interface Range {
  start: Position;
  end: Position;
}

/** A text edit in offsets of the original text: replace `length` UTF-16 code units from `offset` with `content`. */
export interface TextEdit {
  offset: number;
  length: number;
  content: string;
}

/** A fix offered with a finding: a title for the quick fix and the edits that make it. */
export interface Fix {
  title: string;
  edits: TextEdit[];
  /** True when this is the obvious fix (LSP `isPreferred`). */
  isPreferred?: boolean;
}

/**
 * One problem found in one file.
 * `range` is 0-based lines and UTF-16 characters; `offset`/`length` are the same span in UTF-16 code units of the text.
 * `pointer` is the RFC 6901 JSON Pointer of the node the finding is about ("" = the document root).
 */
export interface Finding {
  ruleId: string;
  owasp?: OwaspId;
  severity: Severity;
  message: string;
  range: Range;
  offset: number;
  length: number;
  pointer: string;
  fix?: Fix;
  /** The rule's documentation page (absolute URL). */
  docsUrl?: string;
}

/** Metadata carried by every rule, beside its check. */
export interface RuleMeta {
  /** Stable id, `platform/kebab-name` (e.g. `n8n/webhook-without-auth`); `common/…` for rules on every format. Never renamed once shipped. */
  id: string;
  owasp: OwaspId;
  defaultSeverity: Severity;
  /** One line saying what the rule looks for. */
  description: string;
  /** Formats the rule runs on. */
  formats: readonly Format[];
  /** True when the rule offers a quick fix for (some of) its findings. */
  fixable: boolean;
}
