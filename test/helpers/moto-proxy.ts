import { createServer } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity } from '@aws-sdk/types';
import { startMoto } from './moto.js';
import type { Moto } from './moto.js';
import { pointSdkAt } from './sdk-env.js';

/**
 * A thin HTTP proxy in front of moto_server. Everything it does not say otherwise is moto's own
 * answer, byte for byte. It adds what moto cannot give:
 *
 * - **Composite alarms.** moto 5.2.1 has no `PutCompositeAlarm` (it answers HTTP 500, so the
 *   Terraform provider retries until it gives up), and its old way in (an `AlarmRule` on
 *   `PutMetricAlarm`) is gone: requests are parsed against the service model, which drops the
 *   member. The proxy keeps composite alarms itself: Put, Describe (merged into moto's answer
 *   and filtered by `AlarmTypes`, which moto ignores), Delete, SetAlarmState and their tags, in
 *   both protocols CloudWatch speaks (awsQuery for Terraform's provider, JSON 1.0 for the JS SDK).
 * - **Pages of DescribeAlarms** (JSON, for the SDK): moto ignores MaxRecords and never sends a
 *   NextToken.
 * - **PutMetricFilter replaces a filter of the same name**, as CloudWatch Logs does ("creates or
 *   updates"): moto 5.2.1 appends another (logs/metric_filters.py `add_filter`), and a read
 *   then finds the old one first, so an update in place never seemed to take.
 * - **Faults**: throttling, server errors, access denied, unknown credentials (a region not
 *   enabled) and broken pages, by service, operation, region and account, for as many calls
 *   as asked.
 *
 * It also records every call (service, operation, account, region, status).
 */
/** `unrecognized-client`: what a region not enabled for the account answers (the credentials are unknown there). */
export type ProxyFaultKind = 'throttle' | 'server-error' | 'access-denied' | 'unrecognized-client' | 'broken-page';

export interface ProxyFault {
  kind: ProxyFaultKind;
  /** The SigV4 signing name (`tagging`, `monitoring`, `logs`, `sts`, …); any when absent. */
  service?: string;
  operation?: string;
  region?: string;
  account?: string;
  /** How many matching calls fail; every one when absent. */
  times?: number;
}

export interface ProxyCall {
  service: string;
  operation: string;
  region: string;
  account: string;
  status: number;
  fault?: ProxyFaultKind;
}

export interface CompositeAlarmRecord {
  AlarmName: string;
  AlarmArn: string;
  AlarmRule: string;
  AlarmDescription?: string;
  ActionsEnabled: boolean;
  AlarmActions: string[];
  OKActions: string[];
  InsufficientDataActions: string[];
  StateValue: string;
  StateReason: string;
  /** Epoch seconds. */
  StateUpdatedTimestamp: number;
  AlarmConfigurationUpdatedTimestamp: number;
  Tags: { Key: string; Value: string }[];
}

export interface MotoProxy {
  url: string;
  calls: ProxyCall[];
  faults: ProxyFault[];
  /** Composite alarms by `account/region/name`. */
  composites: Map<string, CompositeAlarmRecord>;
  env(region: string): Record<string, string>;
  stop(): Promise<void>;
}

/** What a request is: from its SigV4 credential scope and its protocol's operation marker. */
interface Parsed {
  service: string;
  region: string;
  accessKey: string;
  operation: string;
  protocol: 'json' | 'query' | 'rest';
  params: Record<string, unknown>;
}

