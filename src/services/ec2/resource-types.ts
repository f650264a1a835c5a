import { found } from '../service.js';
import type { ResourceType } from '../service.js';

const INSTANCE = /^instance\/(i-[0-9a-f]{8}(?:[0-9a-f]{9})?)$/;

/** An EC2 instance, measured by `InstanceId`. */
export const ec2Instance: ResourceType = {
  id: 'ec2:instance',
  label: 'EC2 instance',
  service: 'ec2',
  taggingFilter: 'ec2:instance',
  namespace: 'AWS/EC2',
  docs: { arn: '`instance/<id>`', dimensions: 'InstanceId' },
  recognise(arn) {
    const m = INSTANCE.exec(arn.resource);
    return m ? found(m[1]!, [['InstanceId', m[1]!]]) : undefined;
  },
};
