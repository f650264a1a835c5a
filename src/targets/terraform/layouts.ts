import type { TerraformLayout } from '../../config/types.js';
import type { Scope } from '../../discover/types.js';
import { compare } from '../../util/compare.js';
import { attr, blank, expr } from './hcl.js';
import type { BodyItem } from './hcl.js';

/**
 * How the generated Terraform meets providers and state, chosen with
 * `output.terraform.layout`:
 *
 * - `module`: one module; one provider alias per account and region (`aws.account_<id>_<region>`),
 *   which the caller configures. Works with provider 5 and 6.
 * - `module-region-argument`: one module; one provider alias per account, and each resource names
 *   its region (the per-resource `region` argument of provider 6). Fewer provider configurations,
 *   provider 6 only.
 * - `module-per-scope`: one module per account and region, under `terraform/<account>-<region>/`,
 *   each using the caller's default `aws` provider, so that each can have a root and a state of
 *   its own. Works with provider 5 and 6. A single state of a whole large estate is slow to plan
 *   (`terraform validate` of one 10,000-resource module did not finish in 1,000 s) and a blast
 *   radius no team wants.
 */
export type { TerraformLayout };

/** What a layout decides for the module(s) it writes. */
export interface LayoutRules {
  layout: TerraformLayout;
  /** The provider version constraint of the generated modules. */
  providerVersion: string;
  /** `provider` (and `region`) arguments placing a resource in its scope; empty for the default provider. */
  placement(scope: Scope): BodyItem[];
  /** The provider aliases a module over these scopes expects from its caller (none: the default provider). */
  aliases(scopes: readonly Scope[]): string[];
  /** The import ID of an existing log group. */
  importId(name: string, scope: Scope): string;
}

// Every argument written exists in provider 5.0 and is checked against the 6.x schema; the
// mirror the tests run real Terraform with holds 5.100.0.
const PROVIDER_5_OR_6 = '>= 5.0.0, < 7.0.0';
// Per-resource `region` arrived in 6.0.
const PROVIDER_6 = '>= 6.0.0, < 7.0.0';

const accountAlias = (account: string) => `account_${account}`;
const scopeAlias = (scope: Scope) => `account_${scope.account}_${scope.region.replace(/-/g, '_')}`;

const uniqueSorted = (items: string[]) => [...new Set(items)].sort(compare);

export const LAYOUTS: Record<TerraformLayout, LayoutRules> = {
  module: {
    layout: 'module',
    providerVersion: PROVIDER_5_OR_6,
    placement: (scope) => [attr('provider', expr(`aws.${scopeAlias(scope)}`)), blank],
    aliases: (scopes) => uniqueSorted(scopes.map(scopeAlias)),
    importId: (name) => name,
  },
  'module-region-argument': {
    layout: 'module-region-argument',
    providerVersion: PROVIDER_6,
    placement: (scope) => [attr('provider', expr(`aws.${accountAlias(scope.account)}`)), attr('region', scope.region), blank],
    aliases: (scopes) => uniqueSorted(scopes.map((s) => accountAlias(s.account))),
    // `@<region>`: the provider's import ID form for a resource outside the provider's region.
    importId: (name, scope) => `${name}@${scope.region}`,
  },
  'module-per-scope': {
    layout: 'module-per-scope',
    providerVersion: PROVIDER_5_OR_6,
    placement: () => [],
    aliases: () => [],
    importId: (name) => name,
  },
};

/** The folder (under `terraform/`) of a scope's module in the `module-per-scope` layout. */
export function scopeFolder(scope: Scope): string {
  return `${scope.account}-${scope.region}`;
}
