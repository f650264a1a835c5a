import { remembered } from '../../util/memo.js';

/**
 * A small typed HCL writer. Values are data; the only way to put an expression into the
 * output is `expr()`, which callers build from identifiers they generated themselves, never
 * from input. Output is laid out exactly as `terraform fmt` (hclwrite's Format) would, so it
 * is a fixed point of the formatter without running it.
 */

/** A raw HCL expression (a reference or function call) built by obsgen from safe parts. */
export class HclExpr {
  constructor(readonly text: string) {}
}

/** An ordered map: JavaScript objects would reorder keys that look like integers (account ids). */
export class HclMap {
  constructor(readonly entries: readonly (readonly [string, HclValue])[]) {}
}

export type HclValue = string | number | boolean | null | HclExpr | HclMap | readonly HclValue[] | FunctionCall | OneLine | LinePerItem;

/**
 * A value written on one line whatever its length (a dashboard widget), except for the
 * `LinePerItem` lists it holds: those break the line, an item per line, and the value goes on
 * after them on the line that closes them.
 */
export class OneLine {
  constructor(readonly value: HclValue) {}
}

/** A list written an item per line (each item on one line when inside a `OneLine` value). */
export class LinePerItem {
  constructor(readonly items: readonly HclValue[]) {}
}

/**
 * `name(arg)` where the single argument may span lines, e.g. `jsonencode({ ... })`; with
 * `expand`, `name(arg...)`: a list argument's elements become the call's arguments
 * (`merge([local.a, local.b]...)`).
 */
export class FunctionCall {
  constructor(
    readonly name: string,
    readonly arg: HclValue,
    readonly expand = false,
  ) {}
}

export interface Attribute {
  kind: 'attribute';
  name: string;
  value: HclValue;
}

export interface Block {
  kind: 'block';
  type: string;
  labels: string[];
  body: BodyItem[];
}

export type BodyItem = Attribute | Block | { kind: 'blank' } | { kind: 'comment'; text: string };

/** Shorthands. */
export const expr = (text: string): HclExpr => new HclExpr(text);
export const map = (entries: Iterable<readonly [string, HclValue]>): HclMap => new HclMap([...entries]);
export const attr = (name: string, value: HclValue): Attribute => ({ kind: 'attribute', name, value });
export const block = (type: string, labels: string[], body: BodyItem[]): Block => ({ kind: 'block', type, labels, body });
export const blank: BodyItem = { kind: 'blank' };
export const comment = (text: string): BodyItem => ({ kind: 'comment', text });

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;
// Bare keys that an object constructor would read as something else.
const RESERVED_KEYS = new Set(['true', 'false', 'null', 'for', 'in', 'if', 'else', 'endif', 'endfor']);
/**
 * Objects and tuples (maps and lists) are written on one line when they fit within this many
 * columns, with the indentation and key before them (not counting the padding that aligns `=`,
 * which depends on the neighbours), and one entry per line otherwise. Short ones read best on
 * one line, as people write them (`dimensions = { TableName = "orders", Operation = "GetItem" }`),
 * and a line of 120 columns still fits a pull request's diff view and a terminal's `terraform
 * plan` without wrapping; a longer one, an entry per line, keeps a change to one entry a
 * one-line diff. The rule is the same for every value, so no kind of output is a special case.
 */
