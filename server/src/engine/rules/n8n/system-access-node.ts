/**
 * n8n/system-access-node — nodes that reach the n8n host's shell or file system, or run workflow code from outside.
 *
 * Facts (n8n source `packages/nodes-base/nodes/**`, `packages/@n8n/config/src/configs/{nodes,security}.config.ts`;
 * n8n docs "Block access to nodes", "v2.0 breaking changes"; n8n's own security audit,
 * `packages/cli/src/security-audit/constants.ts`, lists Execute Command, Code, Function, HTTP Request, SSH and FTP as
 * "official risky nodes" and the legacy file nodes as "nodes that interact with the filesystem"):
 * - Execute Command (`executeCommand`) runs a shell command on the n8n host; Local File Trigger (`localFileTrigger`)
 *   watches host folders. Since n8n 2.0 both are excluded by default (`NODES_EXCLUDE` default
 *   `["n8n-nodes-base.executeCommand","n8n-nodes-base.localFileTrigger"]`), so a workflow using them needs an
 *   administrator to re-enable them.
 * - Read/Write Files from Disk (`readWriteFile`) and the older Read Binary File(s) / Write Binary File nodes read and
 *   write host files; n8n 2.0 limits them to `N8N_RESTRICT_FILE_ACCESS_TO` (default `~/.n8n-files`) and blocks n8n's
 *   own folders (`N8N_BLOCK_FILE_ACCESS_TO_N8N_FILES=true`).
 * - Git (`git`) clones, commits and pushes repositories in a folder on the host.
 * - SSH (`ssh`) runs commands and moves files on a remote server with a stored key or password.
 * - Execute Workflow (`executeWorkflow`) `source` ∈ `database` (default) | `localFile` (`workflowPath`, a workflow
 *   JSON file on the host) | `parameter` (`workflowJson`) | `url` (`workflowUrl`, downloaded when the node runs);
 *   v1.2+ offers only `database` and `parameter` in the editor, but older values still run.
 * - Tool variants (`…Tool`) do the same when an AI agent calls them.
 * Code, Function and Function Item nodes run in n8n's sandbox (task runners in 2.0) and are left to
 * `n8n/code-node-dangerous-api`, which reports the code that leaves the sandbox.
 */
import { defineRule } from '../../rule';
import type { Severity } from '../../types';
import { prop, str } from '../../json';
import { isExpression } from './expressions';
import { coreType, nodeLabel } from './nodes';

const WHAT: Readonly<Record<string, string>> = {
  executeCommand: 'runs shell commands on the n8n host with the rights of the n8n process (n8n 2.0 and later disable this node unless an administrator enables it)',
  localFileTrigger: "watches folders on the n8n host's disk (n8n 2.0 and later disable this node unless an administrator enables it)",
  readWriteFile: "reads or writes files on the n8n host's disk (limited to N8N_RESTRICT_FILE_ACCESS_TO since n8n 2.0)",
  readBinaryFile: "reads a file from the n8n host's disk",
  readBinaryFiles: "reads files from the n8n host's disk",
  writeBinaryFile: "writes a file to the n8n host's disk",
  git: "clones, commits and pushes repositories in a folder on the n8n host's disk",
  ssh: 'runs commands and moves files on a remote server with a stored SSH key or password',
};

export default defineRule(
  {
    id: 'n8n/system-access-node',
    owasp: 'LCNC-SEC-07',
    defaultSeverity: 'info',
    description: "Node with access to the host's shell or files (Execute Command, file nodes, Git, SSH) or that runs a workflow from a file, URL or parameter.",
    formats: ['n8n'],
    fixable: false,
  },
  (ctx) => {
    for (const [step] of ctx.steps()) {
      const core = coreType(step.type);
      if (!core || step.disabled) continue;
      let what: string | undefined;
      let severity: Severity | undefined;
      if (Object.prototype.hasOwnProperty.call(WHAT, core)) {
        what = WHAT[core];
      } else if (core === 'executeWorkflow') {
        const source = str(prop(step.params, 'source')) ?? 'database';
        if (source === 'localFile') what = `runs the workflow file ${JSON.stringify(str(prop(step.params, 'workflowPath')) ?? '')} from the n8n host's disk: whoever can change that file changes what runs`;
        else if (source === 'url') {
          what = 'downloads a workflow from a URL each time it runs and executes it with this instance\'s credentials: whoever controls that address controls what runs';
          severity = 'warning';
        } else if (source === 'parameter' && isExpression(str(prop(step.params, 'workflowJson')))) {
          what = 'runs a workflow definition built by an expression: data that reaches the expression decides what runs';
          severity = 'warning';
        }
      }
      if (!what) continue;
      ctx.report({
        at: prop(step.node, 'type') ?? step.node,
        pointer: step.pointer,
        severity,
        message: `${nodeLabel(step)} ${what}. Make sure this access is needed, that only trusted data reaches the node, and that the instance limits it (NODES_EXCLUDE, N8N_RESTRICT_FILE_ACCESS_TO).`,
      });
    }
  },
);
