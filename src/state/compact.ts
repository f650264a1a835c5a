import { compare } from '../util/compare.js';
import { MANIFEST_VERSION } from './manifest.js';
import type { Manifest, ManifestAlarm, ManifestComposite, ManifestResource } from './manifest.js';
import { idScope } from '../resolve/identity.js';
import type { ScopedRecords } from './shards.js';

/*
 * The manifest's records as its files hold them (since version 6 each shard its scope's, see
 * `shards.ts`; from version 3 to 5 the one file all), and back. At 10,000 resources a manifest
 * that spells out every record in full runs to 45 MB, nine tenths of it alarms repeating what
 * the file already says elsewhere. The file leaves out what the reader can restore exactly, and
 * `expandRecords` restores it, so every caller gets the same `Manifest` as from a version 2
 * file (`read.ts`). What is left out:
 * - an alarm's or composite alarm's account and region: the first two parts of its id;
 * - a resource's account and region when its ARN holds them (S3's, for one, does not);
 * - an alarm's resource and its application when they are those of the resource whose id its
 *   own id begins with (`<resource id>/<blueprint alarm id>`, the way the ids are made). Version
 *   3 gave the resource as its index in `resources`: a resource added or removed then moved
 *   every later index, so one new Lambda function changed 35,736 of the 71,052 lines of a
 *   10,000-resource manifest (the #21 mix), which the nightly change had to show a reviewer.
 *   Its files are still read;
 * - an alarm's settings that are its group's. A group is a blueprint alarm in one scope, named
 *   by its alarms' id with the resource name as `*`; `alarmDefaults` holds, for each group of
 *   two alarms or more, the value most of them have of each setting (of the name, the prefix
 *   before `type/name/alarm id`). An alarm's line holds only the settings that differ from its
 *   group's (`null`: one its group has and it has not), so a change to one alarm is still one
 *   line, and a setting that changes for most of a group changes the group's line and those of
 *   the alarms it no longer fits;
 * - (version 5) an alarm's metric when it is its group's `metricTemplate` with the resource's
 *   name (its id's part between type and blueprint alarm id) for each `*`. Most metrics name
 *   their resource (`AWS/SQS ApproximateAgeOfOldestMessage {QueueName=orders} Maximum`), so no
 *   two alarms of a group share one, and version 4 wrote each in full: 12 of the 61 MB of a
 *   40,000-resource manifest, past the 50 MB over which GitHub warns at every push. A metric
 *   is made a template only when that is exact: it has no `*` of its own and names the
 *   resource. A group whose alarms mostly share a metric that names no resource (a math
 *   expression) keeps it as `metric`, as before.
 * Each is written out when it is not what the reader would restore (an id that does not start
 * with the scope, an ARN not among the resources), so the file never depends on how it was
 * built. The layout stays what `write.ts` makes it: one record per line, an alarm's found by
 * its id and its group's by the same id without the resource name.
 */

/** The settings an alarm may take from its group, in the order a `ManifestAlarm` has them. */
const SETTINGS = ['severity', 'metric', 'period', 'evaluationPeriods', 'datapointsToAlarm', 'comparison', 'treatMissingData', 'threshold', 'band', 'provenance', 'report', 'tuning', 'actions'] as const;
type Setting = (typeof SETTINGS)[number];
/** Settings every alarm has (the others are optional). */
const REQUIRED: ReadonlySet<Setting> = new Set(['severity', 'metric', 'period', 'evaluationPeriods', 'datapointsToAlarm', 'comparison', 'treatMissingData', 'threshold', 'provenance', 'actions']);

/** The defaults of one group of alarms, as the file records them. */
type FileDefaults = { group: string; namePrefix?: string } & Partial<Pick<ManifestAlarm, Setting>> & { metricTemplate?: string };

/**
 * What an alarm's id (`account/region/type/name/alarm id`) says: its scope, the id without it,
 * and its group: the id with the resource name as `*` (none for an id of another shape).
 */
