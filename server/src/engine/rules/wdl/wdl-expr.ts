/**
 * Reading Workflow Definition Language expressions inside JSON string values: where the expressions are, and which
 * functions they call with which literal argument (`body('Parse_JSON')`, `variables('query')`, `triggerBody()`).
 * Not a rule: shared by the Logic Apps and Power Automate rules.
 *
 * Facts (Microsoft Learn, "Schema reference guide for the Workflow Definition Language in Azure Logic Apps",
 * sections Expressions and Functions; "Reference guide to workflow expression functions"):
 * - A string value that starts with `@` is one expression (the whole value); `@@` at the start escapes a literal `@`.
 * - Inside any other string, `@{ … }` interpolates an expression (string interpolation). The reference documents no
 *   escape for `@{` inside a string, so every `@{ … }` after the first two characters is read as an expression (a
 *   security check would rather over-read than miss one).
 * - String literals inside expressions are in single quotes; a doubled quote `''` is a quote inside the literal.
 * - Functions that read run data: `trigger()`, `triggerBody()`, `triggerOutputs()`, `triggerFormDataValue()`,
 *   `triggerFormDataMultiValues()`, `triggerMultipartBody()` (the trigger); `body()`, `outputs()`, `actions()`,
 *   `actionBody()`, `actionOutputs()`, `result()` (an action, named by their first argument); `variables()`,
 *   `item()`, `items()` (loop items); `parameters()` and, in Standard, `appsetting()` read configuration.
 */

/** One expression inside a string: `[start, end)` offsets into the string (the text between `@{` and `}`, or after a leading `@`). */
export interface ExprSegment {
  start: number;
  end: number;
  text: string;
}

/** The expressions of a string value (see the module comment). Empty for a plain literal. Linear in the length. */
export function expressionSegments(s: string): ExprSegment[] {
  if (s.startsWith('@') && !s.startsWith('@@') && !s.startsWith('@{')) return [{ start: 1, end: s.length, text: s.slice(1) }];
  const out: ExprSegment[] = [];
  let i = s.indexOf('@{', s.startsWith('@@') ? 2 : 0);
  while (i >= 0) {
    const start = i + 2;
    let j = start;
    let depth = 1;
    let quoted = false;
    for (; j < s.length; j++) {
      const c = s[j];
      if (quoted) {
        if (c === "'") {
          if (s[j + 1] === "'") j++;
          else quoted = false;
        }
      } else if (c === "'") quoted = true;
      else if (c === '{') depth++;
      else if (c === '}' && --depth === 0) break;
    }
    if (j >= s.length) break; // unterminated: not an expression
    out.push({ start, end: j, text: s.slice(start, j) });
    i = s.indexOf('@{', j + 1);
  }
  return out;
}

/** A function call found in an expression: its lower-cased name, its first argument when that is a string literal, and where it is in the string. */
export interface ExprRef {
  fn: string;
  arg?: string;
  /** `[start, end)` of the call's name and opening parenthesis (plus the literal argument, when present) in the searched string. */
  start: number;
  end: number;
}

/** Functions whose result is data from the trigger (lower case). */
export const TRIGGER_FUNCTIONS: ReadonlySet<string> = new Set([
  'trigger', 'triggerbody', 'triggeroutputs', 'triggerformdatavalue', 'triggerformdatamultivalues', 'triggermultipartbody',
]);

/** Functions whose first argument names an action whose data they return (lower case). */
export const ACTION_FUNCTIONS: ReadonlySet<string> = new Set(['body', 'outputs', 'actions', 'actionbody', 'actionoutputs', 'result']);

const CALL = /(?<![A-Za-z0-9_.])([A-Za-z][A-Za-z0-9]*)\s*\(\s*(?:'((?:[^']|'')*)')?/g;

/**
 * Every function call in the expressions of `s` (see `expressionSegments`), in order. Calls inside string literals
 * of the expression are not reported. Offsets are into `s`.
 */
export function expressionRefs(s: string): ExprRef[] {
  const out: ExprRef[] = [];
  for (const seg of expressionSegments(s)) {
    const masked = maskLiterals(seg.text);
    CALL.lastIndex = 0;
    for (let m = CALL.exec(masked); m; m = CALL.exec(masked)) {
      const argRaw = m[2] === undefined ? undefined : seg.text.slice(m.index + m[0].length - m[2].length - 1, m.index + m[0].length - 1);
      out.push({
        fn: m[1].toLowerCase(),
        arg: argRaw === undefined ? undefined : argRaw.replace(/''/g, "'"),
        start: seg.start + m.index,
        end: seg.start + m.index + m[0].length,
      });
    }
  }
  return out;
}

/**
 * The expression text with the *contents* of its string literals replaced by spaces (quotes kept, same length), so
 * that the call pattern never matches inside a literal while the literal argument right after `(` still does
 * (its contents are restored from the original text by position).
 */
function maskLiterals(t: string): string {
  let out = '';
  let quoted = false;
  for (let i = 0; i < t.length; i++) {
    const c = t[i];
    if (quoted) {
      if (c === "'" && t[i + 1] === "'") {
        out += 'xx';
        i++;
      } else if (c === "'") {
        quoted = false;
        out += c;
      } else out += 'x';
    } else {
      if (c === "'") quoted = true;
      out += c;
    }
  }
  return out;
}
