/**
 * Service level objectives on the corpus: the page of a 99.5% availability objective (the
 * burn-rate windows obsgen emits and their composite, `ALARM(long) AND ALARM(short)` for the
 * fast and the slow pair), replayed on the same draws as the rate and count alarms. Each window
 * is its own alarm: the raw metrics summed over its period (periods aligned to the clock, as
 * CloudWatch aligns them), its expression computed by the evaluation's own metric math, and
 * CloudWatch's rules applied at every period; its state is known from the end of the period
 * on. The page is in ALARM in a minute when both windows of a pair are.
 *
 * A page that starts within an hour after an incident ends still catches it (and is not false):
 * the long window closes on the hour. The rate and count alarms are scored with their own
 * windows (their evaluation periods), so their detection allowance is shorter.
 */
import { evaluateMath } from './math.js';
import { emitSloWindows } from './obsgen.js';
import type { AlarmTarget, SloWindowAlarm } from './obsgen.js';
import { replay } from './replay.js';
import type { AlarmState } from './replay.js';
import { fixed1, minutes, percent } from './format.js';
import { falsePer30Days, median, score } from './score.js';
import type { Score, Window } from './score.js';

/** The objective replayed: one a function with 0.15% of normal failures meets (it burns 0.3 of the budget). */
export const SLO_OBJECTIVE = 99.5;
/** Minutes after an incident's end that a page still counts as catching it. */
export const SLO_DETECTION_MINUTES = 60;

export interface SloSeries {
  target: AlarmTarget;
  /** Seconds per slot of the raw metrics (60). */
  period: number;
  replayFrom: number;
  /** Raw metrics by CloudWatch metric name, one value per slot (NaN: no datapoint). */
  metrics: Record<string, Float64Array>;
  incidents: readonly Window[];
}

/** One window's state at each slot of the raw series: ALARM from the end of each period it breached. */
function windowStates(w: SloWindowAlarm, s: SloSeries, slots: number): Uint8Array {
  const per = w.period / s.period;
  const periods = Math.floor(slots / per);
  const inputs: Record<string, Float64Array> = {};
  for (const [id, name] of Object.entries(w.queries)) {
    const raw = s.metrics[name];
    if (!raw) throw new Error(`the series has no ${name} for the SLO window's ${id}`);
    const summed = new Float64Array(periods);
    for (let k = 0; k < periods; k++) {
      let sum = 0;
      let any = false;
      for (let j = k * per; j < (k + 1) * per; j++) {
        const v = raw[j]!;
        if (!Number.isNaN(v)) {
          sum += v;
          any = true;
        }
      }
      summed[k] = any ? sum : NaN;
    }
    inputs[id] = summed;
  }
  const states = replay(evaluateMath(w.expression, inputs), { comparison: 'GreaterThanThreshold', evaluationPeriods: 1, datapointsToAlarm: 1, treatMissingData: 'notBreaching' }, w.threshold);
  const out = new Uint8Array(slots);
  for (let i = 0; i < slots; i++) {
    const k = Math.floor((i + 1) / per) - 1;
    out[i] = k >= 0 && k < periods && states[k] === 'ALARM' ? 1 : 0;
  }
  return out;
}

/** What the composites of an objective do: page (the fast or the slow pair), or open a ticket (the ticket pair). */
export type SloAlert = 'page' | 'ticket';

const PAIRS = { page: ['fast', 'slow'], ticket: ['ticket'] } as const satisfies Record<SloAlert, readonly string[]>;

/**
 * Minutes after an incident's end that an alert still counts as catching it: an hour for a page
 * (its long window closes on the hour); a day for a ticket, which is read the next working day
 * and whose long window closes at midnight UTC.
 */
export const SLO_DETECTION = { page: SLO_DETECTION_MINUTES, ticket: 1440 } as const satisfies Record<SloAlert, number>;

/** The page's (or the ticket's) score over the replayed part: in ALARM while both windows of one of its pairs are. */
export function evaluateSlo(s: SloSeries, alert: SloAlert = 'page'): Score {
  const slots = Object.values(s.metrics)[0]!.length;
  const windows = emitSloWindows(s.target, SLO_OBJECTIVE).filter((w) => (PAIRS[alert] as readonly string[]).includes(w.pair));
  const state = new Map(windows.map((w) => [`${w.pair}/${w.role}`, windowStates(w, s, slots)]));
  const on = (pair: string, role: string, i: number) => state.get(`${pair}/${role}`)![i] === 1;
  const states: AlarmState[] = [];
  for (let i = s.replayFrom; i < slots; i++) states.push(PAIRS[alert].some((p) => on(p, 'long', i) && on(p, 'short', i)) ? 'ALARM' : 'OK');
  return score({ states, from: s.replayFrom, period: s.period, evaluationPeriods: SLO_DETECTION[alert], incidents: s.incidents });
}

/** The SLO page's and ticket's scores on the draws of one rate scenario (one per seed). */
export interface SloResults {
  /** The rate scenario whose draws were replayed, and the count scenario it shares them with. */
  rate: string;
  count: string;
  scores: Score[];
  /** The ticket's scores on the same draws. */
  tickets: Score[];
}

export const SLO_HEADER = ['Draws', 'Incidents', `SLO ${SLO_OBJECTIVE}% page`, `SLO ${SLO_OBJECTIVE}% ticket`, 'Error rate (obsgen, one-shot)', 'Errors count (AWS static)', 'Errors count (obsgen, one-shot)'];

/** Recall · false episodes per 30 days · median minutes to detect, pooled over seeds. */
export function sloCell(scores: readonly Score[]): string {
  const incidents = scores.reduce((n, s) => n + s.incidents, 0);
  const caught = scores.reduce((n, s) => n + s.caught, 0);
  const falses = scores.reduce((n, s) => n + s.falseEpisodes, 0);
  const days = scores.reduce((n, s) => n + s.days, 0);
  const detect = median(scores.flatMap((s) => s.detectMinutes));
  return `${percent(incidents === 0 ? NaN : caught / incidents)} · ${fixed1(falsePer30Days(falses, days))} · ${minutes(detect)}`;
}
