import { readFileSync } from 'node:fs';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { Diagnostics } from '../diagnostics/diagnostic.js';
import { parseYamlSource } from '../diagnostics/source-document.js';
import type { DocPath, SourceDocument } from '../diagnostics/source-document.js';
import { sha256 } from '../util/hash.js';
import type { Blueprint } from './types.js';

/*
 * The built-in blueprints, checked once when obsgen is built rather than on every run.
 *
 * Parsing and checking the ~30 built-in blueprint files (YAML with positions, the JSON Schema,
 * a Handlebars compile of every template) was about half the CPU of a one-resource run
 * (issue #21: 53% of 1.26 s). `npm run build` runs the full check (`parseBlueprint`) over each
 * of them and writes what it made, with the diagnostics it gave, to `PRECOMPILED_FILE`; a run
 * takes a built-in file's result from there when the file's text has the same SHA-256, and
 * parses it as before otherwise (a user's own blueprints always). Positions are kept lazily: a
 * precompiled blueprint's source document parses the file's text only if something asks where
 * a value was written (a template that fails for one resource), so every message is the same.
 *
 * Measured on the built CLI (CPU of the whole process, user + system, on a loaded 2-CPU
 * machine): `generate` over a one-resource inventory 0.95 -> 0.41 s with commands already
 * loaded lazily; reading this file and reviving the blueprints takes under 10 ms of it.
 * With both (`npm run bench -- --baseline <main>`, start-up part, median of 5, interleaved):
 * generate (both formats) 1.20 -> 0.57 s, validate 1.28 -> 0.42 s, inventory 1.24 -> 0.51 s.
 */

/** A blueprint file's text (as `BlueprintSource` in load.ts, which imports this module). */
interface BlueprintSource {
  file: string;
  text: string;
  builtin: boolean;
}

/** Beside the compiled loader: `dist/blueprints/`. */
export const PRECOMPILED_FILE = 'builtin-blueprints.json';

/** One built-in file's result, keyed by the SHA-256 of its text. */
interface Entry {
  /** The Blueprint, `at` and regular expressions encoded (see `encode`); without `file` and `sha256`. */
  blueprint: unknown;
  /** What checking it reported (warnings only: an error fails the build), without the file. */
  diagnostics: Omit<Diagnostic, 'file'>[];
}

/** Precompiled built-in blueprints: what `npm run build` writes. */
export interface Precompiled {
  version: 1;
  entries: Record<string, Entry>;
}

/**
 * Checks each source with `parse` (the full path: `parseBlueprint`) and encodes what it made.
 * Throws with the diagnostics when one of them has an error, and when a blueprint holds a value
 * the encoding would not bring back exactly.
 */
export function precompileBlueprints(sources: readonly BlueprintSource[], parse: (source: BlueprintSource, diags: Diagnostics) => Blueprint | undefined): Precompiled {
  const entries: Record<string, Entry> = {};
  for (const source of sources) {
    const diags = new Diagnostics();
    const blueprint = parse(source, diags);
    if (!blueprint || diags.hasErrors) {
      throw new Error(`built-in blueprint ${source.file} is invalid:\n${diags.items.map((d) => `${d.file ?? source.file}:${d.line ?? 1}:${d.column ?? 1}: ${d.severity}: ${d.message}`).join('\n')}`);
    }
    const { file: _file, sha256: _sha, ...rest } = blueprint;
    const encoded = JSON.parse(JSON.stringify(encode(rest, [])));
    // What a run will make of it must be what the full path made.
    const back = revive(encoded, lazyDocument(source.file, source.text));
    const same = JSON.stringify(encode(back, [])) === JSON.stringify(encoded);
    if (!same) throw new Error(`built-in blueprint ${source.file}: its precompiled form does not read back the same`);
    entries[sha256(source.text)] = { blueprint: encoded, diagnostics: diags.items.map(({ file: _f, ...d }) => d) };
  }
  return { version: 1, entries };
}

