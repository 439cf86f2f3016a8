#!/usr/bin/env node
/**
 * `npm run bench`: Low-Code Guard's performance figures, each beside a baseline measured in the same run.
 * Not part of the test suite (timings never pass or fail a test). See docs/performance.md for what each row means.
 *
 *   node bench/run.mjs [--runs=3] [--keystroke-runs=20] [--only=corpus,spectral,keystroke,lsp,growth,size] [--no-build]
 *
 * Every measurement runs in a fresh Node process (bench/lib/*.mjs) so one does not warm up or fill the heap of the
 * next; corpus-wide figures are the median of `--runs` processes, interleaved (floor, scan, json-ls, floor, …) so
 * that changing load on the machine hits each side alike. The 1-minute load average is recorded with each figure.
 * Results: `.bench/results.json` and `.bench/results.md` (the table pasted into docs/performance.md).
 *
 * The baselines that are not our dependencies (Spectral CLI, vscode-json-languageservice) are installed by
 * `npm ci` into bench/baselines/ (own package.json + lockfile; never shipped in the .vsix).
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BASELINES, CORPUS, ROOT, WORK, int, load, mb, median, ms, runJson, timeCommand } from './lib/util.mjs';
import { syntheticFiles } from './lib/generate.mjs';

const argv = process.argv.slice(2);
const flag = (name, dflt) => {
  const a = argv.find((x) => x === `--${name}` || x.startsWith(`--${name}=`));
  return a === undefined ? dflt : a.includes('=') ? a.split('=')[1] : true;
};
const RUNS = Number(flag('runs', 3));
const KEY_RUNS = Math.max(20, Number(flag('keystroke-runs', 20)));
/** Seconds one side of one keystroke file may take before its run count is cut (never below 3; reported). */
const KEY_BUDGET = Number(flag('keystroke-budget', 120));
const ONLY = flag('only', 'corpus,spectral,keystroke,lsp,growth,size').split(',');
const lib = (f) => path.join(ROOT, 'bench', 'lib', f);
/** Copies of server/out/{cli,server}.js taken at the start of the run. */
const BIN = path.join(WORK, 'bin');
const CLI = path.join(BIN, 'cli.js');
const rows = [];
const results = { machine: machine(), started: new Date().toISOString(), command: `node bench/run.mjs ${argv.join(' ')}`.trim(), sections: {} };

function machine() {
  const cpus = os.cpus();
  return { cpu: cpus[0]?.model ?? 'unknown', cores: cpus.length, memory: `${Math.round(os.totalmem() / 2 ** 30)} GiB`, os: `${os.type()} ${os.release()}`, node: process.version };
}

function log(msg) {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)} load ${load()}] ${msg}\n`);
}

/** Adds a table row: what, our figure, the baseline and the ratio (ours / baseline), target, and the load averages. */
function row(section, what, ours, baseline, ratio, target, loads) {
  rows.push({ section, what, ours, baseline, ratio, target, load: loads });
}

const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}×` : 'n/a');
const loads = (...xs) => xs.flat().filter((x) => x !== undefined).map((x) => x.toFixed(1)).join('/');

function setup() {
  if (!fs.existsSync(CORPUS)) throw new Error(`corpus not found at ${CORPUS} (set LCG_CORPUS)`);
  fs.mkdirSync(WORK, { recursive: true });
  if (!fs.existsSync(path.join(BASELINES, 'node_modules', '.bin', 'spectral'))) {
    log('installing baselines (npm ci in bench/baselines)');
    execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: BASELINES, stdio: 'inherit' });
  }
  if (flag('build', true) !== false && !argv.includes('--no-build')) {
    log('building bundles (scripts/bundle.mjs) and the bench engine bundle');
    execFileSync(process.execPath, ['scripts/bundle.mjs'], { cwd: ROOT, stdio: 'inherit' });
  }
  execFileSync(process.execPath, [lib('build.mjs')], { cwd: ROOT, stdio: 'inherit' });
  // Run copies of the bundles: other work in the same checkout may rebuild server/out during a run.
  // The whole folder: the server bundle loads its parts (e.g. the LSP library bundle) from beside itself.
  fs.rmSync(BIN, { recursive: true, force: true });
  fs.cpSync(path.join(ROOT, 'server', 'out'), BIN, { recursive: true });
  process.env.LCG_BENCH_SERVER = path.join(BIN, 'server.js');
}

