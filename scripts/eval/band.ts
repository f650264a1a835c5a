/**
 * The evaluation's stand-in for CloudWatch's anomaly detection model, to replay band alarms.
 * AWS does not publish its model; it documents that the model trains on up to two weeks of the
 * metric, keeps retraining, follows hourly, daily and weekly patterns, and that the band is
 * `width` standard deviations either side of the expected value. This stand-in follows the
 * same documented approximation as obsgen (`src/tune/band.ts`), written separately and without
 * its refinements: per hour of the UTC day, weekdays and weekends apart (a weekend hour with no
 * data takes the weekdays'), the median and 1.4826 × the median absolute
 * deviation of the trailing 14 days (all of it, incidents included, as CloudWatch sees it when
 * nobody excludes them), retrained at every UTC midnight, with a floor of a quarter of the
 * typical hour's deviation. A band that scores well here can behave differently in AWS; the
 * report says so.
 */
const DAY = 86_400;
const TRAINING_DAYS = 14;

function median(sorted: number[]): number {
  const m = sorted.length >> 1;
  return sorted.length % 2 ? sorted[m]! : (sorted[m - 1]! + sorted[m]!) / 2;
}

function medianOf(xs: number[]): number {
  return xs.length ? median([...xs].sort((a, b) => a - b)) : NaN;
}

/** Expected value and deviation per hour of the day, from the slots [from, to) of a series. */
/** 0–23: the hour of a weekday; 24–47: of a Saturday or Sunday (UTC; 1970-01-01 was a Thursday). */
function slotBucket(start: number, period: number, i: number): number {
  const t = start + i * period;
  const weekday = (Math.floor(t / DAY) + 4) % 7;
  return (Math.floor(t / 3600) % 24) + (weekday === 0 || weekday === 6 ? 24 : 0);
}

function train(values: Float64Array, start: number, period: number, from: number, to: number): { center: number[]; sd: number[] } {
  const hours: number[][] = Array.from({ length: 48 }, () => []);
  for (let i = from; i < to; i++) {
    const v = values[i]!;
    if (!Number.isNaN(v)) hours[slotBucket(start, period, i)]!.push(v);
  }
  for (let h = 0; h < 24; h++) if (hours[24 + h]!.length === 0) hours[24 + h] = hours[h]!;
  const center = hours.map(medianOf);
  const raw = hours.map((h, k) => 1.4826 * medianOf(h.map((v) => Math.abs(v - center[k]!))));
  const typical = medianOf(raw.filter((x) => !Number.isNaN(x)));
  return { center, sd: raw.map((x) => Math.max(Number.isNaN(x) ? typical : x, typical / 4)) };
}

/**
 * The band's edge at every slot from `from` on (upper edge for `upper`, lower for `lower`):
 * each UTC day's edge comes from a model trained on the 14 days before it. NaN where the model
 * has nothing to go by (no data in that hour): such a slot cannot breach.
 */
export function bandEdges(values: Float64Array, start: number, period: number, from: number, width: number, side: 'upper' | 'lower', fill?: number): Float64Array {
  // A band over FILL(metric, x) is trained on two weeks of that expression: every gap reads x.
  const training = fill === undefined ? values : values.map((v) => (Number.isNaN(v) ? fill : v));
  const out = new Float64Array(values.length).fill(NaN);
  const perDay = DAY / period;
  let model: ReturnType<typeof train> | undefined;
  let modelDay = -1;
  for (let i = from; i < values.length; i++) {
    const day = Math.floor((start + i * period) / DAY);
    if (day !== modelDay) {
      const dayStart = Math.round((day * DAY - start) / period);
      model = train(training, start, period, Math.max(0, dayStart - TRAINING_DAYS * perDay), Math.max(0, dayStart));
      modelDay = day;
    }
    const h = slotBucket(start, period, i);
    const c = model!.center[h]!;
    const sd = model!.sd[h]!;
    out[i] = side === 'upper' ? c + width * sd : c - width * sd;
  }
  return out;
}
