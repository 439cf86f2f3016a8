/**
 * Text for a terminal or a plain-text file: control characters that a flow (its names, its file names) could use to
 * drive the reader's terminal — ESC sequences that set the title, clear the screen or print a fake "No problems
 * found", BEL, backspace, C1 controls, DEL — and the bidirectional overrides that reorder what is shown (Trojan
 * Source) are written as visible `\u001b`-style escapes. Tab, line feed and carriage return are kept (formats that
 * must not contain them handle them themselves). JSON and SARIF escape these already; HTML escapes its own way.
 */
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** `s` with every unprintable character (see the module comment) as `\uXXXX`. Linear; returns `s` itself when clean. */
export function printable(s: string): string {
  return s.replace(UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