const LINE_MAX = 120;
// Text `quote` passes through unchanged (apart from `${` and `%{`): printable ASCII but `"` and `\`, and
// non-ASCII letters outside the control, format and surrogate ranges.
// eslint-disable-next-line no-control-regex
const PLAIN_TEXT = /^[^"\\\u0000-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ud800-\udfff]*$/;

/**
 * A quoted HCL string literal for any text: quotes, backslashes and control characters are
 * escaped (a lone surrogate becomes U+FFFD), as are Unicode format characters (bidirectional overrides, zero-width marks, so
 * the text looks like what it is), and the template sequences `${` and `%{` are doubled so
 * that nothing in the text is ever interpolated.
 */
export function quote(text: string): string {
  // Most text needs no escaping at all: check that in one pass before building anything.
  // (Most text has no `{` at all: one scan for it instead of one for each sequence.)
  if (PLAIN_TEXT.test(text) && (!text.includes('{') || (!text.includes('${') && !text.includes('%{')))) return `"${text}"`;
  // One replace over the text: escaping character by character onto a string made a rope of
  // every description (hundreds of thousands of pieces at scale) for the collector to undo.
  return `"${text.replace(NEEDS_ESCAPE, escapeOne)}"`;
}

// What `quote` rewrites: quotes, backslashes, control and format characters, the `$` or `%`
// of a template sequence, and lone surrogates (a paired one is text).
// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /["\\\u0000-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]|[$%](?=\{)|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const SHORT_ESCAPES: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', $: '$$', '%': '%%' };

function escapeOne(c: string): string {
  const short = SHORT_ESCAPES[c];
  if (short !== undefined) return short;
  const code = c.charCodeAt(0);
  // A lone surrogate cannot be encoded; UTF-8 output would make it U+FFFD anyway.
  if (code >= 0xd800 && code <= 0xdfff) return '\ufffd';
  return `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * An object key: bare when it is a plain identifier, quoted otherwise. Remembered: a module uses
 * a handful of object keys (dimension names, a widget's settings) hundreds of thousands of times,
 * and remembering their text took Terraform's emission of 10,000 resources from 2.50 to 2.31 s
 * CPU (medians of 3 interleaved runs of 4 emissions each).
 */
export const objectKey = remembered((key) => (IDENTIFIER.test(key) && !RESERVED_KEYS.has(key) ? key : quote(key)));

/** A number as HCL (and Terraform's fmt) print it. */
function numberLiteral(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`internal error: ${n} cannot be written to HCL`);
  return Object.is(n, -0) ? '0' : String(n);
}

function isScalar(v: HclValue): boolean {
  return v === null || typeof v !== 'object' || v instanceof HclExpr;
}

function scalar(v: HclValue): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return quote(v);
  if (typeof v === 'number') return numberLiteral(v);
  if (typeof v === 'boolean') return String(v);
  if (v instanceof HclExpr) return v.text;
  throw new Error('internal error: not a scalar');
}

/**
 * The one-line form of a value, or undefined when it should span lines. A scalar is always one
 * line. An object or tuple is one line when its one-line form fits the line: LINE_MAX columns
 * less what the line already holds (indentation, key, a trailing comma). The walk stops as
 * soon as the budget is spent, so a large nested value (a dashboard body) is not rendered to
 * find out.
 */
function inline(v: HclValue, budget: number): string | undefined {
  if (isScalar(v)) return scalar(v);
  return inlineWithin(v, budget);
}

function inlineWithin(v: HclValue, budget: number): string | undefined {
  if (v instanceof OneLine) return inlineWithin(v.value, budget);
  if (v instanceof LinePerItem) return v.items.length === 0 ? '[]' : undefined;
  if (isScalar(v)) {
    const text = scalar(v);
    return text.length <= budget ? text : undefined;
  }
  if (v instanceof FunctionCall) {
    const dots = v.expand ? '...' : '';
    const arg = inlineWithin(v.arg, budget - v.name.length - 2 - dots.length);
    return arg === undefined ? undefined : `${v.name}(${arg}${dots})`;
  }
  if (v instanceof HclMap) {
    if (v.entries.length === 0) return '{}';
    const parts: string[] = [];
    let used = 4; // `{ ` and ` }`
    for (const [k, x] of v.entries) {
      const head = `${objectKey(k)} = `;
      used += head.length + (parts.length > 0 ? 2 : 0);
      const value = inlineWithin(x, budget - used);
      if (value === undefined) return undefined;
      used += value.length;
      if (used > budget) return undefined;
      parts.push(head + value);
    }
    return `{ ${parts.join(', ')} }`;
  }
  const list = v as readonly HclValue[];
  const parts: string[] = [];
  let used = 2; // `[` and `]`
  for (const x of list) {
    used += parts.length > 0 ? 2 : 0;
    const s = inlineWithin(x, budget - used);
    if (s === undefined) return undefined;
    used += s.length;
    if (used > budget) return undefined;
    parts.push(s);
  }
  return `[${parts.join(', ')}]`;
}

interface Line {
  indent: number;
  /** Set for `key = value` lines whose value fits on the line: these align on `=`. */
  key?: string;
  text: string;
}

/**
 * Pushes the lines of `key = ` (none without a key) + the value + `suffix`; `reserved` counts
 * columns the line holds besides those (a function call's name and parentheses around its
 * argument).
 */
function pushValue(lines: Line[], indent: number, key: string | undefined, v: HclValue, suffix = '', reserved = 0): void {
  // A scalar is always one line, whatever its length: most values (names, descriptions, numbers,
  // references) take this way, without the prefix and line budget the others need.
  if (isScalar(v)) {
    const text = scalar(v) + suffix;
    lines.push(key !== undefined ? { indent, key, text } : { indent, text });
    return;
  }
  const prefix = key === undefined ? '' : `${key} = `;
  if (v instanceof OneLine) {
    pushOneLine(lines, indent, prefix, v.value, key, suffix);
    return;
  }
  const one = inline(v, LINE_MAX - 2 * indent - prefix.length - suffix.length - reserved);
  if (one !== undefined) {
    lines.push(key !== undefined ? { indent, key, text: one + suffix } : { indent, text: prefix + one + suffix });
    return;
  }
  const open = (bracket: string) => lines.push({ indent, text: `${prefix}${bracket}` });
  if (v instanceof FunctionCall) {
    const inner: Line[] = [];
    const dots = v.expand ? '...' : '';
    pushValue(inner, indent, undefined, v.arg, '', reserved + prefix.length + v.name.length + 1 + dots.length + 1 + suffix.length);
    // The argument is one line however long (a scalar or a OneLine value): so is the call.
    if (inner.length === 1) {
      const text = `${v.name}(${inner[0]!.text}${dots})${suffix}`;
      lines.push(key !== undefined ? { indent, key, text } : { indent, text: prefix + text });
      return;
    }
    const first = inner[0]!;
    // `name({` on the opening line, `})` on the closing one: one indent level, as fmt does.
    lines.push({ indent, text: `${prefix}${v.name}(${first.text}` });
    lines.push(...inner.slice(1, -1));
    const last = inner[inner.length - 1]!;
    lines.push({ indent, text: `${last.text}${dots})${suffix}` });
    return;
  }
  if (v instanceof HclMap) {
    open('{');
    for (const [k, x] of v.entries) {
      const text = objectKey(k);
      pushValue(lines, indent + 1, text, x);
    }
    lines.push({ indent, text: `}${suffix}` });
    return;
  }
  open('[');
  for (const x of v instanceof LinePerItem ? v.items : (v as readonly HclValue[])) pushValue(lines, indent + 1, undefined, x, ',');
  lines.push({ indent, text: `]${suffix}` });
}

/**
 * A `OneLine` value: one line, or, where it holds `LinePerItem` lists, a line up to each such
 * list's `[`, a line per item, and the value going on after its `]`. Each line is indented as
 * hclwrite indents it: by the net count of brackets each line opens or closes (a line that
 * opens several brackets indents the next by one level, and the line that closes them all
 * comes back to its level).
 */
function pushOneLine(lines: Line[], indent: number, prefix: string, v: HclValue, key: string | undefined, suffix: string): void {
  const parts: { text: string; net: number }[] = [];
  let text = '';
  let net = 0;
  const write = (s: string, brackets = 0) => {
    text += s;
    net += brackets;
  };
  const breakLine = () => {
    parts.push({ text, net });
    text = '';
    net = 0;
  };
  const walk = (x: HclValue): void => {
    if (x instanceof OneLine) return walk(x.value);
    if (isScalar(x)) return write(scalar(x));
    if (x instanceof FunctionCall) {
      write(`${x.name}(`, 1);
      walk(x.arg);
      return write(`${x.expand ? '...' : ''})`, -1);
    }
    if (x instanceof HclMap) {
      if (x.entries.length === 0) return write('{}');
      write('{ ', 1);
      x.entries.forEach(([k, y], i) => {
        write(`${i > 0 ? ', ' : ''}${objectKey(k)} = `);
        walk(y);
      });
      return write(' }', -1);
    }
    if (x instanceof LinePerItem && x.items.length > 0) {
      write('[', 1);
      for (const item of x.items) {
        breakLine();
        walk(item);
        write(',');
      }
      breakLine();
      return write(']', -1);
    }
    write('[', 1);
    (x instanceof LinePerItem ? x.items : (x as readonly HclValue[])).forEach((y, i) => {
      if (i > 0) write(', ');
      walk(y);
    });
    write(']', -1);
  };
  walk(v);
  parts.push({ text: text + suffix, net });
  if (parts.length === 1) {
    lines.push(key !== undefined ? { indent, key, text: parts[0]!.text } : { indent, text: prefix + parts[0]!.text });
    return;
  }
  parts[0]!.text = prefix + parts[0]!.text;
  // hclwrite's indentation: a line that opens brackets indents the lines after it by one
  // level and remembers how many it opened; closing brackets unwind those counts.
  const opened: number[] = [];
  for (const part of parts) {
    const level = opened.length;
    if (part.net > 0) opened.push(part.net);
    for (let closed = -part.net; closed > 0 && opened.length > 0; ) {
      const top = opened[opened.length - 1]!;
      if (closed >= top) opened.pop();
      else opened[opened.length - 1] = top - closed;
      closed -= top;
    }
    lines.push({ indent: indent + (part.net < 0 ? opened.length : level), text: part.text });
  }
}

function pushBody(lines: Line[], indent: number, items: readonly BodyItem[]): void {
  for (const item of items) {
    switch (item.kind) {
      case 'blank':
        lines.push({ indent: 0, text: '' });
        break;
      case 'comment':
        for (const l of item.text.split('\n')) lines.push({ indent, text: l ? `# ${l}` : '#' });
        break;
      case 'attribute':
        pushValue(lines, indent, item.name, item.value);
        break;
      case 'block': {
        const head = [item.type, ...item.labels.map(quote)].join(' ');
        if (item.body.length === 0) {
          lines.push({ indent, text: `${head} {}` });
        } else {
          lines.push({ indent, text: `${head} {` });
          pushBody(lines, indent + 1, item.body);
          lines.push({ indent, text: '}' });
        }
        break;
      }
    }
  }
}

