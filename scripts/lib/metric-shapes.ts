import type { AlarmMetric } from '../../src/resolve/types.js';

/*
 * How a synthetic metric behaves, by what it measures: the example's history
 * (scripts/make-acme-history.ts) and the bench's (scripts/bench/history-files.ts) draw their
 * normal operation from here, seeded by the caller's random source.
 */

const DAY = 86_400;

/** Metric families by name: how the normal level moves and how sparse the data is. */
export type Family = 'errors' | 'latency' | 'utilization' | 'ratio' | 'depth' | 'age' | 'remaining' | 'connections' | 'count';

export function familyOf(name: string, expression: string | undefined): Family {
  if (expression) return /MAX\(\[|Latency/i.test(expression) ? 'latency' : 'ratio';
  if (/Error|Throttl|Failed|Failures|Evictions|Reset|ProvisionedThroughputExceeded|ErrorLines|TaskFailures/.test(name)) return /Rate|4xxErrors|4XXError|5XXError|ProvisionedThroughput/.test(name) ? 'ratio' : 'errors';
  if (/Latency|Duration|ResponseTime|IteratorAge|Lag/.test(name)) return 'latency';
  if (/Utilization|Percentage/.test(name)) return 'utilization';
  if (/AgeOfOldestMessage/.test(name)) return 'age';
  if (/MessagesVisible/.test(name)) return 'depth';
  if (/Freeable|FreeLocalStorage|FreeStorage/.test(name)) return 'remaining';
  if (/Connections/.test(name)) return 'connections';
  return 'count';
}

/** Business hours and weekdays are busier: 0.15 at night up to 1 at the afternoon peak; weekends at 60%. */
export function traffic(t: number): number {
  const hour = ((t % DAY) / 3600 + 24) % 24;
  const daily = 0.15 + 0.85 * Math.max(0, Math.sin(((hour - 6) / 16) * Math.PI)) ** 1.5;
  const weekday = new Date(t * 1000).getUTCDay();
  return daily * (weekday === 0 || weekday === 6 ? 0.6 : 1);
}

/** A metric's normal operation: its family, and one datapoint at a moment's load (NaN: none published). */
export interface NormalShape {
  family: Family;
  /** The datapoint at `load` (0-1: traffic, scaled for the environment), drawn from the series' random source. */
  at(load: number): number;
}

/**
 * The normal operation of the metric an alarm watches, with a level of its own (`base`, drawn
 * first from `random`), so that series differ.
 */
export function normalShape(metric: AlarmMetric, random: () => number): NormalShape {
  const name = metric.kind === 'single' ? metric.metric.name : '';
  const family = familyOf(name, metric.kind === 'math' ? metric.expression : undefined);
  const base = 0.5 + random() * 1.5;
  const gauss = () => Math.sqrt(-2 * Math.log(random() + 1e-12)) * Math.cos(2 * Math.PI * random());
  const at = (load: number): number => {
    switch (family) {
      case 'errors':
        // Sparse: functions idle at night publish nothing; otherwise rare errors.
        if (load < 0.12 && random() < 0.7) return NaN;
        return random() < 0.004 * base * load * 4 ? Math.ceil(random() * 3) : 0;
      case 'ratio':
        return random() < 0.01 ? random() * 0.01 * base : 0;
      case 'latency': {
        const level = /Duration/.test(name) ? 180 : /ResponseTime/.test(name) ? 0.25 : /IteratorAge/.test(name) ? 800 : /Lag/.test(name) ? 20 : /OriginLatency/.test(name) ? 120 : 25;
        return level * base * (1 + 0.4 * load) * Math.exp(0.15 * gauss());
      }
      case 'utilization':
        return Math.min(100, Math.max(0, 20 * base + 35 * load + 3 * gauss()));
      case 'depth':
        return Math.max(0, Math.round(40 * base * load + 8 * gauss()));
      case 'age':
        return Math.max(0, 5 + 20 * load * base + 4 * gauss());
      case 'remaining': {
        const capacity = /Memory/.test(name) ? 8e9 : 200e9;
        return capacity * (0.55 - 0.15 * load) * (1 + 0.02 * gauss());
      }
      case 'connections':
        return Math.max(0, Math.round(60 * base * (0.3 + load) + 5 * gauss()));
      default:
        return Math.max(0, Math.round(200 * base * load + 10 * gauss()));
    }
  };
  return { family, at };
}
