/**
 * Mapping between a JSON string's decoded value and its raw text in the document, so that a finding about a part
 * of a string (a URL, a token) gets the exact range of that part, escapes included.
 *
 * Facts (RFC 8259 §7): inside a JSON string, `\"`, `\\`, `\/`, `\b`, `\f`, `\n`, `\r`, `\t` are two raw characters
 * for one decoded character and `\uXXXX` is six raw characters for one UTF-16 code unit (a surrogate pair is two
 * such escapes); every other character stands for itself (an astral character is two UTF-16 code units on both sides).
 */
import type { JsonNode } from '../../types';

/** A span in document offsets (UTF-16 code units). */
export interface Span {
  offset: number;
  length: number;
}

/**
 * Document offsets of the decoded value of string node `node` of `text`: element `i` is the offset in `text` of the
 * raw characters that decode to code unit `i` of the value; the last element (index `value.length`) is the offset of
 * the closing quote. Returns undefined when the raw token does not decode to exactly `node.value` (then callers
 * fall back to the whole node).
 */
export function decodedOffsets(text: string, node: JsonNode): Int32Array | undefined {
  if (node.type !== 'string' || typeof node.value !== 'string') return undefined;
  const value = node.value;
  const start = node.offset + 1; // after the opening quote
  const stop = node.offset + node.length - 1; // the closing quote
  if (text.charCodeAt(node.offset) !== 34 || text.charCodeAt(stop) !== 34) return undefined;
  const map = new Int32Array(value.length + 1);
  let r = start;
  let d = 0;
  while (r < stop && d < value.length) {
    map[d] = r;
    if (text.charCodeAt(r) === 92 /* \ */) {
      const e = text.charCodeAt(r + 1);
      if (e === 117 /* u */) {
        if (value.charCodeAt(d) !== parseInt(text.slice(r + 2, r + 6), 16)) return undefined;
        r += 6;
      } else {
        r += 2;
      }
    } else {
      if (value.charCodeAt(d) !== text.charCodeAt(r)) return undefined;
      r += 1;
    }
    d++;
  }
  if (r !== stop || d !== value.length) return undefined;
  map[d] = stop;
  return map;
}

/**
 * The document span of the decoded substring `[from, to)` of string node `node`; the whole node when the raw text
 * cannot be mapped. `map` is a cache from `decodedOffsets` (computed when omitted).
 */
export function spanOf(text: string, node: JsonNode, from: number, to: number, map = decodedOffsets(text, node)): Span {
  if (!map || from < 0 || to > map.length - 1 || from > to) return { offset: node.offset, length: node.length };
  return { offset: map[from], length: map[to] - map[from] };
}
