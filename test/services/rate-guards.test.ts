import { describe, expect, it } from 'vitest';
import { evaluateMath } from '../../scripts/eval/math.js';
import { loadBlueprints } from '../../src/blueprints/load.js';
import type { AlarmSpec } from '../../src/blueprints/types.js';
import { Diagnostics } from '../../src/diagnostics/diagnostic.js';
import { builtinBlueprintSources } from '../helpers/pipeline.js';

// Rate alarms (#20 item 2): failures over requests, with a guard on the failures themselves: a
// minute counts only with at least N failures, or when every request in it failed,
// IF(FILL(f, 0) >= N OR (FILL(f, 0) > 0 AND FILL(f, 0) >= <requests>), rate, 0). A single
// failed call among others (3 a.m.: 1 of 2 requests, 50%) is then never a breach, whatever
// threshold tuning chooses, while a low-traffic resource that fails every request (even one a
// minute) is. (The earlier guard, at least 20 requests, kept the first and missed the second.)
// The expressions are evaluated here with the evaluation's own metric math (scripts/eval/math.ts).
describe('built-in rate alarms', () => {
  const diags = new Diagnostics();
  const rates = loadBlueprints(builtinBlueprintSources(), diags).flatMap((b) =>
    b.alarms.filter((a) => a.math && / \/ /.test(a.math.expression)).map((a) => ({ id: `${b.id}/${a.id}`, alarm: a, expression: a.math!.expression })),
  );

  it('are the API Gateway, load balancer, Lambda and SNS error rates', () => {
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
      'lambda-function/error-rate',
      'sns-topic/failure-rate',
    ]);
  });

  /** The guard's failure metric and minimum, from IF(FILL(<f>, 0) >= N OR (FILL(<f>, 0) > 0 AND FILL(<f>, 0) >= <requests>), <rate>, 0). */
  function guardOf(expression: string): { failures: string; min: number } {
    const m = /^IF\(FILL\(([a-z][A-Za-z0-9_]*), 0\) >= (\d+) OR \(FILL\(\1, 0\) > 0 AND FILL\(\1, 0\) >= (.+)\), (.+), 0\)$/.exec(expression);
    expect(m, expression).not.toBeNull();
    // "Every request failed" compares with the rate's own denominator.
    expect(m![4]!.endsWith(` / ${m![3]!}`), expression).toBe(true);
    return { failures: m![1]!, min: Number(m![2]) };
  }

  /**
   * One minute's metrics for `requests` requests of which `failures` failed. A denominator that
   * adds the failure metric (ALB 5XX, SNS delivered + failed) counts them apart from the other
   * traffic metric; the first other metric carries the traffic and the rest publish nothing.
   */
  function minute(alarm: AlarmSpec, requests: number, failures: number): Record<string, number[]> {
    const { failures: f } = guardOf(alarm.math!.expression);
    const denominator = alarm.math!.expression.slice(alarm.math!.expression.indexOf(' / '));
    const apart = denominator.includes(`FILL(${f}, 0)`);
    const others = Object.keys(alarm.math!.metrics).filter((id) => id !== f);
    const inputs: Record<string, number[]> = { [f]: [failures === 0 ? NaN : failures] };
    others.forEach((id, i) => (inputs[id] = [i === 0 && requests > 0 ? (apart ? requests - failures : requests) : NaN]));
    return inputs;
  }

  const read = (alarm: AlarmSpec, requests: number, failures: number) => evaluateMath(alarm.math!.expression, minute(alarm, requests, failures))[0]!;
  /** The lowest and highest threshold the alarm can have: tuning's floor and ceiling (else its range), or the default. */
  const lowest = (a: AlarmSpec) => (a.tuning ? (a.tuning.floor ?? a.range?.min ?? 0) : a.threshold);
  const highest = (a: AlarmSpec) => (a.tuning ? (a.tuning.ceiling ?? a.range?.max ?? Infinity) : a.threshold);

  it.each(rates.map((r) => [r.id, r] as const))('%s: fewer than a few failures among other requests never breach, at any traffic or threshold', (_id, r) => {
    const { min } = guardOf(r.expression);
    // Small enough that a low-traffic outage is seen, large enough that one failed call (and a
    // client's retry of it) is not.
    expect(min).toBeGreaterThanOrEqual(2);
    expect(min).toBeLessThanOrEqual(5);
    for (const requests of [2, 3, 5, 10, 19, 20, 50, 100, 1000]) {
      for (let failures = 1; failures < min && failures < requests; failures++) {
        expect(read(r.alarm, requests, failures), `${failures} of ${requests}`).toBe(0);
      }
    }
    expect(0).toBeLessThanOrEqual(lowest(r.alarm));
    expect(r.alarm.comparison).toBe('GreaterThanThreshold');
  });

  it.each(rates.map((r) => [r.id, r] as const))('%s: a low-traffic resource failing every request breaches, even at the highest threshold tuning may choose', (_id, r) => {
    // 5, 2 or 1 requests a minute, all failing: the whole resource is down.
    for (const requests of [5, 2, 1]) {
      const outage = read(r.alarm, requests, requests);
      expect(outage, `${requests} of ${requests}`).toBeGreaterThan(highest(r.alarm));
      expect(outage).toBeGreaterThan(r.alarm.threshold);
    }
    // One failed call alone breaches one minute; the alarm needs more than one to page.
    expect(r.alarm.datapointsToAlarm ?? r.alarm.evaluationPeriods).toBeGreaterThan(1);
  });

  it.each(rates.map((r) => [r.id, r] as const))('%s: at high traffic the guard is invisible: it reads the error rate', (_id, r) => {
    const scale = r.alarm.range?.max === 100 ? 100 : 1;
    expect(read(r.alarm, 1000, 100)).toBeCloseTo(0.1 * scale, 9);
    expect(read(r.alarm, 1000, 0)).toBe(0);
  });

  it.each(rates.map((r) => [r.id, r] as const))('%s: a minute without any data reads 0, and missing data does not breach', (_id, r) => {
    const none = Object.fromEntries(Object.keys(r.alarm.math!.metrics).map((id) => [id, [NaN]]));
    expect(evaluateMath(r.expression, none)[0]).toBe(0);
    expect(r.alarm.treatMissingData).toBe('notBreaching');
  });
});
