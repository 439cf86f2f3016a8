/**
 * `.lowcodeguard.json` in the language server: one configuration per `file:` workspace folder, read from the folder
 * root (files in no workspace folder get the user's `lowcodeGuard.rules` setting only).
 *
 * Source of a folder's configuration: the open document's text when the file is open in the editor (so "Ignore this
 * finding" takes effect as soon as the edit lands, saved or not), else the file on disk. When the open text has a
 * JSON syntax error, the last configuration that parsed stays in force (typing in the file does not make every
 * suppressed finding flash back); on disk, a syntax error means defaults, as in the CLI.
 *
 * Levels: the file's `rules`, overridden entry by entry by the `lowcodeGuard.rules` setting (as ESLint's
 * `eslint.rules.customizations` overrides the ESLint configuration).
 *
 * Workspace trust: in VS Code's Restricted Mode (the client says so in `initializationOptions.workspaceTrusted`) a
 * workspace's `.lowcodeguard.json` is not applied — it could turn rules off, ignore files or suppress findings — so
 * only the bundled rules and the user's settings count (VS Code itself drops workspace values of the settings listed
 * in package.json `capabilities.untrustedWorkspaces.restrictedConfigurations`). `onRestricted` is told once per
 * folder whose configuration file is left out; `setTrusted(true)` (trust granted) makes every folder read it again.
 */
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TextDocuments, WorkspaceFolder } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { RuleLevel } from '../engine';
import { CONFIG_FILE_NAME, configFromText, isConfigFile, mergeLevels, readFolderConfig, type ConfigFile, type ConfigMatcher } from '../config';
import { fileNameOf } from './diagnostics';

/** The configuration that applies to one document. */
export interface DocConfig {
  /** Levels in force (file, then `lowcodeGuard.rules`). */
  levels: Record<string, RuleLevel>;
  /** The folder's configuration, when the document is in a workspace folder that has one. */
  matcher?: ConfigMatcher;
  /** The document's file system path (for globs). */
  path?: string;
}

/** A workspace folder's configuration state. */
export interface FolderConfig {
  folder: WorkspaceFolder;
  /** File system path of the folder. */
  folderPath: string;
  /** File system path of `<folder>/.lowcodeguard.json`. */
  configPath: string;
  /** URI of the configuration file, spelled with the folder URI as prefix. */
  configUri: string;
  /** The parsed configuration; undefined when the file does not exist (and is not open). */
  file?: ConfigFile;
}

/** Loads and caches the configuration of each workspace folder. */
export class ConfigStore {
  private folders: { folder: WorkspaceFolder; path: string }[] = [];
  private readonly cache = new Map<string, Promise<FolderConfig>>();
  /** Last configuration of a folder that parsed, for open documents with a syntax error. */
  private readonly lastGood = new Map<string, ConfigFile>();
  /** False in VS Code's Restricted Mode: configuration files are not applied. */
  private trusted = true;
  /** Configuration files already announced to {@link onRestricted}. */
  private readonly announced = new Set<string>();
  /** Told once per configuration file that restricted mode leaves out (its file system path). */
  onRestricted?: (configPath: string) => void;

  constructor(private readonly documents: TextDocuments<TextDocument>) {}

  /** False in restricted mode (workspace not trusted): configuration files are not applied. */
  get isTrusted(): boolean {
    return this.trusted;
  }

  /**
   * Sets the workspace trust. Resolves to the folder URIs whose configuration must be read again (every folder, when
   * the trust changed; none otherwise).
   */
  setTrusted(trusted: boolean): string[] {
    if (trusted === this.trusted) return [];
    this.trusted = trusted;
    this.lastGood.clear();
    const uris = this.folders.map((f) => f.folder.uri);
    for (const u of uris) this.invalidate(u);
    return uris;
  }

  /** Replaces the workspace folders (only `file:` folders count). Forgets configurations of folders that left. */
  setFolders(folders: readonly WorkspaceFolder[]): void {
    this.folders = [];
    for (const f of folders) {
      if (!f.uri.startsWith('file:')) continue;
      try {
        this.folders.push({ folder: f, path: path.resolve(fileURLToPath(f.uri)) });
      } catch {
        // not a local path
      }
    }
    const keep = new Set(this.folders.map((f) => f.folder.uri));
    for (const k of [...this.cache.keys()]) if (!keep.has(k)) this.invalidate(k);
  }

  /** Applies a `workspace/didChangeWorkspaceFolders` event. */
  changeFolders(added: readonly WorkspaceFolder[], removed: readonly WorkspaceFolder[]): void {
    const gone = new Set(removed.map((f) => f.uri));
    this.setFolders([...this.folders.map((f) => f.folder).filter((f) => !gone.has(f.uri)), ...added]);
  }

