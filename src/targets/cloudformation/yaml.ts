import { remembered } from '../../util/memo.js';

/**
 * A YAML writer for CloudFormation templates: two-space indents, keys in the order given, and
 * one layout rule (see `LINE_WIDTH`): a map or list is written in flow style (`{Key: value}`,
 * `[a, b]`) when that fits on its line, and in block style otherwise. It writes only what
 * templates contain (maps, lists, strings, numbers, booleans) and quotes every string that
 * YAML 1.1 (which CloudFormation reads) or YAML 1.2 could take for anything but that string.
 * It exists because a general-purpose YAML library builds a document tree per value and is
 * the slowest step at tens of thousands of alarms.
 */

/**
 * The widest line, indent included, on which a map or list is written in flow style. At 120
 * columns most of what a template repeats per alarm fits on one line (the `Fn::If` of its
 * actions, a metric's `Metric: {Namespace, MetricName, Dimensions}`, an output's
 * `Value: {Ref: ...}`, a condition), and a line still shows whole, without wrapping or
 * scrolling, in a pull request's diff and in an editor; 120 is also a common limit for code.
 * Wider buys little: at 10,000 resources the templates take 115.9 MB at 120 columns, 114.9 at
 * 160, 113.1 at 200 and 110.2 with no limit (122.1 MB all in block style), since most of
 * their bytes are text (descriptions, dashboard bodies, names), not layout. A collection that
 * does not fit, or that holds text of several lines (a `|-` block cannot sit in a flow
 * collection, and an escaped `\n` would hide its lines), is written in block style, and each
 * of its entries gets the same choice on its own line. Lengths are UTF-16 units, as
 * JavaScript counts them.
 */
export const LINE_WIDTH = 120;

// Plain scalars are kept to an unambiguous shape: a letter, `/` or `_` first, then no
// character with a meaning in block context (in a flow collection, see `isFlowPlainSafe`):
// `^[A-Za-z_/][A-Za-z0-9 _./:@()+,=;'-]*$`, checked a character at a time (`PLAIN_CHAR`).
const PLAIN_CHAR = new Uint8Array(128);
for (const c of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 _./:@()+,=;'-") PLAIN_CHAR[c.charCodeAt(0)] = 1;
// Words that YAML 1.1 or 1.2 reads as booleans or null.
const RESERVED = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'n', 'N', 'no', 'No', 'NO', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE', 'on', 'On', 'ON', 'off', 'Off', 'OFF', 'null', 'Null', 'NULL']);
// Characters of which a string that might be read as a number is made: digits, signs, dots, colons, e/E and `_`.
const NUMERIC_CHAR = new Uint8Array(128);
for (const c of '-+.0123456789eE:_') NUMERIC_CHAR[c.charCodeAt(0)] = 1;

const SPACE = 0x20;
const COLON = 0x3a;
const HASH = 0x23;
const COMMA = 0x2c;

/**
 * Whether a string can be written without quotes and read back as the same string; with `flow`,
 * inside a flow collection too (see `isFlowPlainSafe`). One pass over the characters: the three
 * regular expressions and four searches it replaces took 5% of a 10,000-resource first run
 * (isPlainSafe 0.33 s of 15.8 s sampled, most of its strings names and descriptions).
 */
function isPlainSafeAs(s: string, flow: boolean): boolean {
  const n = s.length;
  if (n === 0) return false;
  const first = s.charCodeAt(0);
  // A letter, `/` or `_` first.
  if (!((first >= 0x41 && first <= 0x5a) || (first >= 0x61 && first <= 0x7a) || first === 0x5f || first === 0x2f)) return false;
  // Whether every character so far could be part of a number (`e1`, `_1`, `E-5`).
  let numeric = NUMERIC_CHAR[first] === 1;
  let previous = first;
  for (let i = 1; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128 || PLAIN_CHAR[c] !== 1) return false;
    if (flow && (c === COMMA || c === COLON)) return false;
    // `: ` starts a mapping value, ` #` a comment.
    if ((previous === COLON && c === SPACE) || (previous === SPACE && c === HASH)) return false;
    if (numeric && NUMERIC_CHAR[c] !== 1) numeric = false;
    previous = c;
  }
  // Anything made only of digits, signs, dots, colons and e/E might be read as a number.
  if (numeric) return false;
  if (previous === SPACE || previous === COLON) return false;
  return n > 5 || !RESERVED.has(s);
}

/** Whether a string can be written without quotes and read back as the same string. */
function isPlainSafe(s: string): boolean {
  return isPlainSafeAs(s, false);
}

