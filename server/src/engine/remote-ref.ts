/**
 * `engine/remote-reference`: a `$schema` or `$ref` in a low-code file that names a remote document. Low-Code Guard
 * never downloads anything (no network access, issue #5): such a reference is not fetched, and the file is checked
 * only with the schema and rules bundled for its format. This module finds those references; `index.ts` turns them
 * into info findings (no OWASP id) on detected low-code files only.
 *
 * Not reported: the `$schema` identifiers the platforms write themselves, which name a well-known schema rather than
 * ask for a download (every value in ../shared/corpus is one of these, or not a URL):
 * - `https://schema.management.azure.com/…`: the Workflow Definition Language schema that Logic Apps and Power
 *   Automate put in every definition (`…/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#`) and
 *   the ARM template schemas (`…/schemas/2019-04-01/deploymentTemplate.json#`, `deploymentParameters.json#`);
 *   source: Microsoft Learn, "Schema reference guide for the Workflow Definition Language in Azure Logic Apps" and
 *   "Understand the structure and syntax of ARM templates".
 * - `http(s)://json-schema.org/…`: the JSON Schema meta-schema ids (draft-04 … 2020-12), e.g. in a Request trigger's
 *   body schema; validators know them by name (json-schema.org, "Specification": `$schema` identifies the dialect).
 * - `http(s)://adaptivecards.io/schemas/…`: the Adaptive Card schema id that the card designer writes into cards
 *   posted by Power Automate / Logic Apps Teams actions (adaptivecards.io, "Schema Explorer").
 * A `$ref` is never treated as known: it asks for the referenced document's content.
 */
import type { JsonNode } from './types';

/** Rule id of the finding (an engine id: no OWASP category). */
export const REMOTE_REFERENCE_ID = 'engine/remote-reference';

/** Keys that name another document in JSON Schema (and in the platforms' files that borrow it). */
const REFERENCE_KEYS: ReadonlySet<string> = new Set(['$schema', '$ref']);

/**
 * A remote URL: a network scheme (http, https, ftp, ftps, ws, wss) or a protocol-relative `//host`. Leading white
 * space is ignored (a resolver would trim it). `file:` and relative paths are not remote (and not read either).
 */
const REMOTE = /^\s*(?:(?:https?|ftps?|wss?):|\/\/)/i;

/** `$schema` values the platforms write themselves (see the module comment). */
const KNOWN_SCHEMA = /^\s*https?:\/\/(?:schema\.management\.azure\.com|json-schema\.org|adaptivecards\.io\/schemas)\//i;

/** Longest part of a URL quoted in a message, in UTF-16 code units (the rest becomes `…`). */
export const MAX_URL_IN_MESSAGE = 100;

/** One remote reference: the key (`$schema`/`$ref`), its string value node (the range to report) and the message. */
export interface RemoteReference {
  key: string;
  node: JsonNode;
  message: string;
}

/** True when `value` is a remote URL (see {@link REMOTE}): a network scheme or a protocol-relative `//host`. */
export function isRemoteUrl(value: string): boolean {
  return REMOTE.test(value);
}

/** True when `value` of a `key` (`$schema` or `$ref`) is a remote URL that is not a platform's well-known schema id. */
export function isRemoteReference(key: string, value: string): boolean {
  if (!REFERENCE_KEYS.has(key) || !REMOTE.test(value)) return false;
  return !(key === '$schema' && KNOWN_SCHEMA.test(value));
}

/**
 * The URL as quoted in a message: user info (`user:password@`), query and fragment dropped (they can hold
 * credentials or SAS tokens), control characters shown as U+FFFD, cut to {@link MAX_URL_IN_MESSAGE} characters.
 */
export function quoteUrl(url: string): string {
  let u = url.trim().replace(/[\u0000-\u001f\u007f]/g, '\ufffd');
  u = u.replace(/^((?:[a-z][a-z0-9+.-]*:)?\/\/)[^/?#]*@/i, '$1…@');
  const q = u.search(/[?#]/);
  if (q >= 0) u = u.slice(0, q) + (u[q] === '?' ? '?…' : '');
  return u.length > MAX_URL_IN_MESSAGE ? u.slice(0, MAX_URL_IN_MESSAGE - 1) + '…' : u;
}

/**
 * Every remote `$schema`/`$ref` string value in the tree (see the module comment), in document order. `label` is
 * the format's display name used in the message (e.g. `n8n`, `Logic Apps`). Iterative: no recursion per nesting
 * level. Cheap when the text has no `$schema`/`$ref` (pass `text` to skip the walk then).
 */
export function remoteReferences(root: JsonNode, label: string, text?: string): RemoteReference[] {
  // A key can only be `$schema`/`$ref` if one of these occurs (`\u0024` is an escaped `$`).
  if (text !== undefined && !text.includes('$schema') && !text.includes('$ref') && !text.includes('\\u0024')) return [];
  const out: RemoteReference[] = [];
  const stack: JsonNode[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    const kids = node.children;
    if (!kids) continue;
    if (node.type === 'property') {
      const [k, v] = kids;
      const key = k?.value;
      if (v && v.type === 'string' && typeof key === 'string' && typeof v.value === 'string' && isRemoteReference(key, v.value)) {
        out.push({ key, node: v, message: messageOf(key, v.value, label) });
      }
      if (v && v.children) stack.push(v);
      continue;
    }
    for (let i = kids.length - 1; i >= 0; i--) if (kids[i].children) stack.push(kids[i]);
  }
  return out;
}

function messageOf(key: string, url: string, label: string): string {
  const what = key === '$schema' ? 'schema' : 'referenced document';
  return `"${key}" names a remote ${what} (${quoteUrl(url)}) that was not fetched: Low-Code Guard never downloads anything. This file was checked only with the schema and rules bundled for ${label}.`;
}
