// Preloaded with `node -r` into a process under measurement: at exit, appends its peak RSS (bytes) and CPU times as
// one JSON line to the file named by LCG_BENCH_RSS_FILE. Used for the CLI's peak memory.
const fs = require('node:fs');
process.on('exit', () => {
  const file = process.env.LCG_BENCH_RSS_FILE;
  if (!file) return;
  const u = process.resourceUsage();
  fs.appendFileSync(file, JSON.stringify({ maxRss: u.maxRSS * 1024, userMs: u.userCPUTime / 1000, systemMs: u.systemCPUTime / 1000 }) + '\n');
});
