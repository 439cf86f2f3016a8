// `npm run test:fuzz`: the reliability suite (test/reliability) at full strength. The same test files run in the
// normal `npm test` with small, fixed-seed sizes; here:
// - LCG_FUZZ_RUNS=10000 mutated corpus files, plus half as many generated flow documents (≥ 10,000 cases in all),
//   each within 2 s of CPU (LCG_FUZZ_STRICT_TIME=1);
// - LCG_SCAN_FILES=20000 generated files for the workspace scan (server: full scan, cancel mid-scan; CLI), peak RSS;
// - every fix verified on minified copies of the corpus files too; the never-writes check over the whole corpus;
// - linear-scaling checks for every format at 1 MB → 4 MB;
// - LCG_REGEX_CHECK=1: every regular expression of server/src checked with recheck (minutes).
// Override any of these from the environment (e.g. LCG_FUZZ_SEED=7 npm run test:fuzz). Extra arguments after `--` go
// to node, as with run-tests.mjs.
import { spawnSync } from 'node:child_process';

const env = {
  ...process.env,
  LCG_FUZZ_RUNS: process.env.LCG_FUZZ_RUNS ?? '10000',
  LCG_FUZZ_STRICT_TIME: process.env.LCG_FUZZ_STRICT_TIME ?? '1',
  LCG_SCAN_FILES: process.env.LCG_SCAN_FILES ?? '20000',
  LCG_REGEX_CHECK: process.env.LCG_REGEX_CHECK ?? '1',
};
const started = Date.now();
const r = spawnSync(process.execPath, ['scripts/run-tests.mjs', 'test/reliability', ...process.argv.slice(2)], { stdio: 'inherit', env });
console.log(`test:fuzz finished in ${((Date.now() - started) / 60000).toFixed(1)} min (exit ${r.status})`);
process.exit(r.status ?? 1);
