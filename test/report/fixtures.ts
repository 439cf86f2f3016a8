/**
 * Shared set-up of the report tests: a temporary folder holding a copy of the samples plus a workflow whose FILE
 * NAME and NODE NAME are HTML/script payloads, and the CLI run in-process.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../server/src/cli/program';

export const ROOT = path.resolve(__dirname, '..', '..');
/** File name that would run script if it were written into the page unescaped. */
export const EVIL_FILE = '<img src=x onerror=alert(1)>.json';
/** Node name (it appears in the webhook rule's message). */
export const EVIL_NODE = '<script>alert("node")</script>';

/** Creates the scan folder; returns its path. */
export function makeScanDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lcg-report-'));
  fs.cpSync(path.join(ROOT, 'samples'), path.join(dir, 'samples'), { recursive: true });
  const wf = {
    name: 'xss',
    nodes: [{ id: '1', name: EVIL_NODE, type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], parameters: { path: 'x', httpMethod: 'POST' } }],
    connections: {},
    settings: { errorWorkflow: 'abc' },
  };
  fs.writeFileSync(path.join(dir, 'samples', EVIL_FILE), JSON.stringify(wf, null, 2));
  return dir;
}

/** Runs `lowcode-guard …args` with `cwd`; resolves to exit code and output. */
export async function cli(cwd: string, args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(args, { cwd, env: {}, stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) } });
  return { code, out, err };
}
