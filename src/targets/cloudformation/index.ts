import { target } from '../target.js';
import { emitCloudFormation } from './emit.js';
import type { CloudFormationOptions } from './emit.js';

/** CloudFormation: one template per stack and account/region, YAML or JSON, within CloudFormation's limits. */
export const cloudformation = target<CloudFormationOptions>({
  id: 'cloudformation',
  kind: 'iac',
  options: (config) => ({ ...config.output.cloudformation, stackPrefix: config.naming.stackPrefix }),
  emit: emitCloudFormation,
  describe: (emitted, scopes) => `CloudFormation: ${emitted.stacks?.length ?? 0} stacks in ${scopes} account/region scopes`,
});
