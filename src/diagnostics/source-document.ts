import { findNodeAtLocation, parse as parseJsonc, parseTree, printParseErrorCode } from 'jsonc-parser';
import type { Node as JsonNode, ParseError as JsonParseError } from 'jsonc-parser';
import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import type { Document } from 'yaml';
import { unencodableProblem } from '../util/unicode.js';
import type { Diagnostics } from './diagnostic.js';
import { jsonShape, keyLikeCount, MAX_NESTING as MAX_DEPTH_CHECKED, scanJsonShape, TOO_DEEP, yamlShape } from './input-shape.js';

/** A path into a parsed document: object keys and array indexes. */
export type DocPath = readonly (string | number)[];

export interface Position {
  line: number;
  column: number;
}

/** Parsed input that can point back at the line and column of any value in it. */
export interface SourceDocument {
  readonly file: string;
  readonly data: unknown;
  /** Position of the value at `path` (or of its key, when `key` is set); the nearest ancestor if absent. */
  locate(path: DocPath, options?: { key?: boolean }): Position;
  /** Position of line `line` (1-based) inside the string value at `path`, e.g. a template's. */
  locateLine(path: DocPath, line: number): Position;
}

/** `alarms[0].period` for display. */
export function formatPath(path: DocPath): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(part)) out += out === '' ? part : `.${part}`;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out;
}

/**
 * Parses YAML (1.2, unique keys, bounded aliases and nesting); syntax errors become
 * diagnostics, a duplicate key names where the first one is.
 */
export function parseYamlSource(file: string, text: string, diags: Diagnostics): SourceDocument | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true });
  const at = (offset: number) => {
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };
  const where = (offset: number) => {
    const pos = at(offset);
    return `line ${pos.line}, column ${pos.column}`;
  };
  const duplicates = new Set(doc.errors.filter((e) => e.code === 'DUPLICATE_KEY').map((e) => e.pos[0]));
  const shape = yamlShape(doc, duplicates, where);
  for (const p of shape) diags.error(p.message, { file, ...at(p.offset) });
  const described = new Set(shape.map((p) => p.offset));
  const tooDeep = shape.some((p) => p.message === TOO_DEEP);
  for (const e of doc.errors) {
    if (e.code === 'DUPLICATE_KEY' && described.has(e.pos[0])) continue;
    // The parser catches its own stack overflow: that is the depth, said once.
    const overflow = e.code === 'RESOURCE_EXHAUSTION' && /call stack/i.test(e.message);
    if (overflow && tooDeep) continue;
    diags.error(overflow ? TOO_DEEP : firstLine(e.message), { file, ...at(e.pos[0]) });
  }
  if (doc.errors.length > 0 || shape.length > 0) return undefined;
  let data: unknown;
  try {
    // A bounded alias count defuses "billion laughs" documents.
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    diags.error((e as Error).message, { file, line: 1, column: 1 });
    return undefined;
  }
  const locate = (path: DocPath, options?: { key?: boolean }) => locateYaml(doc, lineCounter, path, options?.key ?? false);
  return {
    file,
    data,
    locate,
    locateLine(path, line) {
      const start = locate(path);
      // A block scalar's text starts on the line after its `|` or `>` header.
      const block = isBlockScalar(doc.getIn(path as unknown[], true));
      if (!block && line <= 1) return start;
      return { line: start.line + (block ? line : line - 1), column: 1 };
    },
  };
}

function isBlockScalar(node: unknown): boolean {
  return isScalar(node) && (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED');
}

function locateYaml(doc: Document, lc: LineCounter, path: DocPath, key: boolean): Position {
  // Walk down as far as the path exists, so a missing key points at its parent.
  let node: unknown = doc.contents;
  let offset = rangeStart(node) ?? 0;
  for (let i = 0; i < path.length; i++) {
    const part = path[i]!;
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === part);
      if (!pair) break;
      if (last && key) {
        offset = rangeStart(pair.key) ?? offset;
        break;
      }
      node = pair.value;
    } else if (node && typeof node === 'object' && 'items' in node && typeof part === 'number') {
      const items = (node as { items: unknown[] }).items;
      if (part >= items.length) break;
      node = items[part];
    } else {
      break;
    }
    offset = rangeStart(node) ?? offset;
  }
  const pos = lc.linePos(offset);
  return { line: pos.line, column: pos.col };
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as { range?: [number, number, number] } | null)?.range;
  return range?.[0];
}

