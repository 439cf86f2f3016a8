/**
 * The engine's JSON parser: a fast path for well-formed documents that builds exactly the tree jsonc-parser's
 * `parseTree` builds, and jsonc-parser itself for everything else.
 *
 * Why: `parseTree` drives a token scanner through visitor callbacks and was the largest single cost of a corpus
 * scan (docs/performance.md). The fast path is a direct recursive-descent parser over `charCodeAt`. It accepts only
 * strict JSON plus `//` and `/* *\/` comments (what jsonc-parser accepts without any error under the engine's options:
 * comments allowed, no trailing commas) and gives up at the first thing outside that — any syntax error, a
 * control character in a string, whitespace other than space/tab/CR/LF, a trailing comma, nesting deep enough to
 * overflow the stack — and then the document is parsed again by jsonc-parser, which reports the errors as before.
 * So the result (tree and errors) is always the one `parseTree` gives; `test/engine/parse.test.ts` checks that the
 * trees are identical on generated documents and on the corpus.
 *
 * Tree shape (jsonc-parser `Node`): objects, arrays and properties have `children`; a property's children are its
 * key (a `string` node) and, when present, its value; `colonOffset` is set on properties; values of literals are
 * the parsed values; every node but the root has `parent`. Offsets and lengths are UTF-16 code units.
 */
import { parseTree, type ParseError, type ParseOptions } from 'jsonc-parser';
import type { JsonNode } from './types';

/** jsonc-parser options the engine parses with (comments allowed, trailing commas not, empty text allowed). */
export const ENGINE_PARSE_OPTIONS: ParseOptions = { allowTrailingComma: false, disallowComments: false, allowEmptyContent: true };

/** jsonc-parser's `Node` without `readonly`, for building. */
type Building = { -readonly [K in keyof JsonNode]: JsonNode[K] };

/** Placeholder `children` of a container or property under construction (replaced before the node is returned). */
const NO_CHILDREN: JsonNode[] = [];

/** Thrown inside the fast path to give up; never escapes this module. */
const GIVE_UP = new Error('not strict JSON: use jsonc-parser');

/**
 * Parses `text` like `parseTree(text, errors, ENGINE_PARSE_OPTIONS)`: returns the root node (undefined for empty
 * text) and pushes syntax errors into `errors`. May throw what `parseTree` throws (a stack overflow on absurd nesting).
 */
export function parseJson(text: string, errors: ParseError[]): JsonNode | undefined {
  return parseFast(text) ?? parseTree(text, errors, ENGINE_PARSE_OPTIONS);
}

/**
 * The fast path alone: the tree `parseTree` would build for `text`, or undefined when `text` is not strict JSON (with
 * comments), is empty or only comments, or nests objects/arrays deeper than `maxDepth` levels (the root container is
 * level 1). Undefined means "ask jsonc-parser"; never throws.
 */
export function parseFast(text: string, maxDepth = Infinity): JsonNode | undefined {
  try {
    return fastParse(text, maxDepth);
  } catch {
    return undefined;
  }
}

