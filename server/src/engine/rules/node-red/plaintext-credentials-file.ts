/**
 * node-red/plaintext-credentials-file — a Node-RED credentials file (`flows_cred.json`) that is not encrypted.
 *
 * Facts (node-red/node-red at 1f38dc89):
 * - `runtime/lib/storage/localfilesystem/projects/index.js`: the credentials file sits beside the flow file and is
 *   named after it: `<flow file name>_cred<extension>` (`flows.json` → `flows_cred.json`,
 *   `flows_<hostname>.json` → `flows_<hostname>_cred.json`).
 * - `runtime/lib/nodes/credentials.js`: an encrypted file is an object whose only key is `"$"`, holding a 32-hex-digit
 *   initialisation vector followed by the AES-256-CTR ciphertext in base64 (`encryptCredentials`). Anything else is
 *   read as plain credentials: an object keyed by node id, each value the node's credential properties
 *   (`{ "user": …, "password": … }`, env credentials under their names, `global-config` under `map`).
 * - Encryption is off when settings.js sets `credentialSecret: false`, or a project has no encryption key; then the
 *   runtime writes this plain form. With a key set, a plain file is still read, and it is written encrypted the next
 *   time credentials change (`export` encrypts only when they are dirty). Node-RED docs ("Securing Node-RED", "Configuration": `credentialSecret`) advise
 *   setting your own key and keeping it out of version control.
 *
 * Needs the detection to hand such files over as `node-red` with subformat `credentials` (decided by the file name
 * ending in `_cred.json` and the object shape; see the lead's `detect.ts`). One finding per file, on the first node
 * entry's key, listing how many nodes and which property names hold values (never the values).
 * OWASP LCNC-SEC-08 (Data and Secret Handling Failures). Not fixable: encrypting needs the runtime and a key.
 */
import { defineRule } from '../../rule';
import type { JsonNode } from '../../types';
import { entries, prop, str } from '../../json';

/** The encrypted form `{ "$": "<32 hex digits><base64>" }` (the only key). */
export function isEncryptedCredentials(root: JsonNode): boolean {
  if (root.type !== 'object' || root.children?.length !== 1) return false;
  const v = str(prop(root, '$'));
  return v !== undefined && /^[0-9a-f]{32}[A-Za-z0-9+/=]*$/i.test(v);
}

/** What a plain credentials object holds: node entries with at least one non-empty value, and their property names. */
export interface PlainCredentials {
  /** Key nodes of the node-id entries that hold values, in file order. */
  keys: JsonNode[];
  /** Property names that hold non-empty values (sorted, unique); `global-config` `map` entries count by their own names. */
  fields: string[];
}

/** Reads a plain credentials object (see `PlainCredentials`); undefined when it is encrypted or holds no values. */
export function plainCredentials(root: JsonNode): PlainCredentials | undefined {
  if (root.type !== 'object' || isEncryptedCredentials(root)) return undefined;
  const keys: JsonNode[] = [];
  const fields = new Set<string>();
  for (const [, value, property] of entries(root)) {
    if (value.type !== 'object') continue;
    let holds = false;
    const visit = (obj: JsonNode) => {
      for (const [k, v] of entries(obj)) {
        if (k.startsWith('has_') || k === '_') continue;
        if (k === 'map' && v.type === 'object') visit(v);
        else if ((v.type === 'string' && v.value !== '' && v.value !== '__PWRD__') || v.type === 'number' || v.type === 'object' || v.type === 'array') {
          holds = true;
          fields.add(k);
        }
      }
    };
    visit(value);
    if (holds) keys.push(property.children![0]);
  }
  return keys.length ? { keys, fields: [...fields].sort() } : undefined;
}

export default defineRule(
  {
    id: 'node-red/plaintext-credentials-file',
    owasp: 'LCNC-SEC-08',
    defaultSeverity: 'error',
    description: 'Node-RED credentials file (flows_cred.json) stored without encryption: every node password and token readable as plain text.',
    formats: ['node-red'],
    fixable: false,
  },
  (ctx) => {
    if (ctx.detection.subformat !== 'credentials') return;
    const found = plainCredentials(ctx.root);
    if (!found) return;
    const n = found.keys.length;
    const shown = found.fields.slice(0, 6).map((f) => `"${f}"`).join(', ') + (found.fields.length > 6 ? ` and ${found.fields.length - 6} more` : '');
    ctx.report({
      at: found.keys[0],
      pointer: '',
      message:
        `This Node-RED credentials file is not encrypted: the credentials of ${n} node${n > 1 ? 's' : ''} (${shown}) are stored as plain text, ` +
        'readable by anyone who gets a copy of the file (backups, commits, shared folders). Set credentialSecret in settings.js to a long random key ' +
        '(kept out of version control) and restart Node-RED; it writes the file encrypted the next time it saves credentials (edit a credential and deploy). Rotate these credentials if the file was shared.',
    });
  },
);