/**
 * Whether a string can be written without quotes inside a flow collection (`{...}`, `[...]`):
 * as `isPlainSafe`, and without `,`, which ends a scalar there, or `:`. Both YAML versions
 * allow `a:b` there, but PyYAML before 5.1 and the parsers modelled on it stop at it ("found
 * unexpected ':'"), and so did CloudFormation: `Action: [sts:AssumeRole]` was "YAML not
 * well-formed" to CreateChangeSet in 2020 (aws-cloudformation/aws-cloudformation-templates#257,
 * aws/aws-cli#4955). Quoting costs two characters; a template CloudFormation cannot read costs
 * a failed deployment, and no CloudFormation is reachable here to check it.
 */
function isFlowPlainSafe(s: string): boolean {
  return isPlainSafeAs(s, true);
}

// Characters YAML cannot carry raw in a double-quoted scalar, or reads as line breaks
// (NEL, LS, PS), or that change how text displays.
// eslint-disable-next-line no-control-regex
const ESCAPE = /[\u0000-\u001f"\\\u007f-\u009f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const SHORT: Record<string, string> = { '\n': '\\n', '\t': '\\t', '\r': '\\r', '"': '\\"', '\\': '\\\\', '\0': '\\0' };

// What a single-quoted scalar cannot carry: `ESCAPE` but for `"` and `\`, which it takes as they are.
// eslint-disable-next-line no-control-regex
const NOT_SINGLE = /[\u0000-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufffe\uffff\ud800-\udfff]/;

/**
 * A quoted YAML scalar for any text: double-quoted, or, when the text has `"` or `\` (JSON
 * dashboard bodies, descriptions quoting a name) and nothing that needs an escape, single-quoted,
 * which takes them as they are and only doubles `'`.
 */
function quoted(s: string): string {
  if (!ESCAPE_TEST.test(s)) return `"${s}"`;
  if (!NOT_SINGLE.test(s)) return `'${s.replaceAll("'", "''")}'`;
  return doubleQuoted(s);
}
// eslint-disable-next-line no-control-regex
const ESCAPE_TEST = /[\u0000-\u001f"\\\u007f-\u009f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufffe\uffff\ud800-\udfff]/;

/** A double-quoted YAML scalar for any text (lone surrogates become U+FFFD, as UTF-8 would). */
export function doubleQuoted(s: string): string {
  return `"${s.replace(ESCAPE, (c) => {
    if (c.length === 1 && c >= '\ud800' && c <= '\udfff') return '\ufffd';
    return SHORT[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  })}"`;
}

// Multi-line text reads back exactly from a `|-` block literal when its only special
// characters are the newlines, no line has trailing spaces, and it neither starts with
// whitespace nor ends with a newline.
// eslint-disable-next-line no-control-regex
const NOT_IN_BLOCK = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufffe\uffff\ud800-\udfff]| \n/;

function isBlockSafe(s: string): boolean {
  return s.includes('\n') && !s.endsWith('\n') && !/^\s|\s$/.test(s) && !NOT_IN_BLOCK.test(s);
}

function scalar(v: unknown): string | undefined {
  if (typeof v === 'string') return isPlainSafe(v) ? v : isBlockSafe(v) ? undefined : quoted(v);
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`internal error: ${v} cannot be written to a template`);
    return Object.is(v, -0) ? '0' : String(v);
  }
  if (typeof v === 'boolean') return String(v);
  if (v === null) return 'null';
  if (Array.isArray(v) && v.length === 0) return '[]';
  if (typeof v === 'object' && isEmptyMap(v as object)) return '{}';
  return undefined;
}

/** Whether a map has no keys (without listing them: most maps asked have some). */
function isEmptyMap(v: object): boolean {
  for (const k in v) if (Object.hasOwn(v, k)) return false;
  return true;
}

/** A map key's text (bare when `isSafe` says so, else quoted), remembered: templates use a handful of keys tens of thousands of times. */
function keyText(isSafe: (k: string) => boolean): (k: string) => string {
  return remembered((k) => (isSafe(k) ? k : quoted(k)));
}

const key = keyText(isPlainSafe);
const flowKey = keyText(isFlowPlainSafe);

/**
 * `value` in flow style if that takes at most `room` characters, else undefined: also for a
 * collection holding text of several lines. Gives up as soon as the text is too long, so
 * trying costs at most about `room` characters' work whatever the size of `value`.
 */