async function corpusSection() {
  const modes = ['floor', 'scan', 'jsonls'];
  const got = Object.fromEntries(modes.map((m) => [m, []]));
  const cli = [];
  const rssFile = path.join(WORK, 'cli-rss.jsonl');
  // `scan` runs two passes (the second shows what JIT warm-up cost the first); `pool` is the same scan with the
  // worker pool, 2 threads (the calling thread + 1 worker), to see what the second core gains.
  const args = { floor: ['floor'], scan: ['scan', '--passes=2'], jsonls: ['jsonls'], pool: ['scan', '--threads=2'] };
  got.pool = [];
  for (let i = 0; i < RUNS; i++) {
    for (const m of [...modes, 'pool']) {
      log(`corpus ${m} ${i + 1}/${RUNS}`);
      got[m].push(await runJson(lib('corpus.mjs'), [...args[m], CORPUS]));
    }
    log(`corpus CLI ${i + 1}/${RUNS}`);
    fs.rmSync(rssFile, { force: true });
    const l = load();
    const r = await timeCommand(process.execPath, ['-r', lib('rss-hook.cjs'), CLI, 'scan', CORPUS, '--format', 'json', '--output', path.join(WORK, 'cli-scan.json')], { env: { LCG_BENCH_RSS_FILE: rssFile } });
    cli.push({ ms: r.ms, load: l, ...JSON.parse(fs.readFileSync(rssFile, 'utf8').trim().split('\n').pop()) });
  }
  const med = (m, k = 'ms') => median(got[m].map((r) => r[k]));
  const ld = (arr) => arr.map((r) => r.load);
  const s0 = got.scan[0];
  results.sections.corpus = { ...got, cli };
  const what = `${int(s0.files)} files, ${mb(s0.bytes)}`;
  const cpu = (m) => `CPU ${ms(med(m, 'cpuMs'))}`;
  row('Corpus', `Floor: read + JSON.parse every file (${what})`, `${ms(med('floor'))} (${cpu('floor')})`, '—', '1.00×', '', loads(ld(got.floor)));
  row('Corpus', 'Workspace scan, in-process (discover excluded)', `${ms(med('scan'))} (${cpu('scan')})`, `floor ${ms(med('floor'))} (${cpu('floor')})`, `${ratio(med('scan'), med('floor'))} (CPU ${ratio(med('scan', 'cpuMs'), med('floor', 'cpuMs'))})`, '≤ 4× floor', loads(ld(got.scan)));
  const warm = median(got.scan.map((r) => r.passMs[1]));
  const warmCpu = median(got.scan.map((r) => r.passCpuMs[1]));
  row('Corpus', 'Workspace scan, second pass in the same process (JIT warm)', `${ms(warm)} (CPU ${ms(warmCpu)})`, `floor ${ms(med('floor'))} (${cpu('floor')})`, `${ratio(warm, med('floor'))} (CPU ${ratio(warmCpu, med('floor', 'cpuMs'))})`, '', loads(ld(got.scan)));
  row('Corpus', 'Workspace scan with the worker pool: 2 threads (`analyzeFiles({ threads: 2 })`)', `${ms(med('pool'))} (${cpu('pool')})`, `1 thread ${ms(med('scan'))} (${cpu('scan')})`, `${ratio(med('pool'), med('scan'))} (CPU ${ratio(med('pool', 'cpuMs'), med('scan', 'cpuMs'))})`, 'both cores where that helps (on by default only if faster)', loads(ld(got.pool)));
  row('Corpus', 'CLI `scan --format json` end to end (process start, discovery, report)', ms(median(cli.map((c) => c.ms))), `floor ${ms(med('floor'))}`, ratio(median(cli.map((c) => c.ms)), med('floor')), '', loads(ld(cli)));
  row('Corpus', "VS Code's JSON validation (json-languageservice + our schemas)", `${ms(med('jsonls'))} (${cpu('jsonls')})`, `scan ${ms(med('scan'))}`, `scan is ${ratio(med('scan'), med('jsonls'))}`, '', loads(ld(got.jsonls)));
  row('Memory', 'CLI peak RSS scanning the corpus', mb(median(cli.map((c) => c.maxRss))), '—', '', '≤ 300 MB', loads(ld(cli)));
}

