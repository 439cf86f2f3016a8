/**
 * Escaping for the HTML report. Everything that comes from files (names, messages, flow names) goes through
 * `escapeHtml` before it is written into text or a quoted attribute (the five characters of the OWASP XSS
 * Prevention Cheat Sheet, rule 1 and 2: `& < > " '`).
 */

const MAP: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for an HTML text node or a double/single-quoted attribute value. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => MAP[c]);
}

/** An `https:` URL as given, else undefined (so no `javascript:` or `data:` URL ever becomes a link). */
export function safeHttpsUrl(url: string | undefined): string | undefined {
  return url && /^https:\/\/[^\s"'<>]+$/i.test(url) ? url : undefined;
}

/** A fragment identifier for a rule id (`n8n/webhook-without-auth` → `rule-n8n-webhook-without-auth`). */
export function ruleAnchor(ruleId: string): string {
  return 'rule-' + ruleId.toLowerCase().replace(/[^a-z0-9]+/g, '-');
}
