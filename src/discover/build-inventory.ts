import type { Diagnostics } from '../diagnostics/diagnostic.js';
import { compare } from '../util/compare.js';
import { unencodableProblem } from '../util/unicode.js';
import { parseArn } from '../services/arn.js';
import { partitionOfRegion } from '../services/partitions.js';
import type { TagMapping } from './inventory-file.js';
import { ResourceTypes } from '../services/catalog.js';
import { describeUnknownArn } from '../services/registry.js';
import type { Inventory, Resource, ScopeStatus, UncoveredResource } from './types.js';

/**
 * Turns tag mappings (from files or the live API) into an inventory: recognised resources
 * with names and dimensions, and everything else as uncovered with a reason. `types` are the
 * resource types to recognise (the built-in ones, and those the config declares).
 */
export function buildInventory(mappings: readonly TagMapping[], diags: Diagnostics, discovered: readonly ScopeStatus[] = [], types: ResourceTypes = ResourceTypes.BUILTIN): Inventory {
  const resources: Resource[] = [];
  const uncovered: UncoveredResource[] = [];
  const seen = new Map<string, TagMapping>();
  // Scopes the live source looked at count even when empty, or when discovery failed there.
  const scopes = new Map<string, ScopeStatus>(discovered.map((s) => [`${s.account}/${s.region}`, { ...s }]));
  const fileScopes = scopesOfFiles(mappings);

  for (const m of mappings) {
    const at = () => ({ file: m.file, ...m.doc.locate(['ResourceTagMappingList', m.index, 'ResourceARN']) });
    const tags = readTags(m, diags);
    if (!tags) continue;

    const previous = seen.get(m.arn);
    if (previous) {
      // The same listing twice (overlapping files) is harmless; conflicting tags are not.
      if (!sameTags(previous.tags, m.tags)) {
        diags.error(`${m.arn} is listed again with different tags (first at ${previous.file}, entry ${previous.index})`, at());
      }
      continue;
    }
    seen.set(m.arn, m);

    const arn = parseArn(m.arn);
    if (!arn) {
      diags.error(`not an ARN: ${JSON.stringify(m.arn)}`, at());
      continue;
    }
    const origin = { file: m.file, index: m.index };
    const skip = (type: string, reason: string) => uncovered.push({ arn: m.arn, type, reason, tags, origin });
    const found = types.recognise(arn, tags);
    const text = unencodableText(m.arn, tags);
    if (text) {
      // Anyone who can tag controls this text: it costs this resource its monitoring, never the run.
      diags.warning(`${text.what} is ${text.problem}; this resource is not monitored until it is fixed`, { arn: m.arn, ...(text.tag !== undefined ? { tag: text.tag } : {}) });
      skip(found?.recognition.kind === 'unsupported' ? found.recognition.type : (found?.type.id ?? describeUnknownArn(arn)), text.reason);
      continue;
    }
    if (!found) {
      const kind = describeUnknownArn(arn);
      // A form of a supported type that its module rejects (a Kinesis consumer, a malformed id).
      skip(kind, types.get(kind) ? `this form of ${kind} ARN is not monitored` : `resource type ${kind} is not supported`);
      continue;
    }
    const { type, recognition } = found;
    if (recognition.kind === 'unsupported') {
      skip(recognition.type, recognition.reason);
      continue;
    }
    // Some ARNs omit the account (API Gateway) or the region (S3): a listing covers one
    // account and region, so they are those of the other resources in the same file.
    const account = arn.account || fileScopes.get(m.file)?.account;
    const region = recognition.region ?? (arn.region || fileScopes.get(m.file)?.region);
    if (!account || !region) {
      skip(type.id, `the ARN has no ${account ? 'region' : 'account'}, and no other resource in ${m.file} tells it`);
      continue;
    }
    // Nothing crosses partitions: an alarm in a region of another partition could not see the
    // metric, and a stack of that account and region would mix two partitions' ARNs.
    const regionPartition = partitionOfRegion(region);
    if (regionPartition !== undefined && regionPartition !== arn.partition) {
      const source = arn.region || recognition.region ? '' : ` (that of the other resources in ${m.file})`;
      diags.warning(`the ARN is in partition ${arn.partition}, but region ${region}${source} is in partition ${regionPartition}; this resource is not monitored until it is fixed`, { arn: m.arn });
      skip(type.id, `partition ${arn.partition} does not hold region ${region}`);
      continue;
    }
    resources.push({
      arn: m.arn,
      partition: arn.partition,
      account,
      region,
      service: arn.service,
      type: type.id,
      name: recognition.name,
      namespace: recognition.namespace ?? type.namespace,
      dimensions: recognition.dimensions,
      attributes: recognition.attributes ?? {},
      tags,
      origin,
    });
    const key = `${account}/${region}`;
    if (!scopes.has(key)) scopes.set(key, { partition: arn.partition, account, region, complete: true });
  }

  resources.sort((a, b) => compare(a.arn, b.arn));
  uncovered.sort((a, b) => compare(a.arn, b.arn));
  const scopeList = [...scopes.values()].sort((a, b) => compare(a.account, b.account) || compare(a.region, b.region));
  return { resources, uncovered, scopes: scopeList, existingLogGroups: [] };
}