/**
 * Parses what the AWS CLI prints, in either of its structured output formats: JSON (its
 * default, `--output json`), or YAML (`--output yaml`). Text that starts with `{` or `[` (after
 * white space) is JSON, and gets the JSON parser's diagnostics; anything else is read as YAML.
 */
export function parseAwsCliOutput(file: string, text: string, diags: Diagnostics): SourceDocument | undefined {
  return /^\s*[{[]/.test(text) || text.trim() === '' ? parseJsonSource(file, text, diags) : parseYamlSource(file, text, diags);
}

/**
 * Parses JSON with the fast native parser; positions are computed only when asked for (on
 * errors), from a second, location-aware parse. A key given twice in one object (which
 * JSON.parse would settle silently by keeping the last) and nesting beyond the limit are
 * errors at their position.
 */
export function parseJsonSource(file: string, text: string, diags: Diagnostics): SourceDocument | undefined {
  let lines: number[] | undefined;
  const at = (offset: number) => offsetToPosition((lines ??= lineStarts(text)), offset);
  const where = (offset: number) => {
    const pos = at(offset);
    return `line ${pos.line}, column ${pos.column}`;
  };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    // The location-aware parser recurses: measure the depth first, without recursion.
    const deep = scanJsonShape(text, where).find((p) => p.message === TOO_DEEP);
    if (deep) {
      diags.error(deep.message, { file, ...at(deep.offset) });
      return undefined;
    }
    const errors: JsonParseError[] = [];
    parseJsonc(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
    const first = errors[0];
    diags.error(`invalid JSON: ${first ? printParseErrorCode(first.error) : 'unexpected content'}`, { file, ...at(first?.offset ?? 0) });
    return undefined;
  }
  // Scanning for duplicates costs about what parsing does; it is needed only when the text
  // has more places that could be keys than the parsed objects have keys (or a number overflowed).
  const shape = jsonShape(data);
  if (shape.depth > MAX_DEPTH_CHECKED || shape.overflows > 0 || keyLikeCount(text) > shape.keys) {
    const problems = scanJsonShape(text, where);
    for (const p of problems) diags.error(p.message, { file, ...at(p.offset) });
    if (problems.length > 0) return undefined;
  }
  let tree: JsonNode | undefined;
  return {
    file,
    data,
    locateLine(path) {
      // JSON strings are single-line: every line of a template is on the value's line.
      return this.locate(path);
    },
    locate(path, options) {
      tree ??= parseTree(text);
      let node: JsonNode | undefined;
      for (let n = path.length; n >= 0 && !node; n--) node = tree && findNodeAtLocation(tree, [...path.slice(0, n)]);
      let offset = node?.offset ?? 0;
      if (options?.key && node?.parent?.type === 'property') offset = node.parent.offset;
      return at(offset);
    },
  };
}

/**
 * Reports each key and string of a platform-team file (config, blueprint) that no output
 * could hold: JSON and YAML escapes can spell a lone surrogate (`"\ud800"`), which has no
 * UTF-8 form. Returns whether there was none.
 */
export function checkEncodableText(doc: SourceDocument, diags: Diagnostics): boolean {
  let ok = true;
  const stack: [unknown, DocPath][] = [[doc.data, []]];
  // A JavaScript config is any object graph, cycles included.
  const seen = new Set<object>();
  while (stack.length > 0) {
    const [value, path] = stack.pop()!;
    if (value !== null && typeof value === 'object') {
      if (seen.has(value)) continue;
      seen.add(value);
    }
    if (typeof value === 'string') {
      const problem = unencodableProblem(value);
      if (problem) diags.error(`${formatPath(path) || '(document)'}: ${problem}`, { file: doc.file, ...doc.locate(path) });
      ok &&= problem === undefined;
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => stack.push([v, [...path, i]]));
    } else if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        const problem = unencodableProblem(k);
        if (problem) diags.error(`${formatPath(path) || '(document)'}: a key is ${problem}`, { file: doc.file, ...doc.locate([...path, k], { key: true }) });
        ok &&= problem === undefined;
        stack.push([v, [...path, k]]);
      }
    }
  }
  return ok;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function offsetToPosition(starts: number[], offset: number): Position {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo]! + 1 };
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.trim();
}
