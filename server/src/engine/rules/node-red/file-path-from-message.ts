/**
 * node-red/file-path-from-message — a Write File or Read File node whose file name comes from the message.
 *
 * Facts (Node-RED source `core/storage/10-file.js` / `.html`, node-red/node-red at 1f38dc89):
 * - `file` (Write File) and `file in` (Read File) take the path from `filename`, a typed input with `filenameType`
 *   (editor default `str`). Types `str` and `env` are fixed; `msg` reads that message property; `flow`/`global`
 *   read context; `jsonata` evaluates an expression over the message.
 * - Flows from before Node-RED 3.0 have no `filenameType`: the runtime upgrades them in place, and an empty
 *   `filename` then means `msg.filename` (`filenameType: "msg"`, `filename: "filename"`).
 * - `file` writes (`overwriteFile: "false"` appends, `"true"` overwrites) or deletes (`"delete"`) the file, and
 *   `createDir` creates missing directories. `file in` reads it and sends the content on.
 * - `fileWorkingDirectory` in settings.js only prefixes relative paths (`path.join`): `../` and absolute paths are
 *   not confined.
 *
 * Severity: error when a network input node (`http in`, `mqtt in`, `websocket in`, `tcp in`, `udp in`) sends
 * messages to the node (outside callers choose the path: path traversal); info otherwise (the path comes from the
 * flow's own data; the finding shows where to validate it). Context (`flow`/`global`) file names are not reported.
 * OWASP LCNC-SEC-06 (Injection Handling Failures).
 */
import { defineRule } from '../../rule';
import type { JsonNode } from '../../types';
import { prop, str } from '../../json';
import { NETWORK_INPUTS, describeSources, isActive, sourcesReaching } from './util';

/** Where a file node's path comes from when it depends on the message: the property or expression text, or undefined when fixed. */
export function messagePath(node: JsonNode): { at: JsonNode | undefined; what: string; legacy?: boolean } | undefined {
  const nameNode = prop(node, 'filename');
  const filename = str(nameNode) ?? '';
  const type = str(prop(node, 'filenameType')) ?? '';
  if (type === '') return filename === '' ? { at: nameNode, what: 'msg.filename', legacy: true } : undefined;
  if (type === 'msg') return { at: nameNode, what: `msg.${filename || 'filename'}` };
  if (type === 'jsonata') {
    const expr = filename.trim();
    if (!expr || /^("[^"]*"|'[^']*')$/.test(expr)) return undefined; // a constant string
    return { at: nameNode, what: 'a JSONata expression over the message' };
  }
  return undefined;
}

/** What a file node does with the path, for the message. */
function action(node: JsonNode, type: string): string {
  if (type === 'file in') return 'reads the file';
  const mode = String(prop(node, 'overwriteFile')?.value ?? 'false');
  return mode === 'delete' ? 'deletes the file' : mode === 'true' ? 'overwrites the file' : 'appends to the file';
}

export default defineRule(
  {
    id: 'node-red/file-path-from-message',
    owasp: 'LCNC-SEC-06',
    defaultSeverity: 'info',
    description: 'Write File or Read File node whose path comes from the message; an error when network input reaches it (path traversal).',
    formats: ['node-red'],
    fixable: false,
  },
  (ctx) => {
    for (const [step, flow] of ctx.steps()) {
      if ((step.type !== 'file' && step.type !== 'file in') || step.kind !== 'node' || !isActive(step, flow)) continue;
      const from = messagePath(step.node);
      if (!from) continue;
      const sources = sourcesReaching(ctx, flow, step, NETWORK_INPUTS);
      const label = step.type === 'file' ? 'Write File' : 'Read File';
      ctx.report({
        at: from.at ?? prop(step.node, 'type') ?? step.node,
        pointer: step.pointer,
        severity: sources.length ? 'error' : undefined,
        message:
          `${label} node "${step.name}" ${action(step.node, step.type)} named by ${from.what}` +
          (from.legacy ? ' (the file name is empty and there is no "filenameType": the runtime then uses msg.filename)' : '') +
          ': a value with ../ or an absolute path reaches any file the Node-RED process can access (fileWorkingDirectory does not stop that).' +
          (sources.length
            ? ` Messages from the ${describeSources(sources)} reach it, so people outside Node-RED can choose the path.`
            : '') +
          ' Build the path from a fixed folder plus a name you check against an allow-list (or a strict pattern such as letters, digits and one dot), never from raw message data.',
      });
    }
  },
);