async function spectralSection() {
  const n8n = path.join(CORPUS, 'n8n');
  const ruleset = path.resolve(CORPUS, '..', 'bench', 'spectral-ruleset.yaml');
  const spectral = path.join(BASELINES, 'node_modules', '.bin', 'spectral');
  const ours = [];
  const theirs = [];
  const spectralRuns = Number(flag('spectral-runs', 1));
  for (let i = 0; i < Math.max(RUNS, spectralRuns); i++) {
    log(`n8n files: our CLI ${i + 1}`);
    let l = load();
    const o = await timeCommand(process.execPath, [CLI, 'scan', n8n, '--format', 'json', '--output', path.join(WORK, 'cli-n8n.json')]);
    ours.push({ ms: o.ms, load: l });
    if (i < spectralRuns) {
      log(`n8n files: Spectral ${i + 1}/${spectralRuns}`);
      l = load();
      const s = await timeCommand(spectral, ['lint', `${n8n}/**/*.json`, '--ruleset', ruleset, '--format', 'json', '--output', path.join(WORK, 'spectral-n8n.json'), '--quiet']);
      if (s.code !== 0 && s.code !== 1) throw new Error(`spectral failed (${s.code}): ${s.stderr.slice(-1000)}`);
      theirs.push({ ms: s.ms, load: l });
    }
  }
  let spectralResults = NaN;
  try {
    spectralResults = JSON.parse(fs.readFileSync(path.join(WORK, 'spectral-n8n.json'), 'utf8')).length;
  } catch {
    // an empty or unreadable report: count unknown
  }
  results.sections.spectral = { ours, theirs, spectralResults };
  const o = median(ours.map((x) => x.ms));
  const t = median(theirs.map((x) => x.ms));
  row('Spectral', `n8n files (${CORPUS.endsWith('corpus') ? '2,403' : '?'}): our CLI (all rules + schema) vs Spectral CLI (3 rules)`, ms(o), `Spectral ${ms(t)}`, `${(t / o).toFixed(1)}× faster`, '≥ 20× faster', loads(ours.map((x) => x.load), theirs.map((x) => x.load)));
}

/** The five largest corpus files (any format). */
function largestCorpusFiles() {
  const all = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.json') && !p.includes(`${path.sep}malformed${path.sep}`)) all.push({ path: p, bytes: fs.statSync(p).size });
    }
  };
  walk(CORPUS);
  return all.sort((a, b) => b.bytes - a.bytes).slice(0, 5).map((f) => ({ ...f, name: `corpus ${path.basename(f.path).slice(0, 40)}` }));
}

async function keystrokeSection(synthetic) {
  const files = [...largestCorpusFiles(), ...synthetic];
  const out = [];
  for (const f of files) {
    log(`keystroke ${f.name}`);
    const r = await runJson(lib('keystroke.mjs'), [f.path, String(KEY_RUNS), String(KEY_BUDGET)], { nodeArgs: ['--max-old-space-size=4096'] });
    out.push({ name: f.name, ...r });
    const target = f.bytes > 15e6 ? '≤ 1× json-ls; < 1 s' : '≤ 1× json-ls';
    row('Keystroke', `${f.name} (${mb(f.bytes)}), median / p95 of ${r.ours.runs} / ${r.jsonls.runs} runs after ${r.ours.warmups} / ${r.jsonls.warmups} warm-ups; first run in the process`, `${ms(r.ours.median)} / ${ms(r.ours.p95)}; first ${ms(r.ours.first)}`, `json-ls ${ms(r.jsonls.median)} / ${ms(r.jsonls.p95)}; first ${ms(r.jsonls.first)}`, ratio(r.ours.median, r.jsonls.median), target, loads(r.load));
  }
  results.sections.keystroke = out;
}

