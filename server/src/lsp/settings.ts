/**
 * User settings of the language server (`lowcodeGuard.*` in package.json `contributes.configuration`).
 * Pulled with `workspace/configuration` per resource (document or workspace folder URI) and cached until the
 * next `workspace/didChangeConfiguration`. Clients without the configuration request get the settings pushed
 * in `didChangeConfiguration` (`settings.lowcodeGuard`) or the defaults.
 */
import type { ClientCapabilities, Connection } from 'vscode-languageserver/node';
import type { RuleLevel } from '../engine';
import { LEVELS } from '../config/parse';

/** The settings the server reads. `lowcodeGuard.trace.server` is handled by the client. */
export interface GuardSettings {
  /** Analyse documents at all (default true). */
  enable: boolean;
  /** Files larger than this many KB (1 KB = 1024 bytes, UTF-8 size) are not analysed (default 5120). */
  maxFileSizeKB: number;
  /**
   * `lowcodeGuard.rules`: rule id → level, overriding the `.lowcodeguard.json` `rules` entry by entry (as ESLint's
   * `eslint.rules.customizations` overrides the ESLint configuration). Null-prototype object; invalid entries dropped.
   */
  rules: Record<string, RuleLevel>;
}

/** Defaults; must match package.json `contributes.configuration`. */
export const DEFAULT_SETTINGS: Readonly<GuardSettings> = Object.freeze({ enable: true, maxFileSizeKB: 5120, rules: Object.freeze(Object.create(null)) as Record<string, RuleLevel> });

/** The valid entries of a `lowcodeGuard.rules` value (an object of rule id → level; anything else is dropped). */
export function normalizeRules(raw: unknown): Record<string, RuleLevel> {
  const out = Object.create(null) as Record<string, RuleLevel>;
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return out;
  for (const [k, v] of Object.entries(raw as Record<string, unknown>)) if (typeof v === 'string' && (LEVELS as readonly string[]).includes(v)) out[k] = v as RuleLevel;
  return out;
}

/** Turns an untrusted settings object into valid settings, falling back to defaults field by field. */
export function normalizeSettings(raw: unknown): GuardSettings {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const kb = r.maxFileSizeKB;
  return {
    enable: typeof r.enable === 'boolean' ? r.enable : DEFAULT_SETTINGS.enable,
    maxFileSizeKB: typeof kb === 'number' && Number.isFinite(kb) && kb > 0 ? kb : DEFAULT_SETTINGS.maxFileSizeKB,
    rules: normalizeRules(r.rules),
  };
}

/**
 * Glob patterns switched on in a VS Code `files.exclude` object (`{ "**\/.git": true, "**\/*.js": { "when": … } }`).
 * Only `true` entries count; conditional (`when`) entries are ignored because they need sibling-file lookups.
 */
export function enabledGlobs(raw: unknown): string[] {
  if (!raw || typeof raw !== 'object') return [];
  return Object.entries(raw as Record<string, unknown>)
    .filter(([, v]) => v === true)
    .map(([k]) => k);
}

/** Reads and caches settings for resources. */
export class SettingsStore {
  private pull = false;
  private pushed: GuardSettings = { ...DEFAULT_SETTINGS };
  private readonly cache = new Map<string, Promise<GuardSettings>>();

  constructor(private readonly connection: Connection) {}

  /** Records whether the client answers `workspace/configuration` (call from `onInitialize`). */
  configure(capabilities: ClientCapabilities): void {
    this.pull = !!capabilities.workspace?.configuration;
  }

  /** True when settings are pulled with `workspace/configuration`. */
  get pulls(): boolean {
    return this.pull;
  }

  /**
   * Settings for a resource (document or folder URI; undefined = window scope). Cached per URI; a failed request
   * resolves to the defaults and is not cached.
   */
  forResource(uri: string | undefined): Promise<GuardSettings> {
    if (!this.pull) return Promise.resolve(this.pushed);
    const key = uri ?? '';
    let p = this.cache.get(key);
    if (!p) {
      p = this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'lowcodeGuard' }).then(normalizeSettings, () => {
        this.cache.delete(key);
        return { ...DEFAULT_SETTINGS };
      });
      this.cache.set(key, p);
    }
    return p;
  }

  /** Enabled `files.exclude` globs for a folder (not cached: read once per scan). Empty without the configuration request. */
  async filesExclude(folderUri: string): Promise<string[]> {
    if (!this.pull) return [];
    try {
      return enabledGlobs(await this.connection.workspace.getConfiguration({ scopeUri: folderUri, section: 'files.exclude' }));
    } catch {
      return [];
    }
  }

  /** Drops a document's cached settings (on close). */
  forget(uri: string): void {
    this.cache.delete(uri);
  }

  /** Handles `workspace/didChangeConfiguration`: forgets pulled settings, or takes pushed ones (`settings.lowcodeGuard`). */
  changed(settings: unknown): void {
    this.cache.clear();
    if (!this.pull) this.pushed = normalizeSettings((settings as { lowcodeGuard?: unknown } | null)?.lowcodeGuard);
  }
}
