/** Builders for n8n rule tests: nodes, connections, and the fix contract over all rules. */
import assert from 'node:assert/strict';
import { analyze, applyEdits, type Finding } from '../../../server/src/engine';
import { applyFixAndCheck } from '../../helpers';

let n = 0;

/** An n8n node object (`typeVersion` 1 unless given in `extra`). */
export function node(name: string, type: string, parameters: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { id: `id${n++}`, name, type, typeVersion: 1, position: [0, 0], parameters, ...extra };
}

/** `connections` for the given `[from, to, type?]` pairs (type defaults to `main`). */
export function wire(...pairs: Array<[string, string, string?]>): { connections: Record<string, Record<string, Array<Array<{ node: string; type: string; index: number }>>>> } {
  const c: Record<string, Record<string, Array<Array<{ node: string; type: string; index: number }>>>> = {};
  for (const [from, to, type = 'main'] of pairs) ((c[from] ??= {})[type] ??= [[]])[0].push({ node: to, type, index: 0 });
  return { connections: c };
}

/** The text a finding's range covers. */
export function spanText(text: string, f: Finding): string {
  return text.slice(f.offset, f.offset + f.length);
}

/** `ruleId message` keys of all findings of all rules (schema skipped). */
function keys(text: string): string[] {
  return analyze(text, { skipSchema: true }).findings.map((f) => `${f.ruleId} ${f.message}`);
}

/**
 * The full fix contract: the fixed text is valid JSON, the rule no longer reports at the finding's pointer, and no
 * rule reports anything it did not report before (compared by rule id and message). Returns the fixed text.
 */
export function applyFixFully(ruleId: string, text: string, f: Finding): string {
  const fixed = applyFixAndCheck(ruleId, text, f);
  assert.deepEqual(applyEdits(text, f.fix!.edits), fixed);
  const before = keys(text);
  for (const k of keys(fixed)) {
    const i = before.indexOf(k);
    assert.ok(i >= 0, `new finding after the fix: ${k}`);
    before.splice(i, 1);
  }
  return fixed;
}
