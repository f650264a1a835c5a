import { createHash } from 'node:crypto';
import { compare } from '../util/compare.js';
import { sha256 } from '../util/hash.js';
import type { FileContent, FileRecord, FileSink } from './files.js';

/*
 * Rendering only the files a change touches (issue #21, 1b).
 *
 * Each file a target can key is rendered by a function of explicit arguments: the model items it
 * prints, the names (addresses, logical ids) other files agree on, and the options it reads. Its
 * render key is the SHA-256 of the tool version, the target, the file's path and a canonical
 * serialisation of those arguments. The manifest records each file's key beside its hashes.
 *
 * A later run whose key for a file equals the recorded one, and whose output folder still holds
 * that file with its recorded hash (XXH64: util/xxh64.ts), hands the sink the file as it is instead of rendering it.
 * This is sound when the render reads nothing but its arguments and the module's constants: equal
 * keys then mean equal arguments (the serialisation is injective: see `canonical`), equal
 * arguments mean equal bytes, and the recorded hash says the folder holds those bytes. The
 * constants are covered by the tool version, which names the code only in a packed obsgen: as
 * for the unchanged-run fast path, reuse is off in a source checkout unless OBSGEN_INCREMENTAL=1
 * says the build has not changed (pipeline/unchanged.ts).
 *
 * A file without a key (small files over the whole estate: MONITORING.md, THRESHOLDS.md, a
 * module's README, variables.tf) is always rendered. Keys are always computed and recorded,
 * whether or not this run may reuse anything, so the manifest (and so the output folder) is the
 * same byte for byte whichever way each file came about.
 *
 * What the keys do not cover: a manifest edited by hand to pair a key with the hash of a file
 * that is not its rendering. Its lines are written together, one file per line, so a merge keeps
 * each pair as one run wrote it; a forged pair is not something a key can defend against.
 */

/** A file as the previous run recorded it: its render key and its hashes. */
export interface RecordedFile {
  render: string;
  sha256: string;
  xxh64: string;
}

/** Files the previous run recorded with a render key, by path; what this run may keep. */
export type Reusable = ReadonlyMap<string, RecordedFile>;

/**
 * Where keyed files go: rendered to the sink, or kept as they are when their key is the
 * recorded one. Collects every key it is given (recorded in the manifest) and counts what it did.
 */
export class Renders {
  /** This run's render key of each keyed file, by path. */
  readonly keys = new Map<string, string>();
  rendered = 0;
  kept = 0;

  constructor(
    /** The tool version, in every key. */
    readonly tool: string,
    /** The previous run's keyed files; undefined when this run may not reuse any. */
    private readonly reusable: Reusable | undefined,
  ) {}

  /**
   * The file at `path`: kept when its key (over `args`, for `target`) is the one recorded and
   * the sink still has it with its recorded hash; otherwise `render`ed. `args` must hold every
   * input of `render` besides module constants.
   */
  file<F extends FileRecord>(sink: FileSink<F>, target: string, path: string, args: unknown, render: () => FileContent): F {
    const key = this.key(target, path, args);
    this.keys.set(path, key);
    const recorded = this.reusable?.get(path);
    if (recorded && recorded.render === key && sink.keep) {
      const kept = sink.keep(path, recorded);
      if (kept) {
        this.kept++;
        return kept;
      }
    }
    this.rendered++;
    return sink.put(path, render());
  }

  /**
   * Files rendered together from one set of arguments: `first`, and the others `render` makes,
   * all under `under` (an application's page, and the parts of it that did not fit on it). The
   * first is keyed as `file` keys it; each other by that key and its path. When the first's key
   * is the recorded one, the previous run rendered the same files from the same arguments: the
   * files it recorded under `under` are those to keep, and when every one of them is kept nothing
   * is rendered. Otherwise all are rendered at once and those not kept are put (a kept file has
   * the bytes the render gives it: the same arguments).
   */
  files<F extends FileRecord>(sink: FileSink<F>, target: string, first: string, under: string, args: unknown, render: () => [path: string, content: FileContent][]): F[] {
    const key = this.key(target, first, args);
    const keyOf = (path: string) => (path === first ? key : sha256(`${key}\n${path}`));
    const kept = new Map<string, F>();
    const recorded = this.reusable;
    if (recorded?.get(first)?.render === key && sink.keep) {
      const members = [first, ...[...recorded.keys()].filter((p) => p.startsWith(under)).sort(compare)];
      for (const path of members) {
        const r = recorded.get(path)!;
        const file = r.render === keyOf(path) ? sink.keep(path, r) : undefined;
        if (file) kept.set(path, file);
      }
      if (kept.size === members.length) {
        for (const path of members) this.keys.set(path, keyOf(path));
        this.kept += kept.size;
        return [...kept.values()];
      }
    }
    const made = render();
    const paths = new Set(made.map(([path]) => path));
    for (const path of kept.keys()) {
      if (!paths.has(path)) throw new Error(`internal error: ${path} was recorded as rendered with ${first} from the same arguments, and is not`);
    }
    return made.map(([path, content]) => {
      if (path !== first && !path.startsWith(under)) throw new Error(`internal error: ${path} is rendered with ${first} but not under ${under}`);
      this.keys.set(path, keyOf(path));
      const file = kept.get(path);
      if (file) {
        this.kept++;
        return file;
      }
      this.rendered++;
      return sink.put(path, content);
    });
  }

  /** Whether this run may keep files (and take recorded facts, such as a unit's size, by key). */
  get reusing(): boolean {
    return this.reusable !== undefined;
  }

