/**
 * Naming helpers for n8n node types, shared by the n8n rules.
 *
 * Facts (n8n source `packages/nodes-base/nodes/**`: each node's `description.name` and `displayName`; tool variants
 * are generated for nodes with `usableAsTool: true` under the type name plus `Tool`, e.g. `n8n-nodes-base.postgresTool`).
 */
import type { Step } from '../../model';

const BASE = 'n8n-nodes-base.';

/** Display names of the core nodes our rules report on, keyed by the local type name. */
const DISPLAY: Readonly<Record<string, string>> = {
  httpRequest: 'HTTP Request',
  graphql: 'GraphQL',
  facebookGraphApi: 'Facebook Graph API',
  emailSend: 'Send Email',
  emailReadImap: 'Email Trigger (IMAP)',
  rssFeedRead: 'RSS Read',
  postgres: 'Postgres',
  mySql: 'MySQL',
  microsoftSql: 'Microsoft SQL',
  oracleDatabase: 'Oracle Database',
  snowflake: 'Snowflake',
  questDb: 'QuestDB',
  crateDb: 'CrateDB',
  timescaleDb: 'TimescaleDB',
  executeCommand: 'Execute Command',
  ssh: 'SSH',
  set: 'Edit Fields',
  code: 'Code',
  function: 'Function',
  functionItem: 'Function Item',
  readWriteFile: 'Read/Write Files from Disk',
  readBinaryFile: 'Read Binary File',
  readBinaryFiles: 'Read Binary Files',
  writeBinaryFile: 'Write Binary File',
  localFileTrigger: 'Local File Trigger',
  executeWorkflow: 'Execute Workflow',
  git: 'Git',
  webhook: 'Webhook',
};

/**
 * The local name of a core node type without a `Tool` suffix: `n8n-nodes-base.postgresTool` → `postgres`.
 * Undefined for types outside `n8n-nodes-base` (community and LangChain nodes).
 */
export function coreType(type: string): string | undefined {
  if (!type.startsWith(BASE)) return undefined;
  const local = type.slice(BASE.length);
  return local.endsWith('Tool') && local.length > 4 ? local.slice(0, -4) : local;
}

/** How messages name a step: `Postgres "Find user"`, `Postgres tool "Run SQL"`, or `Node "X"` for unknown types. */
export function nodeLabel(step: Step): string {
  const core = coreType(step.type);
  const display = core && Object.prototype.hasOwnProperty.call(DISPLAY, core) ? DISPLAY[core] : undefined;
  const tool = /Tool$/.test(step.type) && !!display;
  return `${display ?? 'Node'}${tool ? ' tool' : ''} "${step.name}"`;
}
