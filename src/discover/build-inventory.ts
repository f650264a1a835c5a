import type { Diagnostics } from '../diagnostics/diagnostic.js';
import { compare } from '../util/compare.js';
import { parseArn } from './arn.js';
import type { TagMapping } from './inventory-file.js';
import { describeUnknownArn, recogniseArn } from './resource-types/index.js';
import type { Inventory, Resource, ScopeStatus, UncoveredResource } from './types.js';

/**
 * Turns tag mappings (from files or the live API) into an inventory: recognised resources
 * with names and dimensions, and everything else as uncovered with a reason.
 */
export function buildInventory(mappings: readonly TagMapping[], diags: Diagnostics): Inventory {
  const resources: Resource[] = [];
  const uncovered: UncoveredResource[] = [];
  const seen = new Map<string, TagMapping>();
  const scopes = new Map<string, ScopeStatus>();

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
    const found = recogniseArn(arn);
    if (!found) {
      uncovered.push({
        arn: m.arn,
        type: describeUnknownArn(arn),
        reason: `resource type ${describeUnknownArn(arn)} is not supported`,
        tags,
        origin,
      });
      continue;
    }
    const { type, recognition } = found;
    if (recognition.kind === 'unsupported') {
      uncovered.push({ arn: m.arn, type: recognition.type, reason: recognition.reason, tags, origin });
      continue;
    }
    resources.push({
      arn: m.arn,
      partition: arn.partition,
      account: arn.account,
      region: arn.region,
      service: arn.service,
      type: type.id,
      name: recognition.name,
      namespace: type.namespace,
      dimensions: recognition.dimensions,
      tags,
      origin,
    });
    const key = `${arn.account}/${arn.region}`;
    if (!scopes.has(key)) {
      scopes.set(key, { partition: arn.partition, account: arn.account, region: arn.region, complete: true });
    }
  }

  resources.sort((a, b) => compare(a.arn, b.arn));
  uncovered.sort((a, b) => compare(a.arn, b.arn));
  const scopeList = [...scopes.values()].sort((a, b) => compare(a.account, b.account) || compare(a.region, b.region));
  return { resources, uncovered, scopes: scopeList, existingLogGroups: [] };
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
