import { describe, expect, it } from 'vitest';
import { Diagnostics, formatDiagnostic } from '../../src/diagnostics/diagnostic.js';
import { MAX_NESTING } from '../../src/diagnostics/input-shape.js';
import { parseJsonSource, parseYamlSource } from '../../src/diagnostics/source-document.js';
import { positionOf } from '../fixtures/inputs/text-position.js';

function parse(kind: 'json' | 'yaml', text: string): { data: unknown; messages: string[] } {
  const diags = new Diagnostics();
  const doc = (kind === 'json' ? parseJsonSource : parseYamlSource)('in', text, diags);
  return { data: doc?.data, messages: diags.items.map(formatDiagnostic) };
}

const at = (text: string, needle: string, nth = 1) => {
  const p = positionOf(text, needle, nth);
  return `in:${p.line}:${p.column}`;
};

describe('parseJsonSource: a key given twice is an error naming both places', () => {
  it('in a nested object, where JSON.parse would keep the last value silently', () => {
    const text = '{"ResourceTagMappingList": [\n  {"ResourceARN": "arn:aws:sqs:eu-west-1:123456789012:q",\n   "Tags": [{"Key": "app", "Value": "a", "Value": "b"}]}\n]}\n';
    const first = positionOf(text, '"Value"');
    expect(parse('json', text)).toEqual({
      data: undefined,
      messages: [`${at(text, '"Value"', 2)}: error: duplicate key "Value" (first at line ${first.line}, column ${first.column})`],
    });
  });

  it('at the top level, and every repeat of one key', () => {
    const text = '{"a": 1, "b": 2, "a": 3, "a": 4}';
    expect(parse('json', text).messages).toEqual([
      `${at(text, '"a"', 2)}: error: duplicate key "a" (first at line 1, column 2)`,
      `${at(text, '"a"', 3)}: error: duplicate key "a" (first at line 1, column 2)`,
    ]);
  });

  it('compares keys as JSON text means them (escapes decoded), __proto__ included', () => {
    expect(parse('json', '{"\\u0061": 1, "a": 2}').messages).toEqual(['in:1:15: error: duplicate key "a" (first at line 1, column 2)']);
    expect(parse('json', '{"__proto__": 1, "__proto__": 2}').messages).toEqual(['in:1:18: error: duplicate key "__proto__" (first at line 1, column 2)']);
  });

  it('accepts the same key in different objects, and key-like text inside strings', () => {
    expect(parse('json', '{"a": {"k": 1}, "b": {"k": 2}, "c": "x\\":\\"y", "d": [{"k": 1}, {"k": 2}]}')).toEqual({
      data: { a: { k: 1 }, b: { k: 2 }, c: 'x":"y', d: [{ k: 1 }, { k: 2 }] },
      messages: [],
    });
  });
});

describe('parseYamlSource: a key given twice is an error naming both places', () => {
  it('says where the first one is', () => {
    const text = 'naming:\n  prefix: a/\n  stackPrefix: s\n  prefix: b/\n';
    expect(positionOf(text, 'prefix')).toEqual({ line: 2, column: 3 });
    expect(parse('yaml', text)).toEqual({
      data: undefined,
      messages: [`${at(text, 'prefix', 2)}: error: duplicate key "prefix" (first at line 2, column 3)`],
    });
  });

  it('in flow mappings too', () => {
    expect(parse('yaml', 'a: {x: 1, y: 2, x: 3}\n').messages).toEqual(['in:1:17: error: duplicate key "x" (first at line 1, column 5)']);
  });
});

describe('deep nesting is an error at the first level too deep, never a stack overflow', () => {
  const deep = (n: number, open: string, close: string) => open.repeat(n) + close.repeat(n);

  // The top-level object or mapping is the first level: the column is that of the bracket
  // that opens level MAX_NESTING + 1.
  it.each([
    ['JSON arrays', 'json', `{"a": ${deep(100_000, '[', ']')}}`, '{"a": '.length + MAX_NESTING],
    ['JSON objects', 'json', `${deep(100_000, '{"k":', '}')}`, '{"k":'.length * MAX_NESTING + 1],
    ['invalid JSON', 'json', `{"a": ${deep(100_000, '[', '')}`, '{"a": '.length + MAX_NESTING],
    ['YAML flow sequences', 'yaml', `a: ${deep(100_000, '[', ']')}\n`, 'a: '.length + MAX_NESTING],
  ] as const)('%s, 100,000 levels', (_, kind, text, column) => {
    expect(parse(kind, text)).toEqual({ data: undefined, messages: [`in:1:${column}: error: nested more than ${MAX_NESTING} levels deep`] });
  });

  it('YAML block mappings, thousands of levels', () => {
    const text = Array.from({ length: 5000 }, (_, i) => `${' '.repeat(i)}k:`).join('\n');
    expect(parse('yaml', text).messages).toEqual([`in:${MAX_NESTING + 1}:${MAX_NESTING + 1}: error: nested more than ${MAX_NESTING} levels deep`]);
  });

  it(`reads ${MAX_NESTING} levels`, () => {
    expect(parse('json', deep(MAX_NESTING, '[', ']')).messages).toEqual([]);
    expect(parse('yaml', deep(MAX_NESTING, '[', ']')).messages).toEqual([]);
    expect(parse('json', deep(MAX_NESTING + 1, '[', ']')).messages).toEqual([`in:1:${MAX_NESTING + 1}: error: nested more than ${MAX_NESTING} levels deep`]);
  });
});

describe('parseJsonSource: a number no double can hold is an error, not Infinity', () => {
  it('at the number, wherever it is (JSON.parse reads 1e999 as Infinity silently)', () => {
    const text = '{"series": [{"values": [1, 2.5,\n  -1e999, 3]}], "threshold": 1E400}\n';
    expect(parse('json', text).messages).toEqual([
      `${at(text, '-1e999')}: error: number -1e999 is too large (the largest a double holds is about 1.8e308)`,
      `${at(text, '1E400')}: error: number 1E400 is too large (the largest a double holds is about 1.8e308)`,
    ]);
    expect(parse('json', '1e309').messages).toEqual(['in:1:1: error: number 1e309 is too large (the largest a double holds is about 1.8e308)']);
  });

  it('reads the largest doubles, and numbers that only lose precision or underflow', () => {
    const { data, messages } = parse('json', '[1.7976931348623157e308, -1.7e308, 1e-999, 123456789012345678901234567890]');
    expect(messages).toEqual([]);
    expect(data).toEqual([1.7976931348623157e308, -1.7e308, 0, 1.2345678901234568e29]);
  });
});
