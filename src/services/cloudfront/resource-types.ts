import { found, unsupported } from '../service.js';
import type { ResourceType } from '../service.js';

const DISTRIBUTION = /^distribution\/([A-Z0-9]{10,20})$/;

/*
 * CloudFront is global: its metrics (and so the alarms on them, which cannot watch another
 * region's metrics) live in one region of the partition, under `Region=Global`.
 * - aws: us-east-1 ("To get the CloudFront metrics from the CloudWatch API, you must use the
 *   US East (N. Virginia) Region", CloudFront Developer Guide, "Get metrics by using the
 *   Amazon CloudWatch API").
 * - aws-cn: cn-northwest-1 (Ningxia). us-east-1 is not in the China partition, and nothing
 *   crosses partitions. CloudFront China is served from Ningxia: the AWS SDKs' endpoint rules
 *   send every aws-cn CloudFront call to cloudfront.cn-northwest-1.amazonaws.com.cn, signed for
 *   cn-northwest-1, and its events are recorded there ("Amazon CloudFront events are available
 *   only in the Region where the event was processed, the China (Ningxia) Region,
 *   cn-northwest-1", Getting Started with Amazon Web Services in China, CloudTrail). No AWS
 *   page found says so of its CloudWatch metrics in as many words; this follows the service.
 * - Other partitions (GovCloud, ISO): CloudFront is not offered there, and obsgen would only
 *   guess a region; such an ARN is listed as not monitored instead.
 */
const METRICS_REGION: Readonly<Record<string, string>> = { aws: 'us-east-1', 'aws-cn': 'cn-northwest-1' };

/** A CloudFront distribution: global, with metrics (and so alarms) in one region of its partition under `Region=Global`. */
export const cloudfrontDistribution: ResourceType = {
  id: 'cloudfront:distribution',
  label: 'CloudFront distribution',
  service: 'cloudfront',
  taggingFilter: 'cloudfront:distribution',
  namespace: 'AWS/CloudFront',
  docs: { arn: '`distribution/<id>`', namespace: 'AWS/CloudFront (us-east-1; cn-northwest-1 in China)', dimensions: 'DistributionId, Region=Global' },
  recognise(arn) {
    const m = DISTRIBUTION.exec(arn.resource);
    if (!m) return undefined;
    const region = Object.hasOwn(METRICS_REGION, arn.partition) ? METRICS_REGION[arn.partition] : undefined;
    if (!region) return unsupported('cloudfront:distribution', `obsgen does not know which region holds CloudFront metrics in partition ${arn.partition}`);
    return found(m[1]!, [['DistributionId', m[1]!], ['Region', 'Global']], { region });
  },
};
