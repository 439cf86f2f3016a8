/**
 * What the benchmark runs in-process: the same engine and workspace code the CLI and the server bundle
 * (bundled by bench/lib/build.mjs with the options of scripts/bundle.mjs into .bench/engine.cjs).
 */
export { analyze } from '../server/src/engine';
export { analyzeFile, decode } from '../server/src/workspace/analyze-file';
export { analyzeFiles } from '../server/src/workspace/scan';
export { discoverFiles } from '../server/src/workspace/discover';
