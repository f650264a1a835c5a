/**
 * A local HTTP endpoint that speaks the wire protocols of the AWS services obsgen reads, so tests can
 * drive the real AWS SDK v3 clients (serialisation, pagination, retries, error parsing) without an
 * AWS account. Point a client at it with `endpoint: fake.url` (or `AWS_ENDPOINT_URL`).
 *
 * - Caller region: the SigV4 credential scope of the `Authorization` header. Signatures are not checked,
 *   but a request without `Authorization` is refused (403 MissingAuthenticationToken).
 * - Caller account: access keys minted by STS AssumeRole are `ASIA<account><serial>`; a key
 *   `AKIA<12 digits>…` belongs to that account; any other key (e.g. {@link BASE_CREDENTIALS}) to
 *   `fixture.baseAccount`.
 * - Faults: `fake.faults` is a live list of rules; the first matching rule with calls left applies
 *   (`truncate` only matches operations that paginate; `answer` replaces the response with any body).
 * - Fixture data is read per (account, region); a missing account or region is simply empty.
 *
 * Services: Tagging GetResources; Logs DescribeLogGroups; CloudWatch GetMetricData (and an empty
 * DescribeAlarms); STS AssumeRole, GetCallerIdentity; API Gateway GetRestApis; API Gateway v2 GetApis;
 * ELBv2 DescribeTargetGroups. Other operations answer the protocol's unknown-operation error.
 *
 * What it is kept for: moto_server (test/helpers/moto.ts, with the faults of moto-proxy.ts) serves
 * everything else. moto 5.2.1 cannot
 * - list API Gateway stages, ElastiCache clusters, Kinesis streams, EventBridge rules or OpenSearch
 *   domains through the Tagging API (tagging.ts says what was tried);
 * - hold a response (`slow`), expire a pagination token (`truncate`), or send an endless, looping or
 *   malformed listing (`answer`): it answers at once, honestly;
 * - page GetMetricData or serve it at volume: it ignores MaxDatapoints, never sends a NextToken,
 *   and scans every datapoint of the region for every period of every query.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { restRoute } from './apigateway.js';
import { cloudwatch } from './cloudwatch.js';
import type { Caller, OpContext, RestInput, ServerState, ServiceDef } from './context.js';
import { invalidCredentialsError, missingAuthError, unknownOperationError } from './errors.js';
import { elbv2 } from './elbv2.js';
import { logs } from './logs.js';
import {
  ApiError,
  QueryParams,
  parseAuthorization,
  sendJsonRpc,
  sendJsonRpcError,
  sendQuery,
  sendQueryError,
  sendRestJson,
  sendRestJsonError,
} from './protocol.js';
import type { JsonObject, XmlObject } from './protocol.js';
import { ASSUMED_KEY_PATTERN, sts, uniqueId } from './sts.js';
import { tagging } from './tagging.js';
import type { CallRecord, FakeFixture, FaultPlan, FaultRule, ServiceName } from './types.js';

export * from './types.js';
export { arnResourceType } from './tagging.js';
export { MAX_DATAPOINTS_PER_RESPONSE, MAX_METRIC_DATA_QUERIES } from './cloudwatch.js';

/** Credentials that belong to `fixture.baseAccount` (any key not shaped like a minted or per-account key does). */
export const BASE_CREDENTIALS = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
} as const;

export interface FakeAws {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /**
   * Every request, in arrival order, faulted or not. `status` is filled in when the response is sent
   * (0 while a `slow` response is held, and if the client gave up first: then `error` is 'ClientDisconnected').
   */
  calls: CallRecord[];
  stop(): Promise<void>;
  /** Live fault rules: mutate freely between calls. */
  faults: FaultPlan;
  /** The base credentials (same as {@link BASE_CREDENTIALS}). */
  credentials: { accessKeyId: string; secretAccessKey: string };
  /** `{ endpoint, region, credentials }` for an SDK client constructor. */
  clientConfig(region: string): { endpoint: string; region: string; credentials: { accessKeyId: string; secretAccessKey: string } };
  /** Environment for SDK clients built with no explicit config: AWS_ENDPOINT_URL, AWS_REGION and base keys. */
  env(region: string): Record<string, string>;
}

type AnyService = ServiceDef<JsonObject> | ServiceDef<QueryParams> | ServiceDef<RestInput>;

const JSON_TARGETS: Record<string, ServiceDef<JsonObject>> = {
  ResourceGroupsTaggingAPI_20170126: tagging,
  Logs_20140328: logs,
  GraniteServiceVersion20100801: cloudwatch,
};

