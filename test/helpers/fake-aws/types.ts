/**
 * Plain-data types of the fake AWS endpoint: the fixture it serves, the faults it injects and
 * the record it keeps of every call.
 */

/** Which fake service a call went to (not the SigV4 signing name: API Gateway v1 and v2 share one). */
export type ServiceName = 'tagging' | 'logs' | 'cloudwatch' | 'sts' | 'apigateway' | 'apigatewayv2' | 'elbv2';

export interface FakeTag {
  Key: string;
  Value: string;
}

export interface FakeResource {
  ResourceARN: string;
  Tags?: FakeTag[];
}

export interface FakeLogGroup {
  logGroupName: string;
  retentionInDays?: number;
  /** Epoch milliseconds; defaults to {@link FIXTURE_EPOCH_MS}. */
  creationTime?: number;
  storedBytes?: number;
  logGroupClass?: 'STANDARD' | 'INFREQUENT_ACCESS' | 'DELIVERY';
  kmsKeyId?: string;
}

export interface FakeDimension {
  Name: string;
  Value: string;
}

export interface FakeRestApi {
  id: string;
  name: string;
  description?: string;
  /** Epoch milliseconds; defaults to {@link FIXTURE_EPOCH_MS}. */
  createdDate?: number;
  endpointConfiguration?: { types: string[] };
  tags?: Record<string, string>;
}

export interface FakeHttpApi {
  ApiId: string;
  Name: string;
  ProtocolType: 'HTTP' | 'WEBSOCKET';
  ApiEndpoint?: string;
  /** Epoch milliseconds; defaults to {@link FIXTURE_EPOCH_MS}. */
  CreatedDate?: number;
  Tags?: Record<string, string>;
}

export interface FakeTargetGroup {
  TargetGroupArn: string;
  LoadBalancerArns: string[];
  /** Defaults to the name inside the ARN (`targetgroup/<name>/<id>`). */
  TargetGroupName?: string;
  Protocol?: string;
  Port?: number;
  TargetType?: string;
  VpcId?: string;
}

/** The identity of one metric in a GetMetricData query, handed to {@link FakeRegion.metricValue}. */
export interface MetricQueryIdentity {
  namespace: string;
  name: string;
  dimensions: Record<string, string>;
  stat: string;
  period: number;
}

export interface FakeRegion {
  resources?: FakeResource[];
  logGroups?: FakeLogGroup[];
  restApis?: FakeRestApi[];
  apis?: FakeHttpApi[];
  targetGroups?: FakeTargetGroup[];
  /**
   * Metric data: a deterministic function of (metric identity, timestamp) → value, or undefined for
   * a missing datapoint. Called once per period boundary in [StartTime rounded down to the period,
   * EndTime).
   */
  metricValue?: (q: MetricQueryIdentity, t: Date) => number | undefined;
}

export interface FakeAccount {
  /** AssumeRole into this account is allowed for `arn:aws:iam::<id>:role/<roleName>`. */
  roleName?: string;
  /** When set, AssumeRole must pass exactly this ExternalId. */
  externalId?: string;
  regions: Record<string, FakeRegion>;
}

export interface FakeFixture {
  /** The account the base credentials (and any access key not minted by AssumeRole) belong to. */
  baseAccount: string;
  accounts: Record<string, FakeAccount>;
}

/**
 * What moto and its proxy (test/helpers/moto-proxy.ts) cannot give; throttling, server errors,
 * access denied, unknown credentials and cut-off pages are the proxy's.
 * - `slow`: a response held for `delayMs` (moto answers at once).
 * - `truncate`: a pagination token whose next use fails as expired (moto's tokens never expire).
 * - `answer`: any body in place of the operation's (moto only sends well-formed answers).
 */
export type FaultKind = 'slow' | 'truncate' | 'answer';

export interface FaultRule {
  service?: ServiceName;
  operation?: string;
  account?: string;
  region?: string;
  kind: FaultKind;
  /** How many matching calls this rule affects; all of them when omitted. */
  count?: number;
  /** For `slow`: how long to hold the response (default 5,000 ms). */
  delayMs?: number;
  /**
   * For `answer`: the successful response to send instead of the operation's, given how many
   * calls this rule has answered (1 for the first). What no service sends, but a broken or
   * impostor endpoint could: `{}`, a list that is not one, a pagination that never ends.
   */
  answer?: (call: number) => unknown;
}

/** Mutable at runtime: push, splice or clear it between calls. The first matching rule with calls left applies. */
export type FaultPlan = FaultRule[];

export interface CallRecord {
  service: ServiceName | 'unknown';
  operation: string;
  /** '' when the request carried no usable Authorization header. */
  account: string;
  region: string;
  status: number;
  /** Date.now() when the request arrived. */
  at: number;
  /** The fault that shaped this response, if any. */
  fault?: FaultKind;
  /**
   * The error code on the wire, if the call failed: the query code for awsQuery-compatible CloudWatch.
   * The SDK's error `name` is this code, or the modelled shape it maps to (ValidationError →
   * ValidationException, TargetGroupNotFound → TargetGroupNotFoundException).
   */
  error?: string;
  /** GetMetricData: datapoints returned across all results of this response. */
  datapoints?: number;
  /** GetMetricData: MetricDataQueries in the request. */
  queries?: number;
}

/** Creation times and other timestamps the fixture does not give default to this instant (2026-01-01T00:00:00Z). */
export const FIXTURE_EPOCH_MS = Date.UTC(2026, 0, 1);
