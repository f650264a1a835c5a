/**
 * Wire-protocol plumbing shared by the fake services: errors, response writers for AWS JSON 1.0/1.1,
 * awsQuery (XML) and restJson1, form parsing, SigV4 scope parsing and opaque pagination tokens.
 */
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';

export type Protocol = 'json1.0' | 'json1.1' | 'query' | 'rest-json';

export interface ApiErrorOptions {
  /** awsQuery-compatible services (CloudWatch): the query error code sent in `x-amzn-query-error`. */
  queryCode?: string;
  /** Sender (4xx) or Receiver (5xx); derived from the status when omitted. */
  type?: 'Sender' | 'Receiver';
  /** The member the model gives the message (`message` or `Message`). */
  messageKey?: 'message' | 'Message';
}

/** An error response of some service. `code` is the JSON `__type`, query `<Code>` or REST `x-amzn-ErrorType`. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly opts: ApiErrorOptions;
  constructor(status: number, code: string, message: string, opts: ApiErrorOptions = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.opts = opts;
  }
  /** The code an SDK surfaces as the error's `name` for an unmodelled error. */
  get sdkCode(): string {
    return this.opts.queryCode ?? this.code.replace(/^.*#/, '');
  }
  get faultType(): 'Sender' | 'Receiver' {
    return this.opts.type ?? (this.status >= 500 ? 'Receiver' : 'Sender');
  }
}

// ---------------------------------------------------------------------------------------------------
// Response writers

function send(res: ServerResponse, status: number, contentType: string, body: string, headers: Record<string, string> = {}): void {
  if (res.destroyed || res.writableEnded) return;
  res.writeHead(status, {
    'content-type': contentType,
    'content-length': Buffer.byteLength(body).toString(),
    'x-amzn-requestid': randomUUID(),
    ...headers,
  });
  res.end(body);
}

export function sendJsonRpc(res: ServerResponse, version: '1.0' | '1.1', body: unknown): void {
  send(res, 200, `application/x-amz-json-${version}`, JSON.stringify(body ?? {}));
}

/**
 * An AWS JSON error: `{"__type": code, "message": ...}`. For awsQuery-compatible services the query
 * code travels in `x-amzn-query-error: Code;Sender`, which the SDK prefers over `__type`.
 */
export function sendJsonRpcError(res: ServerResponse, version: '1.0' | '1.1', err: ApiError, queryCompatible: boolean): void {
  const headers: Record<string, string> = {};
  if (queryCompatible && err.opts.queryCode) headers['x-amzn-query-error'] = `${err.opts.queryCode};${err.faultType}`;
  const body = { __type: err.code, [err.opts.messageKey ?? 'message']: err.message };
  send(res, err.status, `application/x-amz-json-${version}`, JSON.stringify(body), headers);
}

export function sendRestJson(res: ServerResponse, body: unknown): void {
  send(res, 200, 'application/json', JSON.stringify(body ?? {}));
}

/** A restJson1 error: the code in `x-amzn-ErrorType`, the message in the body. */
export function sendRestJsonError(res: ServerResponse, err: ApiError): void {
  send(res, err.status, 'application/json', JSON.stringify({ [err.opts.messageKey ?? 'message']: err.message }), {
    'x-amzn-ErrorType': err.code,
  });
}

/** An awsQuery success: `<OpResponse xmlns><OpResult>…</OpResult><ResponseMetadata>…</ResponseMetadata></OpResponse>`. */
export function sendQuery(res: ServerResponse, xmlns: string, operation: string, result: XmlObject | undefined): void {
  const requestId = randomUUID();
  const inner = result === undefined ? '' : xmlElement(`${operation}Result`, result);
  const body =
    `<${operation}Response xmlns="${xmlns}">${inner}` +
    `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${operation}Response>`;
  send(res, 200, 'text/xml', body, { 'x-amzn-requestid': requestId });
}

