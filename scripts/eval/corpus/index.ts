/**
 * The labelled corpus: every scenario × every seed. Each scenario fixed before any of its
 * results was looked at; no parameter is tuned to make a policy look good or bad (see
 * docs/alarm-quality.md, which names those added later).
 */
import { DAY } from './clock.js';
import { makeRandom, seedOf } from './random.js';
import { constantConnections } from './scenarios/connections.js';
import { spiky5xx, spikyFailures, zeroInflatedErrors, zeroInflatedThrottles } from './scenarios/errors.js';
import { dailyDuration, heavyTailLatency, longIncidentLatency, untaggedDuration } from './scenarios/latency.js';
import { dailyBatchAge, idleQueue, weeklyBacklog } from './scenarios/queues.js';
import { busyErrorCount, busyErrorRate, quietErrorCount, quietErrorRate, slowBurnErrorCount, slowBurnErrorRate } from './scenarios/rates.js';
import { dropToZero, levelShiftDownTraffic, partialDropTraffic, stopInvocations } from './scenarios/traffic.js';
import { busyRunawayCpu, idleBurstsCpu, leakMemory, levelShiftUpBusyCpu, levelShiftUpCpu, steadyHighCpu } from './scenarios/utilization.js';
import type { LabelledSeries, Layout, Scenario } from './types.js';

/** Days of history before the replayed part: obsgen's default tuning lookback. */
export const HISTORY_DAYS = 14;
/** Days replayed after the history. */
export const REPLAY_DAYS = 14;
/** Several seeds per scenario, so that no figure rests on one sample. */
export const SEEDS: readonly number[] = [1, 2, 3, 4, 5];
/** Slot 0 of every series: Monday 5 January 2026, 00:00 UTC. */
export const CORPUS_START = Date.UTC(2026, 0, 5) / 1000;

export const SCENARIOS: readonly Scenario[] = [
  steadyHighCpu,
  idleBurstsCpu,
  constantConnections,
  idleQueue,
  zeroInflatedErrors,
  zeroInflatedThrottles,
  heavyTailLatency,
  levelShiftUpCpu,
  levelShiftDownTraffic,
  dailyBatchAge,
  dailyDuration,
  weeklyBacklog,
  leakMemory,
  dropToZero,
  partialDropTraffic,
  stopInvocations,
  spiky5xx,
  spikyFailures,
  longIncidentLatency,
  busyErrorCount,
  busyErrorRate,
  quietErrorCount,
  quietErrorRate,
  slowBurnErrorCount,
  slowBurnErrorRate,
  levelShiftUpBusyCpu,
  busyRunawayCpu,
  untaggedDuration,
];

/** The time layout of a series at a period: history, then the replayed days. */
export function layoutFor(period: number): Layout {
  const perDay = DAY / period;
  return { start: CORPUS_START, period, slots: (HISTORY_DAYS + REPLAY_DAYS) * perDay, replayFrom: HISTORY_DAYS * perDay };
}

/** One scenario's series for one seed: the same seed always gives the same values and labels. */
export function makeSeries(scenario: Scenario, seed: number): LabelledSeries {
  const layout = layoutFor(scenario.period);
  const { values, metrics, incidents } = scenario.make(makeRandom(seedOf(scenario.sameDrawsAs ?? scenario.id, seed)), layout);
  if ((values === undefined) === (metrics === undefined)) throw new Error(`${scenario.id}: give exactly one of values and metrics`);
  for (const [name, v] of Object.entries(values ? { values } : metrics!)) {
    if (v.length !== layout.slots) throw new Error(`${scenario.id}: ${v.length} ${name} for ${layout.slots} slots`);
  }
  return { scenario, seed, layout, ...(values ? { values } : { metrics: metrics! }), incidents: [...incidents].sort((a, b) => a.start - b.start) };
}

/** Every scenario for every seed. */
export function makeCorpus(seeds: readonly number[] = SEEDS, scenarios: readonly Scenario[] = SCENARIOS): LabelledSeries[] {
  return scenarios.flatMap((s) => seeds.map((seed) => makeSeries(s, seed)));
}
