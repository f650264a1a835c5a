import { fromNodeProviderChain, fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentityProvider } from '@aws-sdk/types';
import { compileTemplate } from '../blueprints/template.js';

/** An account to discover, and the role to assume in it (none: the base credentials' account). */
export interface AccountTarget {
  id?: string;
  roleArn?: string;
  externalId?: string;
}

/**
 * The SDK's normal chain: environment, `--profile`/AWS_PROFILE (including SSO), web identity,
 * container and instance roles. Nothing here is ever printed.
 */
export function baseCredentials(profile: string | undefined): AwsCredentialIdentityProvider {
  return fromNodeProviderChain(profile ? { profile } : {});
}

/** Credentials for one account: the base ones, or a role assumed with them (STS AssumeRole). */
export function accountCredentials(base: AwsCredentialIdentityProvider, target: AccountTarget, region: string): AwsCredentialIdentityProvider {
  if (!target.roleArn) return base;
  return fromTemporaryCredentials({
    masterCredentials: base,
    params: {
      RoleArn: target.roleArn,
      RoleSessionName: 'obsgen',
      DurationSeconds: 3600,
      ...(target.externalId ? { ExternalId: target.externalId } : {}),
    },
    clientConfig: { region },
  });
}

/** The role ARN for an account from the config's template (over partition and account). */
export function roleArnFor(template: string, account: string, partition = 'aws'): string {
  return compileTemplate(template).render({ account, partition });
}
