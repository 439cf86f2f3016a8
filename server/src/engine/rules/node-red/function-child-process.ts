/**
 * node-red/function-child-process — a Function node whose code reaches past its sandbox: OS commands, the host
 * file system, or code built at run time.
 *
 * Facts (Node-RED source `core/function/10-function.js` and `@node-red/registry/lib/externalModules.js`,
 * node-red/node-red at 1f38dc89; Node-RED docs "Writing Functions", "Using the functionExternalModules option"):
 * - The code is in `func`, with optional `initialize` (On Start) and `finalize` (On Stop) code, run in a Node.js `vm`
 *   context whose globals are a fixed set (`console`, `util`, `Buffer`, `RED.util`, `context`, `flow`, `global`,
 *   `env`, timers …); `require` and `process` are not among them. Node.js documents that `vm` is not a security
 *   mechanism: `this.constructor.constructor('return process')()` reaches the host's `process`.
 * - `libs` is an array of `{ "var": name, "module": spec }`; each module is imported into the sandbox under `var`
 *   (unless settings.js sets `functionExternalModules: false`). Node.js built-ins such as `child_process` or `fs`
 *   (also as `node:child_process`, `fs/promises`) are imported directly, without any install.
 * - Modules can also reach a Function through `functionGlobalContext` in settings.js and `global.get(name)`.
 *
 * What we look for: a `child_process` string literal anywhere in the code (covers `require`, `import()` and
 * `global.get('child_process')`), `require`/`import` of `fs` or `vm`, `process.binding`/`process.dlopen`/
 * `process.mainModule`, `eval(`, `Function(` / `new Function(`, `constructor.constructor`; `libs` importing
 * `child_process`, `fs` or `vm`. Comments are ignored.
 *
 * OWASP LCNC-SEC-07 (Vulnerable and Untrusted Components): custom code embedded in the flow that takes capabilities
 * (shell, files, dynamic code) the low-code platform otherwise fences off; the same reasoning as `node-red/exec-node`.
 */
import { defineRule } from '../../rule';
import type { JsonNode } from '../../types';
import { items, prop, str } from '../../json';
import { NETWORK_INPUTS, isActive, sourcesReaching, spanInString } from './util';

const CODE_KEYS = ['func', 'initialize', 'finalize'] as const;

/** Patterns over the code with comments blanked; `literal: false` ones run with string contents blanked too. */
const PATTERNS: Array<[RegExp, string, boolean]> = [
  [/(['"`])(?:node:)?child_process\1/, 'child_process', true],
  [/\b(?:require|import)\s*\(\s*(['"`])(?:node:)?fs(?:\/promises)?\1/, 'the fs module', true],
  [/\b(?:require|import)\s*\(\s*(['"`])(?:node:)?vm\1/, 'the vm module', true],
  [/\bprocess\s*\.\s*(?:binding|_linkedBinding|dlopen|mainModule)\b/, 'process internals', false],
  [/(?<![.\w$])eval\s*\(/, 'eval()', false],
  [/(?<![.\w$])Function\s*\(/, 'new Function()', false],
  [/\bconstructor\s*\.\s*constructor\b/, 'constructor.constructor (sandbox escape)', false],
];

const RISKY_LIBS: Record<string, string> = { child_process: 'child_process', fs: 'the fs module', vm: 'the vm module' };

/**
 * `code` with every comment replaced by spaces, and with `strings: true` also the contents of string and template
 * literals (quotes kept). Same length as `code`, so indices hold. A light scanner, not a parser: regular expression
 * literals are read as code.
 */
export function blankComments(code: string, strings = false): string {
  let out = '';
  let quote = '';
  for (let i = 0; i < code.length; i++) {
    const c = code[i];
    if (quote) {
      if (c === '\\' && i + 1 < code.length) {
        out += strings ? '  ' : c + code[i + 1];
        i++;
      } else if (c === quote) {
        quote = '';
        out += c;
      } else out += strings && c !== '\n' ? ' ' : c;
    } else if (c === '/' && code[i + 1] === '/') {
      while (i < code.length && code[i] !== '\n') {
        out += ' ';
        i++;
      }
      if (i < code.length) out += '\n';
    } else if (c === '/' && code[i + 1] === '*') {
      const end = code.indexOf('*/', i + 2);
      const stop = end < 0 ? code.length : end + 2;
      out += code.slice(i, stop).replace(/[^\n]/g, ' ');
      i = stop - 1;
    } else {
      if (c === '"' || c === "'" || c === '`') quote = c;
      out += c;
    }
  }
  return out;
}

export default defineRule(
  {
    id: 'node-red/function-child-process',
    owasp: 'LCNC-SEC-07',
    defaultSeverity: 'warning',
    description: 'Function node whose code runs OS commands, touches the host file system, builds code at run time or escapes its sandbox.',
    formats: ['node-red'],
    fixable: false,
  },
  (ctx) => {
    for (const [step, flow] of ctx.steps()) {
      if (step.type !== 'function' || step.kind !== 'node' || !isActive(step, flow)) continue;
      const hits: Array<{ at: JsonNode; label: string }> = [];
      for (const key of CODE_KEYS) {
        const codeNode = prop(step.node, key);
        const code = str(codeNode);
        if (!codeNode || !code) continue;
        const withStrings = blankComments(code);
        const codeOnly = blankComments(code, true);
        for (const [re, label, literal] of PATTERNS) {
          const m = re.exec(literal ? withStrings : codeOnly);
          if (m) hits.push({ at: spanInString(ctx.text, codeNode, m.index, m.index + m[0].length), label });
        }
      }
      for (const lib of items(prop(step.node, 'libs'))) {
        const modNode = prop(lib, 'module');
        const name = (str(modNode) ?? '').replace(/^node:/, '').split(/[/@]/)[0];
        if (modNode && RISKY_LIBS[name]) hits.push({ at: modNode, label: `${RISKY_LIBS[name]} (setup module)` });
      }
      if (!hits.length) continue;
      hits.sort((a, b) => a.at.offset - b.at.offset);
      const labels = [...new Set(hits.map((h) => h.label))];
      const src = sourcesReaching(ctx, flow, step, NETWORK_INPUTS)[0];
      ctx.report({
        at: hits[0].at,
        pointer: step.pointer,
        message:
          `Function node "${step.name}" uses ${labels.join(', ')}: its code can run commands, read or write files on the Node-RED host, or run code built at run time, outside the limits of the Function sandbox.` +
          (src ? ` Messages from the ${NETWORK_INPUTS[src.type]} node "${src.name}" reach it, so check what message data this code passes on.` : '') +
          ' Prefer a dedicated node, keep commands and paths fixed, and never build code or commands from message data.',
      });
    }
  },
);
