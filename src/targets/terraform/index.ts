import { target } from '../target.js';
import type { TerraformOptions } from './definitions.js';
import { emitTerraform } from './module.js';

/** Terraform: one module for every account and region, with inputs for actions and outputs for ARNs. */
export const terraform = target<TerraformOptions>({
  id: 'terraform',
  kind: 'iac',
  options: (config) => ({ moduleName: config.output.terraform.moduleName }),
  emit: emitTerraform,
  describe: (_emitted, scopes) => `Terraform: one module for ${scopes} account/region scopes`,
});
