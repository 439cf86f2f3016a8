/** Fixture builders for the Node-RED rule tests. */
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
