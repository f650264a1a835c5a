/**
 * Elastic Load Balancing v2 (awsQuery, XML, version 2015-12-01): DescribeTargetGroups, paged, as
 * obsgen calls it (no filters). moto serves it too; it is here for the tests on the fake, whose
 * target groups sit beside API Gateway stages that moto cannot list.
 */
import type { OpContext, ServiceDef } from './context.js';
import { expiredTokenError, invalidTokenError, validationError } from './errors.js';
import { decodeToken, encodeToken, poisonedToken, tokenInt } from './protocol.js';
import type { QueryParams, XmlObject } from './protocol.js';
import type { FakeTargetGroup } from './types.js';

export const ELBV2_XMLNS = 'http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/';

function targetGroupName(tg: FakeTargetGroup): string {
  return tg.TargetGroupName ?? /:targetgroup\/([^/]+)\//.exec(tg.TargetGroupArn)?.[1] ?? tg.TargetGroupArn;
}

function describeTargetGroups(ctx: OpContext, p: QueryParams): XmlObject {
  const pageSize = p.number('PageSize') ?? 400;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 400) {
    throw validationError('elbv2', `1 validation error detected: Value '${String(pageSize)}' at 'pageSize' failed to satisfy constraint: Member must have value between 1 and 400`);
  }
  if (p.get('LoadBalancerArn') !== undefined || p.list('TargetGroupArns') !== undefined || p.list('Names') !== undefined) {
    throw validationError('elbv2', 'fake-aws: DescribeTargetGroups filters are not served (obsgen lists them all)');
  }
  const token = decodeToken(p.get('Marker'));
  if (token.kind === 'expired') throw expiredTokenError('elbv2');
  if (token.kind === 'invalid') throw invalidTokenError('elbv2');
  const offset = token.kind === 'ok' ? tokenInt(token.payload, 'o') : 0;
  if (offset === undefined) throw invalidTokenError('elbv2');

  const selected = ctx.data.targetGroups ?? [];
  const page = selected.slice(offset, offset + pageSize);
  const result: XmlObject = {
    TargetGroups: page.map((tg) => ({
      TargetGroupArn: tg.TargetGroupArn,
      TargetGroupName: targetGroupName(tg),
      Protocol: tg.Protocol ?? 'HTTP',
      Port: tg.Port ?? 80,
      VpcId: tg.VpcId ?? 'vpc-0fake0000000000000',
      HealthCheckProtocol: tg.Protocol ?? 'HTTP',
      HealthCheckPort: 'traffic-port',
      HealthCheckEnabled: true,
      HealthCheckIntervalSeconds: 30,
      HealthCheckTimeoutSeconds: 5,
      HealthyThresholdCount: 5,
      UnhealthyThresholdCount: 2,
      HealthCheckPath: '/',
      Matcher: { HttpCode: '200' },
      LoadBalancerArns: tg.LoadBalancerArns,
      TargetType: tg.TargetType ?? 'instance',
      ProtocolVersion: 'HTTP1',
      IpAddressType: 'ipv4',
    })),
  };
  if (ctx.truncate) result['NextMarker'] = poisonedToken();
  else if (offset + pageSize < selected.length) result['NextMarker'] = encodeToken({ o: offset + pageSize });
  return result;
}

export const elbv2: ServiceDef<QueryParams> = {
  name: 'elbv2',
  protocol: 'query',
  xmlns: ELBV2_XMLNS,
  operations: { DescribeTargetGroups: describeTargetGroups },
  paginated: new Set(['DescribeTargetGroups']),
};
