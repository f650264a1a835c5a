import { describe, expect, it } from 'vitest';
import { loadBlueprints } from '../../src/blueprints/load.js';
import { Diagnostics } from '../../src/diagnostics/diagnostic.js';
import { builtinBlueprintSources } from '../helpers/pipeline.js';

// Rate alarms (#20 item 2): errors over requests, with a minimum-traffic guard so that a single
// failed call in a quiet minute (3 a.m.) is not a 100% error rate that pages.
describe('built-in rate alarms', () => {
  const diags = new Diagnostics();
  const rates = loadBlueprints(builtinBlueprintSources(), diags).flatMap((b) =>
    b.alarms.filter((a) => a.math && / \/ /.test(a.math.expression)).map((a) => ({ id: `${b.id}/${a.id}`, alarm: a, expression: a.math!.expression })),
  );

  it('are the API Gateway and load balancer error rates', () => {
    expect(diags.items).toEqual([]);
    expect(rates.map((r) => r.id).sort()).toEqual([
      'apigateway-http-api/client-errors',
      'apigateway-http-api/server-errors',
      'apigateway-rest-stage/client-errors',
      'apigateway-rest-stage/server-errors',
      'apigateway-websocket-api/client-errors',
      'elasticloadbalancing-alb/elb-5xx-rate',
      'elasticloadbalancing-alb/target-5xx-rate',
      'elasticloadbalancing-targetgroup-http/target-5xx-rate',
    ]);
  });

  it.each(rates.map((r) => [r.id, r] as const))('%s is not evaluated below the traffic at which one failure crosses its threshold', (_id, r) => {
    // IF(<requests> >= N, <rate>, 0): below N requests the rate reads 0.
    const guard = /^IF\((.+) >= (\d+), (.+), 0\)$/.exec(r.expression);
    expect(guard, r.expression).not.toBeNull();
    const n = Number(guard![2]);
    const scale = guard![3]!.startsWith('100 * ') ? 100 : 1;
    // One failure among N requests is at most the default threshold: the guard keeps exactly the
    // minutes where a single failure would page.
    expect(scale / n).toBeLessThanOrEqual(r.alarm.threshold);
    expect(scale / (n - 1)).toBeGreaterThan(r.alarm.threshold);
    // A quiet minute is not a breach: no data and no traffic read as 0, and the alarm does not treat missing data as breaching.
    expect(r.alarm.treatMissingData).toBe('notBreaching');
    expect(r.alarm.comparison).toBe('GreaterThanThreshold');
  });
});
