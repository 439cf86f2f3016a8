/**
 * n8n/code-node-dangerous-api — Code or Function node code that leaves n8n's sandbox: shell commands, host files,
 * the host's environment, or code built at run time.
 *
 * Facts (n8n source `packages/nodes-base/nodes/Code/**`, `Function/`, `FunctionItem/`; n8n docs "Enable modules in
 * Code node", "Nodes environment variables", "v2.0 breaking changes"):
 * - Code node (`n8n-nodes-base.code`): `language` ∈ `javaScript` (default) | `python` | `pythonNative`; JavaScript in
 *   `jsCode`, Python in `pythonCode`. Function and Function Item (`function`, `functionItem`, older) keep
 *   JavaScript in `functionCode`.
 * - JavaScript runs in a sandbox (task runners by default since n8n 2.0). `require()` of Node built-ins works only
 *   for modules listed in `NODE_FUNCTION_ALLOW_BUILTIN` (`*` = all), external modules only for
 *   `NODE_FUNCTION_ALLOW_EXTERNAL`; both are empty by default. Code that requires `child_process`, `fs`, `vm` or
 *   `worker_threads` therefore either fails, or tells that the instance was opened up so workflow code can run
 *   commands or read and write files as the n8n process.
 * - `process.env` exposes the whole environment of the n8n process (database password, `N8N_ENCRYPTION_KEY`, which
 *   decrypts every stored credential). Since n8n 2.0 `N8N_BLOCK_ENV_ACCESS_IN_NODE` defaults to `true` and blocks it.
 * - `eval()` and `new Function()` run text as code: data that reaches the text runs as code in the sandbox.
 * - Python (native, task runners) imports only modules allowed by `N8N_RUNNERS_STDLIB_ALLOW` /
 *   `N8N_RUNNERS_EXTERNAL_ALLOW` (empty by default); `os`, `subprocess`, `eval`, `exec` and `__import__` are the
 *   Python equivalents.
 * Comments are ignored; the finding covers the first match inside the code string.
 */
import { defineRule } from '../../rule';
import type { JsonNode } from '../../types';
import { prop, str } from '../../json';
import { spanOf } from '../common/string-offsets';
import { nodeLabel, coreType } from './nodes';

interface Api {
  re: RegExp;
  what: string;
  /** `host`: reaches the n8n host (needs an opened sandbox); `eval`: runs text as code inside the sandbox. */
  kind: 'host' | 'eval';
  /** True when the pattern reads a string literal (a module name); others are matched with strings blanked. */
  literal?: boolean;
}

