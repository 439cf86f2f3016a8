/**
 * Error logging for the language server. Logs go to the client's output channel via `connection.console`.
 * Never log document text or finding messages: an error is logged as its name, a shortened message and the
 * top stack frames only (engine messages are never passed here).
 */

/** The part of `connection.console` the server uses. */
export interface Logger {
  error(message: string): void;
  warn(message: string): void;
  info(message: string): void;
}

const MAX_MESSAGE = 300;

/**
 * One line describing an error: `name: message` (message cut to 300 chars, double-quoted parts shown as `"…"`: V8
 * quotes the input it failed on, e.g. `JSON.parse`'s `"sk_live_ab"... is not valid JSON`) plus up to 3 stack frames.
 */
export function describeError(e: unknown): string {
  if (!(e instanceof Error)) return `non-error thrown: ${typeof e}`;
  const msg = (e.message.length > MAX_MESSAGE ? e.message.slice(0, MAX_MESSAGE) + '…' : e.message).replace(/"[^"]*"/g, '"…"');
  const frames = (e.stack ?? '')
    .split('\n')
    .filter((l) => l.trimStart().startsWith('at '))
    .slice(0, 3)
    .map((l) => l.trim());
  return frames.length ? `${e.name}: ${msg} (${frames.join(' ← ')})` : `${e.name}: ${msg}`;
}

/**
 * Wraps a handler so it never throws or rejects: errors are logged as `[where] …` and `fallback` is returned.
 * Use for every request and notification handler.
 */
export function guard<A extends unknown[], R>(log: Logger, where: string, fallback: R, fn: (...args: A) => R | Promise<R>): (...args: A) => Promise<R> {
  return async (...args: A) => {
    try {
      return await fn(...args);
    } catch (e) {
      log.error(`[${where}] ${describeError(e)}`);
      return fallback;
    }
  };
}
