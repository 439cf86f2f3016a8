/**
 * Puts a scan's findings back into the flows the maker knows: for every analysed flow file, the file is read once more
 * and its flow model detected (no rules run), so each finding gets its flow (display name, platform, file) and its
 * step as the platform shows it (`inventory/stepLabel`), and each flow its inventory (`inventory/buildInventory`).
 * Copies of the same flow (identical JSON content, e.g. a Power Automate solution's `Workflows/x.json` and an unpacked
 * source copy) become one flow that is "also in" the other files; the copies' findings are left out and counted.
 * Node (reads files); files are handled one at a time, so only one parse tree is alive at once.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { detect } from '../engine/detect';
import { parseJson } from '../engine/parse';
import { findAt, parsePointer, pointerOf, toPointer } from '../engine/pointer';
import { get, str } from '../engine/json';
import { connectorDisplayName } from './connectors';
import { redactSecretsIn } from '../engine/secrets/scan';
import type { Flow } from '../engine/model';
import type { FlowRef } from './data';
import { buildInventory, locateFinding, nodeRedTabs, stepLabel, type FlowInventory, type StepLabel } from '../inventory';
import { decode, type FileAnalysis } from '../workspace/analyze-file';
import { isFileError, type FileError } from '../workspace/scan';
import type { ReportedFinding } from '../cli/report';
import { relativePath } from '../cli/report';

/** One flow of the report: the facts `reportData` reads (`FlowRef`) plus its inventory entry. */
export interface ReportFlow extends FlowRef {
  inventory: FlowInventory;
}

/** A finding placed in its flow and step. */
export interface PlacedFinding extends ReportedFinding {
  flowId?: string;
  step?: StepLabel;
}

/** The located report. */
export interface ReportContext {
  flows: ReportFlow[];
  /** The findings to show: duplicate copies' findings removed, flows and steps attached. */
  findings: PlacedFinding[];
  /** Findings left out because they are in a copy of a flow shown elsewhere. */
  duplicateFindings: number;
}

const GUID_SUFFIX = /-[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$/;

/**
 * The flow's name as the maker sees it: the name in the file (n8n `name`, Logic Apps resource name unless it is an
 * ARM expression), else the Power Automate solution's `Name` from `<file>.data.xml` or `customizations.xml`, else a
 * Logic Apps Standard workflow's folder name, else the Node-RED tab labels, else the file's base name without
 * `.json` and without the `-<GUID>` suffix Power Automate adds to solution flow files.
 */
export function flowDisplayName(flow: Flow, absPath: string): string {
  return redactSecretsIn(displayName(flow, absPath)); // (a name can hold a token: shown redacted, like findings)
}

function displayName(flow: Flow, absPath: string): string {
  if (flow.name && !flow.name.startsWith('[')) return flow.name;
  if (flow.format === 'power-automate') {
    const n = solutionName(absPath);
    if (n) return n;
  }
  const base = path.basename(absPath);
  if (flow.format === 'logic-apps' && base.toLowerCase() === 'workflow.json') return path.basename(path.dirname(absPath));
  if (flow.format === 'node-red') {
    const tabs = [...nodeRedTabs(flow).values()];
    if (tabs.length) return tabs.length > 3 ? `${tabs.slice(0, 3).join(', ')} and ${tabs.length - 3} more` : tabs.join(', ');
  }
  // Flattened paths (`repo__solution.zip!__Workflows__Name-GUID.json`, as in our corpus) keep the part after the last `__`.
  const short = /\.zip!|__workflows__/i.test(base) ? base.slice(base.lastIndexOf('__') + 2) : base;
  return short.replace(/\.json$/i, '').replace(GUID_SUFFIX, '') || base;
}

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
function xmlText(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|apos);/g, (_m, e: string) => XML_ENTITIES[e]);
}

/**
 * Power Automate solution flows: the display name is the `Name` attribute of the `<Workflow>` element, in the unpacked
 * solution's `Workflows/<file>.data.xml` (SolutionPackager layout) or in `customizations.xml` next to `Workflows/`
 * (exported solution), whose `<JsonFileName>` names the file. Undefined when neither file says.
 */
function solutionName(absPath: string): string | undefined {
  const attr = (xml: string) => /<Workflow\b[^>]{0,2000}?\sName="([^"]{1,400})"/.exec(xml)?.[1];
  const read = (p: string) => {
    try {
      return readFileSync(p, 'utf8');
    } catch {
      return undefined;
    }
  };
  const data = read(absPath + '.data.xml');
  const fromData = data && attr(data);
  if (fromData) return xmlText(fromData);
  const custom = read(path.join(path.dirname(absPath), '..', 'customizations.xml'));
  if (!custom) return undefined;
  const want = '/workflows/' + path.basename(absPath).toLowerCase();
  for (const block of custom.split(/<\/Workflow>/)) {
    const json = /<JsonFileName>([^<]{1,1000})<\/JsonFileName>/.exec(block)?.[1];
    if (json && json.toLowerCase().replace(/\\/g, '/').endsWith(want)) {
      const n = attr(block.slice(block.lastIndexOf('<Workflow ')));
      if (n) return xmlText(n);
    }
  }
  return undefined;
}

