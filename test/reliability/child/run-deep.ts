/**
 * Child process of deep-nesting.test.ts (run with a reduced `--stack-size`): analyses every deep document at each
 * depth given in argv[2] (comma-separated) and prints one JSON line per document: shape, depth, format, and the engine
 * findings (`ruleId: message`; schema findings left out).
 */
import { analyze } from '../../../server/src/engine';
import { deepDocs, maxDepth } from './deep-docs';

for (const depth of process.argv[2].split(',').map(Number)) for (const [shape, text] of Object.entries(deepDocs(depth))) {
  let out: Record<string, unknown>;
  try {
    const r = analyze(text, { fileName: 'deep.json' });
    out = { shape, depth: maxDepth(text), format: r.detection?.format ?? null, engine: r.findings.filter((f) => !f.owasp && f.ruleId !== 'json/schema-violation').map((f) => `${f.ruleId}: ${f.message}`) };
  } catch (e) {
    out = { shape, depth: maxDepth(text), threw: String(e) };
  }
  process.stdout.write(JSON.stringify(out) + '\n');
}
