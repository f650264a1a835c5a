/**
 * The evaluation's own vocabulary. Nothing here comes from `src/`: the replay and the scoring
 * are an independent yardstick, and only `obsgen.ts` (the adapter) knows obsgen's types.
 */

export type Comparison = 'GreaterThanThreshold' | 'GreaterThanOrEqualToThreshold' | 'LessThanThreshold' | 'LessThanOrEqualToThreshold';

export type TreatMissingData = 'missing' | 'notBreaching' | 'breaching' | 'ignore';

/** What CloudWatch needs of an alarm to evaluate it, apart from its threshold. */
export interface AlarmRule {
  comparison: Comparison;
  /** N: the datapoints (periods) an evaluation looks at. */
  evaluationPeriods: number;
  /** M: how many of the N must breach for ALARM. */
  datapointsToAlarm: number;
  treatMissingData: TreatMissingData;
  /**
   * The alarm evaluates `FILL(metric, fill)`: in an evaluation range holding at least one real
   * datapoint, the missing ones read as `fill`; a range without any stays missing data.
   */
  fill?: number;
}

/** An alarm as it would be deployed: its rule, threshold and period. */
export interface DeployedAlarm extends AlarmRule {
  threshold: number;
  /** An anomaly detection band alarm: compared with the band's edge instead of `threshold`. */
  band?: { width: number; side: 'upper' | 'lower' | 'both'; fill?: number };
  /** Seconds. */
  period: number;
}

/** True for alarms on high values (`Greater…`), false for alarms on low values. */
export function isUpper(comparison: Comparison): boolean {
  return comparison === 'GreaterThanThreshold' || comparison === 'GreaterThanOrEqualToThreshold';
}

/** Whether one datapoint breaches a threshold under a comparison. */
export function breaches(value: number, threshold: number, comparison: Comparison): boolean {
  switch (comparison) {
    case 'GreaterThanThreshold':
      return value > threshold;
    case 'GreaterThanOrEqualToThreshold':
      return value >= threshold;
    case 'LessThanThreshold':
      return value < threshold;
    case 'LessThanOrEqualToThreshold':
      return value <= threshold;
  }
}
