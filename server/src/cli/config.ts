/**
 * Which `.lowcodeguard.json` applies to which scanned file, for `lowcode-guard scan`:
 * - `--config FILE`: that file for every path (globs relative to its folder; files outside that folder get its
 *   `rules` only);
 * - otherwise, per path given on the command line: the nearest `.lowcodeguard.json` in the path's folder (a folder
 *   path: itself; a file path: its parent) or above it, up to the file system root. Configuration files further
 *   down inside a scanned folder are not read.
 * Files matching the configuration's `ignore` are left out before they are read; findings pass through its levels
 * and suppressions after analysis.
 */
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { applyConfig, findConfig, readConfigFile, type ConfigFile } from '../config';
import type { AnalyzeFileOptions } from '../workspace/analyze-file';
import { discoverFiles } from '../workspace/discover';

/** A usage problem with `--config` (missing file): exit code 2. */
export class ConfigUsageError extends Error {}

/** The files to scan with their configuration, the configurations used, and how many files `ignore` left out. */
export interface ConfiguredFiles {
  /** Absolute paths, sorted, without duplicates, `ignore`d files left out. */
  files: string[];
  /** Configuration of each file (absent: none). */
  configOf: Map<string, ConfigFile>;
  /** Every configuration used, in discovery order, without duplicates. */
  configs: ConfigFile[];
  /** Files found but left out by an `ignore` glob. */
  ignored: number;
}

/**
 * Discovers the files under `roots` (see `discoverFiles`) and pairs each with its configuration.
 * Throws {@link ConfigUsageError} when `configPath` is given but missing; rejects with the fs error when a root is.
 */
export async function configuredFiles(roots: readonly string[], cwd: string, configPath?: string): Promise<ConfiguredFiles> {
  let explicit: ConfigFile | undefined;
  if (configPath !== undefined) {
    explicit = await readConfigFile(path.resolve(cwd, configPath));
    if (!explicit) throw new ConfigUsageError(`configuration file not found: ${configPath}`);
  }
  const byFolder = new Map<string, Promise<ConfigFile | undefined>>();
  const configs: ConfigFile[] = explicit ? [explicit] : [];
  const configOf = new Map<string, ConfigFile>();
  let ignored = 0;
  const files: string[] = [];
  const seen = new Set<string>();

  for (const r of roots) {
    const root = path.resolve(cwd, r);
    let config = explicit;
    if (!config) {
      const st = await fsp.stat(root);
      const start = st.isDirectory() ? root : path.dirname(root);
      let p = byFolder.get(start);
      if (!p) byFolder.set(start, (p = findConfig(start)));
      config = await p;
      if (config && !configs.some((c) => c.path === config!.path)) configs.push(config);
    }
    for (const file of await discoverFiles({ roots: [root], cwd })) {
      if (seen.has(file)) continue;
      seen.add(file);
      if (config?.matcher.isIgnored(file)) {
        ignored++;
        continue;
      }
      files.push(file);
      if (config) configOf.set(file, config);
    }
  }
  files.sort();
  return { files, configOf, configs, ignored };
}

/** The per-file analysis options of a configuration: its levels for the engine and its suppressions afterwards. */
export function optionsOf(config: ConfigFile | undefined): AnalyzeFileOptions | undefined {
  if (!config) return undefined;
  const levels = config.config.rules;
  return {
    rules: levels,
    suppress: (findings, file) => applyConfig(findings, { levels, matcher: config.matcher, file }),
  };
}
