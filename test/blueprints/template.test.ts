import { describe, expect, it } from 'vitest';
import { checkTemplate, compileTemplate, contextObject } from '../../src/blueprints/template.js';

const tags = (entries: [string, string][]) => contextObject('tags', entries);
const context = (tagEntries: [string, string][] = []) =>
  contextObject('context', [
    ['resource', contextObject('resource', [['name', 'checkout'], ['region', 'eu-west-1'], ['type', 'lambda:function']])],
    ['tags', tags(tagEntries)],
  ]);

describe('compileTemplate: strict mode', () => {
  it('renders variables', () => {
    expect(compileTemplate('{{resource.name}} in {{resource.region}}').render(context())).toBe('checkout in eu-west-1');
  });

  it('renders plain text unchanged', () => {
    expect(compileTemplate('no variables here').render({})).toBe('no variables here');
  });

  it('throws on a missing top-level variable', () => {
    expect(() => compileTemplate('{{missing}}').render(context())).toThrow(/"missing" not defined/);
  });

  it('throws on a missing nested variable', () => {
    expect(() => compileTemplate('{{resource.owner}}').render(context())).toThrow(/"owner" not defined in \[resource\]/);
  });

  it('throws on a missing tag used directly', () => {
    expect(() => compileTemplate('{{tags.team}}').render(context())).toThrow(/"team" not defined in \[tags\]/);
  });

  it('does not throw on {{#if tags.missing}}, and takes the else branch', () => {
    const t = compileTemplate('{{#if tags.missing}}has it{{else}}no tag{{/if}}');
    expect(t.render(context())).toBe('no tag');
    expect(t.render(context([['missing', 'x']]))).toBe('has it');
  });

  it('does not expose Object.prototype members as variables', () => {
    for (const name of ['hasOwnProperty', 'valueOf', 'toString', 'constructor', '__proto__']) {
      expect(() => compileTemplate(`{{tags.${name}}}`).render(context()), name).toThrow(/not defined/);
    }
  });

  it('does not HTML-escape output', () => {
    expect(compileTemplate('{{tags.q}}').render(context([['q', `<a href="x">&'</a>`]]))).toBe(`<a href="x">&'</a>`);
  });
});

describe('compileTemplate with contextObject: hostile tag keys and values', () => {
  it('renders tags named __proto__, constructor and toString as their values', () => {
    const ctx = context([
      ['__proto__', 'proto-value'],
      ['constructor', 'ctor-value'],
      ['toString', 'str-value'],
    ]);
    expect(compileTemplate('{{tags.__proto__}}|{{tags.constructor}}|{{tags.toString}}').render(ctx)).toBe('proto-value|ctor-value|str-value');
    expect(compileTemplate('{{lookup tags "__proto__"}}').render(ctx)).toBe('proto-value');
  });

  it('iterates exactly the given tags, in order', () => {
    const ctx = context([
      ['b', '2'],
      ['__proto__', 'p'],
      ['a', '1'],
    ]);
    expect(compileTemplate('{{#each tags}}{{@key}}={{this}};{{/each}}').render(ctx)).toBe('b=2;__proto__=p;a=1;');
  });

  it('renders a tag value containing Handlebars literally, without evaluating it', () => {
    const ctx = context([['note', '{{resource.name}} {{x}} {{> p}} {{#each tags}}{{/each}}']]);
    expect(compileTemplate('note: {{tags.note}}').render(ctx)).toBe('note: {{resource.name}} {{x}} {{> p}} {{#each tags}}{{/each}}');
  });

  it('renders hostile values untouched', () => {
    const hostile = `"'\${file("/etc/passwd")}%{if x}\n\u0000` + 'z'.repeat(200);
    expect(compileTemplate('[{{tags.v}}]').render(context([['v', hostile]]))).toBe(`[${hostile}]`);
  });

  it('makes contextObject keys own, enumerable and exactly those given', () => {
    const obj = contextObject('tags', [
      ['__proto__', 'p'],
      ['constructor', 'c'],
    ]);
    expect(Object.keys(obj)).toEqual(['__proto__', 'constructor']);
    expect(Object.hasOwn(obj, '__proto__')).toBe(true);
    expect(obj['__proto__']).toBe('p');
    expect(obj['constructor']).toBe('c');
    expect('hasOwnProperty' in obj).toBe(false);
    expect(String(obj)).toBe('[tags]');
    expect(({} as Record<string, unknown>)['p']).toBeUndefined();
  });
});

describe('checkTemplate', () => {
  it.each([
    'plain text',
    '{{resource.name}}',
    '{{#if tags.team}}{{tags.team}}{{else}}none{{/if}}',
    '{{#unless tags.team}}none{{/unless}}',
    '{{#each tags}}{{@key}}{{/each}}',
    '{{#with resource}}{{name}}{{/with}}',
    '{{lookup tags "aws:cloudformation:stack-name"}}',
    '{{!-- a comment --}}',
    '{{{resource.name}}}',
  ])('accepts %s', (source) => {
    expect(checkTemplate(source)).toBeUndefined();
  });

  it.each([
    ['an unknown helper with an argument', '{{url resource.name}}', /unknown helper url/],
    ['an unknown block helper', '{{#repeat 3}}x{{/repeat}}', /unknown helper repeat/],
    ['an unknown helper in a subexpression', '{{lookup tags (upper "a")}}', /unknown helper upper/],
    ['a partial', '{{> footer}}', /partials and decorators are not supported/],
    ['a partial block', '{{#> layout}}x{{/layout}}', /partials and decorators are not supported/],
    ['an inline partial (decorator block)', '{{#*inline "p"}}x{{/inline}}', /partials and decorators are not supported/],
    ['a decorator', '{{*decorate}}', /partials and decorators are not supported/],
  ])('rejects %s', (_label, source, message) => {
    const problem = checkTemplate(source);
    expect(problem).toBeDefined();
    expect(problem!.message).toMatch(message);
  });

  it('rejects Handlebars built-in helpers outside the allowed set (log)', () => {
    // `log` writes to the console at render time; only if/unless/each/with/lookup are allowed.
    expect(checkTemplate('{{log tags.team}}')).toBeDefined();
  });

  it.each([
    ['an unclosed mustache', 'arn:{{region', 1],
    ['a single closing brace', '{{resource.name}', 1],
    ['an unclosed block', '{{#if x}}', 1],
    ['a mismatched block', '{{#if x}}{{/each}}', 1],
    ['an error on line 3', 'line one\nline two\nthree {{resource.name}\n', 3],
  ])('reports a syntax error (%s) with its line', (_label, source, line) => {
    const problem = checkTemplate(source);
    expect(problem).toBeDefined();
    expect(problem!.line).toBe(line);
    expect(problem!.message.length).toBeGreaterThan(0);
    expect(problem!.message).not.toContain('\n');
  });

  it('every template it accepts compiles and renders (with everything defined)', () => {
    const ctx = contextObject('context', [
      ['resource', contextObject('resource', [['name', 'n']])],
      ['tags', contextObject('tags', [['team', 't']])],
      ['x', true],
    ]);
    for (const source of ['{{resource.name}}', '{{#if x}}{{tags.team}}{{/if}}', '{{lookup tags "team"}}']) {
      expect(checkTemplate(source)).toBeUndefined();
      expect(() => compileTemplate(source).render(ctx)).not.toThrow();
    }
  });
});
