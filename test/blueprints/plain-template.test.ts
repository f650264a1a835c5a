import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileTemplate, contextObject, handlebarsTemplate } from '../../src/blueprints/template.js';
import { plainTemplate } from '../../src/blueprints/plain-template.js';
import Handlebars from 'handlebars';

const HELPERS = new Set(['if', 'unless', 'each', 'with', 'lookup', 'log', 'helperMissing', 'blockHelperMissing']);
function isPlain(source: string): boolean {
  let ast;
  try {
    ast = Handlebars.parse(source);
  } catch {
    return false; // not a template at all (the generator can put `}` after `}}`)
  }
  return plainTemplate(ast, HELPERS) !== undefined;
}

/** What a render gives: its text, or the error it throws (class and message). */
function outcome(render: () => string): string {
  try {
    return `ok ${JSON.stringify(render())}`;
  } catch (e) {
    return `${(e as Error).constructor.name}: ${(e as Error).message}`;
  }
}

const SEGMENTS = ['resource', 'name', 'tags', 'team', 'app', 'env', 'alarm', 'threshold', 'missing', 'constructor', '__proto__', 'toString', 'length', 'a b', 'n', 'f', 'nul', 'undef', 'obj', 'arr', 's'];

const value: fc.Arbitrary<unknown> = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 6 }),
  fc.constantFrom('{{resource.name}}', 'é\u0301', '', '0'),
  fc.integer({ min: -3, max: 3 }),
  fc.constantFrom(0, -0, 1.5, Number.NaN, true, false, null, undefined),
  fc.constant([1, 'two']),
  fc.constant(() => 'called'),
  fc.constant(function (this: unknown) {
    return typeof this;
  }),
);

// Contexts as obsgen builds them (contextObject), and plain objects, nested two deep.
const leafObject = fc.dictionary(fc.constantFrom(...SEGMENTS), value, { maxKeys: 5 });
const context = fc
  .tuple(fc.dictionary(fc.constantFrom(...SEGMENTS), fc.oneof(value, leafObject, leafObject.map((o) => contextObject('inner', Object.entries(o)))), { maxKeys: 6 }), fc.boolean())
  .map(([entries, labelled]) => (labelled ? contextObject('context', Object.entries(entries)) : entries));

const text = fc.string({ unit: fc.constantFrom('a', 'b', ' ', '.', '-', '}', '\n', 'é', '😀', '"', '$', '%'), maxLength: 5 });
const mustache = fc
  .tuple(fc.array(fc.constantFrom(...SEGMENTS), { minLength: 1, maxLength: 3 }), fc.constantFrom('{{', '{{~', '{{{'))
  .map(([segments, open]) => {
    const path = segments.map((s) => (s.includes(' ') ? `[${s}]` : s)).join('.');
    return open === '{{{' ? `{{{${path}}}}` : `${open}${path}${open === '{{~' ? '~}}' : '}}'}`;
  });
const template = fc.array(fc.oneof(text, mustache), { maxLength: 6 }).map((pieces) => pieces.join(''));

describe('plain templates', () => {
  it('render exactly as Handlebars renders them in strict mode, errors included', () => {
    let plain = 0;
    fc.assert(
      fc.property(template, context, (source, ctx) => {
        if (!source.includes('{{') || !isPlain(source)) return;
        plain++;
        expect(outcome(() => compileTemplate(source).render(ctx)), source).toBe(outcome(() => handlebarsTemplate(source).render(ctx)));
      }),
      { numRuns: 3000 },
    );
    // The property is about plain templates: most generated ones must be.
    expect(plain).toBeGreaterThan(1000);
  });

  it('are what blueprints mostly use, and only those', () => {
    for (const source of ['{{resource.name}} errors', 'Invocations of {{resource.name}} are failing', '{{tags.[cost center]}}-{{app}}', '{{{resource.name}}}', '{{app}}{{env}}']) {
      expect(isPlain(source), source).toBe(true);
    }
    for (const source of ['{{#if env}}{{env}}{{/if}}', '{{lookup tags "team"}}', '{{@root.app}}', '{{../app}}', '{{this.app}}', '{{! note }}{{app}}', '{{"text"}}', '{{lookup}}', '{{log}}']) {
      expect(isPlain(source), source).toBe(false);
    }
  });

  it('name the template position of a missing variable, as Handlebars does', () => {
    const ctx = contextObject('context', [['tags', contextObject('tags', [])]]);
    expect(() => compileTemplate('x\n  {{tags.team}} y').render(ctx)).toThrow('"team" not defined in [tags] - 2:4');
  });

  it('add two substitutions side by side as Handlebars does: numbers sum until text makes a string', () => {
    const ctx = { a: 1, b: 2, c: null };
    for (const source of ['{{a}}{{b}}', 'x{{a}}{{b}}', '{{a}}{{b}}y{{a}}{{b}}', '{{c}}{{b}}', '{{c}}{{c}}']) {
      expect(isPlain(source), source).toBe(true);
      expect(compileTemplate(source).render(ctx), source).toBe(handlebarsTemplate(source).render(ctx));
    }
    expect(compileTemplate('{{a}}{{b}}y{{a}}{{b}}').render(ctx)).toBe('3y12');
  });
});
