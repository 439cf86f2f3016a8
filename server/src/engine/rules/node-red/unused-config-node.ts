/**
 * node-red/unused-config-node — a configuration node (broker, server, database or TLS configuration …) that no node
 * in the file uses.
 *
 * Facts (node-red/node-red at 1f38dc89):
 * - Config nodes are flow-file objects without `wires` and without a position (`x`/`y`); nodes point at them by id
 *   in a property (`broker`, `server`, `tls`, `proxy`, subflow `env` entries of type `conf-type`, …).
 * - `runtime/lib/flows/Flow.js` `start` creates every config node that is not disabled (`d: true`), used or not:
 *   a `websocket-listener` opens its endpoint (`core/network/22-websocket.js`), and the node's credentials stay in
 *   the credentials file. (An unused `mqtt-broker` does not connect: it connects when its first user registers.)
 * - The editor warns on deploy "You have some unused configuration nodes" and finds them with the search filter
 *   `is:config is:unused` (editor locale `editor.json`, `notification.unusedConfigNodes`).
 *
 * A config node counts as used when its id appears as a string anywhere in another object of the file. Dashboard
 * layout nodes (`ui-…`, `ui_…`, whose pages and tabs show even when empty) and `global-config` (holds global
 * environment variables; nothing points at it) are not reported, nor are disabled config nodes.
 * Severity info. OWASP LCNC-SEC-09 (Asset Management Failures): "remove or disable unused components".
 * Fix (not preferred: another flow file may use the node): delete the config node's object from the file, which is
 * what deleting it in the editor's Configuration nodes sidebar does.
 */
import { defineRule } from '../../rule';
import type { JsonNode } from '../../types';
import { prop, walk } from '../../json';
import { setValue } from '../../fix';
import { pathOf } from '../../pointer';
import { flowObjects, isActive } from './util';

/** Types that are never reported (see the module facts). */
function exempt(type: string): boolean {
  return type === 'global-config' || type === 'tab' || type === 'subflow' || type === 'group' || type === 'comment' || /^ui[-_]/.test(type) || type.startsWith('subflow:');
}

/** Every string value in the file, counted (property keys and each object's own `id` are left out). */
function referenceCounts(objects: readonly JsonNode[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const obj of objects) {
    const own = prop(obj, 'id');
    walk(obj, (n) => {
      if (n === own) return false;
      if (n.type === 'string' && !(n.parent?.type === 'property' && n.parent.children?.[0] === n)) counts.set(n.value as string, (counts.get(n.value as string) ?? 0) + 1);
    });
  }
  return counts;
}

export default defineRule(
  {
    id: 'node-red/unused-config-node',
    owasp: 'LCNC-SEC-09',
    defaultSeverity: 'info',
    description: 'Configuration node (broker, server, database, TLS …) that no node in the file uses, but that Node-RED still starts.',
    formats: ['node-red'],
    fixable: true,
  },
  (ctx) => {
    for (const flow of ctx.flows) {
      const objects = flowObjects(flow);
      let counts: Map<string, number> | undefined;
      for (const step of flow.steps) {
        const n = step.node;
        if (prop(n, 'wires') || prop(n, 'x') || exempt(step.type) || !isActive(step, flow) || !step.id) continue;
        counts ??= referenceCounts(objects);
        if (counts.get(step.id)) continue;
        ctx.report({
          at: prop(n, 'type') ?? n,
          pointer: step.pointer,
          message:
            `Config node "${step.name}" (${step.type}) is not used by any node in this file, but Node-RED still starts it and keeps its credentials: ` +
            'a forgotten connection that nobody maintains' +
            (step.type === 'websocket-listener' ? ' (this one keeps its WebSocket endpoint open)' : '') +
            '. Delete it unless another flow file uses it (in the editor, search for is:config is:unused).',
          fix: { title: `Delete the unused config node "${step.name}"`, edits: setValue(ctx.text, pathOf(n), undefined), isPreferred: false },
        });
      }
    }
  },
);
