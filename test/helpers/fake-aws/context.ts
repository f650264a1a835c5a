/** What an operation handler sees of the request and of the server. */
import type { CallRecord, FakeFixture, FakeRegion, ServiceName } from './types.js';
import type { Protocol } from './protocol.js';

export interface Caller {
  account: string;
  /** `arn:aws:iam::<acct>:user/…` or `arn:aws:sts::<acct>:assumed-role/<role>/<session>`. */
  arn: string;
  userId: string;
  accessKeyId: string;
}

export interface IssuedCredentials {
  account: string;
  roleName: string;
  sessionName: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
}

export interface ServerState {
  /** Credentials minted by AssumeRole, by access key id. */
  issued: Map<string, IssuedCredentials>;
  nextCredentialSerial: number;
}

export interface OpContext {
  caller: Caller;
  account: string;
  region: string;
  /** The fixture's data for (account, region); empty when the fixture has none. */
  data: FakeRegion;
  fixture: FakeFixture;
  state: ServerState;
  /** A `truncate` fault applies: hand out a poisoned pagination token (even on the last page). */
  truncate: boolean;
  /** Extra fields for this call's {@link CallRecord}. */
  record: Pick<CallRecord, 'datapoints' | 'queries'>;
}

export type RestInput = { method: string; path: string; query: URLSearchParams };

export interface ServiceDef<I> {
  name: ServiceName;
  protocol: Protocol;
  /** For awsQuery services: the response XML namespace. */
  xmlns?: string;
  /** AWS JSON services that migrated from awsQuery (CloudWatch): send `x-amzn-query-error`. */
  queryCompatible?: boolean;
  operations: Record<string, (ctx: OpContext, input: I) => unknown>;
  /** Operations that return a pagination token (the only ones a `truncate` fault touches). */
  paginated: ReadonlySet<string>;
}
