import fc from 'fast-check';
import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { readBlueprints } from '../../src/pipeline/inputs.js';
import { Diagnostics } from '../../src/diagnostics/diagnostic.js';
import { builtinBlueprintSources } from '../helpers/pipeline.js';
import { resolveConfig } from '../../src/config/load.js';
import { plainTemplate } from '../../src/blueprints/plain-template.js';
import { scanPlainTemplate } from '../../src/blueprints/plain-scan.js';
import { checkWithHandlebars } from '../../src/blueprints/template.js';

const HELPERS = new Set(['if', 'unless', 'each', 'with', 'lookup', 'log', 'helperMissing', 'blockHelperMissing']);

/** What Handlebars itself makes of a template: its plain form, `not plain`, or `no template`. */
function byHandlebars(source: string) {
  let ast;
  try {
    ast = Handlebars.parse(source);
  } catch {
    return 'no template';
  }
  const plain = plainTemplate(ast, HELPERS);
  return plain ? { parts: plain.parts.map((p) => (typeof p === 'string' ? p : { segments: p.segments, start: p.loc.start, end: p.loc.end })) } : 'not plain';
}

function byScan(source: string) {
  const plain = scanPlainTemplate(source);
  return plain && { parts: plain.parts.map((p) => (typeof p === 'string' ? p : { segments: p.segments, start: p.loc.start, end: p.loc.end })) };
}

// Pieces that make templates the scanner takes, and every kind it must leave to Handlebars.
const NAMES = ['resource', 'name', 'tags', 'a', 'B_2', '_x', 'true', 'null', 'else', 'this', 'if', 'lookup', 'log', 'length', '__proto__', '0', 'a-b', 'a:b', 'ü', '', '[obsgen:log-group]', '[a b]', '[a.b]', '[if]', '[this]', '[true]', '[]', '[a]b]', '[a\\]', '[ü]', '[@x]', '[..]'];
const TEXT = ['x', ' ', '\n', '\r\n', '\\', '}', '{', '}}', 'arn:', ':', '.', 'é'];
const mustache = fc.oneof(
  fc.array(fc.constantFrom(...NAMES), { minLength: 1, maxLength: 3 }).map((s) => `{{${s.join('.')}}}`),
  fc.constantFrom('{{ a }}', '{{{a}}}', '{{a}}}', '{{#if a}}x{{/if}}', '{{a.[b]}}', '{{this.a}}', '{{@index}}', '{{../a}}', '{{~a}}', '{{a~}}', '{{!c}}', '\\{{a}}', '{{a b}}', '{{a', '{{a/b}}', '{{>p}}', '{{&a}}', '{{else}}'),
);
const template = fc.array(fc.oneof(mustache, fc.constantFrom(...TEXT)), { maxLength: 8 }).map((p) => p.join(''));

describe('scanPlainTemplate', () => {
  it('takes a template only when Handlebars makes the same plain template of it, to the source location', () => {
    let taken = 0;
    fc.assert(
      fc.property(template, (source) => {
        const scanned = byScan(source);
        if (scanned === undefined) return;
        taken++;
        expect(byHandlebars(source)).toEqual(scanned);
        // And it is a template checkTemplate would pass without the scanner.
        expect(checkWithHandlebars(source)).toBeUndefined();
      }),
      { numRuns: 2000 },
    );
    // Not vacuous: a good share of the generated templates are taken.
    expect(taken).toBeGreaterThan(200);
  });

  it('takes every template of the built-in blueprints, so a run of them loads no Handlebars', () => {
    const templates = new Set<string>();
    const collect = (value: unknown, key = ''): void => {
      if (typeof value === 'string' && value.includes('{{')) templates.add(value);
      else if (Array.isArray(value)) for (const v of value) collect(v);
      else if (value && typeof value === 'object' && !(value instanceof RegExp) && key !== 'at') for (const [k, v] of Object.entries(value)) collect(v, k);
    };
    const config = resolveConfig({}, undefined, '/nonexistent');
    collect(readBlueprints(builtinBlueprintSources(), new Diagnostics(), config.resourceTypes));
    expect(templates.size).toBeGreaterThan(20);
    for (const source of templates) {
      expect(byScan(source), source).toBeDefined();
      expect(byScan(source), source).toEqual(byHandlebars(source));
    }
  });

  it('takes the default alarm name and action ARN templates', () => {
    for (const source of ['{{prefix}}{{resource.type}}/{{resource.name}}/{{alarm.id}}', 'arn:{{partition}}:sns:{{region}}:{{account}}:pager']) {
      expect(byScan(source), source).toBeDefined();
      expect(byScan(source), source).toEqual(byHandlebars(source));
    }
  });
});
