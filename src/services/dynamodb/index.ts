import type { Service } from '../service.js';
import { dynamodbTable, dynamodbIndex } from './resource-types.js';

/** Amazon DynamoDB. */
export const dynamodb: Service = {
  id: 'dynamodb',
  types: [dynamodbTable, dynamodbIndex],
  blueprints: ['dynamodb-index.yaml', 'dynamodb-table.yaml'],
  examples: {
    'dynamodb:table': {
      sample: { arn: 'arn:aws:dynamodb:eu-west-1:123456789012:table/orders', name: 'orders', dimensions: [['TableName', 'orders']] },
      make: (a, r, n) => ({ arn: `arn:aws:dynamodb:${r}:${a}:table/${n}` }),
    },
    'dynamodb:index': {
      sample: { arn: 'arn:aws:dynamodb:eu-west-1:123456789012:table/orders/index/by-customer', name: 'orders/by-customer', dimensions: [['TableName', 'orders'], ['GlobalSecondaryIndexName', 'by-customer']], extra: { attributes: { table: 'orders', index: 'by-customer' } } },
      make: (a, r, n) => ({ arn: `arn:aws:dynamodb:${r}:${a}:table/${n}/index/by-customer` }),
    },
  },
};