const JS_APIS: readonly Api[] = [
  { re: /\brequire\s*\(\s*(['"`])(?:node:)?child_process\1\s*\)/, what: 'child_process (runs shell commands on the n8n host)', kind: 'host', literal: true },
  { re: /\brequire\s*\(\s*(['"`])(?:node:)?fs(?:\/promises)?\1\s*\)/, what: "fs (reads and writes the n8n host's files)", kind: 'host', literal: true },
  { re: /\brequire\s*\(\s*(['"`])(?:node:)?(?:vm|worker_threads)\1\s*\)/, what: 'vm / worker_threads (runs code outside the sandbox)', kind: 'host', literal: true },
  { re: /\bprocess\s*(?:\?\.|\.)\s*env\b|\bprocess\s*\[\s*(['"`])env\1\s*\]/, what: 'process.env (the n8n host\'s environment, including its database password and encryption key)', kind: 'host' },
  { re: /(?<![.\w$])eval\s*\(/, what: 'eval() (runs text as code)', kind: 'eval' },
  { re: /\bnew\s+Function\s*\(/, what: 'new Function() (runs text as code)', kind: 'eval' },
];

const PY_APIS: readonly Api[] = [
  { re: /^[ \t]*(?:import[ \t]+(?:[\w.]+[ \t]*,[ \t]*)*(?:os|subprocess|pty)\b|from[ \t]+(?:os|subprocess|pty)\b[\w.]*[ \t]+import\b)/m, what: 'os / subprocess (runs shell commands and reads files on the n8n host)', kind: 'host' },
  { re: /(?<![.\w])(?:eval|exec)\s*\(/, what: 'eval() / exec() (runs text as code)', kind: 'eval' },
  { re: /(?<![.\w])__import__\s*\(/, what: '__import__() (loads modules around the import allow-list)', kind: 'host' },
];

/**
 * `code` with JavaScript comments replaced by spaces (newlines kept), so offsets stay the same. With `strings`, the
 * contents of string literals are blanked too (the quotes stay).
 */
export function blankJsComments(code: string, strings = false): string {
  // Copies the untouched stretches as slices and appends the blanked ones (one pass, no per-character array).
  const len = code.length;
  let out = '';
  let copied = 0;
  const blank = (from: number, to: number): void => {
    if (to <= from) return;
    out += code.slice(copied, from) + code.slice(from, to).replace(/[^\n]/g, ' ');
    copied = to;
  };
  let i = 0;
  while (i < len) {
    const c = code.charCodeAt(i);
    if (c === 34 /* " */ || c === 39 /* ' */ || c === 96 /* ` */) {
      i++;
      const from = i;
      while (i < len && code.charCodeAt(i) !== c) i += code.charCodeAt(i) === 92 /* \ */ ? 2 : 1;
      if (strings) blank(from, Math.min(i, len));
      i++;
    } else if (c === 47 /* / */ && code.charCodeAt(i + 1) === 47) {
      const nl = code.indexOf('\n', i);
      const stop = nl < 0 ? len : nl;
      blank(i, stop);
      i = stop;
    } else if (c === 47 && code.charCodeAt(i + 1) === 42 /* * */) {
      const end = code.indexOf('*/', i + 2);
      const stop = end < 0 ? len : end + 2;
      blank(i, stop);
      i = stop;
    } else i++;
  }
  return copied === 0 ? code : out + code.slice(copied);
}

/** `code` with Python `#` comments replaced by spaces (a `#` inside quotes on the same line is kept). */
export function blankPyComments(code: string): string {
  // No part of a match crosses a line terminator (CR, LS and PS too: `^` matches after them with the m flag), so each
  // line is tried once: otherwise quoted strings spanning CRs made it quadratic.
  return code.replace(/^((?:[^#'"\n\r\u2028\u2029]|'[^'\n\r\u2028\u2029]*'|"[^"\n\r\u2028\u2029]*")*)(#.*)$/gm, (_m, keep: string, comment: string) => keep + ' '.repeat(comment.length));
}

/** The code string of a Code/Function node and the APIs to look for in it, or undefined for other steps. */
function codeOf(type: string, params: JsonNode | undefined): { node: JsonNode; apis: readonly Api[]; text: string; bare: string } | undefined {
  const core = coreType(type);
  if (core === 'function' || core === 'functionItem') {
    const node = prop(params, 'functionCode');
    const code = str(node);
    return node && code ? { node, apis: JS_APIS, text: blankJsComments(code), bare: blankJsComments(code, true) } : undefined;
  }
  if (core !== 'code') return undefined;
  const language = str(prop(params, 'language')) ?? 'javaScript';
  const python = language === 'python' || language === 'pythonNative';
  const node = prop(params, python ? 'pythonCode' : 'jsCode');
  const code = str(node);
  if (!node || !code) return undefined;
  if (python) {
    const text = blankPyComments(code);
    return { node, apis: PY_APIS, text, bare: text };
  }
  return { node, apis: JS_APIS, text: blankJsComments(code), bare: blankJsComments(code, true) };
}

export default defineRule(
  {
    id: 'n8n/code-node-dangerous-api',
    owasp: 'LCNC-SEC-06',
    defaultSeverity: 'warning',
    description: 'Code or Function node that runs shell commands, touches host files or environment, or runs text as code (eval).',
    formats: ['n8n'],
    fixable: false,
  },
  (ctx) => {
    for (const [step] of ctx.steps()) {
      if (step.disabled) continue;
      const code = codeOf(step.type, step.params);
      if (!code) continue;
      const hits: Array<{ index: number; length: number; api: Api }> = [];
      for (const api of code.apis) {
        const m = api.re.exec(api.literal ? code.text : code.bare);
        if (m) hits.push({ index: m.index + (m[0].length - m[0].trimStart().length), length: m[0].trim().length, api });
      }
      if (!hits.length) continue;
      hits.sort((a, b) => a.index - b.index);
      const first = hits[0];
      const span = spanOf(ctx.text, code.node, first.index, first.index + first.length);
      const list = hits.map((h) => h.api.what).join('; ');
      const host = hits.some((h) => h.api.kind === 'host');
      const why = host
        ? "Such code runs only where an administrator has opened n8n's sandbox, and then acts with the rights of the n8n process: a mistake or data that reaches it can read every secret of the instance or take over the host. Use a dedicated node instead (Read/Write Files, HTTP Request, a credential), or keep this code on an instance where the sandbox stays closed."
        : 'Text run as code does whatever the text says: if workflow data reaches it, whoever writes that data writes code that runs with all the workflow\'s data. Parse the data (JSON.parse, a lookup table) instead of evaluating it.';
      ctx.report({
        at: { ...code.node, offset: span.offset, length: span.length },
        message: `${nodeLabel(step)} uses ${list}. ${why}`,
      });
    }
  },
);