  /** The innermost workspace folder holding a document or file URI. */
  folderOf(uri: string): { folder: WorkspaceFolder; path: string } | undefined {
    if (!uri.startsWith('file:')) return undefined;
    const p = path.resolve(fileNameOf(uri));
    let best: { folder: WorkspaceFolder; path: string } | undefined;
    for (const f of this.folders) {
      const rel = path.relative(f.path, p);
      if (rel.startsWith('..') || path.isAbsolute(rel)) continue;
      if (!best || f.path.length > best.path.length) best = f;
    }
    return best;
  }

  /** The folder URI whose configuration file `uri` is (`<folder>/.lowcodeguard.json`), else undefined. */
  configFolderOf(uri: string): string | undefined {
    if (!isConfigFile(uri) || !uri.startsWith('file:')) return undefined;
    const p = path.resolve(fileNameOf(uri));
    return this.folders.find((f) => path.join(f.path, CONFIG_FILE_NAME) === p)?.folder.uri;
  }

  /** The configuration state of a workspace folder (cached until {@link invalidate}). */
  forFolder(folderUri: string): Promise<FolderConfig | undefined> {
    const f = this.folders.find((x) => x.folder.uri === folderUri);
    if (!f) return Promise.resolve(undefined);
    let p = this.cache.get(folderUri);
    if (!p) {
      p = this.load(f.folder, f.path);
      this.cache.set(folderUri, p);
    }
    return p;
  }

  /** The configuration state of the folder holding a document, if any. */
  async forUri(uri: string): Promise<FolderConfig | undefined> {
    const f = this.folderOf(uri);
    return f ? this.forFolder(f.folder.uri) : undefined;
  }

  /** What applies to a document: its folder's configuration with `settingsRules` laid over the file's levels. */
  async forDocument(uri: string, settingsRules: Readonly<Record<string, RuleLevel>> | undefined): Promise<DocConfig> {
    const fc = await this.forUri(uri);
    const levels = mergeLevels(fc?.file?.config.rules, settingsRules);
    if (!fc?.file) return { levels };
    return { levels, matcher: fc.file.matcher, path: path.resolve(fileNameOf(uri)) };
  }

  /** The open document of a folder's configuration file, if it is open. */
  openConfigDocument(fc: Pick<FolderConfig, 'configUri' | 'configPath'>): TextDocument | undefined {
    return this.documents.get(fc.configUri) ?? this.documents.all().find((d) => d.uri.startsWith('file:') && isConfigFile(d.uri) && path.resolve(fileNameOf(d.uri)) === fc.configPath);
  }

  /**
   * Reads every workspace folder's configuration again (before a workspace scan, so a scan never works from a stale
   * copy even when a file watcher event is late or missing). Resolves to the folder URIs whose configuration text
   * changed (appeared, disappeared or differs) since it was last read; their open documents need re-validating.
   */
  async reloadAll(): Promise<string[]> {
    const changed: string[] = [];
    for (const f of this.folders) {
      const before = this.cache.get(f.folder.uri);
      const old = before ? (await before).file : undefined;
      const p = this.load(f.folder, f.path);
      this.cache.set(f.folder.uri, p);
      const now = (await p).file;
      if (before && (old?.text !== now?.text || !!old !== !!now)) changed.push(f.folder.uri);
    }
    return changed;
  }

  /** Forgets a folder's cached configuration; the next request reads it again. */
  invalidate(folderUri: string): void {
    this.cache.delete(folderUri);
  }

  private async load(folder: WorkspaceFolder, folderPath: string): Promise<FolderConfig> {
    const configPath = path.join(folderPath, CONFIG_FILE_NAME);
    const fc: FolderConfig = { folder, folderPath, configPath, configUri: folder.uri.replace(/(?<!\/)\/+$/, '') + '/' + CONFIG_FILE_NAME };
    const open = this.openConfigDocument(fc);
    if (!this.trusted) {
      if (!this.announced.has(configPath) && (open || (await fsp.stat(configPath).then((s) => s.isFile(), () => false)))) {
        this.announced.add(configPath);
        this.onRestricted?.(configPath);
      }
      return fc;
    }
    if (open) {
      const live = configFromText(configPath, open.getText());
      const last = this.lastGood.get(folder.uri);
      fc.file = live.syntaxError && last ? last : live;
    } else {
      fc.file = await readFolderConfig(folderPath);
    }
    if (fc.file && !fc.file.syntaxError) this.lastGood.set(folder.uri, fc.file);
    if (!fc.file) this.lastGood.delete(folder.uri);
    return fc;
  }
}
