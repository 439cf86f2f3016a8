/**
 * Plain-words messages for schema problems: `Node "Webhook" (/nodes/2): "position" is required by n8n`.
 * A message names the step (node, trigger, action) or the flow the problem sits in, with that thing's JSON Pointer,
 * then the member path relative to it. Values are echoed only for enumerated fields (statuses, kinds, …) and
 * numbers, never free text, and cut to 40 characters: a schema message must not leak a secret.
 */
import type { ErrorObject } from 'ajv';
import type { Flow, Step } from '../model';
import type { Format, JsonNode } from '../types';
import { prop, str } from '../json';
import { findAt, parsePointer } from '../pointer';
import { isUnder } from './errors';
import { redactSecretsIn } from '../secrets/scan';

/** The platform's name as users know it. */
export const PLATFORM: Record<Format, string> = {
  n8n: 'n8n',
  'node-red': 'Node-RED',
  'power-automate': 'Power Automate',
  'logic-apps': 'Azure Logic Apps',
};

const MAX_PREVIEW = 40;
/**
 * How much JSON text a preview is built from before it is cut: enough to hold the longest known token format whole
 * (a JWT of 3 × 8,192 characters), so that secrets are redacted before the cut and never shown in part.
 */
const PREVIEW_SOURCE = 30_000;

/**
 * JSON text of a value, with every known-format secret redacted (`redactSecretsIn`), cut to 40 characters (with `…`).
 * Redaction comes first: a token cut to 40 characters no longer matches its format and would be printed in part.
 * Objects and arrays are serialised only as far as needed ({@link jsonHead}), not whole: a 60,000-member object in an
 * enumerated field costs a few members, not a full `JSON.stringify`.
 */
export function preview(value: unknown): string {
  let s: string;
  try {
    s = jsonHead(value, PREVIEW_SOURCE) ?? String(value);
  } catch {
    s = String(value);
  }
  s = redactSecretsIn(s);
  return s.length > MAX_PREVIEW ? s.slice(0, MAX_PREVIEW - 1) + '…' : s;
}

/**
 * The start of `JSON.stringify(value)` — at least `limit` characters of it when it is longer (it may run past `limit`
 * by one member), the whole text otherwise; undefined where `JSON.stringify` gives undefined. Plain JSON data only
 * (no `toJSON`, no cycles): what a schema validator reports as an error's `data`.
 */
export function jsonHead(value: unknown, limit: number): string | undefined {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  let out = '';
  const put = (v: unknown, inArray: boolean): boolean => {
    if (v !== null && typeof v === 'object') {
      const arr = Array.isArray(v);
      out += arr ? '[' : '{';
      let first = true;
      for (const k of arr ? (v as unknown[]).keys() : Object.keys(v)) {
        const item = (v as Record<string | number, unknown>)[k];
        if (!arr && (item === undefined || typeof item === 'function' || typeof item === 'symbol')) continue;
        if (!first) out += ',';
        first = false;
        if (!arr) out += JSON.stringify(k) + ':';
        if (!put(item, arr)) return false;
        if (out.length > limit) return false;
      }
      out += arr ? ']' : '}';
      return true;
    }
    const t = JSON.stringify(v);
    out += t === undefined ? (inArray ? 'null' : '') : t;
    return out.length <= limit;
  };
  put(value, false);
  return out;
}

const ARTICLE: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'an integer',
  boolean: 'a boolean',
  object: 'an object',
  array: 'an array',
  null: 'null',
};

/** "a string", "an object", … for a JSON value. */
export function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'a number' : 'a non-integer number';
  return ARTICLE[typeof value] ?? typeof value;
}

function typesPhrase(types: string): string {
  const list = types.split(',').map((t) => ARTICLE[t] ?? t);
  return list.length > 1 ? list.slice(0, -1).join(', ') + ' or ' + list[list.length - 1] : list[0];
}

/** What a problem is about: a label such as `Node "Webhook"` and the JSON Pointer of that thing ('' = document root). */
export interface Subject {
  label: string;
  pointer: string;
}

const STEP_LABEL = { node: 'Node', config: 'Config node', trigger: 'Trigger', action: 'Action' } as const;
const NODE_RED_CONTAINERS: Record<string, string> = { tab: 'Tab', subflow: 'Subflow', group: 'Group', comment: 'Comment' };

function named(label: string, name: string | undefined): string {
  return name ? `${label} ${JSON.stringify(name.length > MAX_PREVIEW ? name.slice(0, MAX_PREVIEW - 1) + '…' : name)}` : label;
}

/**
 * The innermost step whose object contains `pointer` (nested WDL actions are steps too), else for Node-RED the flow
 * array's element (tab, subflow, group), else the flow itself.
 */
