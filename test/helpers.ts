/** Test helpers shared by the engine and rule tests. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, applyEdits, rulesById, type Finding } from '../server/src/engine';

/** Absolute path of the shared corpus (`../shared/corpus` from the repo root), or undefined when absent. */
export const CORPUS = (() => {
  const p = path.resolve(__dirname, '..', '..', 'shared', 'corpus');
  return fs.existsSync(p) ? p : undefined;
})();

/** Runs a single rule (by id) on a text; returns its findings. Throws if the rule id is unknown. */
export function runRule(ruleId: string, text: string, fileName = 'test.json'): Finding[] {
  const rule = rulesById.get(ruleId);
  if (!rule) throw new Error(`unknown rule ${ruleId}`);
  return analyze(text, { only: [rule], fileName, skipSchema: true }).findings.filter((f) => f.ruleId === ruleId);
}

/** Pretty JSON of a value (2-space indent), as platform exports look. */
export function json(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

/**
 * Applies the fix of `finding` to `text` and checks the standard fix contract: the result parses as JSON, the rule
 * no longer reports at the same pointer. Returns the fixed text.
 */
export function applyFixAndCheck(ruleId: string, text: string, finding: Finding): string {
  assert.ok(finding.fix, `finding of ${ruleId} has no fix`);
  const fixed = applyEdits(text, finding.fix.edits);
  assert.doesNotThrow(() => JSON.parse(fixed), 'fixed text is valid JSON');
  const after = runRule(ruleId, fixed);
  assert.equal(after.filter((f) => f.pointer === finding.pointer).length, 0, `finding at ${finding.pointer} gone after fix`);
  return fixed;
}

/** An n8n workflow text with the given nodes (and optional connections/settings). */
export function n8nWorkflow(nodes: unknown[], extra: Record<string, unknown> = {}): string {
  return json({ name: 'Test workflow', nodes, connections: {}, ...extra });
}
