/**
 * Counts of what the reliability tests really did (inputs tried, fixes verified, secrets searched, expressions
 * checked, files scanned, peak memory), for the summary that `npm run test:fuzz` prints (scripts/fuzz.mjs).
 *
 * When the environment names a folder in LCG_COUNTS_DIR (fuzz.mjs creates one under os.tmpdir()), each call writes
 * `<key>.json` there: `{ "key": …, …counts }`. Without it nothing is written (the normal `npm test`).
 * Keys are unique per test; values are numbers (summed or shown by fuzz.mjs) or short strings (shown).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Writes one test's counts (see the module comment). Never throws: a count that cannot be written is left out. */
export function recordCounts(key: string, counts: Record<string, number | string | undefined>): void {
  const dir = process.env.LCG_COUNTS_DIR;
  if (!dir) return;
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, `${key.replace(/[^\w.-]+/g, '_')}.json`), JSON.stringify({ key, ...counts }));
  } catch {
    // the summary will show this count as missing
  }
}
