import type { Diagnostics } from '../diagnostics/diagnostic.js';
import { reportSchemaErrors } from '../diagnostics/schema-errors.js';
import { parseAwsCliOutput } from '../diagnostics/source-document.js';
import type { SourceDocument } from '../diagnostics/source-document.js';
import { schemaValidator } from '../util/schema-validator.js';

/** One entry of a `get-resources` listing, as read from a file. */
export interface TagMapping {
  arn: string;
  tags: [key: string, value: string][];
  file: string;
  index: number;
  /** Points diagnostics at this entry's fields. */
  doc: SourceDocument;
}

interface RawListing {
  ResourceTagMappingList: { ResourceARN: string; Tags?: { Key: string; Value: string }[] }[];
}

/**
 * Reads what `aws resourcegroupstaggingapi get-resources` prints, as JSON or (`--output yaml`)
 * YAML. Anything else is reported with its position and yields no mappings.
 */
export function parseInventoryText(file: string, text: string, diags: Diagnostics): TagMapping[] {
  const doc = parseAwsCliOutput(file, text, diags);
  if (!doc) return [];
  const validate = schemaValidator('inventory.schema.json');
  if (!validate(doc.data)) {
    const before = diags.items.length;
    reportSchemaErrors(validate.errors ?? [], doc, diags);
    if (diags.items.length > before && !hasListing(doc.data)) {
      diags.error('not an inventory: expected the output of `aws resourcegroupstaggingapi get-resources`', {
        file,
        line: 1,
        column: 1,
      });
    }
    return [];
  }
  const listing = doc.data as RawListing;
  return listing.ResourceTagMappingList.map((m, index) => ({
    // An ARN has no white space, but a listing edited by hand (or pasted from the AWS CLI
    // documentation, whose sample output has " arn:aws:...") may have some around it.
    arn: m.ResourceARN.trim(),
    tags: (m.Tags ?? []).map((t) => [t.Key, t.Value] as [string, string]),
    file,
    index,
    doc,
  }));
}

/** Tag mappings of a listing fetched live, labelled `aws:<account>/<region>` in diagnostics. */
export function mappingsOfListing(label: string, listing: RawListing): TagMapping[] {
  const start = () => ({ line: 1, column: 1 });
  const doc: SourceDocument = { file: label, data: listing, locate: start, locateLine: start };
  return listing.ResourceTagMappingList.map((m, index) => ({
    arn: m.ResourceARN,
    tags: (m.Tags ?? []).map((t) => [t.Key, t.Value] as [string, string]),
    file: label,
    index,
    doc,
  }));
}

function hasListing(data: unknown): boolean {
  return typeof data === 'object' && data !== null && 'ResourceTagMappingList' in data;
}
