/**
 * Shapes of the `.lowcodeguard.json` configuration (documented in docs/configuration.md; validated by
 * schemas/lowcodeguard-config.schema.json). Pure data.
 */
import { DOCS_BASE } from '../engine/rule';
import type { Finding, RuleLevel } from '../engine';

/** File name of the configuration, looked up at a workspace folder root (editor) or at/above a scanned path (CLI). */
export const CONFIG_FILE_NAME = '.lowcodeguard.json';

/** True when a URI or path names a `.lowcodeguard.json` file (any folder; case-insensitive, as Windows and macOS file systems are). */
export function isConfigFile(uriOrPath: string): boolean {
  return /(^|[\\/])\.lowcodeguard\.json$/i.test(uriOrPath.split(/[?#]/)[0]);
}

/** Diagnostic id: the configuration is not valid JSON(C); defaults are used for everything. */
export const CONFIG_SYNTAX_ID = 'config/syntax-error';
/** Diagnostic id: a value does not match the schema (or a glob does not compile); that entry is left out. */
export const CONFIG_INVALID_ID = 'config/invalid';
/** Diagnostic id: a rule id that no rule has (a warning: the entry is kept but has no effect). */
export const CONFIG_UNKNOWN_RULE_ID = 'config/unknown-rule';
/** Diagnostic id: the file could not be read (permissions, size cap, link outside its folder); defaults are used. */
export const CONFIG_UNREADABLE_ID = 'config/unreadable';

/** Documentation page of the configuration file. */
export const CONFIG_DOCS_URL = DOCS_BASE.replace(/\/rules$/, '') + '/configuration.md';

/** One reviewed suppression. `files` is always a list here (the file may give one glob as a string). */
export interface Suppression {
  /** Rule id whose findings are suppressed. */
  rule: string;
  /** Globs relative to the configuration's folder (`/`-separated). */
  files: string[];
  /** RFC 6901 JSON Pointer: findings at this node or below are suppressed. Undefined (or `""`) = the whole file. */
  pointer?: string;
  /** Why the finding is acceptable (non-empty). */
  reason: string;
}

/** The configuration after validation: only valid entries, defaults for the rest. */
export interface GuardConfig {
  /** Rule id → level (a null-prototype object: keys are data, never inherited members). */
  rules: Record<string, RuleLevel>;
  /** Globs of files never analysed. */
  ignore: string[];
  suppressions: Suppression[];
}

/** What parsing a configuration text gives: the usable configuration and the problems found, with ranges in that text. */
export interface ParsedConfig {
  config: GuardConfig;
  /**
   * Problems as findings (rule ids `config/*`, `range`/`offset`/`length` in the configuration text, `pointer` of the
   * offending value) so the editor and the CLI report them like any other finding.
   */
  diagnostics: Finding[];
  /** True when the text is not valid JSON(C): `config` is then all defaults. */
  syntaxError: boolean;
}

/** A configuration with nothing in it. */
export function emptyConfig(): GuardConfig {
  return { rules: Object.create(null) as Record<string, RuleLevel>, ignore: [], suppressions: [] };
}
