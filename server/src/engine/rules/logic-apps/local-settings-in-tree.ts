/**
 * logic-apps/local-settings-in-tree — a `local.settings.json` with real secrets in the scanned tree.
 *
 * Facts (Microsoft Learn, "Develop Azure Functions locally using Core Tools", Local settings file; "Work with app
 * settings locally"; Standard logic app projects use the same file for their app settings):
 * - The file has `IsEncrypted`, `Values` (app settings used when running locally), `Host` and `ConnectionStrings`.
 *   "Because the local.settings.json may contain secrets, such as connection strings, you should never store it in a
 *   remote repository." Project templates list it in `.gitignore` and `.funcignore` for that reason.
 * - `IsEncrypted: true` means the values are encrypted with a key of the local machine (`func settings encrypt`);
 *   such a file is not reported.
 * - `UseDevelopmentStorage=true` points at the local storage emulator (no secret); `@Microsoft.KeyVault(…)` is a Key
 *   Vault reference (no secret in the file).
 *
 * What is reported: each entry of `Values` or `ConnectionStrings` that holds a literal secret: a connection string
 * with `AccountKey=`, `SharedAccessKey=`, `SharedAccessSignature=` or `Password=`/`Pwd=`, a known token format, or a
 * literal with a secret-sounding name (`…_connectionKey`, `…Key`, `…Secret`, `…Password`, `…ConnectionString`),
 * shown only redacted. Severity warning: the file is meant for secrets on one machine; the failure is that it is
 * in the tree that gets committed, copied or packaged. OWASP LCNC-SEC-09 (Asset Management Failures).
 * The file is recognised by `isLocalSettingsFile` (shape, or the name `local.settings.json`).
 */
import { defineRule } from '../../rule';
import { entries, prop } from '../../json';
import { redact } from '../../redact';
import { findKnownSecrets, isExpressionOrReference, literalSecret } from '../../secrets/scan';
import { isSecretName } from '../wdl/wdl-util';
import { isLocalSettingsFile } from './la-util';

const CREDENTIAL_CONNECTION_STRING = /(^|;)\s*(AccountKey|SharedAccessKey|SharedAccessSignature|Password|Pwd)\s*=\s*[^;\s]/i;

/** Why a local setting value is a secret, or undefined when it is not one. */
export function localSecretReason(name: string, value: string): string | undefined {
  const v = value.trim();
  if (!v || /^UseDevelopmentStorage=true$/i.test(v) || /^@Microsoft\.KeyVault\(/i.test(v) || isExpressionOrReference(v)) return undefined;
  if (CREDENTIAL_CONNECTION_STRING.test(v)) return 'a connection string with a key or password';
  const known = findKnownSecrets(v)[0];
  if (known) return `a secret (${known.label})`;
  if (isSecretName(name) && literalSecret(v)) return 'a secret';
  return undefined;
}

export default defineRule(
  {
    id: 'logic-apps/local-settings-in-tree',
    owasp: 'LCNC-SEC-09',
    defaultSeverity: 'warning',
    description: 'local.settings.json with real keys, passwords or connection strings in the scanned tree (it must stay on the developer machine).',
    formats: ['logic-apps'],
    fixable: false,
  },
  (ctx) => {
    if (!isLocalSettingsFile(ctx.root, ctx.fileName)) return;
    if (prop(ctx.root, 'IsEncrypted')?.value === true) return;
    for (const section of ['Values', 'ConnectionStrings']) {
      for (const [name, v] of entries(prop(ctx.root, section))) {
        if (v.type !== 'string') continue;
        const value = v.value as string;
        const why = localSecretReason(name, value);
        if (!why) continue;
        ctx.report({
          at: v,
          message: `local.settings.json sets "${name}" to ${why} (${redact(value)}). This file holds secrets for one developer machine and must not be committed or shipped: add it to .gitignore and .funcignore, remove it from the repository, and rotate the secret.`,
        });
      }
    }
  },
);