interface IdParts {
  account: string;
  region: string;
  unscoped: string;
  group: string | undefined;
  /** The resource's name: the part between the type and the blueprint alarm id (with the group). */
  name: string | undefined;
}

// Marks a metric's key as its template (see metricKey), so that no metric is taken for one.
const TEMPLATE = '\u0001';

/**
 * An alarm's metric as a key of its group: its template (the resource's name as `*`) when the
 * reader restores it exactly from that (it names the resource and has no `*` of its own), else
 * the metric itself.
 */
function metricKey(metric: string, { name }: IdParts): Key {
  if (!name || name.includes('*') || metric.includes('*') || !metric.includes(name)) return metric;
  return TEMPLATE + metric.replaceAll(name, '*');
}

function idParts(id: string): IdParts {
  // By the positions of its slashes rather than split: it is taken apart for every alarm, on
  // every write and read of the manifest.
  const first = id.indexOf('/');
  if (first < 0) return { account: id, region: '', unscoped: '', group: undefined, name: undefined };
  const second = id.indexOf('/', first + 1);
  if (second < 0) return { account: id.slice(0, first), region: id.slice(first + 1), unscoped: '', group: undefined, name: undefined };
  const third = id.indexOf('/', second + 1);
  const last = id.lastIndexOf('/');
  // Five parts or more: a slash after the third.
  const grouped = third >= 0 && last !== third;
  return {
    account: id.slice(0, first),
    region: id.slice(first + 1, second),
    unscoped: id.slice(second + 1),
    group: grouped ? `${id.slice(0, third)}/*/${id.slice(last + 1)}` : undefined,
    name: grouped ? id.slice(third + 1, last) : undefined,
  };
}

/** The account and region an ARN holds (`arn:partition:service:region:account:…`); empty where it has none. */
function scopeOfArn(arn: string): { account: string; region: string } {
  const [, , , region = '', account = ''] = arn.split(':', 5);
  return { account, region };
}

/** `account` and `region` as the file records them: only where `derived` is not them. */
function scopeFields(x: { account: string; region: string }, derived: { account: string; region: string }): { account?: string; region?: string } {
  return { ...(x.account === derived.account ? {} : { account: x.account }), ...(x.region === derived.region ? {} : { region: x.region }) };
}

/**
 * A setting's value as a key equal for equal values: the value itself, or an object's JSON text
 * (marked, so that no text is taken for it; a setting is always text, or always an object).
 */
type Key = string | number | boolean | undefined;
const OBJECT = '\u0000';

function keyOf(v: unknown): Key {
  return typeof v === 'object' && v !== null ? OBJECT + JSON.stringify(v) : (v as Key);
}

/** A key's JSON text, to break ties in a deterministic order. */
function keyText(k: Key): string {
  return typeof k === 'string' && k.startsWith(OBJECT) ? k.slice(1) : k === undefined ? '' : JSON.stringify(k);
}

/** The key most of `keys` have (among equals the first in code-unit order of its text), when at least two have it. */
function commonest<K extends Key>(keys: readonly K[], text: (k: K) => string): { key: K } | undefined {
  // Most often all alike (a blueprint's settings in one scope): no counting.
  if (keys.length >= 2 && keys.every((k) => k === keys[0])) return { key: keys[0]! };
  const counts = new Map<K, number>();
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  let best: { key: K } | undefined;
  let most = 0;
  for (const [k, n] of counts) {
    if (n < 2 || n < most) continue;
    if (n > most || compare(text(k), text(best!.key)) < 0) [best, most] = [{ key: k }, n];
  }
  return best;
}

/** A group of alarms (two or more) with its defaults: the record written, and each default's key. */
interface Group {
  record: FileDefaults;
  /** By setting (as SETTINGS orders them): the default's key, if the group has one. */
  defaults: ({ key: Key } | undefined)[];
  /** By setting: each alarm's key, in the group's order. */
  keys: Key[][];
}