let loaded: Precompiled | null | undefined;

/** The precompiled built-ins beside this module, or undefined when there are none (running from the sources). */
export function precompiledBuiltins(): Precompiled | undefined {
  if (loaded === undefined) {
    try {
      const data = JSON.parse(readFileSync(new URL(`./${PRECOMPILED_FILE}`, import.meta.url), 'utf8')) as Precompiled;
      loaded = data.version === 1 ? data : null;
    } catch {
      loaded = null;
    }
  }
  return loaded ?? undefined;
}

/**
 * A built-in source's blueprint from the precompiled set, its diagnostics added to `diags`;
 * undefined when the set has no entry for this text (then the caller parses it).
 */
export function fromPrecompiled(set: Precompiled, source: BlueprintSource, textSha256: string, diags: Diagnostics): Blueprint | undefined {
  const entry = set.entries[textSha256];
  if (!entry) return undefined;
  for (const d of entry.diagnostics) diags.add({ ...d, file: source.file });
  const body = revive(entry.blueprint, lazyDocument(source.file, source.text)) as Omit<Blueprint, 'file' | 'sha256'>;
  return { ...body, file: source.file, sha256: textSha256 } as Blueprint;
}

/**
 * JSON for a blueprint: a `SpecRef` (`at: { doc, path }`) becomes `{ $at: path }` (every one
 * of a blueprint points into its own file), a RegExp `{ $regexp, flags }`. Anything JSON would
 * not bring back as it was (undefined, functions, class instances) is refused.
 */
function encode(value: unknown, path: DocPath): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || Object.is(value, -0)) throw new Error(`cannot precompile ${path.join('.')}: ${value}`);
    return value;
  }
  if (value instanceof RegExp) return { $regexp: value.source, flags: value.flags };
  if (Array.isArray(value)) return value.map((v, i) => encode(v, [...path, i]));
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === 'at' && isSpecRef(v)) out[k] = { $at: v.path };
      else if (k.startsWith('$')) throw new Error(`cannot precompile ${[...path, k].join('.')}: a key starting with $`);
      else if (v === undefined) throw new Error(`cannot precompile ${[...path, k].join('.')}: undefined`);
      else out[k] = encode(v, [...path, k]);
    }
    return out;
  }
  throw new Error(`cannot precompile ${path.join('.')}: ${typeof value === 'object' ? Object.getPrototypeOf(value)?.constructor?.name : typeof value}`);
}

function isSpecRef(v: unknown): v is { doc: SourceDocument; path: DocPath } {
  return typeof v === 'object' && v !== null && 'doc' in v && 'path' in v && Array.isArray((v as { path: unknown }).path);
}

function revive(value: unknown, doc: SourceDocument): unknown {
  if (Array.isArray(value)) return value.map((v) => revive(v, doc));
  if (typeof value !== 'object' || value === null) return value;
  const o = value as Record<string, unknown>;
  if (Array.isArray(o['$at'])) return { doc, path: o['$at'] };
  if (typeof o['$regexp'] === 'string') return new RegExp(o['$regexp'], o['flags'] as string);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) out[k] = revive(v, doc);
  return out;
}

/**
 * A blueprint file's source document whose YAML is parsed on first use: positions are needed
 * only for a diagnostic, and the text parsed cleanly at build time.
 */
function lazyDocument(file: string, text: string): SourceDocument {
  let doc: SourceDocument | undefined;
  const parsed = (): SourceDocument => {
    if (!doc) {
      const diags = new Diagnostics();
      const d = parseYamlSource(file, text, diags);
      if (!d) throw new Error(`internal error: built-in blueprint ${file} no longer parses: ${diags.items.map((x) => x.message).join('; ')}`);
      doc = d;
    }
    return doc;
  };
  return {
    file,
    get data() {
      return parsed().data;
    },
    locate: (path, options) => parsed().locate(path, options),
    locateLine: (path, line) => parsed().locateLine(path, line),
  };
}
