import type { HclValue } from './hcl.js';
import type { TerraformLayout } from '../../config/types.js';

export const TERRAFORM_DIR = 'terraform';
export const TERRAFORM_REQUIRED_VERSION = '>= 1.5.0';

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
  /** How the output meets providers and state (see layouts.ts). */
  layout: TerraformLayout;
}
