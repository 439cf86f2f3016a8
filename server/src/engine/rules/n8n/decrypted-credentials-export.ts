/**
 * n8n/decrypted-credentials-export — a file that holds n8n credentials in plain text.
 *
 * Facts (n8n source `packages/cli/src/commands/export/credentials.ts`; n8n docs "CLI commands: export credentials"):
 * - `n8n export:credentials` writes the credential rows as JSON: an array of `{ id, name, type, data, … }` objects
 *   (`--all`), or one object per file (`--separate` / `--backup`). `data` is normally the encrypted string n8n stores
 *   (encrypted with the instance's `N8N_ENCRYPTION_KEY`).
 * - With `--decrypted`, `data` is replaced by the decrypted object — API keys, passwords, OAuth client secrets and
 *   tokens in plain text ("ALL SENSITIVE INFORMATION WILL BE VISIBLE IN THE FILES", the flag's own help text).
 * Detection: `detect.ts` hands such files over as n8n with subformat `credentials` (no flows).
 */
import { defineRule } from '../../rule';
import type { JsonNode } from '../../types';
import { entries, items, keyOf, prop, str } from '../../json';

/** The shape check lives in the detector (shared with detection); re-exported for the rule's tests. */
export { isN8nCredentialsExport } from '../../detect';
import { isN8nCredentialsExport } from '../../detect';

export default defineRule(
  {
    id: 'n8n/decrypted-credentials-export',
    owasp: 'LCNC-SEC-08',
    defaultSeverity: 'error',
    description: 'n8n credentials export made with --decrypted: passwords, keys and tokens in plain text.',
    formats: ['n8n'],
    fixable: false,
  },
  (ctx) => {
    if (!isN8nCredentialsExport(ctx.root)) return;
    const rows = ctx.root.type === 'array' ? items(ctx.root) : [ctx.root];
    for (const row of rows) {
      const data = prop(row, 'data');
      if (!data || data.type !== 'object') continue;
      const filled = entries(data).filter(([, v]) => !(v.type === 'string' && v.value === '') && v.type !== 'null');
      if (!filled.length) continue;
      const fields = filled.slice(0, 4).map(([k]) => k).join(', ') + (filled.length > 4 ? `, … (${filled.length} fields)` : '');
      ctx.report({
        at: keyOf(data) ?? data,
        message: `Credential "${str(prop(row, 'name'))}" (${str(prop(row, 'type'))}) is exported decrypted: its data (${fields}) is in plain text in this file, and anyone who gets the file can use the account. Delete the file, rotate the credential, and export without --decrypted (the data then stays encrypted with the instance's key).`,
      });
    }
  },
);
