/**
 * Test helpers for the Logic Apps rules. `runWithDetection` runs one rule on a Standard project file that
 * `detect.ts` does not recognise yet (`connections.json`, `local.settings.json`), by handing the rule the detection
 * proposed for it (`{ format: 'logic-apps', subformat, flows: [] }`). Once `detect()` recognises the file, the
 * engine's own detection is used instead, so these tests keep passing unchanged.
 */
import assert from 'node:assert/strict';
import { parseTree } from 'jsonc-parser';
import { analyze, LineIndex, rulesById, type Finding } from '../../../server/src/engine';
import { flowHelpers, type Report, type RuleContext } from '../../../server/src/engine/rule';
import { pointerOf } from '../../../server/src/engine/pointer';

/** The text a finding's range covers. */
export const slice = (text: string, f: { offset: number; length: number }): string => text.slice(f.offset, f.offset + f.length);

/** True when the engine's `detect()` recognises the text (with this file name). */
export function engineDetects(text: string, fileName = 'test.json'): boolean {
  return analyze(text, { only: [], fileName, skipSchema: true }).detection !== undefined;
}

/**
 * Findings of rule `ruleId` on `text`: through `analyze` when the engine detects the file, else through a context
 * built here with detection `{ format: 'logic-apps', subformat, flows: [] }`. Findings are sorted by offset.
 * Throws for an unknown rule id or text that does not parse.
 */
export function runWithDetection(ruleId: string, text: string, subformat: string, fileName = 'test.json'): Finding[] {
  const rule = rulesById.get(ruleId);
  if (!rule) throw new Error(`unknown rule ${ruleId}`);
  const viaEngine = analyze(text, { only: [rule], fileName, skipSchema: true });
  if (viaEngine.detection) return viaEngine.findings.filter((f) => f.ruleId === ruleId);
  const root = parseTree(text);
  if (!root) throw new Error('text does not parse');
  const lines = new LineIndex(text);
  const findings: Finding[] = [];
  const ctx: RuleContext = {
    text,
    root,
    lines,
    detection: { format: 'logic-apps', subformat, flows: [] },
    flows: [],
    fileName,
    ...flowHelpers([]),
    report(r: Report) {
      const f: Finding = {
        ruleId,
        owasp: rule.meta.owasp,
        severity: r.severity ?? rule.meta.defaultSeverity,
        message: r.message,
        range: lines.rangeAt(r.at.offset, r.at.length),
        offset: r.at.offset,
        length: r.at.length,
        pointer: r.pointer ?? pointerOf(r.at),
        docsUrl: rule.meta.docsUrl,
      };
      if (r.fix) f.fix = r.fix;
      findings.push(f);
    },
  };
  rule.check(ctx);
  return findings.sort((a, b) => a.offset - b.offset);
}

/**
 * Asserts that applying a fix created no finding (of any rule, schema checks off) that the original text did not
 * have, comparing rule id and pointer.
 */
export function assertNoNewFindings(before: string, after: string, fileName = 'test.json'): void {
  const key = (f: Finding) => `${f.ruleId} ${f.pointer}`;
  const had = new Set(analyze(before, { fileName, skipSchema: true }).findings.map(key));
  const added = analyze(after, { fileName, skipSchema: true }).findings.map(key).filter((k) => !had.has(k));
  assert.deepEqual(added, [], 'the fix created new findings');
}
