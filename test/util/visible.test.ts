import { describe, expect, it } from 'vitest';
import { visible } from '../../src/util/visible.js';

describe('visible', () => {
  it('shows every control, bidi and separator character as \\uXXXX, and nothing else', () => {
    const invisible = [
      ...Array.from({ length: 0x20 }, (_, i) => i),
      ...Array.from({ length: 0x21 }, (_, i) => 0x7f + i),
      0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069, 0x2028, 0x2029,
    ];
    for (const code of invisible) {
      const c = String.fromCharCode(code);
      expect(visible(`a${c}b`), `U+${code.toString(16)}`).toBe(`a\\u${code.toString(16).padStart(4, '0')}b`);
    }
    // Printable text, combining marks, zero-width joiners in emoji, other scripts: unchanged.
    for (const text of ['plain', 'é', 'e\u0301', '👨‍👩‍👧', 'עברית', 'a\u00a0b', '\\u202e typed by hand']) expect(visible(text)).toBe(text);
  });

  it('keeps line feeds when asked, for whole outputs whose lines are meant', () => {
    expect(visible('one\ntwo\r\n\u001b[2J', 'keepNewlines')).toBe('one\ntwo\\u000d\n\\u001b[2J');
    expect(visible('one\ntwo')).toBe('one\\u000atwo');
  });

  it('is the JSON escape of each character, so JSON output keeps its value', () => {
    const value = { app: 'rtl\u202e \u2028 \u0085 \u007f \u001b[31m' };
    const out = visible(JSON.stringify(value), 'keepNewlines');
    // eslint-disable-next-line no-control-regex
    expect(out).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202e\u2028]/);
    expect(JSON.parse(out)).toEqual(value);
  });
});
