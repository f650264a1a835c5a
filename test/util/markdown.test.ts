import fc from 'fast-check';
import { parseFragment } from 'parse5';
import type { DefaultTreeAdapterMap } from 'parse5';
import { describe, expect, it } from 'vitest';
import { isHttpsUrl, mdCode, mdLink, mdPageLink, mdText } from '../../src/util/markdown.js';
import { markdownFindings, renderMarkdown, TABLE } from '../helpers/markdown-check.js';
import { HOSTILE_TEXT } from '../fixtures/inputs/hostile-text.js';

type Node = DefaultTreeAdapterMap['childNode'] | DefaultTreeAdapterMap['documentFragment'];

/** The text a reader sees (entities decoded, markup gone). */
function textOf(node: Node): string {
  if (node.nodeName === '#text') return (node as DefaultTreeAdapterMap['textNode']).value;
  return 'childNodes' in node ? node.childNodes.map(textOf).join('') : '';
}

function findAll(node: Node, tag: string): DefaultTreeAdapterMap['element'][] {
  const own = 'tagName' in node && node.tagName === tag ? [node] : [];
  return [...own, ...('childNodes' in node ? node.childNodes.flatMap((c) => findAll(c, tag)) : [])];
}

/** What the text should read as: each invisible character as \uXXXX; in prose, line breaks and tabs as spaces. */
function shown(text: string, prose: boolean): string {
  const flat = prose ? text.replace(/\r\n|[\r\n\t]/g, ' ') : text;
  // eslint-disable-next-line no-control-regex
  return flat.replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const PROSE = { elements: new Set(['p', 'code']) };
const CELL = { elements: new Set([...TABLE, 'code']) };
const paragraph = (md: string) => `x ${md} y`;
const cell = (md: string) => `| h |\n|---|\n| ${md} |`;
const WELL_FORMED = (s: string) => !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);
const anyText = fc.oneof(
  fc.constantFrom(...HOSTILE_TEXT),
  fc.string({ unit: 'binary', maxLength: 64 }).filter(WELL_FORMED),
  fc.array(fc.constantFrom(...HOSTILE_TEXT, ' ', '`', '|', '\\', 'a', '.', '@', ':', '//', 'www'), { maxLength: 12 }).map((p) => p.join('')),
);

describe('mdText', () => {
  it('shows any text literally, in a paragraph and in a table cell, and makes nothing else', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const md = mdText(text);
        expect(md).not.toMatch(/\n/);
        expect(markdownFindings('paragraph', paragraph(md), PROSE)).toEqual([]);
        expect(findAll(parseFragment(renderMarkdown(paragraph(md))), 'p').map(textOf)).toEqual([`x ${shown(text, true)} y`]);
        expect(markdownFindings('cell', cell(md), CELL)).toEqual([]);
        const cells = findAll(parseFragment(renderMarkdown(cell(md))), 'td');
        expect(cells).toHaveLength(1);
        expect(textOf(cells[0]!)).toBe(shown(text, true).trim());
      }),
      { numRuns: 250 },
    );
  });

  it('shows what an autolinker would link as code, and leaves other text as it was escaped before', () => {
    expect(mdText('see https://evil.example now')).toBe('see `https://evil.example` now');
    expect(mdText('(www.evil.example)')).toBe('`(www.evil.example)`');
    expect(mdText('mail a@b.co')).toBe('mail `a@b.co`');
    expect(mdText('x|https://e.x')).toBe('`x`\\|`https://e.x`');
    // Not an address: the text stays text (the built-in blueprints' Logs Insights hint).
    expect(mdText('filter @message like /ERROR|Error/')).toBe('filter @message like /ERROR\\|Error/');
    expect(mdText('pay_ments <b>*x*</b> [a](b) # ~ & {c} !')).toBe('pay\\_ments \\<b\\>\\*x\\*\\</b\\> \\[a\\]\\(b\\) \\# \\~ \\& \\{c\\} \\!');
    expect(mdText('rtl\u202eevil\nline')).toBe('rtl\\\\u202eevil line');
  });
});

describe('mdCode', () => {
  it('is one code span (split only around `|`) showing the text exactly, in a paragraph and in a table cell', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const md = mdCode(text);
        expect(md).not.toMatch(/\n/);
        expect(markdownFindings('paragraph', paragraph(md), PROSE)).toEqual([]);
        expect(markdownFindings('cell', cell(md), CELL)).toEqual([]);
        const td = findAll(parseFragment(renderMarkdown(cell(md))), 'td')[0]!;
        // Everything but the pipes between spans is code.
        expect(textOf(td)).toBe(shown(text, false));
        expect(findAll(td, 'code').map(textOf).join('')).toBe(shown(text, false).replace(/\|/g, ''));
      }),
      { numRuns: 250 },
    );
  });

  it('uses a fence longer than any run of backticks inside, padded when the text starts or ends with one', () => {
    expect(mdCode('a_b')).toBe('`a_b`');
    expect(mdCode('a`b')).toBe('``a`b``');
    expect(mdCode('``x```')).toBe('```` ``x``` ````');
    expect(mdCode(' lead')).toBe('`  lead `');
    expect(mdCode('  ')).toBe('`  `');
    expect(mdCode('a|b')).toBe('`a`\\|`b`');
    expect(mdCode('esc\u001b[31m')).toBe('`esc\\u001b[31m`');
  });
});

describe('links', () => {
  it('links only https URLs; anything else is the text alone', () => {
    const a = (md: string) => findAll(parseFragment(renderMarkdown(paragraph(md))), 'a').map((e) => e.attrs.find((x) => x.name === 'href')?.value);
    expect(a(mdLink('runbook', 'https://wiki.example.com/runbooks/a b(c)')).map((href) => decodeURI(href!))).toEqual(['https://wiki.example.com/runbooks/a b(c)']);
    // An unbalanced parenthesis cannot end the destination early and leave the rest to Markdown.
    const early = mdLink('runbook', 'https://wiki.example.com/x)[pwn](javascript:alert(1))');
    expect(early).toBe('[runbook](https://wiki.example.com/x%29%5Bpwn%5D%28javascript:alert%281%29%29)');
    expect(a(early)).toHaveLength(1);
    expect(markdownFindings('link', paragraph(early), { elements: new Set(['p', 'a']) })).toEqual([]);
    for (const url of ['javascript:alert(1)', 'JavaScript:alert(1)', 'data:text/html;base64,PHNjcmlwdD4=', 'http://wiki.example.com', 'https:evil.example', '//evil.example', ' https://evil.example', 'https://', 'https:///path', 'vbscript:x', 'https://evil.example\ud800']) {
      expect(isHttpsUrl(url), url).toBe(false);
      expect(a(mdLink('runbook', url)), url).toEqual([]);
      expect(mdLink('runbook', url)).toBe('runbook');
    }
  });

  it('links to obsgen\'s own pages only by a plain relative reference', () => {
    expect(mdPageLink('shop', 'monitoring/shop.md')).toBe('[shop](monitoring/shop.md)');
    expect(mdPageLink('all', '#dashboards:name=obsgen-overview-eu-west-1')).toBe('[all](#dashboards:name=obsgen-overview-eu-west-1)');
    for (const target of ['javascript:alert(1)', '//evil.example/x.md', 'https://evil.example/x.md', 'a b.md', 'x.md)(y']) expect(mdPageLink('p', target), target).toBe('p');
  });
});
