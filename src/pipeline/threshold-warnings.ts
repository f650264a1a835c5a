import type { Config } from '../config/types.js';
import type { Diagnostics } from '../diagnostics/diagnostic.js';
import { DISABLE_TAG, THRESHOLD_TAG_PREFIX } from '../match/overrides.js';
import type { Resolved } from '../resolve/types.js';
import { alwaysOnShare } from '../tune/checks.js';
import type { Decisions } from '../tune/types.js';
import { tunableAlarms } from '../tune/thresholds.js';
import { formatNumber, numberInTag } from '../util/numbers.js';

/**
 * In ALARM for more than half of normal operation: an alarm that does not stop (the evaluation's
 * "always on"). The checks reject a candidate at 1%, which a short history reaches with one
 * episode; kept at that, a default still fires and stops, and the decision's reason says so.
 */
const NEVER_STOPS = 0.5;

/** Whether a rejection says the threshold never stops or never fires. */
function useless(reason: string): boolean {
  return reason.startsWith('unreachable') || (alwaysOnShare(reason) ?? 0) > NEVER_STOPS;
}

/**
 * Warns of each alarm that keeps a default threshold its own history shows to be useless: always
 * on (in ALARM for most of its history: it would page once and never stop) or unreachable (it
 * can never fire). Tuning keeps the default when no candidate passes and none is merely noisy,
 * which happens when normal operation reaches the metric's bound: a worker pinned at 100% CPU
 * has no threshold that tells a runaway from its normal day. The run goes on (a tag is written
 * by the resource's owner, and such an alarm is a finding about that one resource); the warning,
 * at the resource's ARN, says what the history showed and the two tags that settle it.
 */
export function warnOfUselessDefaults(resolved: Resolved, decisions: Decisions, diags: Diagnostics): void {
  for (const resource of resolved.resources) {
    for (const alarm of resource.alarms) {
      const d = decisions.get(alarm.id);
      // A band alarm compares the metric with its band, not with this threshold.
      if (!d || d.provenance.kind !== 'fallback' || d.band) continue;
      const candidates = d.report?.candidates ?? [];
      // The default as it was checked (a policy that proposed the default's value checked it first).
      const kept = candidates.find((c) => c.value === d.value && !c.chosen);
      if (!kept || !useless(kept.reason)) continue;
      const id = alarm.matched.spec.id;
      const others = candidates.filter((c) => c !== kept).map((c) => `${c.source} ${formatNumber(c.value)}: ${c.reason}`);
      const days = d.report?.history?.days;
      diags.warning(
        `${alarm.matched.blueprint.id}/${id} keeps its default threshold ${formatNumber(d.value)}, which its history${days !== undefined ? ` (${formatNumber(days)} days)` : ''} shows to be ${kept.reason}` +
          `${others.length > 0 ? `; no other threshold fits it (${others.join('; ')})` : ''}. ` +
          `Fix: set a threshold with the tag ${THRESHOLD_TAG_PREFIX}${id}=<value> on this resource, or turn the alarm off with ${DISABLE_TAG}=${id}.`,
        { arn: resource.matched.resource.arn },
      );
    }
  }
}

/**
 * Warns of each tag a relative-to-tag tuning reads (a Lambda function's obsgen:timeout-ms) whose
 * value is not a number: a finding about that one resource, at its ARN and the tag, as for a
 * malformed override tag. The alarm is decided as without the tag: by its `withoutTag` policy
 * from history, or its default. A pass of its own over the tunable alarms: 10-15 ms for the
 * 36,851 of the #21 mix at 10,000 resources (measured in process), against seconds for the run.
 */
export function warnOfUnreadableTuningTags(resolved: Resolved, config: Config, diags: Diagnostics): void {
  for (const t of tunableAlarms(resolved, config)) {
    if (t.tuning.policy !== 'relative-to-tag') continue;
    const tag = t.tuning.tag!;
    const raw = t.resource.matched.resource.tags.get(tag);
    if (raw === undefined || numberInTag(raw) !== undefined) continue;
    const alarm = `${t.alarm.matched.blueprint.id}/${t.alarm.matched.spec.id}`;
    const instead = t.tuning.withoutTag
      ? `${alarm} is decided as without the tag: from its history (${t.tuning.withoutTag})`
      : `${alarm} is decided as without the tag: it keeps its default ${formatNumber(t.alarm.matched.spec.threshold)}`;
    diags.tagProblem(`expected a number, got ${JSON.stringify(raw)}`, instead, { arn: t.resource.matched.resource.arn, tag });
  }
}
