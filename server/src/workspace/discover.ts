/**
 * Finds candidate low-code definition files under folders, for the CLI and the Scan Workspace command.
 * STUB: the real implementation (fast-glob + ignore) is being written; keep this signature.
 */

/** Options of `discoverFiles`. */
export interface DiscoverOptions {
  /** Files or folders to search (absolute or relative to `cwd`). A file given directly is always included. */
  roots: string[];
  /** Base for relative roots; default `process.cwd()`. */
  cwd?: string;
  /** Extra glob patterns to leave out (e.g. VS Code `files.exclude` keys), matched against paths relative to each root. */
  exclude?: string[];
  /** Honour `.gitignore` files (default true). */
  gitignore?: boolean;
  /** Stops the walk early. */
  signal?: AbortSignal;
}

/** Absolute paths of `.json` files under the roots (sorted), skipping `node_modules`, `.git` and ignored files. */
export async function discoverFiles(_options: DiscoverOptions): Promise<string[]> {
  return [];
}
