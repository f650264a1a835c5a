/*
 * A declared resource type's ARN pattern, written as AWS's Service Authorization Reference
 * writes ARN formats, so a platform team can copy it from there:
 *
 *   arn:${Partition}:ec2:${Region}:${Account}:natgateway/${NatGatewayId}
 *
 * Each `${Name}` is a named part: it matches one field or path segment (no `:` or `/`), or what
 * its own regular expression under `parts` says. The service (the third field) is written
 * out: it is how an ARN finds the types that may recognise it.
 */
import { escapeRegExp } from '../util/regexp.js';

/** A piece of a pattern or template: literal text, or a named part. */
export type Piece = { text: string } | { part: string; column: number };

/** An ARN pattern, compiled. */
export interface ArnPattern {
  /** The ARN's service field, e.g. `ec2`. */
  service: string;
  /** The named parts, in order. */
  parts: string[];
  /** The resource field as written (for documentation), e.g. `natgateway/${NatGatewayId}`. */
  resource: string;
  regex: RegExp;
}

/** A problem with a pattern or template, at a column (1-based) of its text when known. */
export interface PatternProblem {
  message: string;
  column?: number;
}

const PART_NAME = /^[A-Za-z][A-Za-z0-9]*$/;

/** Splits text into literal text and `${Name}` parts. */
export function pieces(text: string): Piece[] | PatternProblem {
  const out: Piece[] = [];
  let at = 0;
  while (at < text.length) {
    const start = text.indexOf('${', at);
    if (start < 0) {
      out.push({ text: text.slice(at) });
      break;
    }
    if (start > at) out.push({ text: text.slice(at, start) });
    const end = text.indexOf('}', start);
    if (end < 0) return { message: 'a "${" is not closed by "}"', column: start + 1 };
    const name = text.slice(start + 2, end);
    if (!PART_NAME.test(name)) return { message: `"\${${name}}" is not a part name (letters and digits, starting with a letter)`, column: start + 1 };
    out.push({ part: name, column: start + 1 });
    at = end + 1;
  }
  return out;
}

/** Compiles an ARN pattern; `partPatterns` are the regular expressions some parts match instead of one segment. */
export function compileArnPattern(text: string, partPatterns: Readonly<Record<string, RegExp>>): ArnPattern | PatternProblem {
  const split = pieces(text);
  if (!Array.isArray(split)) return split;
  if (!text.startsWith('arn:')) return { message: 'an ARN pattern starts with "arn:"', column: 1 };
  // The fields are separated by the first five colons; part names hold none.
  const colons = [...text.matchAll(/:/g)].map((m) => m.index);
  if (colons.length < 5) return { message: 'an ARN pattern has six fields: arn:partition:service:region:account:resource' };
  const service = text.slice(colons[1]! + 1, colons[2]!);
  if (!/^[a-z0-9][a-z0-9-]*$/.test(service)) return { message: `the service (third field) must be written out, e.g. "ec2", not ${JSON.stringify(service)}`, column: colons[1]! + 2 };
  const resourceStart = colons[4]! + 1;

  const parts: string[] = [];
  let source = '^';
  for (const piece of split) {
    if ('text' in piece) {
      source += escapeRegExp(piece.text);
      continue;
    }
    if (parts.includes(piece.part)) return { message: `part "\${${piece.part}}" appears twice`, column: piece.column };
    parts.push(piece.part);
    const own = partPatterns[piece.part];
    // A part of the resource field stops at a path separator; one of the other fields, at the next colon.
    const segment = piece.column - 1 >= resourceStart ? '[^:/]+' : '[^:]+';
    source += `(?<${piece.part}>${own ? `(?:${own.source})` : segment})`;
  }
  return { service, parts, resource: text.slice(resourceStart), regex: new RegExp(`${source}$`) };
}

/** Fills a template's parts from those an ARN matched. */
export function fill(template: readonly Piece[], values: Readonly<Record<string, string>>): string {
  return template.map((p) => ('text' in p ? p.text : values[p.part]!)).join('');
}

/** The first part a template uses that the pattern does not name. */
export function unknownPart(template: readonly Piece[], parts: readonly string[]): PatternProblem | undefined {
  const unknown = template.find((p): p is Extract<Piece, { part: string }> => 'part' in p && !parts.includes(p.part));
  return unknown && { message: `unknown part "\${${unknown.part}}" (the ARN pattern names ${parts.map((p) => `\${${p}}`).join(', ') || 'none'})`, column: unknown.column };
}
