import { describe, expect, it } from 'vitest';
import { evaluateMath } from '../../scripts/eval/math.js';
import { loadBlueprints } from '../../src/blueprints/load.js';
import type { AlarmSpec, Blueprint } from '../../src/blueprints/types.js';
import { resolveConfig } from '../../src/config/load.js';
import { Diagnostics } from '../../src/diagnostics/diagnostic.js';
import { matchResources } from '../../src/match/match.js';
import { BURN_RATES, SLO_MIN_FAILURES, sloAlarmSpecs } from '../../src/match/slo-alarms.js';
import { objectivesFor } from '../../src/match/slo-objectives.js';
import { fnArn, inventoryOf } from '../fixtures/inputs/tagged-resources.js';
import { builtinBlueprintSources, generateFor } from '../helpers/pipeline.js';

// SLO burn-rate alarms (#20 item 4): per objective, the SRE workbook's window pairs as
// metric-math alarms, paired by composite alarms that page or open a ticket.
const diags = new Diagnostics();
const BUILTIN = loadBlueprints(builtinBlueprintSources(), diags);
const blueprint = (id: string): Blueprint => BUILTIN.find((b) => b.id === id)!;
const availability = { availability: { target: 99.9, from: 'test' } };

/** Evaluates a window alarm's expression over one period's sums of its metrics. */
function read(spec: AlarmSpec, values: Record<string, number>): number {
  const inputs = Object.fromEntries(Object.keys(spec.math!.metrics).map((id) => [id, [values[id] ?? NaN]]));
  return evaluateMath(spec.math!.expression, inputs)[0]!;
}