const QUERY_VERSIONS: Record<string, ServiceDef<QueryParams>> = {
  '2011-06-15': sts,
  '2015-12-01': elbv2,
};

const QUERY_SIGNING_NAMES: Record<string, ServiceDef<QueryParams>> = {
  sts,
  elasticloadbalancing: elbv2,
};

interface Routed {
  service: AnyService;
  operation: string;
  input: unknown;
}

class BadRequest extends Error {}

function route(req: IncomingMessage, body: string, signingName: string | undefined): Routed | undefined {
  const target = req.headers['x-amz-target'];
  if (typeof target === 'string') {
    const dot = target.lastIndexOf('.');
    const service = JSON_TARGETS[target.slice(0, dot)];
    if (!service) return undefined;
    let input: JsonObject;
    try {
      const parsed: unknown = body.trim() === '' ? {} : JSON.parse(body);
      input = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as JsonObject) : {};
    } catch {
      throw new BadRequest(service.name);
    }
    return { service, operation: target.slice(dot + 1), input };
  }
  const url = new URL(req.url ?? '/', 'http://localhost');
  const method = req.method ?? 'GET';
  const contentType = String(req.headers['content-type'] ?? '');
  if (method === 'POST' && (contentType.startsWith('application/x-www-form-urlencoded') || /(^|&)Action=/.test(body))) {
    const params = new QueryParams(body);
    const service = QUERY_VERSIONS[params.get('Version') ?? ''] ?? QUERY_SIGNING_NAMES[signingName ?? ''];
    if (!service) return undefined;
    return { service, operation: params.get('Action') ?? '', input: params };
  }
  const rest = restRoute(method, url.pathname);
  if (rest) return { service: rest.service, operation: rest.operation, input: { method, path: url.pathname, query: url.searchParams } };
  return undefined;
}

function sendError(service: AnyService, res: ServerResponse, err: ApiError): void {
  switch (service.protocol) {
    case 'json1.0':
    case 'json1.1':
      sendJsonRpcError(res, service.protocol === 'json1.0' ? '1.0' : '1.1', err, service.queryCompatible ?? false);
      return;
    case 'query':
      sendQueryError(res, service.xmlns ?? '', err);
      return;
    case 'rest-json':
      sendRestJsonError(res, err);
      return;
  }
}

function sendOk(service: AnyService, operation: string, res: ServerResponse, result: unknown): void {
  switch (service.protocol) {
    case 'json1.0':
    case 'json1.1':
      sendJsonRpc(res, service.protocol === 'json1.0' ? '1.0' : '1.1', result);
      return;
    case 'query':
      sendQuery(res, service.xmlns ?? '', operation, result as XmlObject | undefined);
      return;
    case 'rest-json':
      sendRestJson(res, result);
      return;
  }
}

function ruleMatches(rule: FaultRule, service: ServiceName, operation: string, account: string, region: string): boolean {
  return (
    (rule.service === undefined || rule.service === service) &&
    (rule.operation === undefined || rule.operation === operation) &&
    (rule.account === undefined || rule.account === account) &&
    (rule.region === undefined || rule.region === region)
  );
}

