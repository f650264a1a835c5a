import type { PlainPath, PlainTemplate } from './plain-template.js';

/*
 * The plain templates (see plain-template.ts) recognised without Handlebars. Nearly every
 * template obsgen meets is text with `{{a.b}}` substitutions: the built-in blueprints'
 * (`{{resource.name}}`), the default alarm name, action ARNs (`arn:{{partition}}:sns:…`).
 * Parsing them needs Handlebars loaded (~30 ms of CPU) and its parser run, on every run, even
 * one answered from its manifest; a run whose templates are all of this shape now loads no
 * Handlebars at all.
 *
 * Only a strict subset is taken: every `{{` opens `{{name(.name)*}}` with no spaces, each name
 * an ASCII identifier that is not a Handlebars keyword or a `[…]` literal segment, no `\` before a `{{`, and no `\r`.
 * Anything else (blocks, helpers, `[…]` segments, `this`, `@data`,
 * literals, escapes, whitespace control) returns undefined and goes to Handlebars, as before.
 * For what it takes, the result is what `plainTemplate(Handlebars.parse(source))` gives, with
 * the same source locations (lines from 1, columns from 0): test/blueprints/plain-scan.test.ts
 * checks that against Handlebars itself over generated templates.
 */

// A name, or a `[…]` literal segment (any text but brackets, backslashes, braces and line breaks).
const NAME = /[A-Za-z_][A-Za-z0-9_]*|\[[^[\]\\{}\n]+\]/y;
// Words Handlebars reads as literals or keywords, and the helpers it knows by default, which a
// lone `{{name}}` would call (plainTemplate leaves both to Handlebars).
const HELPERS: ReadonlySet<string> = new Set(['if', 'unless', 'each', 'with', 'lookup', 'log', 'helperMissing', 'blockHelperMissing']);
const NOT_A_NAME: ReadonlySet<string> = new Set(['true', 'false', 'null', 'undefined', 'else', 'this', 'as', ...HELPERS]);

/** The template as text and paths when it is only text and simple substitutions; else undefined. */
export function scanPlainTemplate(source: string): PlainTemplate | undefined {
  if (source.includes('\r')) return undefined;
  const parts: (string | PlainPath)[] = [];
  let line = 1;
  let lineStart = 0;
  let at = 0;
  for (;;) {
    const open = source.indexOf('{{', at);
    const text = source.slice(at, open < 0 ? source.length : open);
    if (text !== '') {
      parts.push(text);
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
        line++;
        lineStart = at + i + 1;
      }
    }
    if (open < 0) break;
    if (open > 0 && source[open - 1] === '\\') return undefined;
    const found = pathAt(source, open + 2);
    if (!found) return undefined;
    const close = open + 2 + found.length;
    // `{{{`, or a `}` right after (`{{a}}}`), is more than a substitution.
    if (source[close + 2] === '}') return undefined;
    const path = source.slice(open + 2, close);
    const column = open + 2 - lineStart;
    parts.push({ segments: found.names, loc: { start: { line, column }, end: { line, column: column + path.length } } as unknown as hbs.AST.SourceLocation });
    at = close + 2;
  }
  return { parts };
}

/**
 * The path of `{{a.[b c].d}}` starting at `at` and closed by `}}`: its names (brackets taken off)
 * and its length in the source; undefined when it is anything else.
 */
function pathAt(source: string, at: number): { names: string[]; length: number } | undefined {
  const names: string[] = [];
  let i = at;
  for (;;) {
    NAME.lastIndex = i;
    const m = NAME.exec(source);
    if (!m) return undefined;
    const literal = m[0].startsWith('[');
    const name = literal ? m[0].slice(1, -1) : m[0];
    // A keyword is a literal, not a name; a lone helper name calls the helper.
    if (!literal && NOT_A_NAME.has(name)) return undefined;
    names.push(name);
    i += m[0].length;
    if (source.startsWith('}}', i)) break;
    if (source[i] !== '.') return undefined;
    i++;
  }
  if (names.length === 1 && HELPERS.has(names[0]!)) return undefined;
  // Handlebars keeps a path's text, brackets taken off, and plainTemplate refuses one that then
  // reads as `this` or a parent (`[this]`, `[..].a`).
  if (/^(this\b|\.)/.test(names.join('.'))) return undefined;
  return { names, length: i - at };
}