function parse(req: IncomingMessage, body: Buffer): Parsed {
  const scope = /Credential=([^/]+)\/\d+\/([^/]+)\/([^/]+)\//.exec(req.headers.authorization ?? '');
  const [, accessKey = '', region = '', service = ''] = scope ?? [];
  const target = req.headers['x-amz-target'];
  const type = String(req.headers['content-type'] ?? '');
  if (typeof target === 'string') {
    const text = body.toString('utf8');
    return { service, region, accessKey, operation: target.slice(target.lastIndexOf('.') + 1), protocol: 'json', params: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  }
  if (type.startsWith('application/x-www-form-urlencoded')) {
    const form = new URLSearchParams(body.toString('utf8'));
    return { service, region, accessKey, operation: form.get('Action') ?? '', protocol: 'query', params: fromQuery(form) };
  }
  return { service, region, accessKey, operation: `${req.method ?? 'GET'} ${(req.url ?? '/').split('?')[0]}`, protocol: 'rest', params: {} };
}

/** awsQuery's flattened form (`AlarmNames.member.1`, `Tags.member.1.Key`) as nested data. */
function fromQuery(form: URLSearchParams): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of form) {
    const parts = key.split('.').filter((p) => p !== 'member');
    let node: Record<string, unknown> = out;
    parts.forEach((part, i) => {
      if (i === parts.length - 1) node[part] = value;
      else node = (node[part] ??= {}) as Record<string, unknown>;
    });
  }
  // `{1: a, 2: b}` → `[a, b]`, recursively.
  const lists = (v: unknown): unknown => {
    if (typeof v !== 'object' || v === null) return v;
    const entries = Object.entries(v as Record<string, unknown>);
    if (entries.length > 0 && entries.every(([k]) => /^\d+$/.test(k))) return entries.sort(([a], [b]) => Number(a) - Number(b)).map(([, x]) => lists(x));
    return Object.fromEntries(entries.map(([k, x]) => [k, lists(x)]));
  };
  return lists(out) as Record<string, unknown>;
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);
const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const CW_NS = 'http://monitoring.amazonaws.com/doc/2010-08-01/';

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

function answer(p: Parsed, status: number, result: Record<string, unknown> | string): Answer {
  if (p.protocol === 'query') {
    const inner = typeof result === 'string' ? result : '';
    const body = `<${p.operation}Response xmlns="${CW_NS}">${inner ? `<${p.operation}Result>${inner}</${p.operation}Result>` : ''}<ResponseMetadata><RequestId>moto-proxy</RequestId></ResponseMetadata></${p.operation}Response>`;
    return { status, headers: { 'content-type': 'text/xml' }, body: Buffer.from(body) };
  }
  return { status, headers: { 'content-type': 'application/x-amz-json-1.0' }, body: Buffer.from(JSON.stringify(typeof result === 'string' ? {} : result)) };
}

/**
 * The status and code each fault answers with, as the service sends it (the SDK's error `name`
 * is this code): the Tagging API, Logs and the other AWS JSON services by their own codes;
 * CloudWatch (AWS JSON, but awsQuery-compatible: the code travels in `x-amzn-query-error`), STS
 * and ELBv2 by awsQuery's.
 */
function faultCode(p: Parsed, kind: Exclude<ProxyFaultKind, 'broken-page'>): [number, string] {
  const queryCodes = p.protocol === 'query' || p.service === 'monitoring';
  switch (kind) {
    case 'throttle':
      return [400, p.service === 'tagging' ? 'ThrottledException' : queryCodes ? 'Throttling' : 'ThrottlingException'];
    case 'server-error':
      return [500, p.service === 'tagging' ? 'InternalServiceException' : p.service === 'logs' ? 'ServiceUnavailableException' : p.service === 'monitoring' ? 'InternalServiceError' : 'InternalFailure'];
    case 'access-denied':
      return queryCodes ? [403, 'AccessDenied'] : [400, 'AccessDeniedException'];
    case 'unrecognized-client':
      return queryCodes ? [403, 'InvalidClientTokenId'] : [400, 'UnrecognizedClientException'];
  }
}

