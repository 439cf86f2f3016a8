/**
 * Known secret formats: the pattern table of `common/hardcoded-secret`.
 *
 * Every regex is linear: no nested or adjacent overlapping quantifiers, every open-ended run is bounded and
 * separated from the next by a character outside its class. All carry the `g` and `d` flags; the secret is the
 * named group `s` when present, else the whole match.
 *
 * Sources (token shapes as published by each vendor; cross-checked against the rule sets of secretlint
 * `@secretlint/secretlint-rule-preset-recommend` 11.x and gitleaks `config/gitleaks.toml`):
 * - AWS: "Understanding unique ID prefixes" (IAM user guide): access key ids start `AKIA` (long-term) / `ASIA`
 *   (temporary), 20 upper-case characters; `AKIAIOSFODNN7EXAMPLE` is AWS's documentation example.
 * - GitHub: "About authentication to GitHub" / "Behind GitHub's new authentication token formats" (blog, 2021):
 *   `ghp_` `gho_` `ghu_` `ghs_` `ghr_` + 36 base62; fine-grained `github_pat_` + 22 + `_` + 59.
 * - GitLab: "Personal access tokens": prefix `glpat-` + 20 characters.
 * - Slack: "Token types" (`xoxb-`, `xoxp-`, `xoxa-`, `xoxr-`, `xoxs-`); incoming webhooks
 *   `https://hooks.slack.com/services/T…/B…/…` ("Sending messages using incoming webhooks").
 * - Discord: webhook URLs `https://discord.com/api/webhooks/<id>/<token>` (Discord developer docs, "Webhook resource").
 * - Stripe: "API keys": secret `sk_live_`/`sk_test_`, restricted `rk_live_`/`rk_test_`; webhook signing secrets `whsec_`.
 * - Google: API keys start `AIza` + 35 characters ("Manage API keys"); OAuth client secrets `GOCSPX-`.
 * - OpenAI: project keys `sk-proj-`, service accounts `sk-svcacct-`, admin `sk-admin-`; legacy `sk-` + 48 with
 *   `T3BlbkFJ` (base64 of "OpenAI") in the middle.
 * - Anthropic: API keys `sk-ant-api03-…`, admin keys `sk-ant-admin01-…` (Anthropic console / API docs).
 * - SendGrid: "API keys": `SG.` + 22 + `.` + 43.
 * - Twilio: API key SIDs `SK` + 32 hex ("API keys" docs; the SID names a key, its secret is separate).
 * - JSON Web Token: RFC 7519 §3 (three base64url parts; a JSON header `{"alg":…}` encodes to `eyJ`).
 * - PEM private keys: RFC 7468 §10/§11 (`-----BEGIN PRIVATE KEY-----`, `RSA`/`EC`/`OPENSSH`/`ENCRYPTED` variants).
 * - Azure: storage connection strings `AccountKey=` + 88 base64 ("Configure Azure Storage connection strings");
 *   Service Bus / Event Hubs `SharedAccessKey=` + 44 base64; shared access signatures carry `sig=` (URL-encoded
 *   base64 HMAC-SHA256), including Logic Apps / Power Automate trigger callback URLs ("Call, trigger, or nest
 *   workflows with HTTP endpoints").
 * - Perplexity `pplx-`, Apify `apify_api_`, Hugging Face `hf_`, Groq `gsk_`, npm `npm_`, Shopify `shpat_`/`shpss_`/
 *   `shpca_`/`shppa_`, Notion `secret_`/`ntn_`, Airtable `pat…`, Telegram bot tokens `<bot id>:AA…` (Bot API docs),
 *   n8n public-API keys `n8n_api_` + hex (older n8n releases; newer ones issue JWTs, caught as JWTs).
 */

/** One known secret format. */
export interface SecretPattern {
  /** Stable id of the format (kebab-case). */
  id: string;
  /** Literal substrings of which at least one occurs in every match: a fast `includes` pre-check before the regex. */
  hints: readonly string[];
  /** What the secret is, for messages: "GitHub personal access token". */
  label: string;
  /** Global + indices regex; the secret is group `s` when present. */
  regex: RegExp;
  severity: 'error' | 'warning';
  /**
   * Optional veto on a match: `secret` is the matched secret, `value` the whole string, `index` where the secret
   * starts in `value`. Return false to drop the match (a placeholder, a documentation example).
   */
  accept?: (secret: string, value: string, index: number) => boolean;
}

/** No 4+ run of one character and no filler words: `xxxxxxxx`, `000000`, `your_key`, `EXAMPLE`. */
export function looksRandom(s: string): boolean {
  return !/(.)\1{3,}/.test(s) && !/(example|your|sample|dummy|placeholder|insert|redacted)/i.test(s);
}

const randomBody = (prefixLength: number) => (secret: string) => looksRandom(secret.slice(prefixLength));

