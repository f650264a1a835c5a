import type { ResourceType } from './resource-type.js';

// table/<name>[/index/<gsi> | /stream/<label> | /backup/... | /export/...]; names 3-255 of [A-Za-z0-9_.-].
const TABLE = /^table\/([A-Za-z0-9_.-]{3,255})(?:\/(index|stream|backup|export|import)\/(.+))?$/;

/** Amazon DynamoDB table, measured by `TableName`. */
export const dynamodbTable: ResourceType = {
  id: 'dynamodb:table',
  label: 'DynamoDB table',
  service: 'dynamodb',
  taggingFilter: 'dynamodb:table',
  namespace: 'AWS/DynamoDB',
  recognise(arn) {
    const m = TABLE.exec(arn.resource);
    if (!m) return undefined;
    if (m[2] !== undefined) {
      return {
        kind: 'unsupported',
        type: `dynamodb:table-${m[2]}`,
        reason: `a table ${m[2]} ARN; obsgen monitors the table itself`,
      };
    }
    return { kind: 'resource', name: m[1]!, dimensions: [{ name: 'TableName', value: m[1]! }] };
  },
};
