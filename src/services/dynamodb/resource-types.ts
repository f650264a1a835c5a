import { found, unsupported } from '../service.js';
import type { ResourceType } from '../service.js';

// table/<name>[/index/<gsi> | /stream/<label> | /backup/... | /export/...]; names 3-255 of [A-Za-z0-9_.-].
const TABLE = /^table\/([A-Za-z0-9_.-]{3,255})(?:\/(index|stream|backup|export|import)\/(.+))?$/;

/** Amazon DynamoDB table, measured by `TableName`. */
export const dynamodbTable: ResourceType = {
  id: 'dynamodb:table',
  label: 'DynamoDB table',
  service: 'dynamodb',
  taggingFilter: 'dynamodb:table',
  namespace: 'AWS/DynamoDB',
  docs: { arn: '`table/<name>`', dimensions: 'TableName' },
  recognise(arn) {
    const m = TABLE.exec(arn.resource);
    if (!m || m[2] === 'index') return undefined;
    if (m[2] !== undefined) return unsupported(`dynamodb:table-${m[2]}`, `a table ${m[2]} ARN; obsgen monitors the table itself`);
    return found(m[1]!, [['TableName', m[1]!]]);
  },
};

// table/<table>/index/<gsi>: global secondary indexes have their own capacity and throttles.
const INDEX = /^table\/([A-Za-z0-9_.-]{3,255})\/index\/([A-Za-z0-9_.-]{3,255})$/;

/** A DynamoDB global secondary index, measured by `TableName` and `GlobalSecondaryIndexName`. */
export const dynamodbIndex: ResourceType = {
  id: 'dynamodb:index',
  label: 'DynamoDB global secondary index',
  service: 'dynamodb',
  taggingFilter: 'dynamodb:table',
  namespace: 'AWS/DynamoDB',
  docs: { arn: '`table/<name>/index/<gsi>`', dimensions: 'TableName, GlobalSecondaryIndexName' },
  recognise(arn) {
    const m = INDEX.exec(arn.resource);
    if (!m) return undefined;
    return found(`${m[1]!}/${m[2]!}`, [
      ['TableName', m[1]!],
      ['GlobalSecondaryIndexName', m[2]!],
    ], { attributes: { table: m[1]!, index: m[2]! } });
  },
};
