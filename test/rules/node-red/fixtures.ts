/** Fixture builders for the Node-RED rule tests. */
import assert from 'node:assert/strict';
import { analyze } from '../../../server/src/engine';
import { json } from '../../helpers';

/** Id of the tab that `nodeRedFlow` puts first; regular nodes use it as their `z`. */
export const TAB = 't1';

/**
 * A Node-RED flow file text (2-space JSON, as the editor exports): a tab `t1` first, then `nodes` as given,
 * so the first given node is at pointer `/1`. Pass `tab: false` to leave the tab out, `tabDisabled` to disable it.
 */
export function nodeRedFlow(nodes: unknown[], opts: { tab?: boolean; tabDisabled?: boolean } = {}): string {
  const tab = { id: TAB, type: 'tab', label: 'Flow 1', disabled: opts.tabDisabled ?? false, info: '' };
  return json(opts.tab === false ? nodes : [tab, ...nodes]);
}

/** A regular (wired) node on tab `t1`: `{ id, type, z, name, ...props, x, y, wires }`. */
export function wired(id: string, type: string, props: Record<string, unknown> = {}, wires: string[][] = [[]]): Record<string, unknown> {
  return { id, type, z: TAB, name: '', ...props, x: 100, y: 100, wires };
}

/** Every finding of every rule on a text as `ruleId pointer severity` keys (schema skipped), for before/after fix checks. */
export function findingKeys(text: string, fileName = 'flows.json'): string[] {
  return analyze(text, { skipSchema: true, fileName }).findings.map((f) => `${f.ruleId} ${f.pointer} ${f.severity}`);
}

/**
 * Checks that a fix brought no new finding of any rule: every key after the fix was there before.
 * Keys hold the pointer, so a finding that moved to another node counts as new.
 */
export function assertNoNewFindings(before: string, after: string): void {
  const old = new Set(findingKeys(before));
  assert.deepEqual(findingKeys(after).filter((k) => !old.has(k)), [], 'no new finding after the fix');
}
