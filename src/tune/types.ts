import type { Plan, PlannedAlarm, PlannedResource } from '../match/types.js';

/** Where an alarm's threshold came from; recorded in the manifest and shown in docs. */
export type ThresholdProvenance =
  | { kind: 'default'; source: string }
  | { kind: 'tag'; tag: string; defaultValue: number };

export interface ThresholdDecision {
  value: number;
  provenance: ThresholdProvenance;
}

export interface TunedAlarm extends PlannedAlarm {
  threshold: ThresholdDecision;
}

export interface TunedResource extends Omit<PlannedResource, 'alarms'> {
  alarms: TunedAlarm[];
}

/** The plan with every alarm's threshold decided. */
export interface TunedPlan extends Omit<Plan, 'resources'> {
  resources: TunedResource[];
}
