/**
 * Hover for the language server:
 * - over a finding's range: the rule's one-line description, its OWASP Low-Code/No-Code Top 10 category (id and
 *   title), the severity, whether a quick fix is offered, and a link to the rule's documentation page (markdown);
 * - over an n8n `{{ … }}` block in a parameter value: which nodes the expression reads (`$('Node')`, `$node["Node"]`)
 *   and, when the data comes from a trigger that outsiders can write (`UNTRUSTED_TRIGGERS`, e.g. a Webhook), says so.
 *   For the node's own input (`$json`, `$input`, …) the untrusted triggers upstream (through `connections`) are named.
 * Also the `lowcodeGuard/documentInfo` request (format and subformat of a document, for the client's status item).
 * No document text other than node names and types is put in a hover.
 */
import { findNodeAtOffset, getNodePath, parseTree, type Node as JsonNode } from 'jsonc-parser';
import type { Hover, MarkupContent, Position } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { OWASP_TITLES, rulesById, type Finding } from '../engine';
import { detect } from '../engine/detect';
import { expressionBlocks, nodeReferences, readsOwnInput, UNTRUSTED_TRIGGERS } from '../engine/rules/n8n/expressions';

/** Custom request `lowcodeGuard/documentInfo`: params `{ uri }`, result {@link DocumentInfo} or null (not open / not a low-code file). */
export const DOCUMENT_INFO_REQUEST = 'lowcodeGuard/documentInfo';

/** Result of {@link DOCUMENT_INFO_REQUEST}: the detected format (`n8n`, `node-red`, `power-automate`, `logic-apps`) and subformat (see engine `Detection`). */
export interface DocumentInfo {
  format: string;
  subformat: string;
}

const SEVERITY_LABEL = { error: 'Error', warning: 'Warning', info: 'Info', hint: 'Hint' } as const;

/** The format of a document's text, or null when it is not a low-code file (or does not parse). */
export function documentInfo(text: string, fileName: string): DocumentInfo | null {
  const root = parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
  const d = root && detect(root, fileName);
  return d ? { format: d.format, subformat: d.subformat } : null;
}

/** 0 when `offset` lies in [start, start+length] (inclusive end, as editors place the cursor after the last character). */
const inside = (offset: number, start: number, length: number) => offset >= start && offset <= start + length;

/** Markdown for one finding (rule description, OWASP id and title, severity, quick fix yes/no, docs link). */
export function findingMarkdown(f: Finding): string {
  const meta = rulesById.get(f.ruleId)?.meta;
  const lines = [`**Low-Code Guard** · \`${f.ruleId}\``, ''];
  if (meta) lines.push(meta.description, '');
  const owasp = f.owasp ?? meta?.owasp;
  if (owasp) lines.push(`- OWASP Low-Code/No-Code Top 10: **${owasp}** ${OWASP_TITLES[owasp]}`);
  lines.push(`- Severity: ${SEVERITY_LABEL[f.severity]}`);
  lines.push(`- Quick fix: ${f.fix ? `yes — ${escapeMd(f.fix.title)}` : 'none'}`);
  if (f.docsUrl) lines.push(`- [Documentation](${f.docsUrl})`);
  return lines.join('\n');
}

