import { handlebars } from './handlebars.js';
import { scanPlainTemplate } from './plain-scan.js';

/**
 * The variables a template context holds, for checking templates before any resource is seen:
 * each name maps to the names below it, or to `null` when what is below is data (tag keys,
 * dimension names) or a plain value.
 */
export interface VariableShape {
  readonly [name: string]: VariableShape | null;
}

/**
 * The context of an alarm's templates (its name, description, first check and runbook), as
 * resourceContext and withAlarm (resolve/render.ts) build it; a test keeps the two in step.
 */
export const ALARM_TEMPLATE_VARIABLES: VariableShape = {
  resource: {
    name: null,
    arn: null,
    partition: null,
    account: null,
    region: null,
    service: null,
    type: null,
    typeLabel: null,
    namespace: null,
    dimensions: null,
    attributes: null,
  },
  tags: null,
  app: null,
  env: null,
  prefix: null,
  alarm: { id: null, title: null, severity: null, threshold: null },
};

/** The context of an action ARN template: the account and region the alarm is in (config/actions.ts). */
export const ACTION_TEMPLATE_VARIABLES: VariableShape = { partition: null, account: null, region: null };

/** A variable a template reads that its context cannot hold; line and column (1-based) within the template. */
export interface UnknownVariable {
  message: string;
  line: number;
  column: number;
}

// The helpers checkTemplate allows; `each` and `with` change the context inside their block.
const HELPERS = new Set(['if', 'unless', 'each', 'with', 'lookup']);
const CONTEXT_CHANGING = new Set(['each', 'with']);

/**
 * The first variable `source` (a template that passes checkTemplate) reads from the context
 * that `shape` does not have. Only paths read against the context itself are checked: inside
 * `each` and `with` blocks, and for `this`, `../` and `@data` paths, the context is data.
 * Strict mode would report the same variable only when a resource is rendered, once per alarm
 * and at the blueprint that is being rendered rather than at the template.
 */
export function unknownVariable(source: string, shape: VariableShape): UnknownVariable | undefined {
  const found: UnknownVariable[] = [];
  const checkPath = (node: hbs.AST.PathExpression) => {
    if (node.data || node.depth > 0 || node.parts.length === 0 || /^(this\b|\.)/.test(node.original)) return;
    checkParts(node.parts, node.loc);
  };
  // A path read against the context itself.
  const checkParts = (parts: readonly string[], loc: hbs.AST.SourceLocation) => {
    let level: VariableShape | null = shape;
    let path = '';
    for (const part of parts) {
      if (level === null) return;
      if (!Object.hasOwn(level, part)) {
        const where = path === '' ? 'the template can use' : `${path} has`;
        found.push({
          message: `unknown variable "${path === '' ? part : `${path}.${part}`}" (${where} ${Object.keys(level).join(', ')})`,
          line: loc.start.line,
          column: loc.start.column + 1,
        });
        return;
      }
      level = level[part]!;
      path = path === '' ? part : `${path}.${part}`;
    }
  };
  const checkValue = (node: hbs.AST.Node | undefined) => {
    if (!node) return;
    if (node.type === 'PathExpression') checkPath(node as hbs.AST.PathExpression);
    else if (node.type === 'SubExpression') checkCall(node as hbs.AST.SubExpression);
  };
  // A mustache or subexpression: `{{name}}` reads a variable unless `name` is a helper; with
  // arguments, it calls a helper (checkTemplate allows only known ones) whose arguments are read.
  const checkCall = (node: { path: hbs.AST.PathExpression | hbs.AST.Literal; params: hbs.AST.Expression[]; hash?: hbs.AST.Hash }) => {
    const isHelper = node.path.type === 'PathExpression' && HELPERS.has((node.path as hbs.AST.PathExpression).original);
    if (!isHelper && node.params.length === 0 && !node.hash) checkValue(node.path);
    for (const p of node.params) checkValue(p);
    for (const pair of node.hash?.pairs ?? []) checkValue(pair.value);
  };
  const walk = (program: hbs.AST.Program | undefined) => {
    for (const node of program?.body ?? []) {
      if (node.type === 'MustacheStatement') checkCall(node as hbs.AST.MustacheStatement);
      else if (node.type === 'BlockStatement') {
        const block = node as hbs.AST.BlockStatement;
        const helper = block.path.type === 'PathExpression' ? (block.path as hbs.AST.PathExpression).original : '';
        if (HELPERS.has(helper)) {
          for (const p of block.params) checkValue(p);
          for (const pair of block.hash?.pairs ?? []) checkValue(pair.value);
        } else {
          // `{{#name}}…{{/name}}` reads `name`, then renders its block with it as the context.
          checkValue(block.path);
        }
        if (HELPERS.has(helper) && !CONTEXT_CHANGING.has(helper)) walk(block.program);
        walk(block.inverse);
      }
    }
  };
  // Text with simple substitutions (plain-scan.ts) is checked without loading Handlebars.
  const plain = scanPlainTemplate(source);
  if (plain) for (const part of plain.parts) if (typeof part !== 'string') checkParts(part.segments, part.loc);
  if (!plain) walk(handlebars().parse(source));
  return found[0];
}
