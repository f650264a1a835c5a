import { visible } from './visible.js';
import { encodeUriSafe } from './unicode.js';
import { remembered } from './memo.js';

/*
 * The one way obsgen writes untrusted text (tag values, resource names, anything rendered from
 * them) into Markdown: MONITORING.md, the application pages, THRESHOLDS.md, `plan --markdown`
 * and the dashboards' text widgets. What each function returns is one line, shows the text
 * literally (never HTML, a link, an image, emphasis or a heading), keeps its table cell (a `|`
 * never splits one) and holds no invisible character (see util/visible.ts: each shows as
 * `\uXXXX`). Callers place it after a prefix (`# `, `| `, a word), never at the start of a
 * line, so list markers (`-`, `+`, `1.`) need no escaping.
 */

// Characters with a meaning in CommonMark or GFM inline text. Each is ASCII punctuation, which
// a backslash turns back into the plain character.
const SPECIAL = /[\\`*_{}[\]()<>#!|~&]/g;

// What an autolinker turns into a link without any Markdown syntax (GFM's autolink extension:
// `http(s)://` and `ftp://`, `www.`, e-mail addresses). Escaping does not stop them all:
// cmark-gfm (GitHub) joins the text around an escaped `@` before it looks for addresses, and
// remark joins it around an escaped `:` or `.` too. Nothing links inside a code span, so a
// word holding one of these is shown as code.
const LINK_LIKE = /:\/\/|www\.|[\w.+-]@[\w-]/i;

const LINE_BREAKS = /\r\n|[\r\n\t]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

// Anything `mdText` could change: a special character, a line break or tab, or the start of
// something an autolinker links. Text with none of these (and no invisible character) is
// returned as it is; most cells are such text.
const MAYBE_CHANGED = /[\\`*_{}[\]()<>#!|~&\r\n\t@]|:\/\/|www\./i;

// The pages repeat a few texts tens of thousands of times (conditions, where a threshold came
// from): escaping each once took mdText from 990 to 315 ms of a 10,000-resource run (CPU profile).
const escaped = remembered((text) => escapeText(text));

/** Inline text, shown literally: line breaks and tabs become spaces (as Markdown would show them). */
export function mdText(text: string): string {
  if (!MAYBE_CHANGED.test(text) && visible(text) === text) return text;
  return escaped(text);
}

function escapeText(text: string): string {
  return visible(text.replace(LINE_BREAKS, ' '))
    .split(/( +)/)
    .map((word, i) => (i % 2 === 1 ? word : LINK_LIKE.test(word) ? codeSpans(word) : word.replace(SPECIAL, (c) => `\\${c}`)))
    .join('');
}

/**
 * A code span showing `text` exactly (an id, an ARN, an alarm name). Inside a code span a
 * backslash is literal, so nothing is escaped: the fence is one backtick longer than the
 * longest run of backticks inside, with a space of padding when the text starts or ends with
 * a backtick or a space (CommonMark strips one from each end). A `|` would end a table cell
 * even inside a code span, so the span is split around it and the `|` escaped between parts.
 */
export function mdCode(text: string): string {
  return codeSpans(visible(text));
}

function codeSpans(text: string): string {
  return text
    .split('|')
    .map((part) => (part === '' ? '' : codeSpan(part)))
    .join('\\|');
}

function codeSpan(content: string): string {
  const longest = Math.max(0, ...(content.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = /^[` ]|[` ]$/.test(content) && !/^ +$/.test(content) ? ' ' : '';
  return `${fence}${pad}${content}${pad}${fence}`;
}

/** Whether `url` is an absolute https URL (with a host): the only links taken from tags and templates. */
export function isHttpsUrl(url: string): boolean {
  if (!/^https:\/\/[^\s/?#\\]/i.test(url) || LONE_SURROGATE.test(url) || !URL.canParse(url)) return false;
  return new URL(url).protocol === 'https:';
}

/** A link when `url` is an https URL; anything else (`javascript:`, `data:`, `http:`…) shows the text alone. */
export function mdLink(text: string, url: string): string {
  if (!isHttpsUrl(url)) return mdText(text);
  // Percent-encoded, parentheses too (which encodeURIComponent leaves), so the destination
  // cannot end early or hold a space.
  return `[${mdText(text)}](${encodeUriSafe(url).replace(/[()]/g, (c) => (c === '(' ? '%28' : '%29'))})`;
}

/**
 * A link to a page or anchor obsgen generated (`monitoring/shop.md`, `../MONITORING.md`,
 * `#dashboards:name=…`): a relative reference of plain characters, never a scheme or a host;
 * anything else shows the text alone.
 */
export function mdPageLink(text: string, target: string): string {
  const relative = /^[A-Za-z0-9._~/#:=-]+$/.test(target) && !/^[A-Za-z][A-Za-z0-9+.-]*:/.test(target) && !target.startsWith('//');
  return relative ? `[${mdText(text)}](${target})` : mdText(text);
}
