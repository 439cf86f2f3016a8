/**
 * logic-apps/inline-code — custom code run inside a workflow: Execute JavaScript Code, Execute C# Script Code,
 * Execute PowerShell Code; and, in JavaScript, calls that turn text into code.
 *
 * Facts:
 * - Inline Code operations: `type: "JavaScriptCode"` with the code in `inputs.code` (Consumption and Standard;
 *   the code reads run data through the read-only `workflowContext` object: `workflowContext.trigger`,
 *   `workflowContext.actions.<name>`), and, in Standard only, `type: "CSharpScriptCode"` and `type: "PowershellCode"`
 *   whose script lives in a file next to `workflow.json`, named by `inputs.CodeFile` (Microsoft Learn, "Add and run
 *   code snippets by using inline code in Azure Logic Apps"; Azure/LogicAppsUX
 *   `libs/logic-apps-shared/src/designer-client-services/lib/base/operationmanifest.ts` and `manifests/inlinecode.ts`).
 * - "Secure access and data in Azure Logic Apps", isolation guidance: to run your own code, "create and call an
 *   Azure function, rather than use the inline code capability", so that the code gets a hosting environment you
 *   control. Code in a workflow definition bypasses the review, tests, dependency and secret scanning that
 *   application code gets; that is why every inline code action is listed (severity info).
 * - In JavaScript, `eval(…)`, `new Function(…)` / `Function(…)` run a string as code, and `require(…)` /
 *   `import(…)` / `process` reach outside the data given to the snippet (ECMAScript: eval and the Function
 *   constructor; Node.js: modules and the `process` global). Such a call is reported as a warning on the call itself.
 */
import { defineRule } from '../../rule';
import type { Step } from '../../model';
import { str } from '../../json';
import { propCI, typeNodeOf } from '../wdl/wdl-util';
import { spanOf } from '../common/string-offsets';
import { logicFlows } from './la-util';

/** JavaScript calls that run text as code or leave the snippet's sandboxed data (first match reported). */
const DANGEROUS_JS: ReadonlyArray<[RegExp, string, string]> = [
  [/(?<![\w$.])eval\s*\(/, 'eval()', 'it runs a string as code'],
  [/\bnew\s+Function\s*\(|(?<![\w$.])Function\s*\(/, 'the Function constructor', 'it runs a string as code'],
  [/(?<![\w$.])require\s*\(/, 'require()', 'it loads modules from outside the snippet'],
  [/(?<![\w$.])import\s*\(/, 'import()', 'it loads modules from outside the snippet'],
  [/(?<![\w$.])process\s*\.\s*(env|exec|spawn|binding|mainModule)\b/, 'process', 'it reaches the host environment'],
];

/**
 * Strips `//` and block comments (keeping offsets) so commented-out code is not reported. A block comment that is never
 * closed runs to the end (as a JavaScript parser reads it): matching an opening mark only together with its
 * closing mark was quadratic on text with many unclosed ones.
 */
function blankComments(code: string): string {
  return code.replace(/\/\*[\s\S]*?(?:\*\/|$)|\/\/[^\n]*/g, (m) => m.replace(/[^\n]/g, ' '));
}

const LANG: Record<string, string> = {
  javascriptcode: 'JavaScript (Execute JavaScript Code)',
  csharpscriptcode: 'a C# script (Execute C# Script Code)',
  powershellcode: 'a PowerShell script (Execute PowerShell Code)',
};

function codeFile(step: Step): string | undefined {
  return str(propCI(step.params, 'CodeFile'));
}

export default defineRule(
  {
    id: 'logic-apps/inline-code',
    owasp: 'LCNC-SEC-07',
    defaultSeverity: 'info',
    description: 'Inline code action (JavaScript, C# or PowerShell) inside a workflow; a warning when JavaScript runs strings as code (eval, Function) or loads modules.',
    formats: ['logic-apps'],
    fixable: false,
  },
  (ctx) => {
    for (const flow of logicFlows(ctx)) {
      for (const step of flow.steps) {
        const t = step.type.toLowerCase();
        const lang = LANG[t];
        if (!lang) continue;
        const code = propCI(step.params, 'code');
        if (t === 'javascriptcode' && code?.type === 'string') {
          const src = blankComments(code.value as string);
          const hit = DANGEROUS_JS.map(([re, label, why]) => ({ m: re.exec(src), label, why })).find((h) => h.m);
          if (hit?.m) {
            const span = spanOf(ctx.text, code, hit.m.index, hit.m.index + hit.m[0].length);
            ctx.report({
              at: { ...code, offset: span.offset, length: span.length },
              pointer: step.pointer,
              severity: 'warning',
              message: `Inline JavaScript in "${step.name}" uses ${hit.label}: ${hit.why}, so workflow data that reaches it can change what runs. Remove it, or move the code to an Azure Function that is reviewed and tested like your other code.`,
            });
            continue;
          }
        }
        const file = codeFile(step);
        ctx.report({
          at: typeNodeOf(step),
          pointer: step.pointer,
          message: `Action "${step.name}" runs ${lang}${file ? ` from "${file}"` : ''}: custom code inside a workflow escapes the review, tests and dependency and secret scanning your application code gets. Keep it small and data-only, or move it to an Azure Function.`,
        });
      }
    }
  },
);
