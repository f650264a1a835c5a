/**
 * Escapes untrusted text (resource names, tag values) for inline Markdown, so it renders as
 * the literal text and can never become a link, an image, HTML, emphasis or a table break.
 * Callers place it after a prefix (`# `, `| `), never at the start of a line, so list
 * markers (`-`, `+`, `1.`) need no escaping.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()<>#!|~&]/g, (c) => `\\${c}`).replace(/\r?\n|\r/g, ' ');
}