async function lspSection(synthetic) {
  log('server ready');
  // Baselines of the same measurement: a script answering `initialize` with no library (Node's own start-up), and a
  // server loading only vscode-languageserver (the library ours is built on), interleaved with ours.
  const readies = { ours: [], raw: [], library: [] };
  const servers = { ours: process.env.LCG_BENCH_SERVER, raw: path.join(ROOT, 'bench', 'servers', 'raw-initialize.cjs'), library: path.join(WORK, 'library-only-server.js') };
  for (let i = 0; i < 3; i++) {
    for (const k of ['raw', 'library', 'ours']) readies[k].push(await runJson(lib('lsp.mjs'), ['ready', '10'], { env: servers[k] ? { LCG_BENCH_SERVER: servers[k] } : {} }));
  }
  const rmed = (k, f) => median(readies[k].map((r) => r[f]));
  const ready = { median: rmed('ours', 'median'), p95: rmed('ours', 'p95'), load: readies.ours.map((r) => r.load), baselines: readies };
  row('Server', 'Spawn → `initialize` answered: a script answering by hand, no library (Node start-up alone; median / p95)', `${ms(rmed('raw', 'median'))} / ${ms(rmed('raw', 'p95'))}`, '—', '', '', loads(readies.raw.map((r) => r.load)));
  row('Server', 'Spawn → `initialize` answered: a server loading only vscode-languageserver (median / p95)', `${ms(rmed('library', 'median'))} / ${ms(rmed('library', 'p95'))}`, `no library ${ms(rmed('raw', 'median'))}`, ratio(rmed('library', 'median'), rmed('raw', 'median')), '', loads(readies.library.map((r) => r.load)));
  row('Server', 'Spawn → `initialize` answered: our server (median / p95 of 3 × 10)', `${ms(ready.median)} / ${ms(ready.p95)}`, `library only ${ms(rmed('library', 'median'))}`, ratio(ready.median, rmed('library', 'median')), '≤ 150 ms', loads(ready.load));
  const near225 = largestCorpusFiles().length ? findNear(225 * 1024) : undefined;
  const rts = [];
  for (const f of [near225, ...synthetic.filter((s) => s.bytes < 6e6)].filter(Boolean)) {
    log(`round trip ${f.name}`);
    const r = await runJson(lib('lsp.mjs'), ['roundtrip', f.path, '20']);
    rts.push({ name: f.name, ...r });
    row('Server', `didChange → publishDiagnostics, ${f.name} (${mb(f.bytes)}), debounce 0, median / p95`, `${ms(r.median)} / ${ms(r.p95)}`, '—', '', '', loads(r.load));
    row('Server', `Longest wait for an answer during that analysis (median / max of runs)`, `${ms(r.stallMedian)} / ${ms(r.stallMax)}`, '—', '', f.bytes <= 5.3e6 ? '≤ 50 ms' : '', loads(r.load));
  }
  log('server Scan Workspace on the corpus');
  const scan = await runJson(lib('lsp.mjs'), ['scan', CORPUS]);
  row('Memory', `Server RSS after Scan Workspace on the corpus (${int(scan.summary.files)} files, ${int(scan.summary.findings)} findings; scan ${ms(scan.ms)})`, `${mb(scan.rssSettled)} (peak ${mb(scan.peakRss)})`, `before scan ${mb(scan.rssBefore)}`, '', '≤ 200 MB', loads(scan.load));
  results.sections.lsp = { ready, roundtrips: rts, scan };
}

function findNear(bytes) {
  let best;
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.json')) {
        const b = fs.statSync(p).size;
        if (!best || Math.abs(b - bytes) < Math.abs(best.bytes - bytes)) best = { path: p, bytes: b };
      }
    }
  };
  walk(path.join(CORPUS, 'n8n'));
  return best && { ...best, name: `corpus ${path.basename(best.path).slice(0, 40)}` };
}

