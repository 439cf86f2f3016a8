/**
 * The "Low-Code Flows" explorer view: the flow inventory (OWASP LCNC-SEC-09) of the workspace, from the language
 * server's `lowcodeGuard/flows` request. Top level: one item per flow (platform, finding counts); below it: triggers
 * (marked when reachable from the internet), external hosts, connections and credentials, risky components.
 * Selecting a flow or a trigger/component opens its file at that line. Refreshed by `lowcodeGuard.refreshFlows`.
 */
import { EventEmitter, Position, Range, ThemeIcon, TreeItem, TreeItemCollapsibleState, Uri, type Event, type TreeDataProvider } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { FLOWS_REQUEST, type FlowItem, type FlowsResult } from '../../server/src/report/protocol';

/** A node of the tree: a flow, a group under it, or a leaf. */
export type FlowNode =
  | { kind: 'flow'; flow: FlowItem }
  | { kind: 'group'; flow: FlowItem; group: 'triggers' | 'endpoints' | 'connections' | 'risky' }
  | { kind: 'leaf'; label: string; description?: string; icon: string; absPath?: string; line?: number; tooltip?: string };

const GROUP_LABEL = { triggers: 'Triggers', endpoints: 'External hosts', connections: 'Connections and credentials', risky: 'Risky components' } as const;

/** Tree data for the view; asks the server on first expansion and after each refresh. */
export class FlowsProvider implements TreeDataProvider<FlowNode> {
  private readonly changed = new EventEmitter<FlowNode | undefined>();
  readonly onDidChangeTreeData: Event<FlowNode | undefined> = this.changed.event;
  private flows?: Promise<FlowItem[]>;

  constructor(private readonly lc: LanguageClient) {}

  /** Drops the cached inventory and redraws the view. */
  refresh(): void {
    this.flows = undefined;
    this.changed.fire(undefined);
  }

  private load(): Promise<FlowItem[]> {
    if (!this.flows) {
      this.flows = this.lc.isRunning()
        ? this.lc.sendRequest<FlowsResult | null>(FLOWS_REQUEST).then((r) => r?.flows ?? [], () => [])
        : Promise.resolve([]);
    }
    return this.flows;
  }

  async getChildren(node?: FlowNode): Promise<FlowNode[]> {
    if (!node) return (await this.load()).map((flow) => ({ kind: 'flow', flow }));
    if (node.kind === 'flow') {
      const f = node.flow;
      const groups = (['triggers', 'endpoints', 'connections', 'risky'] as const).filter((g) => (g === 'risky' ? f.riskyComponents : f[g]).length > 0);
      return groups.map((group) => ({ kind: 'group', flow: f, group }));
    }
    if (node.kind === 'group') {
      const f = node.flow;
      switch (node.group) {
        case 'triggers':
          return f.triggers.map((t) => ({ kind: 'leaf', label: t.name, description: t.internetFacing ? `${t.type} · reachable from the internet` : t.type, icon: t.internetFacing ? 'globe' : 'debug-start', absPath: f.absPath, line: t.line }));
        case 'endpoints':
          return f.endpoints.map((e) => ({ kind: 'leaf', label: `${e.scheme ? e.scheme + '://' : ''}${e.host}${e.port !== undefined ? ':' + e.port : ''}`, description: e.steps.join(', '), icon: 'link-external' }));
        case 'connections':
          return f.connections.map((c) => ({ kind: 'leaf', label: c.name, description: c.type ?? c.kind, icon: 'key', tooltip: c.steps.length ? `Used by: ${c.steps.join(', ')}` : c.kind }));
        case 'risky':
          return f.riskyComponents.map((r) => ({ kind: 'leaf', label: r.step ?? r.ruleId, description: r.ruleId, icon: 'warning', absPath: f.absPath, line: r.line }));
      }
    }
    return [];
  }

  getTreeItem(node: FlowNode): TreeItem {
    if (node.kind === 'flow') {
      const f = node.flow;
      const item = new TreeItem(f.name, TreeItemCollapsibleState.Collapsed);
      const s = f.findings.bySeverity;
      item.description = `${f.platform} · ${count(s.error, 'error')}, ${count(s.warning, 'warning')}`;
      item.tooltip = `${f.file}\n${f.findings.total} finding(s)${f.triggers.some((t) => t.internetFacing) ? '\nHas a trigger reachable from the internet' : ''}`;
      item.iconPath = new ThemeIcon(f.triggers.some((t) => t.internetFacing) ? 'globe' : 'symbol-event');
      item.resourceUri = Uri.file(f.absPath);
      item.command = openCommand(f.absPath, 1);
      item.contextValue = 'lowcodeGuard.flow';
      return item;
    }
    if (node.kind === 'group') {
      const item = new TreeItem(GROUP_LABEL[node.group], TreeItemCollapsibleState.Expanded);
      return item;
    }
    const item = new TreeItem(node.label, TreeItemCollapsibleState.None);
    item.description = node.description;
    item.tooltip = node.tooltip;
    item.iconPath = new ThemeIcon(node.icon);
    if (node.absPath && node.line) item.command = openCommand(node.absPath, node.line);
    return item;
  }
}

/** `vscode.open` of a file with the cursor at a 1-based line. */
function openCommand(absPath: string, line: number) {
  const at = new Position(Math.max(0, line - 1), 0);
  return { command: 'vscode.open', title: 'Open', arguments: [Uri.file(absPath), { selection: new Range(at, at) }] };
}

/** `1 error`, `3 errors`: a count with its noun in the right number (English). */
function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