function base64UrlJson(part: string): Record<string, unknown> | undefined {
  try {
    const b64 = part.replace(/-/g, '+').replace(/_/g, '/');
    const json = JSON.parse(decodeBase64(b64));
    return json && typeof json === 'object' ? (json as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Base64 → text (Latin-1 per byte; enough for the ASCII JSON of a JWT header). Throws on bad input. */
function decodeBase64(b64: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let bits = 0;
  let acc = 0;
  let out = '';
  let end = b64.length;
  while (end > 0 && b64.charCodeAt(end - 1) === 61 /* = */) end--; // (a loop: /=+$/ is quadratic on `===…x`)
  for (const ch of b64.slice(0, end)) {
    const v = alphabet.indexOf(ch);
    if (v < 0) throw new Error('not base64');
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += String.fromCharCode((acc >> bits) & 0xff);
    }
  }
  return out;
}

/** True when `s` decodes (base64) to `user:password` text: the payload of an HTTP Basic credential (RFC 7617 §2). */
export function isBasicCredential(s: string): boolean {
  try {
    const t = decodeBase64(s);
    // `user:password`: printable ASCII with a colon that is neither first nor last (two checks: /^[ -~]+:[ -~]+$/ is quadratic on `:::…`).
    const colon = t.indexOf(':', 1);
    return /^[\x20-\x7e]+$/.test(t) && colon > 0 && colon < t.length - 1 && looksRandom(t);
  } catch {
    return false;
  }
}

/** After a PEM header: optional RFC 1421 headers, then at least 40 base64 characters (newlines may be `\n` escapes in code). */
// (The whitespace after the RFC 1421 headers sits inside their group: two adjacent whitespace runs backtrack quadratically.)
const PEM_BODY = /^(?:\s|\\[nr])*(?:Proc-Type:[^\n\\]{0,80}(?:\n|\\n)DEK-Info:[^\n\\]{0,120}(?:\n|\\n)(?:\s|\\[nr])*)?[A-Za-z0-9+/]{40}/;

/** The table, most specific first: when matches overlap, the earlier pattern wins. */
export const SECRET_PATTERNS: readonly SecretPattern[] = [
  {
    id: 'private-key', hints: ['PRIVATE KEY'],
    label: 'private key (PEM)',
    regex: /-----BEGIN (?:[A-Z0-9]{1,12} ){0,3}PRIVATE KEY(?: BLOCK)?-----/dg,
    severity: 'error',
    // Only a header followed by key material, not `-----BEGIN PRIVATE KEY-----\n[INSERT YOUR KEY HERE]`.
    accept: (secret, value, index) => PEM_BODY.test(value.slice(index + secret.length, index + secret.length + 400)),
  },
  { id: 'aws-access-key-id', hints: ['AKIA', 'ASIA', 'ABIA', 'ACCA'], label: 'AWS access key ID', regex: /(?<![A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Z0-9])/dg, severity: 'error', accept: randomBody(4) },
  { id: 'github-token', hints: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'], label: 'GitHub token', regex: /(?<![A-Za-z0-9_])gh[pousr]_[A-Za-z0-9]{36}(?![A-Za-z0-9_])/dg, severity: 'error', accept: randomBody(4) },
  { id: 'github-fine-grained-token', hints: ['github_pat_'], label: 'GitHub fine-grained personal access token', regex: /(?<![A-Za-z0-9_])github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}(?![A-Za-z0-9_])/dg, severity: 'error', accept: randomBody(11) },
  { id: 'gitlab-token', hints: ['glpat-'], label: 'GitLab personal access token', regex: /(?<![A-Za-z0-9_-])glpat-[A-Za-z0-9_-]{20}(?![A-Za-z0-9_-])/dg, severity: 'error', accept: randomBody(6) },
  { id: 'slack-webhook', hints: ['hooks.slack.com'], label: 'Slack incoming-webhook URL', regex: /https:\/\/hooks\.slack\.com\/services\/T[A-Z0-9]{6,12}\/B[A-Z0-9]{6,12}\/[A-Za-z0-9]{20,32}(?![A-Za-z0-9])/dg, severity: 'error', accept: randomBody(33) },
  { id: 'slack-token', hints: ['xox'], label: 'Slack token', regex: /(?<![A-Za-z0-9])xox[abposr]-[0-9A-Za-z-]{10,250}(?![0-9A-Za-z-])/dg, severity: 'error', accept: randomBody(5) },
  { id: 'discord-webhook', hints: ['discord'], label: 'Discord webhook URL', regex: /https:\/\/(?:ptb\.|canary\.)?discord(?:app)?\.com\/api\/webhooks\/\d{15,20}\/[A-Za-z0-9_-]{60,70}(?![A-Za-z0-9_-])/dg, severity: 'error', accept: randomBody(40) },
  { id: 'stripe-live-key', hints: ['k_live_'], label: 'Stripe live secret key', regex: /(?<![A-Za-z0-9_])[sr]k_live_[A-Za-z0-9]{20,247}(?![A-Za-z0-9])/dg, severity: 'error', accept: randomBody(8) },
  { id: 'stripe-test-key', hints: ['k_test_'], label: 'Stripe test secret key', regex: /(?<![A-Za-z0-9_])[sr]k_test_[A-Za-z0-9]{20,247}(?![A-Za-z0-9])/dg, severity: 'warning', accept: randomBody(8) },
  { id: 'stripe-webhook-secret', hints: ['whsec_'], label: 'Stripe webhook signing secret', regex: /(?<![A-Za-z0-9_])whsec_[A-Za-z0-9+/=]{32,100}(?![A-Za-z0-9+/=])/dg, severity: 'error', accept: randomBody(6) },
  { id: 'google-api-key', hints: ['AIza'], label: 'Google API key', regex: /(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/dg, severity: 'error', accept: randomBody(4) },
  { id: 'google-oauth-client-secret', hints: ['GOCSPX-'], label: 'Google OAuth client secret', regex: /(?<![A-Za-z0-9_-])GOCSPX-[A-Za-z0-9_-]{28}(?![A-Za-z0-9_-])/dg, severity: 'error', accept: randomBody(7) },
  { id: 'anthropic-api-key', hints: ['sk-ant-'], label: 'Anthropic API key', regex: /(?<![A-Za-z0-9_-])sk-ant-[A-Za-z0-9_-]{32,200}(?![A-Za-z0-9_-])/dg, severity: 'error', accept: randomBody(7) },
  { id: 'openai-api-key', hints: ['sk-'], label: 'OpenAI API key', regex: /(?<![A-Za-z0-9_-])sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{20,200}(?![A-Za-z0-9_-])/dg, severity: 'error', accept: randomBody(8) },
  { id: 'openai-legacy-key', hints: ['T3BlbkFJ'], label: 'OpenAI API key', regex: /(?<![A-Za-z0-9_-])sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}(?![A-Za-z0-9])/dg, severity: 'error' },
  { id: 'sk-api-key', hints: ['sk-'], label: 'API secret key (sk-…)', regex: /(?<![A-Za-z0-9_-])sk-[A-Za-z0-9]{32,64}(?![A-Za-z0-9_-])/dg, severity: 'error', accept: randomBody(3) },
  { id: 'sendgrid-api-key', hints: ['SG.'], label: 'SendGrid API key', regex: /(?<![A-Za-z0-9_-])SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/dg, severity: 'error', accept: randomBody(3) },
  { id: 'twilio-api-key-sid', hints: ['SK'], label: 'Twilio API key SID', regex: /(?<![A-Za-z0-9])SK[0-9a-f]{32}(?![A-Za-z0-9])/dg, severity: 'warning', accept: randomBody(2) },
  { id: 'perplexity-api-key', hints: ['pplx-'], label: 'Perplexity API key', regex: /(?<![A-Za-z0-9_-])pplx-[A-Za-z0-9]{40,64}(?![A-Za-z0-9])/dg, severity: 'error', accept: randomBody(5) },
  { id: 'apify-token', hints: ['apify_api_'], label: 'Apify API token', regex: /(?<![A-Za-z0-9_])apify_api_[A-Za-z0-9]{30,40}(?![A-Za-z0-9])/dg, severity: 'error', accept: randomBody(10) },
  { id: 'huggingface-token', hints: ['hf_'], label: 'Hugging Face access token', regex: /(?<![A-Za-z0-9_])hf_[A-Za-z0-9]{34,40}(?![A-Za-z0-9])/dg, severity: 'error', accept: randomBody(3) },
  { id: 'groq-api-key', hints: ['gsk_'], label: 'Groq API key', regex: /(?<![A-Za-z0-9_])gsk_[A-Za-z0-9]{48,56}(?![A-Za-z0-9])/dg, severity: 'error', accept: randomBody(4) },
  { id: 'npm-token', hints: ['npm_'], label: 'npm access token', regex: /(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9])/dg, severity: 'error', accept: randomBody(4) },
  { id: 'shopify-token', hints: ['shp'], label: 'Shopify access token', regex: /(?<![A-Za-z0-9_])shp(?:at|ss|ca|pa)_[a-fA-F0-9]{32}(?![A-Za-z0-9])/dg, severity: 'error', accept: randomBody(6) },
  { id: 'notion-token', hints: ['secret_', 'ntn_'], label: 'Notion integration token', regex: /(?<![A-Za-z0-9_])(?:secret_[A-Za-z0-9]{43}|ntn_[A-Za-z0-9]{46})(?![A-Za-z0-9])/dg, severity: 'error', accept: randomBody(4) },
  { id: 'airtable-pat', hints: ['pat'], label: 'Airtable personal access token', regex: /(?<![A-Za-z0-9_])pat[A-Za-z0-9]{14}\.[a-f0-9]{64}(?![A-Za-z0-9])/dg, severity: 'error', accept: randomBody(3) },
  { id: 'n8n-api-key', hints: ['n8n_api_'], label: 'n8n API key', regex: /(?<![A-Za-z0-9_])n8n_api_[a-f0-9]{40,128}(?![A-Za-z0-9])/dg, severity: 'error', accept: randomBody(8) },
  { id: 'telegram-bot-token', hints: [':AA'], label: 'Telegram bot token', regex: /(?<![A-Za-z0-9_])\d{8,10}:AA[A-Za-z0-9_-]{33}(?![A-Za-z0-9_-])/dg, severity: 'error', accept: (s) => looksRandom(s.slice(s.indexOf(':') + 3)) },
  {
    id: 'jwt', hints: ['eyJ'],
    label: 'JSON Web Token',
    regex: /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,8192}\.eyJ[A-Za-z0-9_-]{8,8192}\.[A-Za-z0-9_-]{8,8192}(?![A-Za-z0-9_-])/dg,
    severity: 'error',
    accept: (s) => base64UrlJson(s.slice(0, s.indexOf('.'))) !== undefined,
  },
  { id: 'azure-storage-key', hints: ['AccountKey='], label: 'Azure Storage account key', regex: /AccountKey=(?<s>[A-Za-z0-9+/]{86}==)/dg, severity: 'error', accept: randomBody(0) },
  { id: 'azure-shared-access-key', hints: ['SharedAccessKey='], label: 'Azure shared access key', regex: /SharedAccessKey=(?<s>[A-Za-z0-9+/]{42,44}=?)(?![A-Za-z0-9+/=])/dg, severity: 'error', accept: randomBody(0) },
  {
    id: 'azure-sas-signature', hints: ['sig='],
    label: 'Azure shared access signature (sig=)',
    regex: /[?&]sig=(?<s>[A-Za-z0-9%+/_-]{30,200}(?:%3[Dd]|=){0,2})(?![A-Za-z0-9%+/=_-])/dg,
    severity: 'error',
    accept: randomBody(0),
  },
];

