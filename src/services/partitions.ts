/**
 * AWS partitions and the regions each holds, as the AWS SDK's endpoint data writes them
 * (`regionRegex` in @aws-sdk's partitions.json; a test keeps this list in step with the
 * installed SDK). A region belongs to exactly one partition, and nothing crosses partitions:
 * not an alarm's metric, not a stack's resources.
 */
const PARTITIONS: readonly { id: string; regions: RegExp }[] = [
  { id: 'aws', regions: /^(us|eu|ap|sa|ca|me|af|il|mx)-\w+-\d+$/ },
  { id: 'aws-cn', regions: /^cn-\w+-\d+$/ },
  { id: 'aws-us-gov', regions: /^us-gov-\w+-\d+$/ },
  { id: 'aws-iso', regions: /^us-iso-\w+-\d+$/ },
  { id: 'aws-iso-b', regions: /^us-isob-\w+-\d+$/ },
  { id: 'aws-iso-e', regions: /^eu-isoe-\w+-\d+$/ },
  { id: 'aws-iso-f', regions: /^us-isof-\w+-\d+$/ },
  { id: 'aws-eusc', regions: /^eusc-(de)-\w+-\d+$/ },
];

/** The partition a region belongs to; undefined for text that is no known partition's region name. */
export function partitionOfRegion(region: string): string | undefined {
  return PARTITIONS.find((p) => p.regions.test(region))?.id;
}

/** The partitions obsgen knows, by id. */
export function knownPartitions(): string[] {
  return PARTITIONS.map((p) => p.id);
}
