/**
 * Generated workspaces for the size and load tests: many small flow files (n8n with an open webhook, a clean n8n
 * workflow, a Node-RED flow, a Logic Apps workflow, and plain JSON that is not a flow) spread over 100 folders.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { json } from '../../helpers';

const WDL_SCHEMA = 'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#';

/** The text of generated file `i` (kind = i mod 5; kind 0 has one webhook finding). */
export function generatedFlow(i: number): string {
  switch (i % 5) {
    case 0:
      return json({ name: `hook ${i}`, nodes: [{ id: `w${i}`, name: `Hook ${i}`, type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], webhookId: `id-${i}`, parameters: { path: `p${i}`, httpMethod: 'POST' } }], connections: {}, settings: { errorWorkflow: 'e' } });
    case 1:
      return json({ name: `set ${i}`, nodes: [{ id: `s${i}`, name: `Set ${i}`, type: 'n8n-nodes-base.set', typeVersion: 3, position: [0, 0], parameters: { values: { string: [{ name: 'n', value: String(i) }] } } }], connections: {}, settings: { errorWorkflow: 'e' } });
    case 2:
      return json([{ id: `t${i}`, type: 'tab', label: `Flow ${i}` }, { id: `n${i}`, type: 'change', z: `t${i}`, name: '', rules: [], x: 0, y: 0, wires: [[]] }]);
    case 3:
      return json({ definition: { $schema: WDL_SCHEMA, contentVersion: '1.0.0.0', triggers: { recurrence: { type: 'Recurrence', recurrence: { frequency: 'Hour', interval: 1 } } }, actions: { compose: { type: 'Compose', inputs: i, runAfter: {} } } }, kind: 'Stateful' });
    default:
      return json({ name: `package-${i}`, version: '1.0.0', dependencies: {} });
  }
}

/** Writes `n` generated files under `dir` (100 folders, `f<i>.json`); returns their paths in order. */
export function writeGeneratedWorkspace(dir: string, n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const sub = path.join(dir, `folder-${String(i % 100).padStart(2, '0')}`);
    if (i < 100) fs.mkdirSync(sub, { recursive: true });
    const p = path.join(sub, `f${i}.json`);
    fs.writeFileSync(p, generatedFlow(i));
    out.push(p);
  }
  return out;
}

/** Peak resident set size of a live process in MB (Linux `/proc/<pid>/status` VmHWM), or undefined elsewhere. */
export function peakRssMb(pid: number): number | undefined {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}