/** The fast path: the tree of a strict-JSON(+comments) text, or undefined / a throw to hand over to jsonc-parser. */
function fastParse(text: string, maxDepth: number): JsonNode | undefined {
  const len = text.length;
  let pos = 0;

  /**
   * Skips whitespace (space, tab, CR, LF: jsonc-parser 3.3's whitespace too) and comments. Anything else stops it, and
   * the caller gives up on what it does not expect there.
   */
  function skip(): void {
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c === 32 || c === 10 || c === 13 || c === 9) pos++;
      else if (c === 47 /* / */) {
        const n = text.charCodeAt(pos + 1);
        if (n === 47) {
          pos += 2;
          while (pos < len) {
            const d = text.charCodeAt(pos);
            if (d === 10 || d === 13) break; // jsonc-parser ends a line comment at CR or LF only
            pos++;
          }
        } else if (n === 42 /* * */) {
          const end = text.indexOf('*/', pos + 2);
          if (end < 0) throw GIVE_UP;
          pos = end + 2;
        } else throw GIVE_UP;
      } else return;
    }
  }

  /** A string token starting at `pos` (on the quote): its value; `pos` moves past the closing quote. */
  function scanString(): string {
    const start = pos;
    let i = pos + 1;
    let escaped = false;
    for (;;) {
      if (i >= len) throw GIVE_UP;
      const c = text.charCodeAt(i);
      if (c === 34 /* " */) break;
      if (c === 92 /* \ */) {
        escaped = true;
        i += 2;
        continue;
      }
      if (c < 32) throw GIVE_UP;
      i++;
    }
    pos = i + 1;
    if (!escaped) return text.slice(start + 1, i);
    // JSON.parse applies exactly JSON's escapes (and rejects bad ones, which jsonc-parser reports as errors).
    return JSON.parse(text.slice(start, pos)) as string;
  }

  /** After a number or keyword: the next character must end the token as jsonc-parser's scanner ends it. */
  function delimited(): void {
    if (pos >= len) return;
    const c = text.charCodeAt(pos);
    if (c === 44 || c === 125 || c === 93 || c === 32 || c === 10 || c === 13 || c === 9 || c === 47) return;
    throw GIVE_UP;
  }

  function keyword(word: string): void {
    if (!text.startsWith(word, pos)) throw GIVE_UP;
    pos += word.length;
    delimited();
  }

  function scanNumber(): number {
    const start = pos;
    if (text.charCodeAt(pos) === 45 /* - */) pos++;
    let c = text.charCodeAt(pos);
    if (c === 48 /* 0 */) pos++;
    else if (c >= 49 && c <= 57) {
      pos++;
      while ((c = text.charCodeAt(pos)) >= 48 && c <= 57) pos++;
    } else throw GIVE_UP;
    if (text.charCodeAt(pos) === 46 /* . */) {
      pos++;
      c = text.charCodeAt(pos);
      if (!(c >= 48 && c <= 57)) throw GIVE_UP;
      while ((c = text.charCodeAt(pos)) >= 48 && c <= 57) pos++;
    }
    c = text.charCodeAt(pos);
    if (c === 101 || c === 69 /* e E */) {
      pos++;
      c = text.charCodeAt(pos);
      if (c === 43 || c === 45) pos++;
      c = text.charCodeAt(pos);
      if (!(c >= 48 && c <= 57)) throw GIVE_UP;
      while ((c = text.charCodeAt(pos)) >= 48 && c <= 57) pos++;
    }
    const value = +text.slice(start, pos);
    delimited();
    return value;
  }

  /** Parses the value at `pos` (after whitespace) as a child of `parent` (undefined for the root); a container there is at nesting level `depth`. */
  function value(parent: JsonNode | undefined, depth: number): JsonNode {
    const start = pos;
    const c = text.charCodeAt(pos);
    let node: JsonNode;
    switch (c) {
      case 123 /* { */: {
        if (depth > maxDepth) throw GIVE_UP;
        // The root is built without a `parent` key (as parseTree leaves it) rather than deleted afterwards: a deleted
        // key turns the object into a slow dictionary-mode object.
        const obj: Building = parent === undefined ? { type: 'object', offset: start, length: -1, children: NO_CHILDREN } : { type: 'object', offset: start, length: -1, parent, children: NO_CHILDREN };
        node = obj;
        const base = stack.length;
        pos++;
        skip();
        if (text.charCodeAt(pos) !== 125) {
          for (;;) {
            if (text.charCodeAt(pos) !== 34) throw GIVE_UP;
            const keyStart = pos;
            // colonOffset in the literal (same key order as parseTree's nodes): one hidden class for every property.
            const prop: Building = { type: 'property', offset: keyStart, length: -1, parent: node, children: NO_CHILDREN, colonOffset: -1 };
            const name = scanString();
            const key = { type: 'string', value: name, offset: keyStart, length: pos - keyStart, parent: prop } as JsonNode;
            stack.push(prop);
            skip();
            if (text.charCodeAt(pos) !== 58 /* : */) throw GIVE_UP;
            prop.colonOffset = pos;
            pos++;
            skip();
            const v = value(prop, depth + 1);
            prop.children = [key, v];
            prop.length = v.offset + v.length - keyStart;
            skip();
            const d = text.charCodeAt(pos);
            if (d === 44 /* , */) {
              pos++;
              skip();
              continue;
            }
            if (d === 125) break;
            throw GIVE_UP;
          }
        }
        pos++;
        obj.length = pos - start;
        obj.children = takeFrom(base);
        return node;
      }
      case 91 /* [ */: {
        if (depth > maxDepth) throw GIVE_UP;
        const arr: Building = parent === undefined ? { type: 'array', offset: start, length: -1, children: NO_CHILDREN } : { type: 'array', offset: start, length: -1, parent, children: NO_CHILDREN };
        node = arr;
        const base = stack.length;
        pos++;
        skip();
        if (text.charCodeAt(pos) !== 93) {
          for (;;) {
            stack.push(value(node, depth + 1));
            skip();
            const d = text.charCodeAt(pos);
            if (d === 44) {
              pos++;
              skip();
              continue;
            }
            if (d === 93) break;
            throw GIVE_UP;
          }
        }
        pos++;
        arr.length = pos - start;
        arr.children = takeFrom(base);
        return node;
      }
      case 34 /* " */: {
        const s = scanString();
        return { type: 'string', offset: start, length: pos - start, parent, value: s } as JsonNode;
      }
      case 116 /* t */:
        keyword('true');
        return { type: 'boolean', offset: start, length: 4, parent, value: true } as JsonNode;
      case 102 /* f */:
        keyword('false');
        return { type: 'boolean', offset: start, length: 5, parent, value: false } as JsonNode;
      case 110 /* n */:
        keyword('null');
        return { type: 'null', offset: start, length: 4, parent, value: null } as JsonNode;
      default: {
        if (c === 45 || (c >= 48 && c <= 57)) {
          const n = scanNumber();
          return { type: 'number', offset: start, length: pos - start, parent, value: n } as JsonNode;
        }
        throw GIVE_UP;
      }
    }
  }

  /**
   * Children of the containers being built, pushed here and copied into an array of exactly their number when the
   * container closes: a `children` array grown by `push` reserves room for 17 or more elements, most of it unused
   * (a property has 2 children, an n8n position 2, a typical node 6–10), which the garbage collector then copies.
   */
  const stack: JsonNode[] = [];
  function takeFrom(base: number): JsonNode[] {
    const out = stack.slice(base);
    stack.length = base;
    return out;
  }

  skip();
  if (pos >= len) return undefined; // empty (or only comments): jsonc-parser decides
  const root = value(undefined, 1);
  skip();
  if (pos < len) throw GIVE_UP;
  // As parseTree: the root has no `parent` key (containers are built without one; a scalar root loses it here).
  if ('parent' in root) delete (root as { parent?: JsonNode }).parent;
  return root;
}