/**
 * A finding outside every step, named by the part of the flow it is about (the words the designer or the export
 * uses): a Power Automate connection reference, a workflow parameter, the flow's actions or triggers as a whole,
 * n8n workflow settings. Undefined when the pointer names none of these (the finding is about the whole flow).
 */
export function placeLabel(flow: Flow, pointer: string): StepLabel | undefined {
  const rel = parsePointer(pointer).slice(parsePointer(pointerOf(flow.root)).length);
  const i = rel.indexOf('connectionReferences');
  if (i >= 0 && rel[i + 1]) {
    // Named by its connector as the designer shows it ("Office 365 Users"), the reference name kept as the key.
    const api = str(get(findAt(flow.root, toPointer(rel.slice(0, i + 2))), 'api', 'name'));
    const shown = connectorDisplayName(api);
    return shown ? { name: shown, kind: 'connection', type: 'connection reference', key: rel[i + 1] } : { name: rel[i + 1], kind: 'connection', type: 'connection reference' };
  }
  if (flow.format === 'n8n' && rel[0] === 'settings') return { name: 'Workflow settings', kind: 'settings', type: 'settings' };
  const d = rel.indexOf('definition');
  const def = d >= 0 ? rel.slice(d + 1) : flow.format === 'power-automate' || flow.format === 'logic-apps' ? rel : [];
  if (def[0] === 'parameters' && def[1]) return { name: def[1], kind: 'parameter', type: 'workflow parameter' };
  if ((def[0] === 'actions' || def[0] === 'triggers') && def.length === 1) return { name: def[0] === 'actions' ? 'all actions' : 'all triggers', kind: 'flow', type: def[0] };
  return undefined;
}

/**
 * Same content regardless of formatting: a hash of the text without the whitespace outside strings (one pass, fed to
 * the hash in slices, so no re-serialised copy of a large file is built). Key order and escapes still count.
 */
export function contentHash(text: string): string {
  const h = createHash('sha256');
  let from = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
      if (i > from) h.update(text.slice(from, i));
      from = i + 1;
    }
  }
  if (text.length > from) h.update(text.slice(from));
  return h.digest('hex');
}

/** Prefer the plain copy over one inside an archive, then the shorter path, then the first by name. */
function preferred(a: string, b: string): number {
  return Number(a.includes('.zip')) - Number(b.includes('.zip')) || a.length - b.length || a.localeCompare(b);
}

/**
 * Locates `findings` (a scan report's, any order) using the per-file `results` of the same scan; `cwd` is the base of
 * relative paths. Findings of files without flows (configuration, companion files) keep no flow. `onProgress` is called
 * before each flow file (done, total) and once at the end.
 */
export function reportContext(cwd: string, results: readonly (FileAnalysis | FileError)[], findings: readonly ReportedFinding[], onProgress?: (done: number, total: number) => void): ReportContext {
  const byFile = new Map<string, ReportedFinding[]>();
  for (const f of findings) {
    let l = byFile.get(f.absPath);
    if (!l) byFile.set(f.absPath, (l = []));
    l.push(f);
  }
  const flowFiles = results
    .filter((r): r is FileAnalysis => !isFileError(r) && r.status === 'analyzed' && !!r.format)
    .map((r) => ({ r, file: relativePath(cwd, r.path) }))
    .sort((a, b) => preferred(a.file, b.file));
  const flows: ReportFlow[] = [];
  const placed = new Map<string, PlacedFinding[]>();
  const firstOfHash = new Map<string, ReportFlow[]>();
  let duplicateFindings = 0;
  let done = 0;
  for (const { r, file } of flowFiles) {
    onProgress?.(done++, flowFiles.length);
    let text: string | undefined;
    try {
      text = decode(readFileSync(r.path));
    } catch {
      continue; // vanished since the scan: its findings stay without a flow
    }
    if (text === undefined) continue;
    const parseText = text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text;
    const detection = detect(parseJson(parseText, []), r.path);
    if (!detection || !detection.flows.length) continue;
    const key = `${detection.format}\u0000${contentHash(parseText.trimStart())}`;
    const mine = byFile.get(r.path) ?? [];
    const original = firstOfHash.get(key);
    if (original) {
      for (const f of original) f.also.push(file);
      duplicateFindings += mine.length;
      placed.set(r.path, []);
      continue;
    }
    const inv = buildInventory(detection, text, r.findings, file);
    const fileFlows = detection.flows.map((flow, i) => ({
      id: `${file}#${i}`,
      name: flowDisplayName(flow, r.path),
      platform: flow.format,
      file,
      absPath: r.path,
      also: [] as string[],
      inventory: inv[i],
    }));
    firstOfHash.set(key, fileFlows);
    flows.push(...fileFlows);
    placed.set(
      r.path,
      mine.map((f) => {
        const at = locateFinding(detection.flows, f.pointer);
        if (at.flow < 0) return f;
        const out: PlacedFinding = { ...f, flowId: fileFlows[at.flow].id };
        const flow = detection.flows[at.flow];
        const label = at.step ? stepLabel(flow, at.step) : placeLabel(flow, f.pointer);
        if (label) out.step = label;
        return out;
      }),
    );
  }
  onProgress?.(flowFiles.length, flowFiles.length);
  for (const f of flows) f.also.sort();
  const out: PlacedFinding[] = [];
  for (const [abs, list] of byFile) out.push(...(placed.get(abs) ?? list));
  return { flows, findings: out, duplicateFindings };
}
