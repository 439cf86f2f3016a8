/**
 * Redaction: the only form in which a secret value may appear in any output (diagnostics, CLI text/JSON/SARIF, logs).
 */

/**
 * Redacts a secret for display: `sk_live_abcdefghijklmnop1289` → `sk_l…89 (28 chars)`.
 * At most 6 characters are shown and never more than a quarter of the value: 24+ characters keep the first 4 and
 * last 2; 8–23 keep the first 2; shorter values show none. Lengths are in UTF-16 code units.
 */
export function redact(secret: string): string {
  const n = secret.length;
  let shown: string;
  if (n >= 24) shown = `${secret.slice(0, 4)}…${secret.slice(-2)}`;
  else if (n >= 8) shown = `${secret.slice(0, 2)}…`;
  else shown = '…';
  return `${shown} (${n} chars)`;
}