/** The error each fault sends, in the request's protocol (codes the SDKs' retry rules know). */
function faultAnswer(p: Parsed, kind: Exclude<ProxyFaultKind, 'broken-page'>, account: string): Answer {
  const [status, code] = faultCode(p, kind);
  const message =
    kind === 'throttle'
      ? 'Rate exceeded'
      : kind === 'server-error'
        ? 'Internal service error'
        : kind === 'unrecognized-client'
          ? 'The security token included in the request is invalid.'
          : `User: arn:aws:sts::${account}:assumed-role/obsgen/session is not authorized to perform: ${p.service}:${p.operation}`;
  return errorAnswer(p, status, code, message);
}

/** An error in the request's protocol. */
function errorAnswer(p: Parsed, status: number, code: string, message: string): Answer {
  if (p.protocol === 'query') {
    const body = `<ErrorResponse><Error><Type>${status >= 500 ? 'Receiver' : 'Sender'}</Type><Code>${code}</Code><Message>${xml(message)}</Message></Error><RequestId>moto-proxy</RequestId></ErrorResponse>`;
    return { status, headers: { 'content-type': 'text/xml' }, body: Buffer.from(body) };
  }
  return {
    status,
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-errortype': code, 'x-amzn-query-error': `${code};${status >= 500 ? 'Receiver' : 'Sender'}` },
    body: Buffer.from(JSON.stringify({ __type: code, message, Message: message })),
  };
}

function compositeXml(c: CompositeAlarmRecord): string {
  const list = (name: string, xs: string[]) => (xs.length ? `<${name}>${xs.map((x) => `<member>${xml(x)}</member>`).join('')}</${name}>` : `<${name}/>`);
  const iso = (s: number) => new Date(s * 1000).toISOString();
  return [
    '<member>',
    `<AlarmName>${xml(c.AlarmName)}</AlarmName><AlarmArn>${xml(c.AlarmArn)}</AlarmArn><AlarmRule>${xml(c.AlarmRule)}</AlarmRule>`,
    c.AlarmDescription !== undefined ? `<AlarmDescription>${xml(c.AlarmDescription)}</AlarmDescription>` : '',
    `<ActionsEnabled>${c.ActionsEnabled}</ActionsEnabled>`,
    list('AlarmActions', c.AlarmActions),
    list('OKActions', c.OKActions),
    list('InsufficientDataActions', c.InsufficientDataActions),
    `<StateValue>${c.StateValue}</StateValue><StateReason>${xml(c.StateReason)}</StateReason>`,
    `<StateUpdatedTimestamp>${iso(c.StateUpdatedTimestamp)}</StateUpdatedTimestamp><AlarmConfigurationUpdatedTimestamp>${iso(c.AlarmConfigurationUpdatedTimestamp)}</AlarmConfigurationUpdatedTimestamp>`,
    '</member>',
  ].join('');
}

function compositePublic(c: CompositeAlarmRecord): Record<string, unknown> {
  const { Tags: _tags, ...rest } = c;
  return rest;
}

