import { describe, expect, it } from 'vitest';
import { generateFor } from '../helpers/pipeline.js';

describe('CloudFront alarms are where the distribution\'s metrics are', () => {
  it.each([
    ['aws', 'us-east-1'],
    ['aws-cn', 'cn-northwest-1'],
  ])('partition %s: %s', (partition, region) => {
    const arn = `arn:${partition}:cloudfront::123456789012:distribution/EDFDVBD6EXAMPLE`;
    const { result, diags } = generateFor([{ ResourceARN: arn, Tags: [{ Key: 'app', Value: 'web' }] }]);
    expect(diags.items.filter((d) => d.severity === 'error')).toEqual([]);
    const alarms = result!.model.alarms;
    expect(alarms.length).toBeGreaterThan(0);
    for (const a of alarms) expect(a.scope).toEqual({ partition, account: '123456789012', region });
    const stacks = result!.files.map((f) => f.path).filter((p) => p.startsWith('cloudformation/'));
    expect(stacks.length).toBeGreaterThan(0);
    expect(stacks.every((p) => p.startsWith(`cloudformation/123456789012/${region}/`))).toBe(true);
    // The overview dashboard and the composite alarm point at ARNs of the same partition and region.
    const apps = result!.files.find((f) => f.path.includes('-apps-'))!.content;
    expect(apps).toContain(`arn:${partition}:cloudwatch:${region}:123456789012:alarm:`);
    expect(apps).not.toMatch(partition === 'aws' ? /arn:aws-cn:/ : /arn:aws:cloudwatch:us-east-1/);
  });
});
