import { backtest } from '../../src/tune/backtest.js';
import type { AlarmShape } from '../../src/tune/backtest.js';
import { seededRandom } from '../lib/random.js';
import { median } from './measure.js';

/** Backtest speed: one long noisy series (with gaps) through alarms in every missing-data mode. */
export function backtestThroughput(points = 20_000_000, runs = 5): { pointsPerSecond: number; points: number; runs: number } {
  const random = seededRandom(3);
  const values = new Float64Array(points);
  for (let i = 0; i < points; i++) values[i] = random() < 0.02 ? NaN : 50 + 20 * Math.sin(i / 720) + random() * 30;
  const shapes: AlarmShape[] = (['missing', 'notBreaching', 'breaching', 'ignore'] as const).map((treatMissingData) => ({
    comparison: 'GreaterThanThreshold',
    threshold: 95,
    evaluationPeriods: 5,
    datapointsToAlarm: 3,
    treatMissingData,
  }));
  backtest(values.subarray(0, 100_000), shapes[0]!); // warm up
  const rates: number[] = [];
  for (let r = 0; r < runs; r++) {
    const started = performance.now();
    for (const shape of shapes) backtest(values, shape);
    rates.push((points * shapes.length) / ((performance.now() - started) / 1000));
  }
  return { pointsPerSecond: median(rates), points: points * shapes.length, runs };
}
