// npm "prepare": builds the bundles (scripts/bundle.mjs). When the dev dependencies are missing — npm installing this
// repository as a git dependency, as pre-commit does — installs them into the clone first (--ignore-scripts: no recursion).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
try {
  require.resolve('esbuild');
} catch {
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (/^npm_config_(global|prefix|location|omit|production)$/i.test(k)) delete env[k];
  const r = spawnSync('npm', ['install', '--no-save', '--ignore-scripts', '--include=dev', '--no-audit', '--no-fund', '--location=project'], { stdio: 'inherit', env });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
await import('./bundle.mjs');