export function subjectOf(flow: Flow, root: JsonNode, rootPointer: string, pointer: string): Subject {
  // The step whose pointer is the longest one equal to `pointer` or above it: looked up by each ancestor pointer, from
  // the longest (a scan of every step per error was quadratic: 40,000 nodes without parameters took 18 s).
  const byPointer = stepsByPointer(flow);
  let best: Step | undefined;
  for (let p = pointer; !best; p = p.slice(0, p.lastIndexOf('/'))) {
    best = byPointer.get(p);
    if (!p) break;
  }
  if (best) return { label: named((flow.format === 'node-red' && NODE_RED_CONTAINERS[best.type]) || STEP_LABEL[best.kind], best.name || undefined), pointer: best.pointer };
  if (flow.format === 'node-red') {
    const m = /^\/(0|[1-9]\d*)/.exec(pointer);
    const item = m ? findAt(root, m[0]) : undefined;
    if (m && item?.type === 'object') {
      const type = str(prop(item, 'type')) ?? '';
      const name = str(prop(item, 'label')) || str(prop(item, 'name')) || str(prop(item, 'id'));
      return { label: named(NODE_RED_CONTAINERS[type] ?? 'Node', name), pointer: m[0] };
    }
  }
  const label =
    flow.format === 'n8n'
      ? named('Workflow', flow.name)
      : flow.subformat === 'arm' || flow.subformat === 'resource'
        ? named('Logic app', flow.name)
        : flow.subformat === 'definition'
          ? 'Definition'
          : flow.format === 'power-automate'
            ? 'Flow'
            : 'Workflow';
  return { label, pointer: rootPointer };
}

const STEP_INDEX = new WeakMap<Flow, Map<string, Step>>();

/** A flow's steps by JSON Pointer (the first step of each pointer), built once per flow. */
function stepsByPointer(flow: Flow): Map<string, Step> {
  let m = STEP_INDEX.get(flow);
  if (!m) {
    m = new Map();
    for (const s of flow.steps) if (!m.has(s.pointer)) m.set(s.pointer, s);
    STEP_INDEX.set(flow, m);
  }
  return m;
}

/** `pointer` relative to `base`, as readable path text (`runAfter/Get_items/0`); '' when equal. */
export function relativePath(pointer: string, base: string): string {
  if (pointer === base) return '';
  return parsePointer(isUnder(pointer, base) ? pointer.slice(base.length) : pointer).join('/');
}

function join(rel: string, key: string): string {
  return rel ? `${rel}/${key}` : key;
}

/**
 * The message of one problem. `pointer` is where the error sits (the object for required/additionalProperties, else
 * the value); `more` counts collapsed sibling items.
 */
export function messageOf(e: ErrorObject, format: Format, subject: Subject, pointer: string, more: number, severity: 'error' | 'warning' | 'info' | 'hint'): string {
  const platform = PLATFORM[format];
  const rel = relativePath(pointer, subject.pointer);
  const field = rel ? `"${rel}"` : 'it';
  const ps = e.parentSchema as { 'x-expected'?: string } | undefined;
  const expected = ps?.['x-expected'];
  const params = e.params as Record<string, unknown>;
  let problem: string;
  switch (e.keyword) {
    case 'required':
      problem = severity === 'error' ? `"${join(rel, String(params.missingProperty))}" is required by ${platform}` : `"${join(rel, String(params.missingProperty))}" is missing (${platform} expects it)`;
      break;
    case 'additionalProperties': {
      const key = join(rel, String(params.additionalProperty));
      problem = severity === 'error' ? `"${key}" is not allowed here: ${platform} rejects properties it does not know` : `"${key}" is not a property ${platform} documents here`;
      break;
    }
    case 'type':
      problem = `${field} must be ${expected ?? typesPhrase(String(params.type))}, found ${jsonTypeOf(e.data)}`;
      break;
    case 'enum':
      problem = `${field} must be one of ${(params.allowedValues as unknown[]).map((v) => preview(v)).join(', ')}, found ${preview(e.data)}`;
      break;
    case 'const':
      problem = `${field} must be ${preview(params.allowedValue)}, found ${preview(e.data)}`;
      break;
    case 'pattern':
      problem = `${field} must be ${expected ?? `text matching ${preview(params.pattern)}`}, found ${preview(e.data)}`;
      break;
    case 'minLength':
      problem = params.limit === 1 ? `${field} must not be empty` : `${field} must be at least ${params.limit} characters long`;
      break;
    case 'minItems':
      problem = `${field} must have at least ${params.limit} items${expected ? ` (${expected})` : ''}, found ${Array.isArray(e.data) ? e.data.length : 0}`;
      break;
    case 'maxProperties':
      problem = `${field} must have at most ${params.limit} entries, found ${e.data && typeof e.data === 'object' ? Object.keys(e.data).length : 0}`;
      break;
    case 'minimum':
    case 'maximum':
      problem = `${field} must be ${e.keyword === 'minimum' ? 'at least' : 'at most'} ${params.limit}, found ${typeof e.data === 'number' ? e.data : jsonTypeOf(e.data)}`;
      break;
    case 'oneOf':
    case 'anyOf':
      problem = `${field} does not match any form ${platform} accepts`;
      break;
    default:
      problem = `${field} ${e.message ?? 'is not valid'}`;
  }
  if (more > 0) {
    const parent = relativePath(pointer.slice(0, pointer.lastIndexOf('/')), subject.pointer);
    problem += ` (and ${more} more in ${parent ? `"${parent}"` : 'the same list'})`;
  }
  const where = subject.pointer ? `${subject.label} (${subject.pointer})` : subject.label;
  return `${where}: ${problem}`;
}