/**
 * The alarms' groups with their defaults (only groups of two or more alarms have any), in group
 * order, and each alarm's group and place in it.
 */
function alarmGroups(alarms: readonly ManifestAlarm[], ids: readonly IdParts[]): { groups: Map<string, Group>; of: ({ group: Group; at: number } | undefined)[] } {
  const members = new Map<string, number[]>();
  alarms.forEach((_, i) => {
    const g = ids[i]!.group;
    if (g === undefined) return;
    const list = members.get(g);
    if (list) list.push(i);
    else members.set(g, [i]);
  });
  const groups = new Map<string, Group>();
  const of: ({ group: Group; at: number } | undefined)[] = alarms.map(() => undefined);
  for (const name of [...members.keys()].sort(compare)) {
    const list = members.get(name)!;
    if (list.length < 2) continue;
    const group: Group = { record: { group: name }, defaults: [], keys: [] };
    const prefixes = list.flatMap((i) => {
      const { name } = alarms[i]!;
      const rest = ids[i]!.unscoped;
      return name.endsWith(rest) ? [name.slice(0, name.length - rest.length)] : [];
    });
    const prefix = commonest(prefixes, (p) => p);
    if (prefix) group.record.namePrefix = prefix.key;
    SETTINGS.forEach((s, n) => {
      const keys = list.map((i) => (s === 'metric' ? metricKey(alarms[i]!.metric, ids[i]!) : keyOf(alarms[i]![s])));
      group.keys[n] = keys;
      const chosen = commonest(keys, keyText);
      if (!chosen || chosen.key === undefined) return;
      group.defaults[n] = chosen;
      if (typeof chosen.key === 'string' && chosen.key.startsWith(TEMPLATE)) group.record.metricTemplate = chosen.key.slice(TEMPLATE.length);
      else (group.record as Record<string, unknown>)[s] = alarms[list[keys.indexOf(chosen.key)]!]![s];
    });
    groups.set(name, group);
    list.forEach((i, at) => (of[i] = { group, at }));
  }
  return { groups, of };
}

/** Whether `text` is `head` followed by `tail` (without making the joined text). */
function isJoined(text: string, head: string, tail: string): boolean {
  return text.length === head.length + tail.length && text.startsWith(head) && text.endsWith(tail);
}

/** The id of the resource an alarm's id names: all of it before the blueprint alarm id (which has no `/`). */
function resourceIdOf(alarmId: string): string {
  return alarmId.slice(0, Math.max(0, alarmId.lastIndexOf('/')));
}

/** Resources by their id (the first of any two with one id, for the writer and the reader alike). */
function resourcesById(resources: readonly ManifestResource[]): Map<string, ManifestResource> {
  const out = new Map<string, ManifestResource>();
  for (const r of resources) if (r.id !== undefined && !out.has(r.id)) out.set(r.id, r);
  return out;
}

/**
 * A manifest's scoped records as a file holds them (a shard, or a version 5 manifest): the keys
 * in the order they are written, `alarmDefaults` before the alarms that take from it.
 */
