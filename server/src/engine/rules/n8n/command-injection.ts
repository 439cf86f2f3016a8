/**
 * n8n/command-injection — a shell command built from workflow data.
 *
 * Facts (n8n source `packages/nodes-base/nodes/**`):
 * - Execute Command (`n8n-nodes-base.executeCommand`, `ExecuteCommand/ExecuteCommand.node.ts`) passes
 *   `parameters.command` to Node's `child_process.exec`, which runs it through the host's shell (`/bin/sh -c`).
 * - SSH (`n8n-nodes-base.ssh`, `Ssh/Ssh.node.ts`) passes `parameters.command` to `node-ssh` `execCommand`, which runs
 *   it through the remote user's shell; it applies for `resource: command` (default) and `operation: execute` (default).
 * - A `command` is evaluated only as an n8n expression (`=` prefix); neither node resolves `{{ }}` in plain text.
 *   Evaluated values are pasted into the command line unquoted, so `;`, `|`, `$( )`, backticks or quotes in the
 *   data run extra commands.
 * - Tool variants (`executeCommandTool`) take `$fromAI()` values the agent's model writes.
 */
import { defineRule } from '../../rule';
import { prop, str } from '../../json';
import { expressionBlocks, quoteBlock, readsTriggerData, readsVariableData, taintSentence, usesFromAI } from './expressions';
import { coreType, nodeLabel } from './nodes';

const WHERE: Readonly<Record<string, string>> = { executeCommand: 'on the n8n host', ssh: 'on the remote server' };

export default defineRule(
  {
    id: 'n8n/command-injection',
    owasp: 'LCNC-SEC-06',
    defaultSeverity: 'warning',
    description: 'Execute Command or SSH node whose shell command is built from n8n expressions over workflow data.',
    formats: ['n8n'],
    fixable: false,
  },
  (ctx) => {
    for (const [step, flow] of ctx.steps()) {
      const core = coreType(step.type);
      if (!core || !Object.prototype.hasOwnProperty.call(WHERE, core) || step.disabled) continue;
      if (core === 'ssh') {
        const resource = str(prop(step.params, 'resource')) ?? 'command';
        const op = str(prop(step.params, 'operation')) ?? 'execute';
        if (resource !== 'command' || op !== 'execute') continue;
      }
      const commandNode = prop(step.params, 'command');
      const blocks = expressionBlocks(str(commandNode)).filter((b) => readsVariableData(flow, b.code));
      if (!commandNode || !blocks.length) continue;
      const codes = blocks.map((b) => b.code);
      const trigger = readsTriggerData(ctx, flow, step, codes);
      const what = codes.some(usesFromAI) ? 'values the AI model chooses' : 'workflow data';
      let message = `${nodeLabel(step)} builds a shell command from ${what} (${quoteBlock(blocks[0])}${blocks.length > 1 ? ` and ${blocks.length - 1} more` : ''}): shell characters such as ; | $( ) or quotes in that data run extra commands ${WHERE[core]}. Check the values against a strict allow-list (or pass them in a file) before they reach the command.`;
      if (trigger) message += taintSentence(trigger);
      ctx.report({ at: commandNode, message, severity: trigger ? 'error' : undefined });
    }
  },
);
