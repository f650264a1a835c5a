import { found } from '../service.js';
import type { ResourceType } from '../service.js';

const DISTRIBUTION = /^distribution\/([A-Z0-9]{10,20})$/;

/** A CloudFront distribution: global, with metrics (and so alarms) in us-east-1 under `Region=Global`. */
export const cloudfrontDistribution: ResourceType = {
  id: 'cloudfront:distribution',
  label: 'CloudFront distribution',
  service: 'cloudfront',
  taggingFilter: 'cloudfront:distribution',
  namespace: 'AWS/CloudFront',
  docs: { arn: '`distribution/<id>`', namespace: 'AWS/CloudFront (us-east-1)', dimensions: 'DistributionId, Region=Global' },
  recognise(arn) {
    const m = DISTRIBUTION.exec(arn.resource);
    return m ? found(m[1]!, [['DistributionId', m[1]!], ['Region', 'Global']], { region: 'us-east-1' }) : undefined;
  },
};