/** Renders top-level items (blocks separated by blank lines) as a formatted file. */
export function renderFile(items: Iterable<BodyItem>): string {
  return [...renderPieces(items)].join('');
}

/**
 * The same text as `renderFile`, as pieces made one top-level item at a time, for large files
 * that are encoded as they are rendered, without ever being one string.
 */
export function* renderPieces(items: Iterable<BodyItem>): Generator<string> {
  // One top-level item at a time: alignment runs never cross a top-level block's braces, and
  // a large file then never holds all its lines as objects at once (nor, when the items come
  // from a generator, all its blocks).
  for (const item of items) {
    const lines: Line[] = [];
    pushBody(lines, 0, [item]);
    yield renderLines(lines);
    // The newline as its own piece: appending it would make a copy of the item's text.
    yield '\n';
  }
}

/** Lines as text, aligning `=` over each run of consecutive single-line attributes, as hclwrite does. */
function renderLines(lines: readonly Line[]): string {
  const out: string[] = [];
  for (let i = 0; i < lines.length; ) {
    if (lines[i]!.key === undefined) {
      const l = lines[i++]!;
      out.push(l.text === '' ? '' : indentation(l.indent) + l.text);
      continue;
    }
    let j = i;
    let width = 0;
    const widths: number[] = [];
    while (j < lines.length && lines[j]!.key !== undefined) {
      widths.push(columns(lines[j++]!.key!));
      width = Math.max(width, widths[widths.length - 1]!);
    }
    for (let k = 0; i < j; i++, k++) {
      const l = lines[i]!;
      out.push(`${indentation(l.indent)}${l.key}${spaces(width - widths[k]!)} = ${l.text}`);
    }
  }
  return out.join('\n');
}

// Indents and alignment padding, made once: a large module has millions of lines.
const INDENTS: string[] = [];
const SPACES: string[] = [];

function indentation(level: number): string {
  return (INDENTS[level] ??= '  '.repeat(level));
}

function spaces(n: number): string {
  return (SPACES[n] ??= ' '.repeat(n));
}

// Made on first use: creating it loads ICU's segmentation data, 13 ms of every run that loads this
// writer (a one-resource run takes 0.35 s in all), and only a key outside ASCII needs it.
let graphemes: Intl.Segmenter | undefined;

/** Width as hclwrite measures it: in grapheme clusters (a letter and its combining marks are one). */
function columns(text: string): number {
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(text)) return text.length;
  let n = 0;
  for (const _ of (graphemes ??= new Intl.Segmenter('en', { granularity: 'grapheme' })).segment(text)) n++;
  return n;
}
