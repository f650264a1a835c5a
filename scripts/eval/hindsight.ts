/**
 * The best single static threshold with hindsight: chosen on the replayed part itself, knowing
 * the incidents, so no tuning from history can do better with one constant threshold and the
 * alarm's own M of N. An upper reference, not a baseline a policy could reach.
 */
import { evaluationRange, replay } from './replay.js';
import { score } from './score.js';
import type { Score, Window } from './score.js';
import type { AlarmRule } from './types.js';

/** The chosen threshold and its score. */
export interface Hindsight {
  threshold: number;
  score: Score;
}

/** What the search compares: fewest false episodes, then most incidents caught, then fewest slots in ALARM. */
function better(a: Score, b: Score): boolean {
  if (a.falseEpisodes !== b.falseEpisodes) return a.falseEpisodes < b.falseEpisodes;
  if (a.caught !== b.caught) return a.caught > b.caught;
  return a.alarmSlots < b.alarmSlots;
}

// Up to this many distinct values every one is tried; above, the search narrows in rounds.
const EXHAUSTIVE = 400;
const PER_ROUND = 48;

/**
 * Searches the thresholds that matter: every distinct value the replayed part (with the
 * evaluation range before it) holds, and one beyond each end (never / always breaching). An
 * alarm's states change only when the threshold crosses a value, so these are all the
 * behaviours a constant threshold can have. With more than 400 distinct values it tries 48
 * evenly spread ones, then narrows to the stretch around the best and repeats: the result is
 * then the best found, not proven the best.
 */
export function bestStaticThreshold(values: Float64Array, rule: AlarmRule, from: number, period: number, incidents: readonly Window[]): Hindsight {
  const seen = new Set<number>();
  for (let i = Math.max(0, from - evaluationRange(rule.evaluationPeriods)); i < values.length; i++) if (!Number.isNaN(values[i]!)) seen.add(values[i]!);
  const distinct = [...seen].sort((a, b) => a - b);
  if (distinct.length === 0) distinct.push(0);
  const pad = Math.max(1, Math.abs(distinct[distinct.length - 1]!), Math.abs(distinct[0]!)) * 1e-6;
  const candidates = [distinct[0]! - pad, ...distinct, distinct[distinct.length - 1]! + pad];

  const evaluate = (t: number): Score =>
    score({ states: replay(values, rule, t, { from }), from, period, evaluationPeriods: rule.evaluationPeriods, incidents });
  let best: Hindsight | undefined;
  const consider = (index: number) => {
    const s = evaluate(candidates[index]!);
    if (!best || better(s, best.score)) best = { threshold: candidates[index]!, score: s };
  };

  if (candidates.length <= EXHAUSTIVE) {
    candidates.forEach((_, i) => consider(i));
    return best!;
  }
  let lo = 0;
  let hi = candidates.length - 1;
  const tried = new Set<number>();
  while (true) {
    const step = (hi - lo) / (PER_ROUND - 1);
    const round = [...new Set(Array.from({ length: PER_ROUND }, (_, k) => Math.round(lo + k * step)))];
    for (const i of round) {
      if (tried.has(i)) continue;
      tried.add(i);
      consider(i);
    }
    if (step <= 1) return best!;
    const at = candidates.indexOf(best!.threshold);
    lo = Math.max(0, Math.floor(at - step));
    hi = Math.min(candidates.length - 1, Math.ceil(at + step));
  }
}
