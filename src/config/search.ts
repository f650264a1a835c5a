import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

export const MODULE = 'obsgen';

/** Where cosmiconfig looks, in order, in the working directory. */
export const CONFIG_SEARCH_PLACES = [
  'package.json',
  `${MODULE}.config.yaml`,
  `${MODULE}.config.yml`,
  `${MODULE}.config.json`,
  `${MODULE}.config.js`,
  `${MODULE}.config.mjs`,
  `${MODULE}.config.cjs`,
  `.${MODULE}rc`,
  `.${MODULE}rc.json`,
  `.${MODULE}rc.yaml`,
  `.${MODULE}rc.yml`,
  `.${MODULE}rc.js`,
  `.${MODULE}rc.mjs`,
  `.${MODULE}rc.cjs`,
];

/**
 * Where cosmiconfig 9 looks for its own options (its "meta config"), in the process's working
 * directory: one there may change where and how it searches. The tests hold this list to
 * cosmiconfig's.
 */
export const COSMICONFIG_META_PLACES = [
  'package.json',
  'package.yaml',
  '.config/config.json',
  '.config/config.yaml',
  '.config/config.yml',
  '.config/config.js',
  '.config/config.ts',
  '.config/config.cjs',
  '.config/config.mjs',
];

/** A config file obsgen parses itself (YAML or JSON; `.obsgenrc` is YAML), not JavaScript. */
export function isDataFile(file: string): boolean {
  return /\.(ya?ml|json)$/.test(file) || basename(file) === `.${MODULE}rc`;
}

/**
 * The config file a search of `cwd` finds, when it is one obsgen reads itself; `'none'` when the
 * search finds nothing (the defaults apply); undefined when cosmiconfig must search.
 *
 * cosmiconfig is loaded only for what needs it: loading it (with its YAML parser, js-yaml) is
 * ~15 ms CPU of a run, which otherwise reads one YAML file (a one-resource run is ~0.35 s). This
 * answers only where its answer is certain to be cosmiconfig's: the first search place that is a
 * readable, non-empty file, skipping a package.json without an `obsgen` key as cosmiconfig does,
 * and treating as missing what cosmiconfig treats as missing. Anything else (a package.json with
 * the key, a JavaScript config, a file it cannot read for another reason, cosmiconfig's own
 * options in the process's working directory) is left to cosmiconfig.
 */
export function searchedDataFile(cwd: string): string | 'none' | undefined {
  if (COSMICONFIG_META_PLACES.some((place) => metaConfigAt(join(process.cwd(), place)))) return undefined;
  for (const place of CONFIG_SEARCH_PLACES) {
    const text = readIfThere(join(cwd, place));
    if (text === undefined) continue;
    if (text === null) return undefined;
    if (place === 'package.json') {
      if (hasKey(text, MODULE) === false) continue;
      return undefined;
    }
    if (!isDataFile(place)) return undefined;
    // cosmiconfig skips an empty file it finds by searching.
    if (text.trim() === '') continue;
    return join(cwd, place);
  }
  return 'none';
}

/** Whether cosmiconfig could read options of its own at `path`: a package.json only with a `cosmiconfig` key. */
function metaConfigAt(path: string): boolean {
  const text = readIfThere(path);
  if (text === undefined) return false;
  return text === null || basename(path) !== 'package.json' || hasKey(text, 'cosmiconfig') !== false;
}

/** Whether JSON text is an object with `key`; undefined when it is not JSON. */
function hasKey(text: string, key: string): boolean | undefined {
  try {
    const value = JSON.parse(text) as unknown;
    return value !== null && typeof value === 'object' && Object.hasOwn(value, key);
  } catch {
    return undefined;
  }
}

/** A file's text; undefined where cosmiconfig's search counts it missing, null for any other error. */
function readIfThere(path: string): string | null | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR' || code === 'EACCES' ? undefined : null;
  }
}
