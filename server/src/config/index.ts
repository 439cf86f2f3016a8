/**
 * `.lowcodeguard.json`: rule levels, ignored files and reviewed suppressions (docs/configuration.md).
 * - parse.ts: text → configuration + diagnostics (pure, never throws);
 * - match.ts: globs, pointer prefixes, levels and suppressions applied to findings (pure);
 * - edit.ts: adding a suppression to a configuration text (pure);
 * - load.ts: finding and reading the file (the only file-system code).
 */
export * from './types';
export { parseConfig, knownRuleIds, describePath, closest, ENGINE_IDS, LEVELS } from './parse';
export { applyConfig, compileConfig, compileGlob, escapeGlob, mergeLevels, normalizeGlob, pointerCovers, type ApplyOptions, type ConfigMatcher } from './match';
export { addSuppression, REVIEW_PLACEHOLDER, type ConfigChange, type NewSuppression } from './edit';
export { configFromText, findConfig, readConfigFile, readFolderConfig, MAX_CONFIG_BYTES, type ConfigFile, type ReadConfigOptions } from './load';