export function compactRecords(m: ScopedRecords): Record<string, unknown> {
  const byId = resourcesById(m.resources);
  // Built a key at a time: an object literal that begins with a spread (`{ ...(id ? { id } : {}),
  // arn, … }`) took 15 to 25 times as long, 0.05 s of every read and write at 10,000 resources.
  const resources = m.resources.map((r) => {
    const line: Record<string, unknown> = r.id === undefined ? { arn: r.arn } : { id: r.id, arn: r.arn };
    Object.assign(line, scopeFields(r, scopeOfArn(r.arn)));
    line['type'] = r.type;
    line['app'] = r.app;
    if (r.env !== undefined) line['env'] = r.env;
    line['tags'] = r.tags;
    return line;
  });
  const ids = m.alarms.map((a) => idParts(a.id));
  const { groups, of } = alarmGroups(m.alarms, ids);
  const alarms = m.alarms.map((a, i) => {
    const owner = byId.get(resourceIdOf(a.id));
    const place = of[i];
    const prefix = place?.group.record.namePrefix;
    const line: Record<string, unknown> = { id: a.id };
    const id = ids[i]!;
    if (prefix === undefined || !isJoined(a.name, prefix, id.unscoped)) line['name'] = a.name;
    if (a.account !== id.account) line['account'] = a.account;
    if (a.region !== id.region) line['region'] = a.region;
    if (owner?.arn !== a.resource) line['resource'] = a.resource;
    if (owner?.arn !== a.resource || owner.app !== a.app) line['app'] = a.app;
    SETTINGS.forEach((s, n) => {
      const fallback = place?.group.defaults[n];
      if (fallback) {
        if (place!.group.keys[n]![place!.at] !== fallback.key) line[s] = a[s] ?? null;
      } else if (a[s] !== undefined) line[s] = a[s];
    });
    return line;
  });
  const composites = m.composites.map(({ id, name, account, region, ...rest }) => ({ id, name, ...scopeFields({ account, region }, idScope(id)), ...rest }));
  return {
    resources,
    existingLogGroups: m.existingLogGroups,
    stacks: m.stacks,
    alarmDefaults: [...groups.values()].map((g) => g.record),
    alarms,
    composites,
    logGroups: m.logGroups,
    metricFilters: m.metricFilters,
    dashboards: m.dashboards,
  };
}

class Damaged extends Error {}

