import { createScanner } from 'jsonc-parser';
import type { SyntaxKind } from 'jsonc-parser';
import { isMap, isPair, isScalar, isSeq } from 'yaml';
import type { Document } from 'yaml';

/**
 * How deep any input document may nest. Every obsgen input is a few levels deep (an
 * inventory five, a blueprint eight); the limit keeps hostile or broken files from
 * overflowing the stack of the recursive code that reads them (schema checks, position
 * look-ups, hashing) and turns them into one clear error instead.
 */
export const MAX_NESTING = 64;

// jsonc-parser's token kinds (a `const enum` in its types, which isolated modules cannot read).
const TOKEN = {
  openBrace: 1 as SyntaxKind.OpenBraceToken,
  closeBrace: 2 as SyntaxKind.CloseBraceToken,
  openBracket: 3 as SyntaxKind.OpenBracketToken,
  closeBracket: 4 as SyntaxKind.CloseBracketToken,
  comma: 5 as SyntaxKind.CommaToken,
  string: 10 as SyntaxKind.StringLiteral,
  number: 11 as SyntaxKind.NumericLiteral,
  eof: 17 as SyntaxKind.EOF,
};

export const TOO_DEEP = `nested more than ${MAX_NESTING} levels deep`;

/** A problem in a document's text, at a character offset. */
export interface ShapeProblem {
  offset: number;
  message: string;
}

/**
 * Depth (containers, the top one counting 1), number of object keys, and numbers too large
 * for a double (JSON.parse reads `1e999` as Infinity, silently) of parsed JSON, walked
 * without recursion.
 */
export function jsonShape(data: unknown): { depth: number; keys: number; overflows: number } {
  let depth = 0;
  let keys = 0;
  let overflows = typeof data === 'number' && !Number.isFinite(data) ? 1 : 0;
  const stack: [unknown, number][] = [[data, 1]];
  while (stack.length > 0) {
    const [value, level] = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (level > depth) depth = level;
    if (depth > MAX_NESTING) break;
    const children = Array.isArray(value) ? value : Object.values(value as object);
    if (!Array.isArray(value)) keys += children.length;
    for (const child of children) {
      if (child !== null && typeof child === 'object') stack.push([child, level + 1]);
      else if (typeof child === 'number' && !Number.isFinite(child)) overflows++;
    }
  }
  return { depth, keys, overflows };
}

/** How many places in JSON text could be an object key (a string closed before a colon): at least the real keys. */
export function keyLikeCount(text: string): number {
  const re = /"\s*:/g;
  let n = 0;
  while (re.exec(text)) n++;
  return n;
}

/**
 * JSON text's first container nested deeper than the limit, and every key that repeats one
 * of the same object (JSON.parse would silently keep the last), with where the first was.
 * A token scan, not a recursive parse: it is safe on any depth.
 */
export function scanJsonShape(text: string, position: (offset: number) => string): ShapeProblem[] {
  const problems: ShapeProblem[] = [];
  const scanner = createScanner(text, true);
  // One frame per open container: an object's keys so far, or null for an array.
  const stack: { keys: Map<string, number> | null; expectKey: boolean }[] = [];
  for (let token = scanner.scan(); token !== TOKEN.eof; token = scanner.scan()) {
    const top = stack.at(-1);
    switch (token) {
      case TOKEN.openBrace:
      case TOKEN.openBracket:
        if (stack.length === MAX_NESTING) {
          problems.push({ offset: scanner.getTokenOffset(), message: TOO_DEEP });
          return problems;
        }
        stack.push({ keys: token === TOKEN.openBrace ? new Map() : null, expectKey: true });
        break;
      case TOKEN.closeBrace:
      case TOKEN.closeBracket:
        stack.pop();
        break;
      case TOKEN.comma:
        if (top) top.expectKey = true;
        break;
      case TOKEN.string:
        if (top?.keys && top.expectKey) {
          const key = scanner.getTokenValue();
          const offset = scanner.getTokenOffset();
          const first = top.keys.get(key);
          if (first === undefined) top.keys.set(key, offset);
          else problems.push({ offset, message: duplicateKeyMessage(key, position(first)) });
        }
        if (top) top.expectKey = false;
        break;
      case TOKEN.number: {
        const literal = scanner.getTokenValue();
        if (!Number.isFinite(Number(literal))) problems.push({ offset: scanner.getTokenOffset(), message: overflowMessage(literal) });
        if (top) top.expectKey = false;
        break;
      }
      default:
        if (top) top.expectKey = false;
    }
  }
  return problems;
}

/** The message for a number no double can hold. */
export function overflowMessage(literal: string): string {
  return `number ${literal} is too large (the largest a double holds is about 1.8e308)`;
}

/** The message for a key given twice in one mapping. */
export function duplicateKeyMessage(key: string, first: string): string {
  return `duplicate key ${JSON.stringify(key)} (first at ${first})`;
}

/**
 * A YAML document's collections nested deeper than the limit, and each duplicate key with
 * the key it repeats (the parser reports only the second). Walked without recursion.
 */
export function yamlShape(doc: Document, duplicateAt: ReadonlySet<number>, position: (offset: number) => string): ShapeProblem[] {
  const problems: ShapeProblem[] = [];
  const stack: [unknown, number][] = [[doc.contents, 1]];
  while (stack.length > 0) {
    const [node, level] = stack.pop()!;
    if (isMap(node) || isSeq(node)) {
      if (level > MAX_NESTING) {
        problems.push({ offset: node.range?.[0] ?? 0, message: TOO_DEEP });
        break;
      }
      if (isMap(node) && duplicateAt.size > 0) problems.push(...repeatedKeys(node.items, duplicateAt, position));
      for (const item of node.items) {
        if (isPair(item)) stack.push([item.key, level + 1], [item.value, level + 1]);
        else stack.push([item, level + 1]);
      }
    }
  }
  return problems;
}

function repeatedKeys(pairs: readonly unknown[], duplicateAt: ReadonlySet<number>, position: (offset: number) => string): ShapeProblem[] {
  const out: ShapeProblem[] = [];
  const seen: { key: unknown; offset: number }[] = [];
  for (const pair of pairs) {
    if (!isPair(pair)) continue;
    const offset = (pair.key as { range?: [number, number, number] } | null)?.range?.[0];
    // The same comparison as the parser's `uniqueKeys`: identical nodes, or scalars with equal values.
    const same = (other: unknown) => other === pair.key || (isScalar(other) && isScalar(pair.key) && other.value === pair.key.value);
    const first = seen.find((s) => same(s.key));
    if (first && offset !== undefined && duplicateAt.has(offset)) {
      const label = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      out.push({ offset, message: duplicateKeyMessage(label, position(first.offset)) });
    } else if (!first && offset !== undefined) {
      seen.push({ key: pair.key, offset });
    }
  }
  return out;
}