async function growthSection() {
  // Hard-linked copies of the corpus: distinct paths for discovery, no extra disk space.
  const dir = path.join(WORK, 'growth');
  for (let i = 1; i <= 4; i++) {
    const c = path.join(dir, `copy${i}`);
    if (!fs.existsSync(c)) {
      fs.mkdirSync(dir, { recursive: true });
      execFileSync('cp', ['-al', CORPUS, c]);
    }
  }
  const out = {};
  const rssFile = path.join(WORK, 'growth-rss.jsonl');
  for (let i = 0; i < RUNS; i++) {
    for (const k of [1, 2, 4]) {
      log(`growth ${k}× ${i + 1}/${RUNS}`);
      const roots = Array.from({ length: k }, (_, j) => path.join(dir, `copy${j + 1}`));
      fs.rmSync(rssFile, { force: true });
      const l = load();
      const r = await timeCommand(process.execPath, ['-r', lib('rss-hook.cjs'), CLI, 'scan', ...roots, '--format', 'json', '--output', path.join(WORK, 'growth-scan.json')], { env: { LCG_BENCH_RSS_FILE: rssFile } });
      (out[k] ??= []).push({ ms: r.ms, load: l, ...JSON.parse(fs.readFileSync(rssFile, 'utf8').trim().split('\n').pop()) });
    }
  }
  results.sections.growth = out;
  const base = median(out[1].map((x) => x.ms));
  for (const k of [1, 2, 4]) {
    const t = median(out[k].map((x) => x.ms));
    row('Growth', `CLI scan of ${k}× the corpus (peak RSS ${mb(median(out[k].map((x) => x.maxRss)))})`, ms(t), `1× ${ms(base)}`, ratio(t, base), `≈ ${k}.00× (linear)`, loads(out[k].map((x) => x.load)));
  }
}

async function sizeSection() {
  log('packaging the .vsix (vsce package --no-dependencies)');
  const vsix = path.join(WORK, 'lowcode-guard.vsix');
  fs.rmSync(vsix, { force: true });
  const r = await timeCommand(process.execPath, [path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '--out', vsix]);
  const bytes = fs.existsSync(vsix) ? fs.statSync(vsix).size : NaN;
  results.sections.size = { vsix: bytes, code: r.code };
  // The server's bundles: server.js (boot), server-main.js and the shared lib/*.js (scripts/bundle.mjs).
  const out = path.join(ROOT, 'server', 'out');
  const serverFiles = ['server.js', 'server-main.js', ...fs.readdirSync(path.join(out, 'lib')).map((f) => path.join('lib', f))];
  const server = serverFiles.reduce((n, f) => n + fs.statSync(path.join(out, f)).size, 0);
  row('Size', `.vsix (server bundles ${mb(server)}: boot ${(fs.statSync(path.join(out, "server.js")).size / 1024).toFixed(1)} KB)`, Number.isFinite(bytes) ? `${(bytes / 2 ** 20).toFixed(2)} MiB` : `vsce failed (${r.code})`, '—', '', '≤ 1.5 MB', '');
}

function table() {
  const lines = ['| Section | What | Ours | Baseline (same run) | Ratio | Target | Load (1 min) |', '|---|---|---:|---:|---:|---|---:|'];
  for (const r of rows) lines.push(`| ${r.section} | ${r.what} | ${r.ours} | ${r.baseline} | ${r.ratio} | ${r.target} | ${r.load} |`);
  return lines.join('\n');
}

setup();
const synthetic = syntheticFiles(CORPUS, path.join(WORK, 'synthetic'));
results.synthetic = synthetic;
if (ONLY.includes('corpus')) await corpusSection();
if (ONLY.includes('spectral')) await spectralSection();
if (ONLY.includes('keystroke')) await keystrokeSection(synthetic);
if (ONLY.includes('lsp')) await lspSection(synthetic);
if (ONLY.includes('growth')) await growthSection();
if (ONLY.includes('size')) await sizeSection();
results.finished = new Date().toISOString();
results.rows = rows;
const md = `Machine: ${results.machine.cpu}, ${results.machine.cores} cores, ${results.machine.memory}, ${results.machine.os}, Node ${results.machine.node}\nCommand: \`${results.command}\` (${results.started})\n\n${table()}\n`;
fs.writeFileSync(path.join(WORK, 'results.json'), JSON.stringify(results, null, 2));
fs.writeFileSync(path.join(WORK, 'results.md'), md);
process.stdout.write(md);