describe('SLO window alarms', () => {
  it('are the workbook’s pairs at 14.4×, 6× and 3× the error budget, one period of each window, 1 of 1', () => {
    expect(diags.items).toEqual([]);
    const specs = sloAlarmSpecs(blueprint('lambda-function'), availability);
    expect(specs.map((s) => [s.id, s.period, s.threshold, s.severity])).toEqual([
      ['slo-availability-1h', 3600, 0.0144, 'critical'],
      ['slo-availability-5m', 300, 0.0144, 'critical'],
      ['slo-availability-6h', 21_600, 0.006, 'critical'],
      ['slo-availability-30m', 1800, 0.006, 'critical'],
      ['slo-availability-1d', 86_400, 0.003, 'warning'],
      ['slo-availability-2h', 7200, 0.003, 'warning'],
    ]);
    for (const s of specs) {
      expect(s.evaluationPeriods * s.period).toBeLessThanOrEqual(86_400);
      expect(s.datapointsToAlarm).toBe(1);
      expect(s.notify).toBe(false);
      expect(s.treatMissingData).toBe('notBreaching');
      // CloudWatch: at most 10 metrics, query ids ^[a-z][A-Za-z0-9_]*$.
      expect(Object.keys(s.math!.metrics).length).toBeLessThanOrEqual(10);
      for (const id of Object.keys(s.math!.metrics)) expect(id).toMatch(/^[a-z][A-Za-z0-9_]*$/);
      expect(s.threshold).toBeLessThan(1);
    }
    expect(BURN_RATES.map((r) => r.burn)).toEqual([14.4, 6, 3]);
  });

  it('read the failed share; a long window needs a few failures, so one failed call in a quiet hour is not a burn', () => {
    const [long, short] = sloAlarmSpecs(blueprint('lambda-function'), availability);
    expect(read(long!, { errors: 20, requests: 1000 })).toBeCloseTo(0.02, 9);
    expect(read(long!, { errors: SLO_MIN_FAILURES - 1, requests: 10 })).toBe(0);
    expect(read(long!, { errors: SLO_MIN_FAILURES, requests: 10 })).toBeCloseTo(0.3, 9);
    expect(read(short!, { errors: 1, requests: 10 })).toBeCloseTo(0.1, 9);
    expect(read(long!, {})).toBe(0);
    expect(read(short!, {})).toBe(0);
  });

  it('add up several metrics (a load balancer’s own 5XXs are failed requests too)', () => {
    const [long] = sloAlarmSpecs(blueprint('elasticloadbalancing-alb'), availability);
    expect(Object.keys(long!.math!.metrics)).toEqual(['errors0', 'errors1', 'requests0', 'requests1']);
    expect(read(long!, { errors0: 10, errors1: 10, requests0: 990, requests1: 10 })).toBeCloseTo(0.02, 9);
  });

  it('take latency as the slow share from the percentile rank, in the metric’s own unit', () => {
    const latency = { latency: { target: 99, thresholdMs: 500, from: 'test' } };
    const [alb] = sloAlarmSpecs(blueprint('elasticloadbalancing-alb'), latency);
    expect(alb!.math!.metrics['fast']!.statistic).toBe('PR(:0.5)');
    const [api] = sloAlarmSpecs(blueprint('apigateway-rest-stage'), latency);
    expect(api!.math!.metrics['fast']!.statistic).toBe('PR(:500)');
    expect(api!.threshold).toBeCloseTo(0.144, 9);
    // 97% within 500 ms among 1,000 requests: 3% slow.
    expect(read(api!, { fast: 97, requests: 1000 })).toBeCloseTo(0.03, 9);
    // 50% slow of 4 requests: 2 slow, under the long window's minimum.
    expect(read(api!, { fast: 50, requests: 4 })).toBe(0);
  });

  it('objectives: a tag wins over the config; of the config’s rules, the first that applies and sets one', () => {
    const rules = [{ applications: ['blog'], availability: 99 }, { environments: ['prod'], availability: 99.5 }, { availability: 99.9, latency: { objective: 99, thresholdMs: 800 } }];
    expect(objectivesFor('shop', 'prod', rules, {})).toEqual({ availability: { target: 99.5, from: 'config slos[1]' }, latency: { target: 99, thresholdMs: 800, from: 'config slos[2]' } });
    expect(objectivesFor('blog', undefined, rules, {}).availability).toEqual({ target: 99, from: 'config slos[0]' });
    expect(objectivesFor('shop', 'prod', rules, { availability: { target: 99.99, from: 'tag' } }).availability).toEqual({ target: 99.99, from: 'tag' });
    // A tag `none` keeps the config's objective off the resource; the other objective still applies.
    expect(objectivesFor('shop', 'prod', rules, { availability: 'none' })).toEqual({ latency: { target: 99, thresholdMs: 800, from: 'config slos[2]' } });
    expect(objectivesFor('shop', 'prod', rules, { availability: 'none', latency: 'none' })).toEqual({});
  });

  it('tags obsgen:slo:availability and obsgen:slo:latency, a bad one a finding about that resource', () => {
    const fn = [blueprint('lambda-function')];
    const match = (tags: Record<string, string>) => {
      const d = new Diagnostics();
      const m = matchResources(inventoryOf({ [fnArn('api')]: tags }), fn, resolveConfig({}), d);
      return { ids: m.resources[0]!.alarms.map((a) => a.spec.id).filter((id) => id.startsWith('slo-')), diags: d.items };
    };
    expect(match({ 'obsgen:slo:availability': '99.95%' }).ids).toHaveLength(6);
    expect(match({ 'obsgen:slo:availability': 'None' })).toEqual({ ids: [], diags: [] });
    expect(match({ 'obsgen:slo:latency': '99% @ 250ms' }).ids).toEqual(['slo-latency-1h', 'slo-latency-5m', 'slo-latency-6h', 'slo-latency-30m', 'slo-latency-1d', 'slo-latency-2h']);
    const bad = match({ 'obsgen:slo:availability': '90', 'obsgen:slo:latency': '99' });
    expect(bad.ids).toEqual([]);
    expect(bad.diags.map((d) => [d.severity, d.message])).toEqual([
      ['warning', expect.stringContaining('expected a percentage from 95 to 99.999, such as 99.9, or none, got "90"')],
      ['warning', expect.stringContaining('expected <percent>@<milliseconds>, such as 99@1000')],
    ]);
  });
});

describe('SLO composite alarms', () => {
  const arn = fnArn('checkout');
  const { result } = generateFor({ inv: JSON.stringify({ ResourceTagMappingList: [{ ResourceARN: arn, Tags: [{ Key: 'app', Value: 'shop' }, { Key: 'obsgen:slo:availability', Value: '99.9' }] }] }) });
  const model = result!.model;

  it('link to the application\'s page where the output is browsed (output.browseUrl), like every alarm', () => {
    const browseUrl = 'https://github.com/acme/infra/blob/main/generated/';
    const linked = generateFor(
      { inv: JSON.stringify({ ResourceTagMappingList: [{ ResourceARN: arn, Tags: [{ Key: 'app', Value: 'shop' }, { Key: 'obsgen:slo:availability', Value: '99.9' }] }] }) },
      { config: (c) => void (c.output.browseUrl = browseUrl) },
    ).result!.model;
    const slo = linked.composites.filter((c) => c.slo);
    expect(slo).toHaveLength(2);
    for (const [i, c] of slo.entries()) {
      // The same text as without the option, its full stop given up for the link.
      expect(c.description).toBe(`${model.composites.filter((x) => x.slo)[i]!.description.replace(/\.$/, '')}; details: ${browseUrl}monitoring/shop.md`);
    }
    for (const a of linked.alarms.filter((x) => x.slo)) expect(a.description.endsWith(`first check and details: ${browseUrl}monitoring/shop.md`)).toBe(true);
  });

  it('page when a fast or slow pair has both windows in ALARM, and open a ticket for the slowest pair', () => {
    const slo = model.composites.filter((c) => c.slo);
    expect(slo.map((c) => [c.name, c.target])).toEqual([
      ['obsgen/lambda:function/checkout/slo-availability-page', 'critical'],
      ['obsgen/lambda:function/checkout/slo-availability-ticket', 'warning'],
    ]);
    const w = (id: string) => `ALARM("obsgen/lambda:function/checkout/slo-availability-${id}")`;
    expect(slo[0]!.rule).toBe(`(${w('1h')} AND ${w('5m')}) OR (${w('6h')} AND ${w('30m')})`);
    expect(slo[1]!.rule).toBe(`${w('1d')} AND ${w('2h')}`);
    expect(slo[0]!.children).toHaveLength(4);
  });

  it('notify instead of their windows, which stay out of the application’s composite', () => {
    const windows = model.alarms.filter((a) => a.slo);
    expect(windows).toHaveLength(6);
    expect(windows.every((a) => a.notify === false)).toBe(true);
    const app = model.composites.find((c) => c.target === 'application')!;
    expect(app.children.some((n) => n.includes('/slo-'))).toBe(false);
  });
});

