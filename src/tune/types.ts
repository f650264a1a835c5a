import type { TuningPolicy } from '../blueprints/types.js';
import type { AnomalyBand, BandCandidate } from './band.js';
import type { Candidate, HistoryUse } from './decide.js';
import type { HistorySummary } from './stats.js';

/** Where an alarm's threshold came from; recorded in the manifest and shown in docs. */
export type ThresholdProvenance =
  | { kind: 'default'; source: string }
  | { kind: 'tag'; tag: string; defaultValue: number }
  /** Derived from the metric's history by a tuning policy. */
  | { kind: 'tuned'; policy: TuningPolicy; reason: string; defaultValue: number }
  /** Tuning could not run (too little history, no tag): the default, and why. */
  | { kind: 'fallback'; policy: TuningPolicy; reason: string; defaultValue: number }
  /** The previous run's tuned threshold, kept because the new one is within the hysteresis band. */
  | { kind: 'kept'; policy: TuningPolicy; reason: string; tuned: number; defaultValue: number };

/** How the tuned threshold compares with the default over the metric's history, and how it was chosen. */
export interface TuningReport {
  summary?: HistorySummary;
  lookbackDays?: number;
  /** Alarm episodes the default and the chosen threshold would have had over the lookback. */
  episodes?: { default: number; chosen: number };
  /** What the decision made of the history: days used, a level shift, past incidents set aside. */
  history?: HistoryUse;
  /** Every threshold considered, whether it was chosen, and why (or why not). */
  candidates?: Candidate[];
  /** The chosen threshold's false alarm episodes in normal operation, per 30 days. */
  falsePer30d?: number;
  /** With `tuning.band`: why a band was chosen or the static threshold kept, and the widths tried. */
  band?: { reason: string; candidates?: BandCandidate[] };
}

/** An anomaly detection band chosen instead of the static threshold, and why. */
export type BandDecision = AnomalyBand & {
  reason: string;
  /** False when there was no history to choose the width from (CloudWatch's default). */
  fromHistory: boolean;
};

export interface ThresholdDecision {
  /** The static threshold (with a band: the one the alarm would have without it, not deployed). */
  value: number;
  /** The alarm compares the metric with an anomaly detection band instead of `value`. */
  band?: BandDecision;
  /** A longer evaluation than the blueprint's, chosen by tuning from the history's noise. */
  evaluation?: { evaluationPeriods: number; datapointsToAlarm: number };
  provenance: ThresholdProvenance;
  report?: TuningReport;
  /**
   * A hash of what the decision depended on besides history (policy and its parameters, the
   * default, the lookback). A later run reuses this decision's record only under the same hash.
   */
  tuning?: string;
  /**
   * Set when this run kept the previous run's decision (value, provenance and report as they
   * were recorded, so nightly output does not churn): why, and what it would have chosen.
   * Shown by `explain`; never written to files.
   */
  kept?: { reason: string; tuned?: number };
}

/** What the previous run decided for an alarm, as its manifest recorded it. */
export interface PreviousDecision {
  threshold: number;
  band?: BandDecision;
  /** The evaluation the alarm had (as recorded: the blueprint's, or a longer one tuning chose). */
  evaluationPeriods?: number;
  datapointsToAlarm?: number;
  provenance: ThresholdProvenance;
  report?: TuningReport;
  tuning?: string;
}

/** The previous run's decisions, by stable alarm id: all tuning needs of the previous run. */
export interface PreviousDecisions {
  get(alarmId: string): PreviousDecision | undefined;
}

/** Every alarm's threshold decision, by stable alarm id. */
export type Decisions = ReadonlyMap<string, ThresholdDecision>;