/** An awsQuery error: `<ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>`. */
export function sendQueryError(res: ServerResponse, xmlns: string, err: ApiError): void {
  const requestId = randomUUID();
  const body =
    `<ErrorResponse xmlns="${xmlns}"><Error><Type>${err.faultType}</Type><Code>${escapeXml(err.code)}</Code>` +
    `<Message>${escapeXml(err.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
  send(res, err.status, 'text/xml', body, { 'x-amzn-requestid': requestId });
}

// ---------------------------------------------------------------------------------------------------
// XML

export type XmlValue = string | number | boolean | Date | undefined | XmlValue[] | XmlObject;
export interface XmlObject {
  [key: string]: XmlValue;
}

export function escapeXml(s: string): string {
  return s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Serialises a value as awsQuery XML: lists as `<member>` children, timestamps as ISO 8601. */
export function xmlElement(name: string, value: XmlValue): string {
  if (value === undefined) return '';
  if (Array.isArray(value)) return `<${name}>${value.map((v) => xmlElement('member', v)).join('')}</${name}>`;
  if (value instanceof Date) return `<${name}>${value.toISOString()}</${name}>`;
  if (typeof value === 'object') {
    return `<${name}>${Object.entries(value)
      .map(([k, v]) => xmlElement(k, v))
      .join('')}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

// ---------------------------------------------------------------------------------------------------
// Requests

/** Form parameters of an awsQuery request. */
export class QueryParams {
  private readonly map: Map<string, string>;
  constructor(body: string) {
    this.map = new Map(new URLSearchParams(body));
  }
  get(key: string): string | undefined {
    return this.map.get(key);
  }
  number(key: string): number | undefined {
    const v = this.map.get(key);
    return v === undefined || v === '' ? undefined : Number(v);
  }
  /** `Key.member.1`, `Key.member.2`, … in order. */
  list(key: string): string[] | undefined {
    const prefix = `${key}.member.`;
    const items: [number, string][] = [];
    for (const [k, v] of this.map) {
      if (k.startsWith(prefix)) items.push([Number(k.slice(prefix.length)), v]);
    }
    if (items.length === 0) return this.map.has(key) ? [] : undefined;
    return items.sort((a, b) => a[0] - b[0]).map(([, v]) => v);
  }
}

export interface SigV4Scope {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
}

/** `AWS4-HMAC-SHA256 Credential=AKID/20260101/eu-west-1/logs/aws4_request, SignedHeaders=…, Signature=…` */
export function parseAuthorization(header: string | undefined): SigV4Scope | undefined {
  if (!header) return undefined;
  const m = /Credential=([^/,\s]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request/.exec(header);
  if (!m) return undefined;
  return { accessKeyId: m[1] ?? '', date: m[2] ?? '', region: m[3] ?? '', service: m[4] ?? '' };
}

// ---------------------------------------------------------------------------------------------------
// Pagination tokens: opaque base64url JSON. A `truncate` fault hands out a poisoned token whose next
// use fails with the service's expired/invalid-token error.

export type TokenPayload = Record<string, number | string>;

export function encodeToken(payload: TokenPayload): string {
  return Buffer.from(JSON.stringify(payload)).toString('base64url');
}

export function poisonedToken(): string {
  return encodeToken({ expired: 1, n: randomUUID() });
}

export type DecodedToken = { kind: 'none' } | { kind: 'ok'; payload: TokenPayload } | { kind: 'invalid' } | { kind: 'expired' };

export function decodeToken(token: string | undefined | null): DecodedToken {
  if (token === undefined || token === null || token === '') return { kind: 'none' };
  try {
    const payload: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return { kind: 'invalid' };
    const p = payload as TokenPayload;
    if (p['expired'] === 1) return { kind: 'expired' };
    return { kind: 'ok', payload: p };
  } catch {
    return { kind: 'invalid' };
  }
}

/** A non-negative integer from a token payload, or undefined. */
export function tokenInt(payload: TokenPayload, key: string): number | undefined {
  const v = payload[key];
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : undefined;
}

// ---------------------------------------------------------------------------------------------------
// JSON request helpers

export type JsonObject = Record<string, unknown>;

export function asObject(v: unknown): JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as JsonObject) : {};
}

export function asString(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

export function asNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) return Number(v);
  return undefined;
}

export function asArray(v: unknown): unknown[] | undefined {
  return Array.isArray(v) ? v : undefined;
}

export function asStringArray(v: unknown): string[] | undefined {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined;
}

/** A JSON-protocol timestamp: epoch seconds (what the SDK sends), or an ISO 8601 string. */
export function asDate(v: unknown): Date | undefined {
  if (typeof v === 'number') return new Date(v * 1000);
  if (typeof v === 'string') {
    const d = new Date(v);
    return Number.isNaN(d.getTime()) ? undefined : d;
  }
  return undefined;
}

/** Epoch seconds, as the JSON protocols put timestamps on the wire. */
export function epochSeconds(ms: number): number {
  return ms / 1000;
}
