import type { Diagnostics, Location } from '../diagnostics/diagnostic.js';
import { formatPath } from '../diagnostics/source-document.js';
import type { DocPath, SourceDocument } from '../diagnostics/source-document.js';
import type { Arn } from './arn.js';
import { found } from './service.js';
import type { ResourceType } from './service.js';
import { compileArnPattern, fill, pieces, unknownPart } from './arn-pattern.js';
import type { PatternProblem, Piece } from './arn-pattern.js';

/** A resource type as a platform team declares it (schemas/resource-types.schema.json). */
export interface TypeDeclaration {
  id: string;
  label?: string;
  /** `arn:${Partition}:ec2:${Region}:${Account}:natgateway/${NatGatewayId}` */
  arn: string;
  /** Regular expressions for named parts that are not one segment. */
  parts?: Record<string, string>;
  name: string;
  namespace: string;
  dimensions: Record<string, string>;
  taggingFilter?: string;
  /** An ARN of the type and what recognising it must give, checked on every run. */
  example: { arn: string; name?: string; dimensions?: Record<string, string> };
}

/** A declared type, compiled, with where it was declared (for the checks that need every type). */
export interface DeclaredType {
  type: ResourceType;
  declaration: TypeDeclaration;
  /** Where a key of the declaration is, for diagnostics. */
  at(path: DocPath): Location;
}

/**
 * Compiles the declaration at `path` of a document (already valid against the schema); undefined,
 * with diagnostics at the offending key, when it is not sound.
 */
export function compileDeclaration(doc: SourceDocument, path: DocPath, diags: Diagnostics): DeclaredType | undefined {
  const d = doc.data === undefined ? undefined : (dig(doc.data, path) as TypeDeclaration);
  if (!d) return undefined;
  const at = (sub: DocPath): Location => ({ file: doc.file, ...doc.locate([...path, ...sub]), path: formatPath([...path, ...sub]) });
  let sound = true;
  const fail = (sub: DocPath, problem: PatternProblem) => {
    sound = false;
    diags.error(`${problem.message}${problem.column === undefined ? '' : `, at column ${problem.column} of the text`}`, at(sub));
  };

  const partPatterns: Record<string, RegExp> = {};
  for (const [name, source] of Object.entries(d.parts ?? {})) {
    try {
      partPatterns[name] = new RegExp(source);
    } catch (e) {
      fail(['parts', name], { message: `invalid regular expression: ${(e as Error).message}` });
    }
  }
  const pattern = compileArnPattern(d.arn, partPatterns);
  if ('message' in pattern) {
    fail(['arn'], pattern);
    return undefined;
  }
  for (const name of Object.keys(d.parts ?? {})) {
    if (!pattern.parts.includes(name)) fail(['parts', name], { message: `the ARN pattern has no part "\${${name}}"` });
  }
  const template = (text: string, sub: DocPath): Piece[] | undefined => {
    const split = pieces(text);
    const problem = Array.isArray(split) ? unknownPart(split, pattern.parts) : split;
    if (problem) fail(sub, problem);
    return Array.isArray(split) && !problem ? split : undefined;
  };
  const name = template(d.name, ['name']);
  const namespace = template(d.namespace, ['namespace']);
  const dimensions = Object.entries(d.dimensions).map(([dim, text]) => [dim, template(text, ['dimensions', dim])] as const);
  if (!sound || !name || !namespace || dimensions.some(([, t]) => !t)) return undefined;

  const fixedNamespace = namespace.every((p) => 'text' in p);
  const type: ResourceType = {
    id: d.id,
    label: d.label ?? d.id,
    service: pattern.service,
    taggingFilter: d.taggingFilter ?? d.id,
    namespace: d.namespace,
    docs: { arn: `\`${pattern.resource}\``, dimensions: Object.keys(d.dimensions).join(', ') },
    recognise(arn: Arn) {
      const m = pattern.regex.exec(arnText(arn));
      if (!m?.groups) return undefined;
      const values = m.groups;
      return found(
        fill(name, values),
        dimensions.map(([dim, t]) => [dim, fill(t!, values)]),
        fixedNamespace ? {} : { namespace: fill(namespace, values) },
      );
    },
  };
  return { type, declaration: d, at };
}

function arnText(arn: Arn): string {
  return `arn:${arn.partition}:${arn.service}:${arn.region}:${arn.account}:${arn.resource}`;
}

function dig(data: unknown, path: DocPath): unknown {
  let node = data;
  for (const key of path) node = (node as Record<string | number, unknown> | undefined)?.[key];
  return node;
}