/** Starts the proxy on a free loopback port in front of `moto`. */
export async function startMotoProxy(moto: Moto): Promise<MotoProxy> {
  const calls: ProxyCall[] = [];
  const faults: ProxyFault[] = [];
  const composites = new Map<string, CompositeAlarmRecord>();
  const accounts = new Map<string, string>();

  /** The account behind an access key, as moto sees it (AssumeRole keys belong to the role's account). */
  async function accountOf(accessKey: string, region: string): Promise<string> {
    if (!accessKey) return '';
    let account = accounts.get(accessKey);
    if (account === undefined) {
      const r = await fetch(`${moto.url}/`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `AWS4-HMAC-SHA256 Credential=${accessKey}/20260101/${region || 'us-east-1'}/sts/aws4_request, SignedHeaders=host, Signature=0` },
        body: 'Action=GetCallerIdentity&Version=2011-06-15',
      });
      account = /<Account>(\d+)<\/Account>/.exec(await r.text())?.[1] ?? '';
      accounts.set(accessKey, account);
    }
    return account;
  }

  /** moto's answer to the request (its body given uncompressed, see `handle`); with `target`, to that JSON operation instead. */
  async function forward(req: IncomingMessage, body: Buffer, target?: string): Promise<Answer> {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers as IncomingHttpHeaders)) if (v !== undefined && !['content-length', 'host', 'connection', 'content-encoding'].includes(k)) headers[k] = Array.isArray(v) ? v.join(', ') : v;
    if (target) headers['x-amz-target'] = target;
    const r = await fetch(`${moto.url}${req.url ?? '/'}`, { method: req.method ?? 'GET', headers, body: req.method === 'GET' || req.method === 'HEAD' ? undefined : new Uint8Array(body) });
    const out: Record<string, string> = {};
    r.headers.forEach((v, k) => {
      if (!['content-length', 'transfer-encoding', 'content-encoding', 'connection'].includes(k)) out[k] = v;
    });
    return { status: r.status, headers: out, body: Buffer.from(await r.arrayBuffer()) };
  }

  /** Composite alarms in CloudWatch; undefined when moto should answer. */
  async function cloudwatch(p: Parsed, account: string, req: IncomingMessage, body: Buffer): Promise<Answer | undefined> {
    const key = (name: string) => `${account}/${p.region}/${name}`;
    const now = Date.now() / 1000;
    switch (p.operation) {
      case 'PutCompositeAlarm': {
        const name = String(p.params['AlarmName']);
        const previous = composites.get(key(name));
        composites.set(key(name), {
          AlarmName: name,
          AlarmArn: `arn:aws:cloudwatch:${p.region}:${account}:alarm:${name}`,
          AlarmRule: String(p.params['AlarmRule']),
          ...(p.params['AlarmDescription'] !== undefined ? { AlarmDescription: String(p.params['AlarmDescription']) } : {}),
          ActionsEnabled: String(p.params['ActionsEnabled'] ?? 'true') === 'true',
          AlarmActions: strings(p.params['AlarmActions']),
          OKActions: strings(p.params['OKActions']),
          InsufficientDataActions: strings(p.params['InsufficientDataActions']),
          StateValue: previous?.StateValue ?? 'INSUFFICIENT_DATA',
          StateReason: previous?.StateReason ?? 'Unchecked: Initial alarm creation',
          StateUpdatedTimestamp: previous?.StateUpdatedTimestamp ?? now,
          AlarmConfigurationUpdatedTimestamp: now,
          Tags: (Array.isArray(p.params['Tags']) ? (p.params['Tags'] as { Key: string; Value: string }[]) : previous?.Tags ?? []).map((t) => ({ Key: String(t.Key), Value: String(t.Value) })),
        });
        return answer(p, 200, {});
      }
      case 'DescribeAlarms': {
        const types = strings(p.params['AlarmTypes']);
        const names = strings(p.params['AlarmNames']);
        const prefix = p.params['AlarmNamePrefix'] === undefined ? undefined : String(p.params['AlarmNamePrefix']);
        const state = p.params['StateValue'] === undefined ? undefined : String(p.params['StateValue']);
        const wantMetric = types.length === 0 || types.includes('MetricAlarm');
        const wantComposite = types.includes('CompositeAlarm');
        const mine = wantComposite
          ? [...composites.entries()]
              .filter(([k]) => k.startsWith(`${account}/${p.region}/`))
              .map(([, c]) => c)
              .filter((c) => (names.length === 0 || names.includes(c.AlarmName)) && (prefix === undefined || c.AlarmName.startsWith(prefix)) && (state === undefined || c.StateValue === state))
              .sort((a, b) => a.AlarmName.localeCompare(b.AlarmName))
          : [];
        const moto = wantMetric ? await forward(req, body) : undefined;
        if (moto && moto.status !== 200) return moto;
        if (p.protocol === 'query') {
          const metricXml = moto ? (/<MetricAlarms>[\s\S]*<\/MetricAlarms>|<MetricAlarms\/>/.exec(moto.body.toString('utf8'))?.[0] ?? '<MetricAlarms/>') : '<MetricAlarms/>';
          const compositeXmlList = mine.length ? `<CompositeAlarms>${mine.map(compositeXml).join('')}</CompositeAlarms>` : '<CompositeAlarms/>';
          return answer(p, 200, `${compositeXmlList}${metricXml}`);
        }
        // moto answers every alarm at once (it ignores MaxRecords and NextToken); the SDK (JSON)
        // gets pages of MaxRecords (default 50) as from AWS: one name-ordered listing of both kinds.
        // Terraform's provider (awsQuery) reads alarms by name, so its answers are not paged.
        const metric = moto ? ((JSON.parse(moto.body.toString('utf8')) as { MetricAlarms?: { AlarmName: string }[] }).MetricAlarms ?? []) : [];
        const listed: { name: string; metric?: unknown; composite?: unknown }[] = [...metric.map((a) => ({ name: a.AlarmName, metric: a })), ...mine.map((c) => ({ name: c.AlarmName, composite: compositePublic(c) }))].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
        const max = Number(p.params['MaxRecords'] ?? 50);
        const from = p.params['NextToken'] === undefined ? 0 : Number(/^proxy-page-(\d+)$/.exec(String(p.params['NextToken']))?.[1] ?? NaN);
        if (!Number.isInteger(from)) return errorAnswer(p, 400, 'InvalidNextToken', 'The service returned an invalid NextToken.');
        const page = listed.slice(from, from + max);
        return answer(p, 200, {
          MetricAlarms: page.flatMap((x) => (x.metric ? [x.metric] : [])),
          CompositeAlarms: page.flatMap((x) => (x.composite ? [x.composite] : [])),
          ...(from + max < listed.length ? { NextToken: `proxy-page-${from + max}` } : {}),
        });
      }
      case 'DeleteAlarms': {
        const names = strings(p.params['AlarmNames']);
        const rest = names.filter((n) => !composites.delete(key(n)));
        if (rest.length === names.length) return undefined;
        if (rest.length > 0) throw new Error('moto-proxy: DeleteAlarms mixing composite and metric alarms is not supported');
        return answer(p, 200, {});
      }
      case 'SetAlarmState': {
        const c = composites.get(key(String(p.params['AlarmName'])));
        if (!c) return undefined;
        Object.assign(c, { StateValue: String(p.params['StateValue']), StateReason: String(p.params['StateReason'] ?? ''), StateUpdatedTimestamp: now });
        return answer(p, 200, {});
      }
      case 'ListTagsForResource':
      case 'TagResource':
      case 'UntagResource': {
        const arn = String(p.params['ResourceARN']);
        const c = [...composites.values()].find((x) => x.AlarmArn === arn);
        if (!c) return undefined;
        if (p.operation === 'ListTagsForResource') {
          if (p.protocol === 'query') return answer(p, 200, c.Tags.length ? `<Tags>${c.Tags.map((t) => `<member><Key>${xml(t.Key)}</Key><Value>${xml(t.Value)}</Value></member>`).join('')}</Tags>` : '<Tags/>');
          return answer(p, 200, { Tags: c.Tags });
        }
        if (p.operation === 'TagResource') {
          const added = (p.params['Tags'] as { Key: string; Value: string }[] | undefined) ?? [];
          c.Tags = [...c.Tags.filter((t) => !added.some((a) => a.Key === t.Key)), ...added.map((t) => ({ Key: String(t.Key), Value: String(t.Value) }))];
        } else {
          const removed = strings(p.params['TagKeys']);
          c.Tags = c.Tags.filter((t) => !removed.includes(t.Key));
        }
        return answer(p, 200, {});
      }
      default:
        return undefined;
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    // The SDK compresses large PutMetricData bodies; moto 5.2.1 cannot read them (it answers 500),
    // so both the proxy and moto get the body uncompressed.
    const raw = Buffer.concat(chunks);
    const body = req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw;
    const p = parse(req, body);
    const account = await accountOf(p.accessKey, p.region);
    const fault = faults.find(
      (f) =>
        (f.times === undefined || f.times > 0) &&
        (f.service === undefined || f.service === p.service) &&
        (f.operation === undefined || f.operation === p.operation) &&
        (f.region === undefined || f.region === p.region) &&
        (f.account === undefined || f.account === account),
    );
    if (fault && fault.times !== undefined) fault.times--;
    let out: Answer;
    if (fault && fault.kind !== 'broken-page') out = faultAnswer(p, fault.kind, account);
    else {
      if (p.service === 'logs' && p.operation === 'PutMetricFilter') {
        // Whatever moto says (no such filter, most often): the put that follows is the answer.
        const { logGroupName, filterName } = p.params;
        await forward(req, Buffer.from(JSON.stringify({ logGroupName, filterName })), 'Logs_20140328.DeleteMetricFilter');
      }
      out = (p.service === 'monitoring' ? await cloudwatch(p, account, req, body) : undefined) ?? (await forward(req, body));
      // A page cut off mid-way: what a dropped connection behind a proxy looks like.
      if (fault?.kind === 'broken-page') out = { ...out, body: out.body.subarray(0, Math.floor(out.body.length / 2)) };
    }
    calls.push({ service: p.service, operation: p.operation, region: p.region, account, status: out.status, ...(fault ? { fault: fault.kind } : {}) });
    res.writeHead(out.status, { ...out.headers, 'content-length': String(out.body.length) });
    res.end(out.body);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`moto-proxy: ${e instanceof Error ? e.message : String(e)}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    calls,
    faults,
    composites,
    env: (region) => ({ ...moto.env(region), AWS_ENDPOINT_URL: url }),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * moto behind the proxy, with the process environment pointing the SDK (and so obsgen) at it,
 * as a user would at AWS; `stop` restores the environment and stops both.
 */
export async function startMotoBehindProxy(region: string): Promise<{ moto: Moto; proxy: MotoProxy; stop(): Promise<void> }> {
  const moto = await startMoto();
  const proxy = await startMotoProxy(moto);
  const restore = pointSdkAt(proxy.env(region));
  return {
    moto,
    proxy,
    async stop() {
      restore();
      await proxy.stop();
      await moto.stop();
    },
  };
}

/**
 * A Terraform provider configuration that reaches moto through the proxy, for one alias of the
 * generated module (`account_<id>_<region>`): in that account, by a role there, as a deployer would.
 */
export function motoProviderBlock(proxyUrl: string, alias: string, region: string): string {
  const account = /^account_(\d{12})_/.exec(alias)?.[1];
  if (!account) throw new Error(`moto provider: ${alias} names no account`);
  return [
    'provider "aws" {',
    `  alias                       = "${alias}"`,
    `  region                      = "${region}"`,
    '  access_key                  = "AKIAMOTOEXAMPLE"',
    '  secret_key                  = "moto"',
    '  skip_credentials_validation = true',
    '  skip_requesting_account_id  = true',
    '  skip_metadata_api_check     = true',
    '',
    '  endpoints {',
    `    cloudwatch = "${proxyUrl}"`,
    `    logs       = "${proxyUrl}"`,
    `    sts        = "${proxyUrl}"`,
    '  }',
    '',
    '  assume_role {',
    `    role_arn = "arn:aws:iam::${account}:role/monitoring-deployer"`,
    '  }',
    '}',
    '',
  ].join('\n');
}

/** Credentials in `account`, as moto gives them for a role there (how a deployer reaches a second account). */
export async function motoCredentialsIn(proxyUrl: string, account: string): Promise<AwsCredentialIdentity> {
  const sts = new STSClient({ endpoint: proxyUrl, region: 'us-east-1', credentials: { accessKeyId: 'AKIAMOTOEXAMPLE', secretAccessKey: 'moto' } });
  const c = (await sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${account}:role/setup`, RoleSessionName: 'setup' }))).Credentials!;
  return { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! };
}
