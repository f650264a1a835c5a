/**
 * Characters that act on the display instead of showing: the C0 controls (NUL, ESC, line
 * breaks…), DEL, the C1 controls (CSI U+009B, NEL U+0085…), the bidirectional controls
 * (U+061C, U+200E/200F, U+202A–202E, U+2066–2069: "Trojan Source" reordering) and the line
 * and paragraph separators U+2028/2029.
 */
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
// The same set without the line feed, for text whose own line structure is intended.
// eslint-disable-next-line no-control-regex
const INVISIBLE_BUT_NEWLINE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const notation = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * Untrusted text made safe to show: each invisible character (see INVISIBLE) becomes its
 * `\uXXXX` notation (four lower-case hex digits), everything else is kept. The one notation
 * for the terminal and for Markdown; inside a JSON string it is the character's own JSON
 * escape, so `--json` output stays the same value. `keepNewlines` keeps line feeds, for a
 * whole output whose lines are meant (the untrusted values in it were made visible already).
 */
export function visible(text: string, keep?: 'keepNewlines'): string {
  return text.replace(keep === 'keepNewlines' ? INVISIBLE_BUT_NEWLINE : INVISIBLE, notation);
}