function escapeMd(s: string): string {
  return s.replace(/[\\`*_[\]<>]/g, (c) => `\\${c}`);
}

/**
 * The hover at `position`: every finding whose range contains it, then (n8n only) a note on the expression under the
 * cursor. Null when there is nothing to say.
 */
export function hoverAt(doc: TextDocument, findings: readonly Finding[], position: Position): Hover | null {
  const offset = doc.offsetAt(position);
  const parts = findings.filter((f) => inside(offset, f.offset, f.length)).map(findingMarkdown);
  const expr = expressionNote(doc.getText(), offset);
  if (expr) parts.push(expr);
  if (!parts.length) return null;
  const contents: MarkupContent = { kind: 'markdown', value: parts.join('\n\n---\n\n') };
  return { contents };
}

interface N8nNode {
  name: string;
  type: string;
}

/** Markdown about the n8n expression block under `offset`, or undefined. */
export function expressionNote(text: string, offset: number): string | undefined {
  const root = parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
  if (!root || !hasProp(root, 'nodes') || !hasProp(root, 'connections')) return undefined;
  const leaf = findNodeAtOffset(root, offset);
  if (!leaf || leaf.type !== 'string' || typeof leaf.value !== 'string') return undefined;
  const path = getNodePath(leaf);
  if (path[0] !== 'nodes' || typeof path[1] !== 'number' || path[2] !== 'parameters') return undefined;
  // Offset within the string value: the raw text starts with a quote. Escapes before the cursor shift this a little; fine for locating a block.
  const inValue = offset - leaf.offset - 1;
  const block = expressionBlocks(leaf.value, { inlineTemplates: true }).find((b) => inside(inValue, b.offset, b.length));
  if (!block) return undefined;
  const nodes = nodeList(root);
  const self = nodes[path[1]];
  const lines: string[] = [];
  for (const ref of nodeReferences(block.code)) {
    const target = nodes.find((n) => n.name === ref.name);
    const field = ref.params ? ' (its parameters, not its output)' : ref.field ? ` (field \`${escapeMd(ref.field)}\`)` : '';
    const trig = target && UNTRUSTED_TRIGGERS[target.type];
    const what = trig ? `: data from the **${trig.label}** — ${trig.receives}` : target ? ` (\`${escapeMd(target.type)}\`)` : ' (no node with this name in the workflow)';
    lines.push(`- reads node **${escapeMd(ref.name)}**${field}${what}`);
  }
  if (self && readsOwnInput(block.code)) {
    const triggers = upstream(root, self.name)
      .map((name) => nodes.find((n) => n.name === name))
      .filter((n): n is N8nNode => !!n && Object.prototype.hasOwnProperty.call(UNTRUSTED_TRIGGERS, n.type));
    lines.push(
      triggers.length
        ? `- reads this node's input items, which come from ${triggers.map((t) => `**${escapeMd(t.name)}** (${UNTRUSTED_TRIGGERS[t.type].label} — ${UNTRUSTED_TRIGGERS[t.type].receives})`).join(', ')}`
        : "- reads this node's input items (no untrusted trigger upstream)",
    );
  }
  if (!lines.length) return undefined;
  return ['**n8n expression**', '', ...lines].join('\n');
}

function hasProp(obj: JsonNode, key: string): boolean {
  return obj.type === 'object' && !!obj.children?.some((p) => p.children?.[0]?.value === key);
}

function propOf(obj: JsonNode | undefined, key: string): JsonNode | undefined {
  if (obj?.type !== 'object') return undefined;
  return obj.children?.find((p) => p.children?.[0]?.value === key)?.children?.[1];
}

function nodeList(root: JsonNode): N8nNode[] {
  const arr = propOf(root, 'nodes');
  return (arr?.type === 'array' ? arr.children ?? [] : []).map((n) => ({
    name: String(propOf(n, 'name')?.value ?? ''),
    type: String(propOf(n, 'type')?.value ?? ''),
  }));
}

/** Names of every node upstream of `name` through n8n `connections` (`{ source: { <output type>: [[{ node }]] } }`). */
function upstream(root: JsonNode, name: string): string[] {
  const incoming = new Map<string, Set<string>>();
  for (const src of propOf(root, 'connections')?.children ?? []) {
    const from = src.children?.[0]?.value;
    if (typeof from !== 'string') continue;
    for (const outputs of src.children?.[1]?.children ?? []) {
      for (const branch of outputs.children?.[1]?.children ?? []) {
        for (const conn of branch.children ?? []) {
          const to = propOf(conn, 'node')?.value;
          if (typeof to !== 'string') continue;
          if (!incoming.has(to)) incoming.set(to, new Set());
          incoming.get(to)!.add(from);
        }
      }
    }
  }
  const seen = new Set<string>();
  const queue = [name];
  while (queue.length) {
    for (const p of incoming.get(queue.shift()!) ?? []) if (!seen.has(p)) (seen.add(p), queue.push(p));
  }
  seen.delete(name);
  return [...seen];
}
