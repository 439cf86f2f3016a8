/**
 * Deterministic fake secrets for tests. Built at run time from a prefix and a pseudo-random body, so the test
 * sources hold no token-shaped literal that a secret scanner (or GitHub push protection) would flag.
 */

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** `prefix` + `length` characters drawn from `alphabet` by a small LCG seeded with `seed` (no 4-character runs). */
export function fake(prefix: string, length: number, alphabet = ALNUM, seed = 7): string {
  let x = seed >>> 0;
  let out = prefix;
  while (out.length < prefix.length + length) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    const c = alphabet[(x >>> 16) % alphabet.length];
    if (out.length >= 3 && out.endsWith(c.repeat(3))) continue;
    out += c;
  }
  return out;
}

/** Base64url without padding. */
export function b64url(s: string): string {
  return Buffer.from(s).toString('base64').replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
}

/** True when no 5-character window of `secret` appears in `message` (redact shows at most 4 leading + 2 trailing). */
export function leaksNothing(message: string, secret: string): boolean {
  for (let i = 0; i + 5 <= secret.length; i++) if (message.includes(secret.slice(i, i + 5))) return false;
  return true;
}
