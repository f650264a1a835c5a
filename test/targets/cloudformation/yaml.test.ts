import fc from 'fast-check';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { LINE_WIDTH, doubleQuoted, yamlMapping } from '../../../src/targets/cloudformation/yaml.js';

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
    // Text of several lines keeps the collections around it in block style.
    expect(yamlMapping({ l: [{ a: 1, b: [2, [3]], t: 'x\ny' }, [], ['p\nq']] })).toBe(
      'l:\n  - a: 1\n    b: [2, [3]]\n    t: |-\n      x\n      y\n  - []\n  - - |-\n      p\n      q\n',
    );
    expect(doubleQuoted('a"b\\c\n\u2028')).toBe('"a\\"b\\\\c\\n\\u2028"');
  });

  it('quotes in flow collections what would end or change a plain scalar there, and reads it back', () => {
    const FLOW = [
      'a,b', 'a, b', ',', '[x]', 'a[0]', ']', '{x}', 'a{b', '}', 'a:b', 'a: b', 'AWS::NoValue', 'arn:aws:sns:eu-west-1:111111111111:pager', 'x:', ':x',
      'a #b', 'a#b', '#', 'a?b', '?', '? x', '- x', '-x', ': x', 'yes', 'No', 'OFF', 'null', '~', 'true', '1', '-1', '1.5', '1e3', '0x1F', '0o17', '.inf',
      '1:20', '1_000', '2010-09-09', '', ' ', ' a', 'a ', "it's", '"', 'a"b', '\\', '&a', '*a', '!a', '|', '>', '%a', '@a', '`a', 'é', 'ü,ö', '😀',
      '\u00a0', '\u2028', '\u0085', '\ufeff', 'tab\tx', 'a=b;c (d)', '/aws/lambda/x', 'Fn::If',
    ];
    for (const s of FLOW) {
      const value = { list: [s, 'z'], keys: { [s]: 1, k: 2 }, values: { k: s, l: [[s]] } };
      const text = yamlMapping(value);
      // Each collection is one flow line, so the strings were written in flow context.
      expect(text, text).toMatch(/^list: \[[^\n]*\]\nkeys: \{[^\n]*\}\nvalues: \{[^\n]*\}\n$/);
      roundTrips(value);
    }
    // Parsers modelled on old PyYAML (CloudFormation's, in 2020) reject `:` in a plain scalar there.
    expect(yamlMapping({ AlarmActions: { 'Fn::If': ['HasWarningAlarmAction', { Ref: 'WarningAlarmAction' }, { Ref: 'AWS::NoValue' }] } })).toBe(
      'AlarmActions: {"Fn::If": [HasWarningAlarmAction, {Ref: WarningAlarmAction}, {Ref: "AWS::NoValue"}]}\n',
    );
    expect(yamlMapping({ Dimensions: [{ Name: 'TableName', Value: 'orders, eu' }, { Name: 'Arn', Value: 'arn:aws:x' }] })).toBe(
      'Dimensions: [{Name: TableName, Value: "orders, eu"}, {Name: Arn, Value: "arn:aws:x"}]\n',
    );
  });

  it(`writes a map or list in flow style exactly when it fits in ${LINE_WIDTH} columns, indent included`, () => {
    // `k: [` and `]` take 5 columns.
    const fits = 'x'.repeat(LINE_WIDTH - 5);
    expect(yamlMapping({ k: [fits] })).toBe(`k: [${fits}]\n`);
    expect(yamlMapping({ k: [`${fits}x`] })).toBe(`k:\n  - ${fits}x\n`);
    // The indent counts: two more columns of it make the same list too wide.
    expect(yamlMapping({ k: [fits.slice(2)] }, 2)).toBe(`  k: [${fits.slice(2)}]\n`);
    expect(yamlMapping({ k: [fits] }, 2)).toBe(`  k:\n    - ${fits}\n`);
    // A collection too wide is written in block style and each entry gets the same choice.
    expect(yamlMapping({ m: { a: fits, b: [1, 2], c: { d: true } } })).toBe(`m:\n  a: ${fits}\n  b: [1, 2]\n  c: {d: true}\n`);
    // A metric of a metric-math alarm, as the CloudFormation target writes it.
    const metric = {
      Id: 'errors',
      MetricStat: { Metric: { Namespace: 'AWS/Lambda', MetricName: 'Errors', Dimensions: [{ Name: 'FunctionName', Value: 'checkout-api' }] }, Period: 60, Stat: 'Sum' },
      ReturnData: false,
    };
    expect(yamlMapping({ Metrics: [metric] }, 6)).toBe(
      '      Metrics:\n' +
        '        - Id: errors\n' +
        '          MetricStat:\n' +
        '            Metric: {Namespace: AWS/Lambda, MetricName: Errors, Dimensions: [{Name: FunctionName, Value: checkout-api}]}\n' +
        '            Period: 60\n' +
        '            Stat: Sum\n' +
        '          ReturnData: false\n',
    );
    for (const line of yamlMapping({ Metrics: [metric, { ...metric, Id: 'e2', Label: 'x'.repeat(200) }] }, 6).split('\n')) {
      if (/[[{]/.test(line)) expect(line.length).toBeLessThanOrEqual(LINE_WIDTH);
    }
  });
});
