import type { HclValue } from './hcl.js';

export const TERRAFORM_DIR = 'terraform';
export const TERRAFORM_REQUIRED_VERSION = '>= 1.5.0';
// Per-resource `region` arrived in 6.0; the schema is checked against 6.25.
export const AWS_PROVIDER_VERSION = '>= 6.0.0, < 7.0.0';

/** A module input, described once for variables.tf and the README. */
export interface VariableDef {
  name: string;
  description: string;
  type: HclValue;
  typeText: string;
  default: HclValue;
}

/** A module output, described once for outputs.tf and the README. */
export interface OutputDef {
  name: string;
  description: string;
  value: HclValue;
}

/** The Terraform target's options. */
export interface TerraformOptions {
  /** The name the calling root module gives the generated module (for root-imports/imports.tf). */
  moduleName: string;
}
