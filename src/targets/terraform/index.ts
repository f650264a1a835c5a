import { target } from '../target.js';
import type { TerraformOptions } from './definitions.js';
import { emitTerraform } from './module.js';

/** Terraform: one module for every account and region (or one per scope), with inputs for actions and outputs for ARNs. */
export const terraform = target<TerraformOptions>({
  id: 'terraform',
  kind: 'iac',
  options: (config) => ({ moduleName: config.output.terraform.moduleName, layout: config.output.terraform.layout }),
  emit: emitTerraform,
  describe: (emitted, scopes) => {
    // Every module has a README; the layout decides whether there is one or one per scope.
    const modules = emitted.files.filter((f) => f.path.endsWith('/README.md')).length;
    return modules <= 1 ? `Terraform: one module for ${scopes} account/region scopes` : `Terraform: ${modules} modules, one per account/region scope`;
  },
});
