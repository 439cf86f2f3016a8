/**
 * Fixes are safe, on every corpus file and every fix offered, pretty-printed as found and minified:
 * - the fixed text is valid JSON (strict `JSON.parse`);
 * - the fixed finding is gone (one finding fewer with that rule id and pointer) and no other finding appears
 *   (findings compared by rule id, pointer and message);
 * - the edits, converted to LSP positions with vscode-languageserver-textdocument as the quick fix sends them and
 *   applied by `TextDocument.applyEdits`, give the same text; text outside the edits is byte-identical, and every edit
 *   lies inside the JSON value the fix changes (the object that gains or loses a key, the value replaced), widened to
 *   whole lines (the formatter may re-indent the edited line) — so a minified file is never re-formatted as a whole;
 * - `fixAll` over each file: valid JSON, every applied finding gone, nothing new.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findNodeAtLocation, parseTree, type JSONPath } from 'jsonc-parser';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, applyEdits, fixAll, SEVERITY_RANK, type Finding, type TextEdit } from '../../server/src/engine';
import { CORPUS } from '../helpers';
import { recordCounts } from './lib/counts';
import { corpusFiles, corpusText } from './lib/mutations';

const key = (f: Finding) => `${f.ruleId}\u0000${f.pointer}\u0000${f.message}`;

function count<T>(items: readonly T[], k: (t: T) => string): Map<string, number> {
  const m = new Map<string, number>();
  for (const i of items) m.set(k(i), (m.get(k(i)) ?? 0) + 1);
  return m;
}

/** Keys present more often in `after` than in `before` (new findings). */
function added(before: readonly Finding[], after: readonly Finding[]): string[] {
  const b = count(before, key);
  return [...count(after, key)].filter(([k, n]) => n > (b.get(k) ?? 0)).map(([k]) => k.replace(/\u0000/g, ' | '));
}

/**
 * When the fix removed one element of an array (a Node-RED node, an n8n header pair), the findings after it move
 * up one index: the findings before the fix as they must read after it (inside the removed element: gone; after it:
 * pointers and pointers quoted in messages renumbered). Otherwise the findings as they are.
 */
function expectedAfterRemoval(before: readonly Finding[], oldValue: unknown, newValue: unknown): Finding[] {
  const removal = findRemoval(oldValue, newValue);
  if (!removal) return [...before];
  const { pointer, index } = removal;
  const esc = pointer.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const inside = new RegExp(`^${esc}/${index}(/|$)`);
  const shift = (s: string) => s.replace(new RegExp(`${esc}/(\\d+)(?=/|\\W|$)`, 'g'), (m, n) => (Number(n) > index ? `${pointer}/${Number(n) - 1}` : m));
  return before.filter((f) => !inside.test(f.pointer)).map((f) => ({ ...f, pointer: shift(f.pointer), message: shift(f.message) }));
}

