/**
 * Nesting-depth guard, run before parsing. jsonc-parser's `parseTree` and `getNodeValue`, ajv's validators and the WDL
 * adapter recurse once or more per nesting level, so a hostile file (`[[[[…` a hundred thousand times) would overflow
 * the stack somewhere, at a depth that depends on how deep the caller's stack already is. Real low-code files nest
 * far less: the deepest file of the 3,820-file shared corpus nests 31 levels (a Power Automate flow of nested
 * scopes). Files nested deeper than {@link MAX_NESTING_DEPTH} are therefore not parsed at all: the engine reports one
 * `json/syntax-error` finding at the bracket that goes too deep (see `analyze`).
 */

/**
 * Deepest nesting the engine parses (objects and arrays count one level each). 500 is 16 times the deepest real
 * file, and test/reliability/deep-nesting.test.ts runs every format at this depth through every rule and the schema
 * validator with half of Node's default stack.
 */
export const MAX_NESTING_DEPTH = 500;

/**
 * Offset (UTF-16 code units) of the `{` or `[` that opens nesting level `limit + 1`, or -1 when `text` never nests
 * deeper than `limit`. Brackets inside strings and comments (`//…`, `/*…*\/`, as the engine accepts JSONC) do not
 * count; unbalanced closers never push the depth below zero. One linear pass, no allocation; texts shorter than
 * `limit` are not scanned at all.
 */
export function tooDeepAt(text: string, limit = MAX_NESTING_DEPTH): number {
  const n = text.length;
  if (n <= limit) return -1;
  let depth = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (++depth > limit) return i;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      if (depth > 0) depth--;
    } else if (c === 0x22 /* " */) {
      // Skip the string: up to the next unescaped quote or a line break (jsonc-parser ends an unterminated string there too).
      for (i++; i < n; i++) {
        const s = text.charCodeAt(i);
        if (s === 0x5c /* \ */) i++;
        else if (s === 0x22 || s === 0x0a || s === 0x0d) break;
      }
    } else if (c === 0x2f /* / */) {
      const next = text.charCodeAt(i + 1);
      if (next === 0x2f) {
        for (i += 2; i < n && text.charCodeAt(i) !== 0x0a && text.charCodeAt(i) !== 0x0d; i++);
      } else if (next === 0x2a /* * */) {
        const end = text.indexOf('*/', i + 2);
        i = end < 0 ? n : end + 1;
      }
    }
  }
  return -1;
}
