import type { AlarmModel, MetricStat } from './types.js';
import { BAND_COMPARISON, bandExpression, fillExpression, FILLED_ID } from '../tune/band.js';
import type { AnomalyBand, TimeRange } from '../tune/band.js';

/**
 * An anomaly detection alarm as both targets write it: the metric (`m1`) and the band over it
 * (`ad1`), both returned, and the alarm compared with the band through `ThresholdMetricId`
 * (the shape of CloudWatch's PutMetricAlarm for anomaly detection; ids as in AWS's examples).
 * With `filled`, the alarm compares `e1 = FILL(m1, x)` instead: `m1` is not returned, `e1` is,
 * and the band is drawn over `e1`.
 */
export interface BandAlarm {
  metricId: 'm1';
  bandId: 'ad1';
  metric: MetricStat;
  expression: string;
  label: string;
  comparison: (typeof BAND_COMPARISON)[AnomalyBand['side']];
  /** The metric with its gaps filled, which the band is drawn over and the alarm compares. */
  filled?: { id: typeof FILLED_ID; expression: string; label: string };
  /** Past incidents for CloudWatch's model to leave out (the detector's ExcludedTimeRanges). */
  excluded: readonly TimeRange[];
}

/** The band form of an alarm, when tuning chose a band for it. */
export function bandAlarm(a: AlarmModel): BandAlarm | undefined {
  const band = a.threshold.band;
  if (!band || a.metric.kind !== 'single') return undefined;
  const name = a.metric.metric.name;
  return {
    metricId: 'm1',
    bandId: 'ad1',
    metric: a.metric.metric,
    expression: bandExpression(band),
    label: `${name} (expected)`,
    comparison: BAND_COMPARISON[band.side],
    ...(band.fill === undefined ? {} : { filled: { id: FILLED_ID, expression: fillExpression(band.fill), label: `${name} (no data as ${band.fill})` } }),
    excluded: band.excluded ?? [],
  };
}

/** How a band alarm's condition reads in its description and docs. */
export function bandCondition(band: AnomalyBand): string {
  const where = band.side === 'upper' ? 'above' : band.side === 'lower' ? 'below' : 'outside';
  return `${where} the anomaly detection band (${band.width} standard deviations${band.fill === undefined ? '' : `; a period without datapoints counts as ${band.fill}`})`;
}