/** The array (as a JSON Pointer) and index of the one element `b` lacks compared with `a`, when that is the only difference. */
function findRemoval(a: unknown, b: unknown, pointer = ''): { pointer: string; index: number } | undefined {
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length === b.length + 1) {
      let i = 0;
      while (i < b.length && JSON.stringify(a[i]) === JSON.stringify(b[i])) i++;
      if (JSON.stringify([...a.slice(0, i), ...a.slice(i + 1)]) === JSON.stringify(b)) return { pointer, index: i };
    }
    if (a.length !== b.length) return undefined;
    for (let i = 0; i < a.length; i++) if (JSON.stringify(a[i]) !== JSON.stringify(b[i])) return findRemoval(a[i], b[i], `${pointer}/${i}`);
    return undefined;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    for (const k of Object.keys(a)) {
      if (!(k in b)) return undefined;
      if (JSON.stringify((a as Record<string, unknown>)[k]) !== JSON.stringify((b as Record<string, unknown>)[k])) {
        const r = findRemoval((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`);
        if (r) return r;
      }
    }
  }
  return undefined;
}

/** Paths (jsonc-parser segments) of the smallest values that differ between two JSON values; an added or removed key or element counts as a change of its container. */
function changedPaths(a: unknown, b: unknown, path: JSONPath = [], out: JSONPath[] = []): JSONPath[] {
  if (Object.is(a, b)) return out;
  const bothArrays = Array.isArray(a) && Array.isArray(b);
  const bothObjects = !!a && !!b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b);
  if (bothArrays && a.length === b.length) a.forEach((x, i) => changedPaths(x, b[i], [...path, i], out));
  else if (bothObjects) {
    const ka = Object.keys(a as object);
    const kb = Object.keys(b as object);
    if (ka.length !== kb.length || ka.some((k) => !(k in (b as object)))) out.push(path);
    else for (const k of ka) changedPaths((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], [...path, k], out);
  } else out.push(path);
  return out;
}

/** `[start, end)` widened to whole lines. */
function lines(text: string, start: number, end: number): [number, number] {
  while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  return [start, end];
}

/**
 * Asserts that `fixed` = `text` with `edits`, also through LSP positions; that everything outside the edits is
 * untouched; and that each edit lies inside a value the fix changes (widened to whole lines).
 */
function checkEdits(text: string, edits: readonly TextEdit[], fixed: string, where: string): void {
  const doc = TextDocument.create('file:///f.json', 'json', 1, text);
  const lsp = edits.map((e) => ({ range: { start: doc.positionAt(e.offset), end: doc.positionAt(e.offset + e.length) }, newText: e.content }));
  assert.equal(TextDocument.applyEdits(doc, lsp), fixed, `${where}: LSP edits give the same text`);
  const sorted = [...edits].sort((a, b) => a.offset - b.offset);
  let from = 0;
  let delta = 0;
  for (const e of sorted) {
    assert.equal(fixed.slice(from + delta, e.offset + delta), text.slice(from, e.offset), `${where}: text before the edit at ${e.offset} unchanged`);
    delta += e.content.length - e.length;
    from = e.offset + e.length;
  }
  assert.equal(fixed.slice(from + delta), text.slice(from), `${where}: text after the last edit unchanged`);
  const tree = parseTree(text)!;
  const regions = changedPaths(JSON.parse(text), JSON.parse(fixed)).map((p) => {
    let node = findNodeAtLocation(tree, p);
    for (let q = p; !node && q.length; q = q.slice(0, -1)) node = findNodeAtLocation(tree, q.slice(0, -1));
    node ??= tree;
    return lines(text, node.offset, node.offset + node.length);
  });
  for (const e of sorted) {
    assert.ok(regions.some(([s, t]) => s <= e.offset && e.offset + e.length <= t), `${where}: the edit at ${e.offset} (${e.length} code units) stays inside the value it changes`);
  }
}

interface Counts {
  files: number;
  /** Fixed findings replaced by a less severe one of the same rule at the same place. */
  downgraded: number;
  fixes: number;
  fixAllFiles: number;
  fixAllApplied: number;
  fixAllSkipped: number;
}

function checkFile(text: string, name: string, counts: Counts): void {
  const opts = { fileName: name };
  const before = analyze(text, opts).findings;
  const fixable = before.filter((f) => f.fix && f.fix.edits.length > 0);
  if (!fixable.length) return;
  counts.files++;
  for (const f of fixable) {
    const where = `${name}: ${f.ruleId} at ${f.pointer} ("${f.fix!.title}")`;
    const edits = [...f.fix!.edits];
    const fixed = applyEdits(text, edits);
    assert.doesNotThrow(() => JSON.parse(fixed), `${where}: fixed text is valid JSON`);
    checkEdits(text, edits, fixed, where);
    const after = analyze(fixed, opts).findings;
    const expected = expectedAfterRemoval(before, JSON.parse(text), JSON.parse(fixed));
    const [moved] = expectedAfterRemoval([f], JSON.parse(text), JSON.parse(fixed));
    if (moved) assert.equal(count(after, key).get(key(moved)) ?? 0, (count(expected, key).get(key(moved)) ?? 0) - 1, `${where}: the finding is gone`);
    // A rule may leave a weaker finding where the fixed one was (node-red/exec-node: the command still runs on the
    // host, but no longer with message data appended): same rule and pointer, less severe. Counted, not new.
    const weaker = (a: Finding) => moved && a.ruleId === moved.ruleId && a.pointer === moved.pointer && SEVERITY_RANK[a.severity] > SEVERITY_RANK[f.severity];
    counts.downgraded += after.filter(weaker).length;
    assert.deepEqual(added(expected, after.filter((a) => !weaker(a))), [], `${where}: no new finding`);
    counts.fixes++;
  }
  const all = fixAll(text, before);
  assert.doesNotThrow(() => JSON.parse(all.text), `${name}: fixAll gives valid JSON`);
  const after = analyze(all.text, opts).findings;
  if (!all.applied.some((f) => findRemoval(JSON.parse(text), JSON.parse(applyEdits(text, [...f.fix!.edits]))))) {
    // (Element removals renumber what follows; single fixes above check those. Here: fixes that remove nothing.)
    for (const f of all.applied) {
      const left = count(after, key).get(key(f)) ?? 0;
      const had = count(before, key).get(key(f)) ?? 0;
      assert.equal(left, had - all.applied.filter((a) => key(a) === key(f)).length, `${name}: fixAll removed ${f.ruleId} at ${f.pointer}`);
    }
    const weaker = (a: Finding) => all.applied.some((f) => a.ruleId === f.ruleId && a.pointer === f.pointer && SEVERITY_RANK[a.severity] > SEVERITY_RANK[f.severity]);
    assert.deepEqual(added(before, after.filter((a) => !weaker(a))), [], `${name}: fixAll adds no finding`);
  }
  counts.fixAllFiles++;
  counts.fixAllApplied += all.applied.length;
  counts.fixAllSkipped += all.skipped.length;
}

/** The minified pass doubles the time: it runs in `npm run test:fuzz` (LCG_FUZZ_RUNS set), not in the normal run. */
const MINIFIED = process.env.LCG_FUZZ_RUNS !== undefined;

test(`every fix of every corpus file${MINIFIED ? ', as found and minified' : ''}: valid JSON, finding gone, nothing new, text outside the edit untouched; fixAll too`, { skip: !CORPUS && 'shared corpus not found at ../shared/corpus', timeout: 600_000 }, (t) => {
  const files = corpusFiles(CORPUS).filter((f) => !f.includes(`${'/'}malformed${'/'}`));
  const pretty: Counts = { files: 0, downgraded: 0, fixes: 0, fixAllFiles: 0, fixAllApplied: 0, fixAllSkipped: 0 };
  const minified: Counts = { ...pretty };
  for (const file of files) {
    const text = corpusText(file);
    checkFile(text, file, pretty);
    if (!MINIFIED) continue;
    let min: string | undefined;
    try {
      min = JSON.stringify(JSON.parse(text));
    } catch {
      continue;
    }
    checkFile(min, `${file} (minified)`, minified); // (also when the file is minified already, so the counts compare)
  }
  t.diagnostic(`as found: ${pretty.fixes} fixes verified in ${pretty.files} files (${pretty.downgraded} left a less severe finding of the same rule); fixAll on ${pretty.fixAllFiles} files applied ${pretty.fixAllApplied}, skipped ${pretty.fixAllSkipped}`);
  assert.ok(pretty.fixes > 500, `only ${pretty.fixes} fixes in the corpus`);
  if (MINIFIED) {
    t.diagnostic(`minified: ${minified.fixes} fixes verified in ${minified.files} files; fixAll applied ${minified.fixAllApplied}, skipped ${minified.fixAllSkipped}`);
    assert.equal(minified.fixes, pretty.fixes, 'the same fixes are offered on minified files');
  }
  recordCounts('fixes-corpus', {
    corpusFiles: files.length,
    fixes: pretty.fixes + minified.fixes,
    fixesAsFound: pretty.fixes,
    fixesMinified: minified.fixes,
    filesWithFixes: pretty.files,
    fixAllRuns: pretty.fixAllFiles + minified.fixAllFiles,
    fixAllApplied: pretty.fixAllApplied + minified.fixAllApplied,
    fixAllSkipped: pretty.fixAllSkipped + minified.fixAllSkipped,
  });
});
