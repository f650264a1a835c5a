import { handlebars } from './handlebars.js';
import { scanPlainTemplate } from './plain-scan.js';
import { plainTemplate, renderPlain } from './plain-template.js';

/** A compiled Handlebars template in strict mode: a missing variable is an error. */
export interface Template {
  readonly source: string;
  render(context: object): string;
}

const BUILTIN_HELPERS = { if: true, unless: true, each: true, with: true, lookup: true } as const;
const cache = new Map<string, Template>();

/** Checks a template's syntax; returns a message (with line) or undefined when it is fine. */
export function checkTemplate(source: string): { message: string; line: number } | undefined {
  // Text with simple substitutions always compiles (plain-scan.ts): no need to load Handlebars.
  return scanPlainTemplate(source) ? undefined : checkWithHandlebars(source);
}

/** `checkTemplate` by Handlebars' own parser and compiler, for any template. */
export function checkWithHandlebars(source: string): { message: string; line: number } | undefined {
  try {
    const ast = handlebars().parse(source);
    const problem = findForbidden(ast);
    if (problem) return problem;
    handlebars().precompile(source, { strict: true, knownHelpers: BUILTIN_HELPERS, knownHelpersOnly: true });
    return undefined;
  } catch (e) {
    const message = (e as Error).message;
    const m = /line (\d+)/.exec(message);
    return { message: message.split('\n').filter(Boolean).slice(-1)[0] ?? message, line: m ? Number(m[1]) : 1 };
  }
}

function findForbidden(node: unknown): { message: string; line: number } | undefined {
  if (!node || typeof node !== 'object') return undefined;
  const n = node as { type?: string; loc?: { start: { line: number } } };
  if (n.type === 'PartialStatement' || n.type === 'PartialBlockStatement' || n.type === 'DecoratorBlock' || n.type === 'Decorator') {
    return { message: 'partials and decorators are not supported', line: n.loc?.start.line ?? 1 };
  }
  // Handlebars always knows `log`, which would print (untrusted) values to the console.
  const path = (node as { path?: { original?: unknown } }).path;
  if ((n.type === 'MustacheStatement' || n.type === 'BlockStatement' || n.type === 'SubExpression') && path?.original === 'log') {
    return { message: 'the log helper is not supported', line: n.loc?.start.line ?? 1 };
  }
  for (const value of Object.values(node)) {
    const children = Array.isArray(value) ? value : [value];
    for (const child of children) {
      const found = child && typeof child === 'object' && child !== node ? findForbidden(child) : undefined;
      if (found) return found;
    }
  }
  return undefined;
}

/** Compiles (once per distinct source) a template known to pass `checkTemplate`. */
export function compileTemplate(source: string): Template {
  let t = cache.get(source);
  if (!t) {
    // Plain text needs no Handlebars at all; most names and descriptions are partly static.
    if (!source.includes('{{')) {
      t = { source, render: () => source };
    } else {
      const plain = scanPlainTemplate(source) ?? plainTemplate(handlebars().parse(source), HELPER_NAMES());
      t = plain ? { source, render: (context) => renderPlain(plain, context, missingVariable) } : handlebarsTemplate(source);
    }
    cache.set(source, t);
  }
  return t;
}

/** The template compiled by Handlebars itself (what `compileTemplate` does for all but plain substitution). */
export function handlebarsTemplate(source: string): Template {
  const fn = handlebars().compile(source, { strict: true, noEscape: true, knownHelpers: BUILTIN_HELPERS, knownHelpersOnly: true });
  return { source, render: (context) => fn(context) };
}

// Names a lone `{{name}}` would call as a helper rather than read as a variable.
let helperNames: ReadonlySet<string> | undefined;
const HELPER_NAMES = (): ReadonlySet<string> => (helperNames ??= new Set([...Object.keys(BUILTIN_HELPERS), ...Object.keys(handlebars().helpers)]));

const missingVariable = (message: string, loc: hbs.AST.SourceLocation): Error => new (handlebars().Exception)(message, { loc } as unknown as hbs.AST.Node);

/**
 * A template context object whose own keys are exactly `entries` (even `__proto__` or
 * `constructor`, which tags may use) and which prints as `[label]` in strict-mode errors.
 */
export function contextObject(label: string, entries: Iterable<readonly [string, unknown]>): Record<string, unknown> {
  const obj = Object.create(labelledPrototype(label)) as Record<string, unknown>;
  for (const [key, value] of entries) {
    // Assignment is the fast path; `__proto__` would set the prototype instead of a key.
    if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
    else obj[key] = value;
  }
  return obj;
}

const prototypes = new Map<string, object>();

/** One frozen, null-rooted prototype per label (contexts are built per alarm: share it). */
function labelledPrototype(label: string): object {
  let proto = prototypes.get(label);
  if (!proto) {
    proto = Object.freeze(Object.create(null, { [Symbol.toPrimitive]: { value: () => `[${label}]` } }) as object);
    prototypes.set(label, proto);
  }
  return proto;
}