export async function startFakeAws(fixture: FakeFixture, faults: FaultPlan = []): Promise<FakeAws> {
  const calls: CallRecord[] = [];
  const state: ServerState = { issued: new Map(), nextCredentialSerial: 1 };
  const used = new WeakMap<FaultRule, number>();
  const pending = new Set<() => void>();

  const fake: FakeAws = {
    url: '',
    calls,
    faults,
    credentials: { ...BASE_CREDENTIALS },
    clientConfig: (region) => ({ endpoint: fake.url, region, credentials: { ...BASE_CREDENTIALS } }),
    env: (region) => ({
      AWS_ENDPOINT_URL: fake.url,
      AWS_REGION: region,
      AWS_ACCESS_KEY_ID: BASE_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: BASE_CREDENTIALS.secretAccessKey,
    }),
    stop: async () => {},
  };

  function resolveCaller(accessKeyId: string): Caller | undefined {
    const assumed = ASSUMED_KEY_PATTERN.exec(accessKeyId);
    if (assumed) {
      const issued = state.issued.get(accessKeyId);
      if (!issued || issued.expiration.getTime() <= Date.now()) return undefined;
      return {
        account: issued.account,
        arn: `arn:aws:sts::${issued.account}:assumed-role/${issued.roleName}/${issued.sessionName}`,
        userId: `${uniqueId('AROA', `${issued.account}:${issued.roleName}`)}:${issued.sessionName}`,
        accessKeyId,
      };
    }
    if (accessKeyId.startsWith('ASIA')) return undefined;
    const account = /^AKIA(\d{12})/.exec(accessKeyId)?.[1] ?? fixture.baseAccount;
    return { account, arn: `arn:aws:iam::${account}:user/fake-aws`, userId: uniqueId('AIDA', account), accessKeyId };
  }

  /** Waits `ms`, or less if the client goes away or the server stops. */
  function hold(ms: number, req: IncomingMessage): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        req.socket.off('close', done);
        pending.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      req.socket.on('close', done);
      pending.add(done);
    });
  }

  async function handle(req: IncomingMessage, res: ServerResponse, body: string): Promise<void> {
    const record: CallRecord = { service: 'unknown', operation: '', account: '', region: '', status: 0, at: Date.now() };
    calls.push(record);
    const finish = (service: AnyService, err?: ApiError): void => {
      if (err) {
        record.status = err.status;
        record.error = err.sdkCode;
        sendError(service, res, err);
      }
    };

    const scope = parseAuthorization(req.headers['authorization']);
    let routed: Routed | undefined;
    try {
      routed = route(req, body, scope?.service);
    } catch (e) {
      if (!(e instanceof BadRequest)) throw e;
      const service = JSON_TARGETS[String(req.headers['x-amz-target']).split('.')[0] ?? ''] ?? tagging;
      record.service = service.name;
      finish(service, new ApiError(400, 'SerializationException', 'Could not parse the request body as JSON.'));
      return;
    }
    if (!routed) {
      record.status = 404;
      record.operation = `${req.method ?? ''} ${req.url ?? ''}`;
      if (!res.destroyed) {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: `fake-aws: no service handles ${req.method ?? ''} ${req.url ?? ''}` }));
      }
      return;
    }
    const { service, operation, input } = routed;
    record.service = service.name;
    record.operation = operation;

    if (!scope) {
      finish(service, missingAuthError(service.name));
      return;
    }
    record.region = scope.region;
    const caller = resolveCaller(scope.accessKeyId);
    if (!caller) {
      finish(service, invalidCredentialsError(service.name));
      return;
    }
    record.account = caller.account;
    const handler = service.operations[operation] as ((ctx: OpContext, input: unknown) => unknown) | undefined;
    if (!handler) {
      finish(service, unknownOperationError(service.name, operation));
      return;
    }

    const rule = faults.find(
      (r) =>
        ruleMatches(r, service.name, operation, caller.account, scope.region) &&
        (r.count === undefined || (used.get(r) ?? 0) < r.count) &&
        (r.kind !== 'truncate' || service.paginated.has(operation)),
    );
    if (rule) {
      used.set(rule, (used.get(rule) ?? 0) + 1);
      record.fault = rule.kind;
      switch (rule.kind) {
        case 'slow':
          await hold(rule.delayMs ?? 5000, req);
          if (res.destroyed) {
            record.error = 'ClientDisconnected';
            return;
          }
          break;
        case 'truncate':
          break;
        case 'answer':
          record.status = 200;
          sendOk(service, operation, res, rule.answer?.(used.get(rule)!) ?? {});
          return;
      }
    }

    const ctx: OpContext = {
      caller,
      account: caller.account,
      region: scope.region,
      data: fixture.accounts[caller.account]?.regions[scope.region] ?? {},
      fixture,
      state,
      truncate: rule?.kind === 'truncate',
      record: {},
    };
    try {
      const result = handler(ctx, input);
      Object.assign(record, ctx.record);
      record.status = 200;
      sendOk(service, operation, res, result);
    } catch (e) {
      Object.assign(record, ctx.record);
      if (e instanceof ApiError) {
        finish(service, e);
      } else {
        finish(service, new ApiError(500, 'InternalFailure', `fake-aws: ${e instanceof Error ? e.message : String(e)}`));
      }
    }
  }

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      handle(req, res, Buffer.concat(chunks).toString('utf8')).catch((e: unknown) => {
        if (!res.headersSent && !res.destroyed) {
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ message: `fake-aws: ${e instanceof Error ? e.message : String(e)}` }));
        }
      });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  fake.url = `http://127.0.0.1:${port}`;
  fake.stop = () =>
    new Promise<void>((resolve) => {
      for (const done of [...pending]) done();
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return fake;
}