  /** A file's render key. */
  key(target: string, path: string, args: unknown): string {
    return createHash('sha256').update(`obsgen render key\n${this.tool}\n${target}\n${path}\n`).update(canonical(args)).digest('hex');
  }
}

/** The previous manifest's keyed files, by path. */
export function reusableFiles(files: readonly { path: string; sha256: string; xxh64?: string; render?: string }[]): Reusable {
  const out = new Map<string, RecordedFile>();
  for (const f of files) {
    if (typeof f.render === 'string' && typeof f.sha256 === 'string' && typeof f.xxh64 === 'string') out.set(f.path, { render: f.render, sha256: f.sha256, xxh64: f.xxh64 });
  }
  return out;
}

// Tags for values JSON cannot tell apart from others. A string of the input that starts with
// the tag character is escaped (the character doubled), so no string can pass for a tagged value.
const TAG = '\u0000';

/**
 * A canonical, injective text of plain data (objects, arrays, strings, numbers, booleans, null):
 * JSON, except that `undefined` (as a property or an array element), -0, NaN and the infinities
 * are written as tagged strings instead of being dropped or merged with others (`JSON.stringify`
 * writes -0 as 0, NaN as null and drops undefined properties). Key order is kept as it is: the
 * emitters build objects in a fixed order, and another order gives another key (a needless
 * render, never a wrong reuse). Anything else throws: a class instance (a Map, or the HCL
 * writer's values) would lose what it is in JSON.
 */
export function canonical(value: unknown): string {
  // The replacer makes JSON.stringify take its slow path: with it, keys cost more than a third
  // of the emission of 10,000 resources. Almost all data needs none of its tags, and for such
  // data the replacer returns every value as it is: the same text, made natively.
  return plain(value) ? JSON.stringify(value) : (JSON.stringify(value, replacer) ?? `"${TAG}u"`);
}

/** Whether the replacer would return every value of `value` unchanged (and throw for none). */
function plain(value: unknown): boolean {
  switch (typeof value) {
    case 'string':
      return value.length === 0 || value.charCodeAt(0) !== 0;
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0);
    case 'boolean':
      return true;
    case 'object': {
      if (value === null) return true;
      if (Array.isArray(value)) {
        for (const item of value as unknown[]) if (!plain(item)) return false;
        return true;
      }
      const proto = Object.getPrototypeOf(value) as unknown;
      if (proto !== Object.prototype && proto !== null) return false;
      for (const key in value) if (!plain((value as Record<string, unknown>)[key])) return false;
      return true;
    }
    default:
      return false;
  }
}

function replacer(this: unknown, _key: string, value: unknown): unknown {
  switch (typeof value) {
    case 'string':
      return value.startsWith(TAG) ? TAG + value : value;
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0) ? value : `${TAG}n${String(Object.is(value, -0) ? '-0' : value)}`;
    case 'undefined':
      return `${TAG}u`;
    case 'function':
    case 'symbol':
    case 'bigint':
      throw new Error(`internal error: a render key over a ${typeof value}`);
    case 'object':
      if (value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) {
        throw new Error(`internal error: a render key over a ${(value as object).constructor.name}`);
      }
      return value;
    default:
      return value;
  }
}

const digests = new WeakMap<object, string>();

/**
 * A model item as the keyed files print it, so that its digest is the same run after run for the
 * same output. An alarm's threshold decision is built afresh by tuning, or read back from the
 * previous manifest when it is kept: the same decision, its objects' keys in another order. The
 * keyed files read its fields by name and never list them (thresholds.json does, and is rendered
 * every run), so the decision is taken as the manifest's JSON holds it (`asRecorded`); its `kept`
 * (whether this run kept the previous run's decision: yes on a second run, not on the first, for
 * the same output) only `obsgen explain` reads, so it is left out.
 */
function printed(item: object): object {
  const threshold = (item as { threshold?: { kept?: unknown } }).threshold;
  if (threshold === undefined) return item;
  const { kept: _kept, ...rest } = threshold;
  return { ...item, threshold: asRecorded(rest) };
}

/**
 * A decision as the manifest's JSON holds it: every object's keys in sorted order, and a number
 * that is not finite as null. A report's statistics of a series with no datapoints are NaN when
 * tuning makes them and null when read back: a scope whose discovery did not complete keeps its
 * decisions from the manifest, and its units' keys changed though not a byte of their files did
 * (seen on the live source). The keyed files print none of them: only the report has them, and
 * only the threshold documents (rendered every run) read it.
 *
 * The copies have no prototype, so that a key `__proto__` (in a decision read back from a
 * manifest) is a key like any other; their canonical text is that of `Object.fromEntries` over
 * the sorted entries, made without the entry arrays (sorting took 0.18 s of a 10,000-resource
 * first run that way).
 */
function asRecorded(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(asRecorded);
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (value === null || typeof value !== 'object') return value;
  const keys = Object.keys(value).sort(compare);
  const out = Object.create(null) as Record<string, unknown>;
  for (const k of keys) out[k] = asRecorded((value as Record<string, unknown>)[k]);
  return out;
}

/**
 * The SHA-256 of a model item's canonical text, computed once per item: the same alarm is in a
 * CloudFormation stack's, a Terraform file's and a page's key. Model items are not changed once
 * built (the stages after the model only read it), so the cached digest stays the item's.
 */
export function digest(item: object): string {
  let d = digests.get(item);
  if (d === undefined) {
    d = sha256(canonical(printed(item)));
    digests.set(item, d);
  }
  return d;
}