/** The first text of a resource (its ARN, a tag key or value) that no output could hold, if any. */
function unencodableText(arn: string, tags: ReadonlyMap<string, string>): { what: string; problem: string; reason: string; tag?: string } | undefined {
  const inArn = unencodableProblem(arn);
  if (inArn) return { what: 'the ARN', problem: inArn, reason: 'the ARN is not valid Unicode text' };
  for (const [key, value] of tags) {
    const problem = unencodableProblem(key) ?? unencodableProblem(value);
    if (problem) {
      const part = unencodableProblem(key) ? 'key' : 'value';
      return { what: `the tag's ${part}`, problem, reason: `tag ${JSON.stringify(key)} has a ${part} that is not valid Unicode text`, tag: key };
    }
  }
  return undefined;
}

/** The account and region most ARNs of each file name (a `get-resources` listing has one of each). */
function scopesOfFiles(mappings: readonly TagMapping[]): Map<string, { account?: string; region?: string }> {
  const counts = new Map<string, { accounts: Map<string, number>; regions: Map<string, number> }>();
  for (const m of mappings) {
    const arn = parseArn(m.arn);
    if (!arn) continue;
    const c = counts.get(m.file) ?? { accounts: new Map(), regions: new Map() };
    if (/^\d{12}$/.test(arn.account)) c.accounts.set(arn.account, (c.accounts.get(arn.account) ?? 0) + 1);
    if (arn.region) c.regions.set(arn.region, (c.regions.get(arn.region) ?? 0) + 1);
    counts.set(m.file, c);
  }
  const top = (map: Map<string, number>) => [...map].sort((a, b) => b[1] - a[1] || compare(a[0], b[0]))[0]?.[0];
  return new Map([...counts].map(([file, c]) => [file, { account: top(c.accounts), region: top(c.regions) }]));
}

/**
 * Tags as a Map (keys such as `__proto__` are ordinary data), in Unicode NFC: Terraform
 * normalises every string to NFC, so normalising once here makes all outputs carry the same
 * text. NFC only merges canonically equivalent forms.
 */
function readTags(m: TagMapping, diags: Diagnostics): Map<string, string> | undefined {
  const tags = new Map<string, string>();
  for (const [i, [rawKey, rawValue]] of m.tags.entries()) {
    const key = rawKey.normalize('NFC');
    const value = rawValue.normalize('NFC');
    if (tags.has(key)) {
      diags.error(`duplicate tag key ${JSON.stringify(key)}`, {
        file: m.file,
        ...m.doc.locate(['ResourceTagMappingList', m.index, 'Tags', i, 'Key']),
      });
      return undefined;
    }
    tags.set(key, value);
  }
  return tags;
}

function sameTags(a: TagMapping['tags'], b: TagMapping['tags']): boolean {
  if (a.length !== b.length) return false;
  const sorted = (t: TagMapping['tags']) => JSON.stringify([...t].sort((x, y) => compare(x[0], y[0])));
  return sorted(a) === sorted(b);
}
