/**
 * Synthetic large files for the benchmark, built by repeating real nodes taken from the corpus (so parameters,
 * expressions, credentials references and secrets look as they do in real exports):
 * - n8n: one workflow whose `nodes` are corpus n8n nodes in corpus order, renamed `<name> #<i>` (names must be unique
 *   in n8n), chained by `main` connections; written as n8n exports are (2-space indentation).
 * - Node-RED: one tab plus corpus Node-RED flow nodes (those with `wires`) given fresh ids on that tab, each wired
 *   to the next; written with 4-space indentation.
 * Sizes: just under 1, 5 and 20 MB (10^6 bytes; 5 MB stays under the 5,120 KB default size limit). Output is deterministic
 * for a given corpus; files are cached under `.bench/synthetic/` and rebuilt when missing.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createHash } from 'node:crypto';

export const SIZES = [
  ['1mb', 1e6],
  ['5mb', 5e6],
  ['20mb', 20e6],
];

function* jsonFiles(dir) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* jsonFiles(p);
    else if (e.name.endsWith('.json')) yield p;
  }
}

function* corpusItems(dir, pick) {
  for (;;) {
    let any = false;
    for (const f of jsonFiles(dir)) {
      let doc;
      try {
        doc = JSON.parse(fs.readFileSync(f, 'utf8'));
      } catch {
        continue;
      }
      for (const item of pick(doc)) {
        any = true;
        yield item;
      }
    }
    if (!any) throw new Error(`no nodes found under ${dir}`);
  }
}

/** Length of `v` stringified with `indent` spaces and shifted right by `shift` spaces per line. */
function indented(v, indent, shift) {
  const s = JSON.stringify(v, null, indent);
  let lines = 1;
  for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) lines++;
  return s.length + shift * lines + 2;
}

function uuid(seed) {
  const h = createHash('sha256').update(String(seed)).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** An n8n workflow of about `bytes` bytes (text). */
export function n8nWorkflow(corpus, bytes) {
  const nodes = [];
  const connections = {};
  let size = 200;
  let i = 0;
  for (const node of corpusItems(path.join(corpus, 'n8n'), (d) => (Array.isArray(d?.nodes) ? d.nodes : []))) {
    if (!node || typeof node !== 'object' || typeof node.type !== 'string') continue;
    const n = { ...node, id: uuid(`n8n${i}`), name: `${node.name ?? node.type} #${i}`, position: [(i % 50) * 220, Math.floor(i / 50) * 200] };
    if (i > 0) connections[nodes[i - 1].name] = { main: [[{ node: n.name, type: 'main', index: 0 }]] };
    nodes.push(n);
    size += indented(n, 2, 4) + 120 + n.name.length * 2;
    i++;
    if (size >= bytes) break;
  }
  return JSON.stringify({ name: `Synthetic ${nodes.length} nodes`, nodes, connections, active: false, settings: { executionOrder: 'v1' }, id: 'synthetic' }, null, 2);
}

/** A Node-RED flow file of about `bytes` bytes (text). */
export function nodeRedFlow(corpus, bytes) {
  const tab = { id: 'tab0000000000001', type: 'tab', label: 'Synthetic', disabled: false, info: '' };
  const out = [tab];
  let size = 100;
  let i = 0;
  const pick = (d) => (Array.isArray(d) ? d.filter((n) => n && typeof n === 'object' && typeof n.type === 'string' && Array.isArray(n.wires)) : []);
  for (const node of corpusItems(path.join(corpus, 'node-red'), pick)) {
    const id = createHash('sha256').update(`nr${i}`).digest('hex').slice(0, 16);
    const n = { ...node, id, z: tab.id, x: 100 + (i % 20) * 150, y: 40 + Math.floor(i / 20) * 60, wires: node.wires.length ? [[]] : [] };
    if (i > 0 && out[i].wires.length) out[i].wires = [[id]];
    out.push(n);
    size += indented(n, 4, 4) + 2;
    i++;
    if (size >= bytes) break;
  }
  return JSON.stringify(out, null, 4);
}

/**
 * Writes (if missing) and returns the synthetic files: `[{ name, format, path, bytes }]`, n8n then Node-RED, small to large.
 */
export function syntheticFiles(corpus, dir) {
  fs.mkdirSync(dir, { recursive: true });
  const out = [];
  for (const [format, make] of [
    ['n8n', n8nWorkflow],
    ['node-red', nodeRedFlow],
  ]) {
    for (const [label, bytes] of SIZES) {
      const file = path.join(dir, `${format}-${label}.json`);
      if (!fs.existsSync(file)) {
        // The size estimate runs a little high or low: one corrective pass keeps each file at or just under its size.
        let text = make(corpus, bytes);
        if (text.length > bytes) text = make(corpus, (bytes * bytes) / text.length - 2000);
        fs.writeFileSync(file, text);
      }
      out.push({ name: `synthetic ${format} ${label.toUpperCase().replace('MB', ' MB')}`, format, path: file, bytes: fs.statSync(file).size });
    }
  }
  return out;
}
