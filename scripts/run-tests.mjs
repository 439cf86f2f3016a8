// Runs node's test runner (with tsx for TypeScript) over every *.test.ts below the given folders (default: test/).
// Node 20's `--test` does not expand globs itself, hence this script. Extra flags after `--` go to node.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
const dd = args.indexOf('--');
const roots = (dd >= 0 ? args.slice(0, dd) : args).filter(Boolean);
const extra = dd >= 0 ? args.slice(dd + 1) : [];
const files = [];
function collect(p) {
  const st = statSync(p);
  if (st.isDirectory()) {
    for (const e of readdirSync(p).sort()) if (e !== 'node_modules' && e !== 'e2e' && e !== 'fixtures') collect(join(p, e));
  } else if (p.endsWith('.test.ts')) files.push(p);
}
for (const r of roots.length ? roots : ['test']) collect(r);
if (!files.length) {
  console.error('No test files found.');
  process.exit(1);
}
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...extra, ...files], { stdio: 'inherit' });
process.exit(r.status ?? 1);
