import { partition } from '@aws-sdk/core/client';
import { describe, expect, it } from 'vitest';
import { knownPartitions, partitionOfRegion } from '../../src/services/partitions.js';

// Every region of every partition at the time of writing, and names of the same shapes.
const REGIONS = [
  ...['us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'af-south-1', 'ap-east-1', 'ap-south-1', 'ap-south-2', 'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3'],
  ...['ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3', 'ap-southeast-4', 'ap-southeast-5', 'ap-southeast-7', 'ca-central-1', 'ca-west-1', 'eu-central-1', 'eu-central-2'],
  ...['eu-north-1', 'eu-south-1', 'eu-south-2', 'eu-west-1', 'eu-west-2', 'eu-west-3', 'il-central-1', 'me-central-1', 'me-south-1', 'mx-central-1', 'sa-east-1'],
  ...['cn-north-1', 'cn-northwest-1', 'us-gov-east-1', 'us-gov-west-1', 'us-iso-east-1', 'us-iso-west-1', 'us-isob-east-1', 'eu-isoe-west-1', 'us-isof-south-1', 'us-isof-east-1'],
  ...['eusc-de-east-1', 'cn-south-9', 'us-gov-north-3', 'eu-future-9', 'ap-future-12'],
];

describe('partitionOfRegion', () => {
  it.each(REGIONS)('%s is in the partition the AWS SDK puts it in', (region) => {
    expect(partitionOfRegion(region)).toBe(partition(region).name);
  });

  it('names no partition for text that is no region (the SDKs then assume aws)', () => {
    for (const text of ['', 'global', 'aws-global', 'US-EAST-1', 'eu-west', 'eu-west-1a', 'xx-foo-1']) {
      expect(partitionOfRegion(text), text).toBeUndefined();
      expect(partition(text).name).toBe('aws');
    }
  });

  it('knows each partition once', () => {
    expect(new Set(knownPartitions()).size).toBe(knownPartitions().length);
    expect(knownPartitions()).toContain('aws-cn');
  });
});