function flow(value: unknown, room: number): string | undefined {
  if (typeof value === 'string') {
    // Quoting never makes a string shorter.
    if (value.length > room || value.includes('\n')) return undefined;
    const text = isFlowPlainSafe(value) ? value : quoted(value);
    return text.length <= room ? text : undefined;
  }
  if (typeof value !== 'object' || value === null) {
    const text = scalar(value);
    return text !== undefined && text.length <= room ? text : undefined;
  }
  if (Array.isArray(value)) {
    let text = '[';
    for (const item of value) {
      if (text.length > 1) text += ', ';
      // Room left for the item, keeping one character for the closing bracket.
      const t = flow(item, room - text.length - 1);
      if (t === undefined) return undefined;
      text += t;
    }
    return `${text}]`;
  }
  let text = '{';
  for (const k of Object.keys(value)) {
    if (text.length > 1) text += ', ';
    text += `${flowKey(k)}: `;
    const t = flow((value as Record<string, unknown>)[k], room - text.length - 1);
    if (t === undefined) return undefined;
    text += t;
  }
  return `${text}}`;
}

/**
 * At most the length of `value` in flow style (each string and key as long as it is, each
 * number one character), counted only until it passes `room`. More than `room`: the value
 * does not fit, and `flow` need not build the text to find out. Most collections a template
 * holds do not fit (at 10,000 resources, 348,000 of 638,000 tried), and building their text
 * up to the point where it overflowed was garbage.
 */
function flowLengthAtLeast(value: unknown, room: number): number {
  if (typeof value === 'string') return value.length;
  if (typeof value !== 'object' || value === null) return 1;
  // The brackets, then each entry and the `, ` before all but the first.
  let n = 2;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length && n <= room; i++) n += (i > 0 ? 2 : 0) + flowLengthAtLeast(value[i], room - n);
    return n;
  }
  let first = true;
  for (const k in value) {
    if (n > room) break;
    if (!Object.hasOwn(value, k)) continue;
    // `key: value`
    n += (first ? 0 : 2) + k.length + 2 + flowLengthAtLeast((value as Record<string, unknown>)[k], room - n);
    first = false;
  }
  return n;
}

// Indents, made once: templates have millions of lines at scale.
const PADS: string[] = [];

function pad(n: number): string {
  return (PADS[n] ??= ' '.repeat(n));
}

/**
 * Writes `value` after `lead` (`key:` or `-`, or `- -` for a list in a list), where `col` is
 * the column at which the key or dash starts; children go two columns further in.
 */
function write(out: string[], value: unknown, col: number, lead: string): void {
  const s = scalar(value);
  if (s !== undefined) {
    out.push(`${lead} ${s}`);
    return;
  }
  if (typeof value === 'string') {
    // Multi-line text as a `|-` block literal, indented under its key or dash.
    out.push(`${lead} |-`);
    for (const line of value.split('\n')) out.push(line === '' ? '' : pad(col + 2) + line);
    return;
  }
  // A map or list: on this line in flow style if it fits, else in block style below.
  const room = LINE_WIDTH - lead.length - 1;
  const inline = flowLengthAtLeast(value, room) <= room ? flow(value, room) : undefined;
  if (inline !== undefined) {
    out.push(`${lead} ${inline}`);
    return;
  }
  const inItem = lead.endsWith('-');
  if (Array.isArray(value)) {
    // In a list item, a nested list starts on the same line: `- - x`.
    if (!inItem) out.push(lead);
    value.forEach((item, i) => write(out, item, col + 2, i === 0 && inItem ? `${lead} -` : `${pad(col + 2)}-`));
    return;
  }
  // In a list item, a map starts on the same line: `- Key: value`.
  if (!inItem) out.push(lead);
  const keys = Object.keys(value as object);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    write(out, (value as Record<string, unknown>)[k], col + 2, i === 0 && inItem ? `${lead} ${key(k)}:` : `${pad(col + 2)}${key(k)}:`);
  }
}

/** A map (a template, or one section entry) as YAML text, indented by `indent` spaces. */
export function yamlMapping(value: Record<string, unknown>, indent = 0): string {
  return `${Object.entries(value)
    .map(([k, v]) => yamlEntry(k, v, indent))
    .join('\n')}\n`;
}

/**
 * One entry `k: value` of a map indented by `indent` spaces, as YAML text without the final
 * newline: `yamlMapping({ [k]: value }, indent)` less its last character, made without copying
 * the text twice (a template's entries are most of its 116 MB at 10,000 resources).
 */
export function yamlEntry(k: string, value: unknown, indent: number): string {
  const out: string[] = [];
  write(out, value, indent, `${pad(indent)}${key(k)}:`);
  return out.join('\n');
}
