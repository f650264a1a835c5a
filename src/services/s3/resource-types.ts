import { found, unsupported } from '../service.js';
import type { ResourceType } from '../service.js';

export const S3_FILTER_TAG = 'obsgen:s3-request-metrics-filter';

// arn:aws:s3:::<bucket> (no region, no account); objects (<bucket>/<key>) are not resources.
const BUCKET = /^([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])$/;

/**
 * An S3 bucket, measured by `BucketName` (plus `FilterId` for request metrics, which must be
 * enabled on the bucket, and `StorageType` for the daily storage metrics).
 */
export const s3Bucket: ResourceType = {
  id: 's3:bucket',
  label: 'S3 bucket',
  service: 's3',
  taggingFilter: 's3',
  namespace: 'AWS/S3',
  docs: { arn: '`<bucket>` (no region or account)', dimensions: 'BucketName (+ FilterId from tag `obsgen:s3-request-metrics-filter`, default `EntireBucket`)' },
  hintTags: [{ tag: S3_FILTER_TAG, description: 'The id of the bucket\'s request metrics filter (default `EntireBucket`).' }],
  recognise(arn, tags) {
    const m = BUCKET.exec(arn.resource);
    if (!m) return undefined;
    const filter = tags.get(S3_FILTER_TAG) || 'EntireBucket';
    // A metrics configuration id: up to 64 letters, digits, `.`, `-` and `_`.
    if (!/^[A-Za-z0-9._-]{1,64}$/.test(filter)) {
      return unsupported('s3:bucket', `the ${S3_FILTER_TAG} tag is not a request metrics filter id (1-64 letters, digits, . - _)`);
    }
    return found(m[1]!, [['BucketName', m[1]!]], { attributes: { requestMetricsFilter: filter } });
  },
};
