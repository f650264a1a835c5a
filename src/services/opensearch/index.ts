import type { Service } from '../service.js';
import { lower } from '../synthetic-names.js';
import { openSearchDomain } from './resource-types.js';

/** Amazon OpenSearch Service. */
export const opensearch: Service = {
  id: 'opensearch',
  types: [openSearchDomain],
  blueprints: ['opensearch-domain.yaml'],
  examples: {
    'es:domain': {
      sample: { arn: 'arn:aws:es:eu-west-1:123456789012:domain/search-logs', name: 'search-logs', dimensions: [['DomainName', 'search-logs'], ['ClientId', '123456789012']] },
      make: (a, r, n) => ({ arn: `arn:aws:es:${r}:${a}:domain/${lower(`d${n}`, 28).replace(/^-+/, '')}` }),
    },
  },
};