function check(ok: boolean, problem: string): asserts ok {
  if (!ok) throw new Damaged(problem);
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function listOf(file: Record<string, unknown>, key: string): Record<string, unknown>[] {
  const list = file[key];
  check(Array.isArray(list) && list.every(isRecord), `its ${key} are not a list of records`);
  return list as Record<string, unknown>[];
}

function text(x: Record<string, unknown>, key: string, what: string): string {
  check(typeof x[key] === 'string', `${what} has no ${key}`);
  return x[key] as string;
}

/** A group's defaults as read. */
interface GroupDefaults {
  namePrefix?: string;
  /** Its alarms' metric with their resource's name for each `*` (version 5). */
  metricTemplate?: string;
  settings: Map<Setting, unknown>;
}

/** A copy of a value read from JSON: each alarm that takes a default gets objects of its own, as it did from a file that spelled it out. */
function copy(v: unknown): unknown {
  if (typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) return v.map(copy);
  const out: Record<string, unknown> = {};
  for (const k in v) out[k] = copy((v as Record<string, unknown>)[k]);
  return out;
}

function readDefaults(file: Record<string, unknown>): Map<string, GroupDefaults> {
  const out = new Map<string, GroupDefaults>();
  for (const d of listOf(file, 'alarmDefaults')) {
    const group = text(d, 'group', 'an entry of alarmDefaults');
    check(d['namePrefix'] === undefined || typeof d['namePrefix'] === 'string', `alarm group ${group} has a name prefix that is not text`);
    check(d['metricTemplate'] === undefined || typeof d['metricTemplate'] === 'string', `alarm group ${group} has a metric template that is not text`);
    const settings = new Map<Setting, unknown>();
    for (const s of SETTINGS) if (d[s] !== undefined && d[s] !== null) settings.set(s, d[s]);
    out.set(group, {
      ...(d['namePrefix'] === undefined ? {} : { namePrefix: d['namePrefix'] as string }),
      ...(d['metricTemplate'] === undefined ? {} : { metricTemplate: d['metricTemplate'] as string }),
      settings,
    });
  }
  return out;
}

function readAlarm(x: Record<string, unknown>, resources: readonly ManifestResource[], byId: ReadonlyMap<string, ManifestResource>, defaults: ReadonlyMap<string, GroupDefaults>): ManifestAlarm {
  const id = text(x, 'id', 'an alarm');
  const parts = idParts(id);
  const group = parts.group === undefined ? undefined : defaults.get(parts.group);
  const { name, account, region, resource, app } = x;
  // Version 4 leaves the resource out when the alarm's id names it; version 3 gave its index.
  const of = resource === undefined ? byId.get(resourceIdOf(id)) : typeof resource === 'number' ? resources[resource] : undefined;
  check(typeof resource === 'string' || of !== undefined, `alarm ${id} names no resource`);
  check(typeof app === 'string' || of !== undefined, `alarm ${id} has no application`);
  check(name === undefined ? group?.namePrefix !== undefined : typeof name === 'string', `alarm ${id} has no name`);
  const alarm: Record<string, unknown> = {
    id,
    name: name ?? group!.namePrefix! + parts.unscoped,
    account: account ?? parts.account,
    region: region ?? parts.region,
    resource: of?.arn ?? resource,
    app: app ?? of!.app,
  };
  // A metric left to its group's template: the template with the resource's name for each `*`.
  const templated = group?.metricTemplate !== undefined && parts.name !== undefined ? group.metricTemplate.replaceAll('*', parts.name) : undefined;
  for (const s of SETTINGS) {
    const value = s in x ? x[s] : s === 'metric' && templated !== undefined ? templated : copy(group?.settings.get(s));
    check(value !== undefined || !REQUIRED.has(s), `alarm ${id} has no ${s}`);
    if (value !== undefined && value !== null) alarm[s] = value;
  }
  return alarm as unknown as ManifestAlarm;
}

/** The scoped records a file holds (a shard, or a version 3 to 5 manifest), restored; throws `Damaged`. */
function recordsOf(file: Record<string, unknown>): ScopedRecords {
  const resources: ManifestResource[] = listOf(file, 'resources').map((r, i) => {
    const arn = text(r, 'arn', `resource ${i}`);
    const { account, region } = scopeOfArn(arn);
    const { id, arn: _arn, account: a, region: g, ...rest } = r;
    if (id !== undefined) check(typeof id === 'string', `resource ${arn} has an id that is not text`);
    // The id added last: a literal that begins with a spread of it is many times slower (see compactRecords).
    const resource = { arn, account: (a as string | undefined) ?? account, region: (g as string | undefined) ?? region, ...rest } as unknown as ManifestResource;
    if (id !== undefined) resource.id = id as string;
    return resource;
  });
  const byId = resourcesById(resources);
  const defaults = readDefaults(file);
  const alarms = listOf(file, 'alarms').map((x) => readAlarm(x, resources, byId, defaults));
  const composites: ManifestComposite[] = listOf(file, 'composites').map((x) => {
    const id = text(x, 'id', 'a composite alarm');
    const { id: _id, name, account, region, ...rest } = x;
    const scope = idScope(id);
    return { id, name, account: (account as string | undefined) ?? scope.account, region: (region as string | undefined) ?? scope.region, ...rest } as ManifestComposite;
  });
  const rest = (key: string) => listOf(file, key) as never[];
  return { resources, existingLogGroups: rest('existingLogGroups'), stacks: rest('stacks'), alarms, composites, logGroups: rest('logGroups'), metricFilters: rest('metricFilters'), dashboards: rest('dashboards') };
}

/** A shard's records (parsed JSON), restored; a problem when it is damaged. */
export function expandRecords(file: Record<string, unknown>): { records?: ScopedRecords; problem?: string } {
  try {
    return { records: recordsOf(file) };
  } catch (e) {
    if (e instanceof Damaged) return { problem: `damaged manifest: ${e.message}` };
    throw e;
  }
}

/** A version 3 to 5 manifest file (parsed JSON, every record in it) as the `Manifest` it records; a problem when it is damaged. */
export function expandManifest(file: Record<string, unknown>): { manifest?: Manifest; problem?: string } {
  const { records, problem } = expandRecords(file);
  if (!records) return { problem };
  const { alarmDefaults: _d, ...rest } = file;
  return { manifest: { ...(rest as unknown as Manifest), manifestVersion: MANIFEST_VERSION, ...records } };
}