describe('burn-rate pages, replayed over a month of requests', () => {
  // A month of minutes; a window alarm of length W evaluated each minute on the trailing W
  // minutes (CloudWatch aligns periods to the clock: this is the sliding approximation).
  const MINUTES = 30 * 1440;
  const specs = sloAlarmSpecs(blueprint('lambda-function'), availability);

  /** Minutes at which the page (fast or slow pair) and the ticket fire, given failures per minute. */
  function replay(requests: (m: number) => number, errors: (m: number) => number): { page: number[]; ticket: number[] } {
    const req = new Float64Array(MINUTES + 1);
    const err = new Float64Array(MINUTES + 1);
    for (let m = 0; m < MINUTES; m++) {
      req[m + 1] = req[m]! + requests(m);
      err[m + 1] = err[m]! + errors(m);
    }
    const breached = (spec: AlarmSpec, m: number) => {
      const w = spec.period / 60;
      if (m + 1 < w) return false;
      return read(spec, { errors: err[m + 1]! - err[m + 1 - w]! || NaN, requests: req[m + 1]! - req[m + 1 - w]! || NaN }) > spec.threshold;
    };
    const both = (pair: string, m: number) => specs.filter((s) => s.slo!.pair === pair).every((s) => breached(s, m));
    const page: number[] = [];
    const ticket: number[] = [];
    for (let m = 0; m < MINUTES; m++) {
      if (both('fast', m) || both('slow', m)) page.push(m);
      if (both('ticket', m)) ticket.push(m);
    }
    return { page, ticket };
  }
  const busy = (m: number) => (Math.floor(m / 60) % 24 < 7 ? 20 : 200);
  // Normal: one failure in 2,000 (0.05%, half the budget), spread evenly.
  const normal = (m: number) => (m % 10 === 0 ? busy(m) / 200 : 0);

  it('stay quiet in a normal month at half the budget', () => {
    expect(replay(busy, normal)).toEqual({ page: [], ticket: [] });
  });

  it('page within minutes of a hard outage (10% failing), and stop soon after it ends', () => {
    const start = 10 * 1440 + 14 * 60;
    const { page } = replay(busy, (m) => (m >= start && m < start + 30 ? busy(m) / 10 : normal(m)));
    expect(page.length).toBeGreaterThan(0);
    expect(page[0]! - start).toBeLessThanOrEqual(10);
    // The short windows reset it: within 30 minutes of the end (the slow pair's), not the 6 hours
    // its long window still holds the outage.
    expect(page.at(-1)! - (start + 30)).toBeLessThanOrEqual(30);
  });

  it('page on a slow burn of the budget (2% failing for three hours) within the hour', () => {
    const start = 12 * 1440 + 10 * 60;
    const { page } = replay(busy, (m) => (m >= start && m < start + 180 ? busy(m) / 50 : normal(m)));
    expect(page.length).toBeGreaterThan(0);
    expect(page[0]! - start).toBeLessThanOrEqual(60);
  });

  it('open a ticket, not a page, for a day at four times the budget (0.4% failing)', () => {
    const start = 20 * 1440;
    const { page, ticket } = replay(busy, (m) => (m >= start && m < start + 1440 ? (m % 5 === 0 ? busy(m) / 50 : 0) : normal(m)));
    expect(page).toEqual([]);
    expect(ticket.length).toBeGreaterThan(0);
  });

  it('do not page for one failed call at 3 a.m.', () => {
    const at = 5 * 1440 + 3 * 60;
    expect(replay(busy, (m) => (m === at ? 1 : normal(m))).page).toEqual([]);
  });
});
