/**
 * The small file-system side of the configuration: finding `.lowcodeguard.json` and reading it. Reads exactly one
 * file per load (never anything it names), at most {@link MAX_CONFIG_BYTES}; a configuration found by lookup must sit
 * in its folder for real (a symbolic link pointing outside the folder is not followed).
 */
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { LineIndex, type Finding } from '../engine';
import { decode } from '../workspace/analyze-file';
import { compileConfig, type ConfigMatcher } from './match';
import { parseConfig } from './parse';
import { CONFIG_DOCS_URL, CONFIG_FILE_NAME, CONFIG_UNREADABLE_ID, emptyConfig, type ParsedConfig } from './types';

/** Size cap of a configuration file: 1 MiB (a hand-written file is a few KB). */
export const MAX_CONFIG_BYTES = 1024 * 1024;

/** A configuration read from disk, parsed and compiled for its folder. */
export interface ConfigFile extends ParsedConfig {
  /** Absolute path of the file. */
  path: string;
  /** Absolute path of its folder (globs are relative to it). */
  folder: string;
  /** The text read ('' when unreadable). */
  text: string;
  matcher: ConfigMatcher;
}

/** Options of {@link readConfigFile}. */
export interface ReadConfigOptions {
  /** Refuse (with a diagnostic) a file whose real path is not inside this folder's real path. */
  confineTo?: string;
}

/** Parses a configuration text that belongs to `file` and compiles it for the file's folder. */
export function configFromText(file: string, text: string): ConfigFile {
  const abs = path.resolve(file);
  const folder = path.dirname(abs);
  const parsed = parseConfig(text);
  return { ...parsed, path: abs, folder, text, matcher: compileConfig(parsed.config, folder) };
}

function unreadable(file: string, message: string): ConfigFile {
  const abs = path.resolve(file);
  const range = new LineIndex('').rangeAt(0, 0);
  const d: Finding = { ruleId: CONFIG_UNREADABLE_ID, severity: 'error', message, range, offset: 0, length: 0, pointer: '', docsUrl: `${CONFIG_DOCS_URL}#config-unreadable` };
  const config = emptyConfig();
  return { config, diagnostics: [d], syntaxError: false, path: abs, folder: path.dirname(abs), text: '', matcher: compileConfig(config, path.dirname(abs)) };
}

/**
 * Reads and parses a configuration file. Resolves to undefined when it cannot be seen (`lstat` fails: absent, or in a
 * folder that may not be listed); any other
 * problem (unreadable, a folder, over the size cap, binary, outside `confineTo`) gives a `config/unreadable` diagnostic
 * and defaults. Never rejects.
 */
export async function readConfigFile(file: string, options: ReadConfigOptions = {}): Promise<ConfigFile | undefined> {
  try {
    await fsp.lstat(file);
  } catch {
    return undefined; // absent, or in a folder we may not list: there is no configuration we can see
  }
  try {
    if (options.confineTo) {
      const [real, realDir] = await Promise.all([fsp.realpath(file), fsp.realpath(options.confineTo)]);
      const rel = path.relative(realDir, real);
      if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return unreadable(file, `${CONFIG_FILE_NAME} was not read: it links to a file outside its folder. Defaults are used.`);
    }
    const fh = await fsp.open(file, 'r');
    try {
      const st = await fh.stat();
      if (st.isDirectory()) return unreadable(file, `${CONFIG_FILE_NAME} is a folder, not a file. Defaults are used.`);
      if (st.size > MAX_CONFIG_BYTES) return unreadable(file, `${CONFIG_FILE_NAME} was not read: it is over ${MAX_CONFIG_BYTES / 1024} KB. Defaults are used.`);
      const text = decode(await fh.readFile());
      if (text === undefined) return unreadable(file, `${CONFIG_FILE_NAME} was not read: it is not a text file. Defaults are used.`);
      return configFromText(file, text);
    } finally {
      await fh.close();
    }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    return unreadable(file, `${CONFIG_FILE_NAME} could not be read (${code ?? (e as Error).message}). Defaults are used.`);
  }
}

/** The configuration file of a folder: `<folder>/.lowcodeguard.json`, confined to the folder; undefined when absent. */
export function readFolderConfig(folder: string): Promise<ConfigFile | undefined> {
  return readConfigFile(path.join(folder, CONFIG_FILE_NAME), { confineTo: folder });
}

/**
 * The nearest configuration at or above `start` (a folder; for a file, pass its folder), walking up to the file
 * system root; undefined when there is none. Each folder's file is confined to that folder.
 */
export async function findConfig(start: string): Promise<ConfigFile | undefined> {
  for (let dir = path.resolve(start); ; ) {
    const found = await readFolderConfig(dir);
    if (found) return found;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
