import fc from 'fast-check';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { doubleQuoted, yamlMapping } from '../../../src/targets/cloudformation/yaml.js';

const HOSTILE = [
  '', ' ', 'yes', 'No', 'on', 'OFF', 'y', 'n', '~', 'null', 'true', '0777', '1:20', '2010-09-09', '.inf', '-.inf', '.nan', '0x1F', '1e3', '+1', '-',
  '- x', '? x', ': x', 'a: b', 'a:', 'a #b', '#c', '&a', '*b', '!Ref x', '%TAG', '@x', '`x', '|', '>', '{}', '[]', '{a: 1}', '"q"', "it's", "'", '\\',
  'line\nbreak', 'two\n\nblank', '\nleading', 'trailing\n', 'trail \nspace', ' lead', 'trail ', 'tab\there', 'cr\rlf', '\u0000', '\u001b[31m', '\u0085nel',
  '\u2028ls', '\u2029ps', '\u00a0nbsp', '\u202eevil', '\ufeffbom', '\ud800', '\udc00', 'é', '😀', '${file("/etc/passwd")}', '%{ if }', 'Fn::If', 'AWS::NoValue',
  'arn:aws:sns:eu-west-1:111111111111:pager', '/aws/lambda/x', 'https://x.example/a?b=c#d', 'x'.repeat(300),
];

function expected(value: unknown): unknown {
  // Negative zero is written as 0: templates have no use for the distinction.
  if (Object.is(value, -0)) return 0;
  // Lone surrogates cannot be stored in UTF-8; the writer makes them U+FFFD.
  if (typeof value === 'string') return value.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
  if (Array.isArray(value)) return value.map(expected);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [expected(k), expected(v)]));
  return value;
}

function roundTrips(value: Record<string, unknown>): void {
  const text = yamlMapping(value);
  for (const version of ['1.1', '1.2'] as const) {
    expect(parse(text, { version, uniqueKeys: true }), `YAML ${version}:\n${text}`).toEqual(expected(value));
  }
}

describe('CloudFormation YAML writer', () => {
  it('reads back every hostile string as itself, as key and as value, in YAML 1.1 and 1.2', () => {
    roundTrips({ values: HOSTILE, map: Object.fromEntries(HOSTILE.filter((s) => !/[\ud800-\udfff]/.test(s)).map((s, i) => [s, i])) });
    for (const s of HOSTILE) roundTrips({ v: s, nested: { list: [s, [s], { k: s }] } });
  });

  it('reads back arbitrary nested templates', () => {
    const leaf = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.constantFrom(...HOSTILE), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean());
    const value = fc.letrec<{ v: unknown }>((tie) => ({
      v: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('v'), { maxLength: 4 }), fc.dictionary(fc.string({ maxLength: 8 }), tie('v'), { maxKeys: 4 })),
    })).v;
    fc.assert(
      fc.property(fc.dictionary(fc.string({ minLength: 1, maxLength: 10 }), value, { minKeys: 1, maxKeys: 5 }), (v) => roundTrips(v)),
      { numRuns: 400 },
    );
  });

  it('writes plain scalars only when unambiguous, and block literals for clean multi-line text', () => {
    expect(yamlMapping({ a: 'AWS::CloudWatch::Alarm', b: 'yes', c: '2010-09-09', d: 'x: y' })).toBe(
      'a: AWS::CloudWatch::Alarm\nb: "yes"\nc: "2010-09-09"\nd: "x: y"\n',
    );
    expect(yamlMapping({ d: 'first\nsecond' })).toBe('d: |-\n  first\n  second\n');
    expect(yamlMapping({ l: [{ a: 1, b: [2, [3]] }, []] })).toBe('l:\n  - a: 1\n    b:\n      - 2\n      - - 3\n  - []\n');
    expect(doubleQuoted('a"b\\c\n\u2028')).toBe('"a\\"b\\\\c\\n\\u2028"');
  });
});
