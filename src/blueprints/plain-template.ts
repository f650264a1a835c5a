// `hbs` is the global namespace of Handlebars' own type declarations (AST node types).

/**
 * Most blueprint templates only substitute variables: `{{resource.name}} errors`. Rendering
 * one of those through Handlebars sets up helpers and prototype-access control on every call,
 * and at tens of thousands of alarms that is most of the time spent building the model. This
 * renders such templates directly, with the semantics Handlebars gives them in strict mode
 * (checked against Handlebars itself by test/blueprints/plain-template.test.ts):
 *
 * - every segment of a path but the last is read with Handlebars' `lookupProperty` (own
 *   properties only; anything else reads as undefined), the last one with `strict` (an
 *   error when it is not `in` the object, naming the object and the template position);
 * - a function value is called with the context as `this`; null and undefined give "";
 * - the template is one JavaScript `+` expression over its parts, left to right, as
 *   Handlebars compiles it: `{{a}}{{b}}` with numbers 1 and 2 gives "3", `x{{a}}{{b}}` "x12".
 *
 * Anything else (block helpers, `lookup`, `@data`, `../`, `this`, literals, comments) is left
 * to Handlebars.
 */
export interface PlainTemplate {
  /** Text and paths, in order; a path is the segments of `{{a.b.c}}` and where it starts. */
  readonly parts: readonly (string | PlainPath)[];
}

export interface PlainPath {
  readonly segments: readonly string[];
  readonly loc: hbs.AST.SourceLocation;
}

/** The template as text and paths, or undefined when it is more than substitution. */
export function plainTemplate(ast: hbs.AST.Program, helperNames: ReadonlySet<string>): PlainTemplate | undefined {
  const parts: (string | PlainPath)[] = [];
  for (const node of ast.body) {
    if (node.type === 'ContentStatement') {
      const text = (node as hbs.AST.ContentStatement).value;
      if (text !== '') parts.push(text);
      continue;
    }
    if (node.type !== 'MustacheStatement') return undefined;
    const m = node as hbs.AST.MustacheStatement;
    if (m.params.length > 0 || m.hash || m.path.type !== 'PathExpression') return undefined;
    const path = m.path as hbs.AST.PathExpression;
    if (path.data || path.depth !== 0 || path.parts.length === 0 || /^(this\b|\.)/.test(path.original)) return undefined;
    if (path.parts.length === 1 && helperNames.has(path.parts[0]!)) return undefined;
    parts.push({ segments: [...path.parts], loc: path.loc });
  }
  return { parts };
}

/** An error as Handlebars reports a variable missing in strict mode. */
export type MissingVariableError = (message: string, loc: hbs.AST.SourceLocation) => Error;

/** Renders a plain template (see `plainTemplate`) as Handlebars would in strict mode. */
export function renderPlain(template: PlainTemplate, context: unknown, missing: MissingVariableError): string {
  // Handlebars' compiled template is `part + part + …`: two substitutions side by side add as
  // JavaScript adds (numbers sum), and only text makes the rest a string.
  let out: unknown = '';
  for (const [i, part] of template.parts.entries()) {
    const value = typeof part === 'string' ? part : substitute(part, context, missing);
    out = i === 0 ? value : (out as string) + (value as string);
  }
  return `${out as string}`;
}

/** A path's value as Handlebars' strict mode reads it; null and undefined give "". */
function substitute(part: PlainPath, context: unknown, missing: MissingVariableError): unknown {
  const { segments } = part;
  let obj: unknown = context;
  for (let i = 0; i < segments.length - 1; i++) obj = lookupProperty(obj, segments[i]!);
  const name = segments[segments.length - 1]!;
  // `in` on a primitive throws a TypeError, as it does inside Handlebars.
  if (!obj || !(name in (obj as object))) throw missing(`"${name}" not defined in ${String(obj)}`, part.loc);
  let value = lookupProperty(obj, name);
  if (typeof value === 'function') value = (value as (this: unknown) => unknown).call(context);
  return value ?? '';
}

/** Handlebars' `lookupProperty` with its default prototype-access rules (nothing inherited). */
function lookupProperty(parent: unknown, name: string): unknown {
  const result = (parent as Record<string, unknown>)[name];
  if (result === null || result === undefined) return result;
  const ownConstructorOfPrototype = name === 'constructor' && typeof result === 'function' && parent === (result as { prototype?: unknown }).prototype;
  return Object.prototype.hasOwnProperty.call(parent, name) && !ownConstructorOfPrototype ? result : undefined;
}