/**
 * Patterns that need the words around them; run after the table, for strings no table entry matched at that place.
 * - `Password=`/`Pwd=` inside a `Key=Value;` connection string (ADO.NET / ODBC syntax).
 * - `Authorization` header values `Bearer <token>` (RFC 6750 §2.1) and `Basic <base64 user:password>` (RFC 7617).
 */
export const CONTEXT_PATTERNS: readonly SecretPattern[] = [
  {
    id: 'connection-string-password', hints: ['assword', 'ASSWORD', 'wd', 'WD'],
    label: 'password in a connection string',
    // Only at the start of a `Key=Value;` item (start, `;`, or a quote before it), not `const password = x` in code.
    // The key comes first and the lookbehind after it (it re-reads the same key): a regex that starts with a
    // lookbehind is tried at every position, ~19× slower on long strings; same matches (checked on every corpus
    // string and 300,000 random ones against the lookbehind-first form).
    regex: /(?:Password|PASSWORD|password|Pwd|PWD|pwd)(?<=(?:^|[;"'])[ \t]{0,3}(?:Password|PASSWORD|password|Pwd|PWD|pwd))[ \t]{0,3}=[ \t]{0,3}(?<s>[^;'"\s{}<>]{4,200})(?=;|$|["'\s])/dg,
    severity: 'error',
    accept: (secret, value) => /[A-Za-z ]{2,40}=[^;]{0,400};/.test(value) && looksRandom(secret) && !/^[a-z]+(?:[A-Z][a-z]+)+$/.test(secret) && !/^[$%@]/.test(secret),
  },
  {
    id: 'bearer-token', hints: ['earer', 'EARER'],
    label: 'bearer token (Authorization header)',
    regex: /(?<![A-Za-z])(?:Bearer|bearer|BEARER)[ \t]{1,4}(?<s>[A-Za-z0-9._~+/-]{16,4096}=*)(?![A-Za-z0-9._~+/=-])/dg,
    severity: 'error',
    accept: (s) => /\d/.test(s) && /[A-Za-z]/.test(s) && looksRandom(s),
  },
  {
    id: 'basic-credentials', hints: ['asic', 'ASIC'],
    label: 'Basic authentication credentials (Authorization header)',
    regex: /(?<![A-Za-z])(?:Basic|basic|BASIC)[ \t]{1,4}(?<s>[A-Za-z0-9+/]{8,4096}={0,2})(?![A-Za-z0-9+/=])/dg,
    severity: 'error',
    accept: (s) => isBasicCredential(s) && looksRandom(s),
  },
];
