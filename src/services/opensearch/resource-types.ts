import { found } from '../service.js';
import type { ResourceType } from '../service.js';

const DOMAIN = /^domain\/([a-z][a-z0-9-]{2,27})$/;

/** An OpenSearch Service domain, measured by `DomainName` and `ClientId` (the account id). */
export const openSearchDomain: ResourceType = {
  id: 'es:domain',
  label: 'OpenSearch domain',
  service: 'es',
  taggingFilter: 'es:domain',
  namespace: 'AWS/ES',
  docs: { arn: '`domain/<name>`', dimensions: 'DomainName, ClientId (the account)' },
  recognise(arn) {
    const m = DOMAIN.exec(arn.resource);
    return m ? found(m[1]!, [['DomainName', m[1]!], ['ClientId', arn.account]]) : undefined;
  },
};
