import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dashboardJson, safeJson } from '../../src/util/json-layout.js';

const text = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), fc.constantFrom('\u2028', '\u202e', '\u0085', '\ufeff', '😀', '\ud800', '${x}', '"\\'));
const json = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof({ depthSize: 'small' }, text, fc.double(), fc.integer(), fc.boolean(), fc.constant(null), fc.array(tie('v'), { maxLength: 6 }), fc.dictionary(text, tie('v'), { maxKeys: 5 })),
})).v;

describe('safeJson and dashboardJson', () => {
  it('are the same JSON value as JSON.stringify, for any JSON data and hostile text', () => {
    fc.assert(
      fc.property(fc.dictionary(text, json, { maxKeys: 6 }), fc.array(json, { maxLength: 5 }), (settings, widgets) => {
        expect(JSON.parse(safeJson(settings))).toEqual(JSON.parse(JSON.stringify(settings)));
        const body = { ...settings, widgets };
        expect(JSON.parse(dashboardJson(body))).toEqual(JSON.parse(JSON.stringify(body)));
      }),
      { numRuns: 500 },
    );
  });

  it('leaves out what JSON.stringify leaves out', () => {
    const value = { a: undefined, b: [undefined, 1], c: { d: undefined }, widgets: [{ e: undefined }] };
    expect(JSON.parse(dashboardJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
  });

  it('writes every character that acts on the display, or that YAML block text cannot hold, as its escape', () => {
    const out = safeJson({ t: 'a\u202eb\u2028c\u0085d\u00ade😀f\nz' });
    expect(out).toBe('{"t":"a\\u202eb\\u2028c\\u0085d\\u00ade\\ud83d\\ude00f\\nz"}');
    expect(out).toMatch(/^[\x20-\x7e]*$/);
  });

  it('writes a dashboard body with its settings one per line and each widget on a line of its own', () => {
    const body = {
      start: '-PT6H',
      periodOverride: 'auto',
      widgets: [
        { type: 'text', x: 0, y: 0, width: 24, height: 1, properties: { markdown: '### api' } },
        { type: 'metric', x: 0, y: 1, width: 12, height: 6, properties: { metrics: [['AWS/Lambda', 'Errors', 'FunctionName', 'api', { stat: 'Sum' }]], annotations: { horizontal: [{ label: 'Errors > 0', value: 0 }] } } },
      ],
    };
    expect(dashboardJson(body)).toBe(
      [
        '{',
        '  "start": "-PT6H",',
        '  "periodOverride": "auto",',
        '  "widgets": [',
        '    {"type":"text","x":0,"y":0,"width":24,"height":1,"properties":{"markdown":"### api"}},',
        '    {"type":"metric","x":0,"y":1,"width":12,"height":6,"properties":{"metrics":[["AWS/Lambda","Errors","FunctionName","api",{"stat":"Sum"}]],"annotations":{"horizontal":[{"label":"Errors > 0","value":0}]}}}',
        '  ]',
        '}',
      ].join('\n'),
    );
  });
});
