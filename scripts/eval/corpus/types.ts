/**
 * The labelled corpus: metric series that stand for a real alarm's metric, with the windows an
 * on-call engineer would want to be paged for marked as incidents.
 */

/** The families of series the corpus covers; every figure is also reported per shape. */
export type Shape =
  | 'steady-high'
  | 'idle-bursts'
  | 'constant'
  | 'zero-inflated'
  | 'heavy-tail'
  | 'level-shift-up'
  | 'level-shift-down'
  | 'daily-seasonality'
  | 'weekly-seasonality'
  | 'slow-leak'
  | 'drop-to-zero'
  | 'traffic-drop'
  | 'spikes-not-incidents'
  | 'long-incident'
  | 'error-rate';

/** An incident: slots [start, end) of the series, and what happened. */
export interface Incident {
  start: number;
  end: number;
  what: string;
}

/** What values the metric can take at all, from its nature (not from the data). */
export interface Bounds {
  min: number;
  max: number;
  /** Why: the unit's range, a service limit, or what the modelled workload cannot exceed. */
  why: string;
}

/** A built-in blueprint alarm on a resource of its type (the same fields as the adapter's target). */
export interface ScenarioTarget {
  resourceType: string;
  /** `<blueprint id>/<alarm id>`. */
  alarm: string;
  name: string;
  tags?: Record<string, string>;
}

/** Where the series lives in time: everything a scenario needs to lay out its days. */
export interface Layout {
  /** Epoch seconds of slot 0: a Monday, 00:00 UTC. */
  start: number;
  period: number;
  /** Slots in total, and the first slot of the replayed part (the rest is history). */
  slots: number;
  replayFrom: number;
}

/**
 * A scenario's series before it is stamped with its identity: exactly one of `values` (what an
 * alarm on one metric watches) and `metrics` (a metric math alarm's raw metrics by CloudWatch
 * metric name; the evaluation computes from them the expression obsgen really emits). NaN is
 * no datapoint.
 */
export interface Generated {
  values?: Float64Array;
  metrics?: Record<string, Float64Array>;
  incidents: Incident[];
}

/** One shape paired with one alarm: the recipe for its series. */
export interface Scenario {
  id: string;
  shape: Shape;
  target: ScenarioTarget;
  /** The alarm's period, in seconds: one datapoint per period. */
  period: number;
  bounds: Bounds;
  /** One sentence for the report: what the series is. */
  summary: string;
  /** What the incidents are; empty when the scenario has none (spikes that must not page). */
  incidents: string;
  /**
   * Another scenario's id whose random draws (so traffic, failures and incidents) this one
   * shares: the same events seen by another alarm, e.g. an error rate beside an error count.
   */
  sameDrawsAs?: string;
  make(random: Random, layout: Layout): Generated;
}

/** One labelled series of the corpus. */
export interface LabelledSeries {
  scenario: Scenario;
  seed: number;
  layout: Layout;
  /** What an alarm on one metric watches (see Generated). */
  values?: Float64Array;
  /** A metric math alarm's raw metrics by CloudWatch metric name (see Generated). */
  metrics?: Record<string, Float64Array>;
  /** Every incident, in the history and in the replayed part. */
  incidents: Incident[];
}

/** The seeded random source scenarios draw from (see random.ts). */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  uniform(lo: number, hi: number): number;
  /** An integer in [lo, hi]. */
  int(lo: number, hi: number): number;
  chance(p: number): boolean;
  /** Standard normal. */
  normal(): number;
  poisson(mean: number): number;
}
