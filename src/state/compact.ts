import { MANIFEST_VERSION } from './manifest.js';
import type { Manifest, ManifestAlarm, ManifestComposite, ManifestResource } from './manifest.js';

/*
 * The manifest as its file holds it (version 3), and back. At 10,000 resources a manifest that
 * spells out every record in full runs to 45 MB, nine tenths of it alarms repeating what the
 * file already says elsewhere. The file leaves out what the reader can restore exactly, and
 * `expandManifest` restores it, so every caller gets the same `Manifest` as from a version 2
 * file (`read.ts`). What is left out:
 * - an alarm's or composite alarm's account and region: the first two parts of its id;
 * - a resource's account and region when its ARN holds them (S3's, for one, does not);
 * - an alarm's resource ARN, given as its index in `resources`, and its application when it
 *   is its resource's.
 * Each is written out when it is not what the reader would restore (an id that does not start
 * with the scope, an ARN not among the resources), so the file never depends on how it was
 * built. The layout stays what `write.ts` makes it: one record per line, found by its id.
 */

/** An alarm as the file records it: its resource as an index into `resources`, unless it is not among them. */
type FileAlarm = Omit<ManifestAlarm, 'account' | 'region' | 'resource' | 'app'> & { account?: string; region?: string; resource: number | string; app?: string };
type FileComposite = Omit<ManifestComposite, 'account' | 'region'> & { account?: string; region?: string };
type FileResource = Omit<ManifestResource, 'account' | 'region'> & { account?: string; region?: string };

/** The account and region an id begins with (`account/region/…`). */
function scopeOfId(id: string): { account: string; region: string } {
  const [account = '', region = ''] = id.split('/', 2);
  return { account, region };
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

/** The manifest as its file holds it: the keys in the order they are written. */
export function compactManifest(m: Manifest): Record<string, unknown> {
  const resourceIndex = new Map<string, number>();
  m.resources.forEach((r, i) => {
    if (!resourceIndex.has(r.arn)) resourceIndex.set(r.arn, i);
  });
  const resources: FileResource[] = m.resources.map(({ account, region, ...r }) => ({
    arn: r.arn,
    ...scopeFields({ account, region }, scopeOfArn(r.arn)),
    type: r.type,
    app: r.app,
    ...(r.env === undefined ? {} : { env: r.env }),
    tags: r.tags,
  }));
  const alarms: FileAlarm[] = m.alarms.map(({ id, name, account, region, resource, app, ...rest }) => {
    const index = resourceIndex.get(resource);
    return {
      id,
      name,
      ...scopeFields({ account, region }, scopeOfId(id)),
      resource: index ?? resource,
      ...(index !== undefined && m.resources[index]!.app === app ? {} : { app }),
      ...rest,
    };
  });
  const composites: FileComposite[] = m.composites.map(({ id, name, account, region, ...rest }) => ({ id, name, ...scopeFields({ account, region }, scopeOfId(id)), ...rest }));
  return {
    generator: m.generator,
    manifestVersion: MANIFEST_VERSION,
    version: m.version,
    format: m.format,
    inputs: m.inputs,
    scopes: m.scopes,
    resources,
    existingLogGroups: m.existingLogGroups,
    stacks: m.stacks,
    alarms,
    composites,
    logGroups: m.logGroups,
    metricFilters: m.metricFilters,
    dashboards: m.dashboards,
    unmonitored: m.unmonitored,
    files: m.files,
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

/** A version 3 manifest file (parsed JSON) as the `Manifest` it records; a problem when it is damaged. */
export function expandManifest(file: Record<string, unknown>): { manifest?: Manifest; problem?: string } {
  try {
    const resources: ManifestResource[] = listOf(file, 'resources').map((r, i) => {
      const arn = text(r, 'arn', `resource ${i}`);
      const { account, region } = scopeOfArn(arn);
      const { arn: _arn, account: a, region: g, ...rest } = r;
      return { arn, account: (a as string | undefined) ?? account, region: (g as string | undefined) ?? region, ...rest } as unknown as ManifestResource;
    });
    const alarms: ManifestAlarm[] = listOf(file, 'alarms').map((x) => {
      const id = text(x, 'id', 'an alarm');
      const { id: _id, name, account, region, resource, app, ...rest } = x;
      const scope = scopeOfId(id);
      const of = typeof resource === 'number' ? resources[resource] : undefined;
      check(typeof resource === 'string' || of !== undefined, `alarm ${id} names no resource`);
      check(typeof name === 'string', `alarm ${id} has no name`);
      check(typeof app === 'string' || of !== undefined, `alarm ${id} has no application`);
      return {
        id,
        name,
        account: (account as string | undefined) ?? scope.account,
        region: (region as string | undefined) ?? scope.region,
        resource: of?.arn ?? (resource as string),
        app: (app as string | undefined) ?? of!.app,
        ...rest,
      } as ManifestAlarm;
    });
    const composites: ManifestComposite[] = listOf(file, 'composites').map((x) => {
      const id = text(x, 'id', 'a composite alarm');
      const { id: _id, name, account, region, ...rest } = x;
      const scope = scopeOfId(id);
      return { id, name, account: (account as string | undefined) ?? scope.account, region: (region as string | undefined) ?? scope.region, ...rest } as ManifestComposite;
    });
    return { manifest: { ...(file as unknown as Manifest), manifestVersion: MANIFEST_VERSION, resources, alarms, composites } };
  } catch (e) {
    if (e instanceof Damaged) return { problem: `damaged manifest: ${e.message}` };
    throw e;
  }
}
