/**
 * Tool identity for `--version` and SARIF. The version is read from the repository's package.json at build time:
 * esbuild inlines the JSON import (only the `version` field is kept in the bundle), and tsx reads it in tests.
 */
import { version } from '../../../package.json';

/** The package version, e.g. `0.1.0`. */
export const VERSION: string = version;

/** Display name of the tool (SARIF `tool.driver.name`). */
export const TOOL_NAME = 'Low-Code Guard';

/** Home page of the project (SARIF `informationUri`); rule pages live under it (see `DOCS_BASE`). */
export const TOOL_URI = 'https://github.com/lowcode-guard/lowcode-guard';
