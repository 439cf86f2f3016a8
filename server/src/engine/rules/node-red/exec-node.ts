/**
 * node-red/exec-node — the core `exec` node runs an operating-system command on the Node-RED host.
 *
 * Facts (Node-RED source `packages/node_modules/@node-red/nodes/core/function/90-exec.js` and `90-exec.html`,
 * node-red/node-red at 1f38dc89; change history: commit aa47bae2 "don't append msg.payload to command by default",
 * Node-RED 2.0, and bdb548ff "reuse addpay to track appending property"):
 * - `command` is the command line; `append` adds fixed extra text; `useSpawn` is the string `"true"` (spawn mode:
 *   the line is split on spaces and started without a shell, except on Windows where `shell: true` is used) or
 *   `"false"` (exec mode: `child_process.exec`, through `/bin/bash` on Linux, so shell syntax in the line runs).
 * - `addpay` says which message property is appended to the command line before `append`:
 *   missing key → `true` (the runtime keeps flows written before 2.0 working, when appending was the default);
 *   `true` → `msg.payload`; a non-empty string → that message property (typed input, type `msg`, e.g. `"payload"`,
 *   `"topic"`); `""` or `false` → nothing is appended. The editor saves `""` when "Append" is unticked.
 * - The runtime appends the value verbatim (`arg += " " + value`), with no quoting or escaping.
 *
 * OWASP category: LCNC-SEC-07 (Vulnerable and Untrusted Components). The rule's subject is the component itself:
 * every exec node gives a flow a shell on the host, a capability outside the low-code platform's guard rails that
 * OWASP's "remove unnecessary features/components" and "custom code … not held to the same vigilance" address. The
 * error-level variant (message data appended to the line) is command injection in nature (LCNC-SEC-06); the message
 * says so. One rule keeps one id and one category; LCNC-SEC-07 fits every finding, LCNC-SEC-06 only some.
 */
import { defineRule } from '../../rule';
import { prop, str } from '../../json';
import { setProperty } from '../../fix';
import { NETWORK_INPUTS, isActive, sourcesReaching } from './util';

/** The message property the runtime appends to the command line, or undefined when nothing is appended. */
export function appendedProperty(addpay: unknown, present: boolean): string | undefined {
  if (!present || addpay === true) return 'payload';
  if (typeof addpay === 'string' && addpay.trim() !== '') return addpay.trim();
  return undefined;
}

/** The program part of a command line (its first word, at most 60 characters), never the arguments (they may hold secrets). */
function program(command: string): string {
  const first = command.trim().split(/\s+/)[0] ?? '';
  return first.length > 60 ? first.slice(0, 59) + '…' : first;
}

export default defineRule(
  {
    id: 'node-red/exec-node',
    owasp: 'LCNC-SEC-07',
    defaultSeverity: 'warning',
    description: 'Exec node that runs an OS command on the Node-RED host; an error when message data is appended to the command line.',
    formats: ['node-red'],
    fixable: true,
  },
  (ctx) => {
    for (const [step, flow] of ctx.steps()) {
      if (step.type !== 'exec' || step.kind !== 'node' || !isActive(step, flow)) continue;
      const node = step.node;
      const commandNode = prop(node, 'command');
      const command = str(commandNode) ?? '';
      const addpayNode = prop(node, 'addpay');
      const appended = appendedProperty(addpayNode?.value, addpayNode !== undefined);
      const spawn = str(prop(node, 'useSpawn')) === 'true';
      const sources = sourcesReaching(ctx, flow, step, NETWORK_INPUTS);
      const src = sources[0];
      const srcText = src ? `${NETWORK_INPUTS[src.type]} node "${src.name}"${sources.length > 1 ? ` (and ${sources.length - 1} more network input${sources.length > 2 ? 's' : ''})` : ''}` : '';
      const typeNode = prop(node, 'type') ?? node;
      const what = command.trim() ? `the command \`${program(command)}\`` : 'a command';

      if (!appended) {
        ctx.report({
          at: commandNode ?? typeNode,
          pointer: step.pointer,
          message:
            `Exec node "${step.name}" runs ${what} on the Node-RED host with the rights of the Node-RED process.` +
            (src ? ` Messages from the ${srcText} can trigger it.` : '') +
            ' Make sure the command is needed and fixed, and that the host account has only the rights it needs.',
        });
        continue;
      }

      const prefix = command.trim()
        ? `Exec node "${step.name}" appends msg.${appended} to ${what}`
        : `Exec node "${step.name}" has an empty command and runs msg.${appended} as the command`;
      const how = spawn
        ? 'the value is split into arguments, so it can add options or arguments (and on Windows it goes through a shell)'
        : 'the line runs through a shell, so characters such as ; | && $( ) in the value start other commands (command injection)';
      const reach = src
        ? ` The ${srcText} feeds this node: anyone who can send to that input can run commands on the Node-RED host.`
        : ' Whoever controls that message property can change what runs on the Node-RED host.';
      ctx.report({
        at: addpayNode ?? typeNode,
        pointer: step.pointer,
        severity: 'error',
        message: `${prefix}${addpayNode ? '' : ' (no "addpay" setting: the runtime appends msg.payload by default)'}: ${how}.${reach} Validate the value against an allow-list before this node, or stop appending it.`,
        fix: {
          title: `Stop appending msg.${appended} to the command of "${step.name}"`,
          edits: setProperty(ctx.text, node, 'addpay', ''),
          isPreferred: false,
        },
      });
    }
  },
);
