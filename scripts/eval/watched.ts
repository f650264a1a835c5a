/**
 * What an alarm watches, per slot, from a corpus series: its values for an alarm on one
 * metric; for a metric math alarm, the expression obsgen really emits (guards included),
 * computed from the series' raw metrics with the evaluation's own metric math. A math alarm
 * given a ready-made series, or a metric alarm given raw metrics, is an error: the replay must
 * see what CloudWatch would compute.
 */
import { evaluateMath } from './math.js';
import { alarmMath } from './obsgen.js';
import type { AlarmTarget } from './obsgen.js';

/** The values the alarm evaluates, one per slot (NaN: no datapoint). */
export function watchedValues(id: string, target: AlarmTarget, values: Float64Array | undefined, metrics: Record<string, Float64Array> | undefined): Float64Array {
  const math = alarmMath(target);
  if (!math) {
    if (!values) throw new Error(`${id}: ${target.alarm} watches one metric: the scenario must give its values`);
    return values;
  }
  if (!metrics) throw new Error(`${id}: ${target.alarm} is metric math (${math.expression}): the scenario must give its raw metrics`);
  const inputs = Object.fromEntries(
    Object.entries(math.metrics).map(([queryId, name]) => {
      const series = metrics[name];
      if (!series) throw new Error(`${id}: ${target.alarm} reads ${name}, which the scenario does not give`);
      return [queryId, series];
    }),
  );
  return evaluateMath(math.expression, inputs);
}
