import { SEVERITIES } from '../blueprints/types.js';
import type { Severity } from '../blueprints/types.js';
import type { Diagnostics } from '../diagnostics/diagnostic.js';
import { hintTags } from '../services/registry.js';
import type { Resource } from '../discover/types.js';
import { formatNumber, numberInTag } from '../util/numbers.js';
import { MAX_OBJECTIVE, MIN_OBJECTIVE, NO_OBJECTIVE } from './slo-objectives.js';
import type { TaggedObjectives } from './slo-objectives.js';
import { NO_PREVIOUS_OVERRIDES } from './types.js';
import type { PreviousOverrides } from './types.js';

export const TAG_PREFIX = 'obsgen:';
export const MONITOR_TAG = `${TAG_PREFIX}monitor`;
export const DISABLE_TAG = `${TAG_PREFIX}disable`;
export const ENABLE_TAG = `${TAG_PREFIX}enable`;
export const THRESHOLD_TAG_PREFIX = `${TAG_PREFIX}threshold:`;
export const SEVERITY_TAG_PREFIX = `${TAG_PREFIX}severity:`;
export const SLO_AVAILABILITY_TAG = `${TAG_PREFIX}slo:availability`;
export const SLO_LATENCY_TAG = `${TAG_PREFIX}slo:latency`;

/** Per-resource overrides read from `obsgen:*` tags. */
export interface Overrides {
  monitor: boolean;
  disabled: Set<string>;
  /** Opt-in alarm ids turned on by `obsgen:enable`. */
  enabled: Set<string>;
  thresholds: Map<string, { value: number; tag: string }>;
  severities: Map<string, { value: Severity; tag: string }>;
  /** Service level objectives from `obsgen:slo:availability` and `obsgen:slo:latency` (or `none`). */
  slo: TaggedObjectives;
}

// Tags that tell obsgen what an ARN does not (see each resource type's hintTags).
const HINT_TAGS = new Set(hintTags().map((h) => h.tag));

/** An objective in percent as a tag writes it, when it is a number obsgen takes (see MIN_OBJECTIVE). */
function objective(text: string): number | undefined {
  const n = numberInTag(text);
  return n !== undefined && n >= MIN_OBJECTIVE && n <= MAX_OBJECTIVE ? n : undefined;
}

/**
 * Reads override tags. Tags are untrusted input, set by many teams: a malformed one is a
 * finding naming the ARN and the tag (`Diagnostics.tagProblem`: a warning, or an error with
 * `--strict`), and the resource keeps what it would have without that tag, or, for a
 * threshold or severity the same tag set last run, that previous value: an override a team
 * believes is in force is not silently dropped by a typo, and one team's typo never stops
 * everyone else's monitoring. Reading goes on, so one run reports every bad tag at once.
 * `alarmIds` are the alarms the resource's blueprints define, to catch typos.
 */
export function readOverrides(
  resource: Resource,
  alarmIds: ReadonlySet<string>,
  diags: Diagnostics,
  previous: PreviousOverrides = NO_PREVIOUS_OVERRIDES,
): Overrides {
  const o: Overrides = { monitor: true, disabled: new Set(), enabled: new Set(), thresholds: new Map(), severities: new Map(), slo: {} };
  const problem = (tag: string, message: string, instead: string) => diags.tagProblem(message, instead, { arn: resource.arn, tag });
  const knownAlarm = (id: string, tag: string): boolean => {
    if (alarmIds.has(id)) return true;
    problem(tag, `no alarm ${JSON.stringify(id)} applies to this resource (known: ${[...alarmIds].sort().join(', ') || 'none'})`, 'the tag is ignored');
    return false;
  };

  for (const [tag, raw] of resource.tags) {
    if (!tag.startsWith(TAG_PREFIX)) continue;
    const value = raw.trim();
    if (tag === MONITOR_TAG) {
      const v = value.toLowerCase();
      if (v === 'false') o.monitor = false;
      else if (v !== 'true') problem(tag, `expected "true" or "false", got ${JSON.stringify(raw)}`, 'the tag is ignored: the resource stays monitored');
    } else if (tag === DISABLE_TAG) {
      for (const id of value.split(',').map((s) => s.trim()).filter(Boolean)) {
        if (knownAlarm(id, tag)) o.disabled.add(id);
      }
    } else if (tag === ENABLE_TAG) {
      for (const id of value.split(',').map((s) => s.trim()).filter(Boolean)) {
        if (knownAlarm(id, tag)) o.enabled.add(id);
      }
    } else if (tag.startsWith(THRESHOLD_TAG_PREFIX)) {
      const id = tag.slice(THRESHOLD_TAG_PREFIX.length);
      if (!knownAlarm(id, tag)) continue;
      const n = numberInTag(value);
      if (n === undefined) {
        const before = previous.threshold(resource.arn, id, tag);
        const instead = before === undefined ? 'the tag is ignored: the alarm keeps the threshold it has without it' : `the alarm keeps ${formatNumber(before)}, the threshold this tag gave it last run`;
        problem(tag, `expected a number, got ${JSON.stringify(raw)}`, instead);
        if (before !== undefined) o.thresholds.set(id, { value: before, tag });
        continue;
      }
      o.thresholds.set(id, { value: n, tag });
    } else if (tag.startsWith(SEVERITY_TAG_PREFIX)) {
      const id = tag.slice(SEVERITY_TAG_PREFIX.length);
      if (!knownAlarm(id, tag)) continue;
      if (!(SEVERITIES as readonly string[]).includes(value)) {
        const before = previous.severity(resource.arn, id);
        const instead = before === undefined ? "the tag is ignored: the alarm keeps its blueprint's severity" : `the alarm keeps its severity of last run, ${before}`;
        problem(tag, `expected one of ${SEVERITIES.join(', ')}, got ${JSON.stringify(raw)}`, instead);
        if (before !== undefined) o.severities.set(id, { value: before, tag });
        continue;
      }
      o.severities.set(id, { value: value as Severity, tag });
    } else if ((tag === SLO_AVAILABILITY_TAG || tag === SLO_LATENCY_TAG) && value.toLowerCase() === NO_OBJECTIVE) {
      o.slo[tag === SLO_AVAILABILITY_TAG ? 'availability' : 'latency'] = NO_OBJECTIVE;
    } else if (tag === SLO_AVAILABILITY_TAG) {
      const target = objective(value.replace(/%$/, ''));
      if (target === undefined) problem(tag, `expected a percentage from ${MIN_OBJECTIVE} to ${MAX_OBJECTIVE}, such as 99.9, or ${NO_OBJECTIVE}, got ${JSON.stringify(raw)}`, 'the tag is ignored: the config\'s objective applies, if any');
      else o.slo.availability = { target, from: `tag ${tag}` };
    } else if (tag === SLO_LATENCY_TAG) {
      // <percent>@<milliseconds>: 99@1000 (99% of requests within a second); % and ms may be written.
      const m = /^([^@]+?)%?\s*@\s*([^@]+?)(?:\s*ms)?$/.exec(value);
      const target = m ? objective(m[1]!) : undefined;
      const ms = (m && numberInTag(m[2]!)) ?? NaN;
      if (target === undefined || !(ms > 0 && ms <= 900_000)) {
        problem(tag, `expected <percent>@<milliseconds>, such as 99@1000 (99% of requests within 1,000 ms; ${MIN_OBJECTIVE} to ${MAX_OBJECTIVE} percent), or ${NO_OBJECTIVE}, got ${JSON.stringify(raw)}`, 'the tag is ignored: the config\'s objective applies, if any');
      } else o.slo.latency = { target, thresholdMs: ms, from: `tag ${tag}` };
    } else if (!HINT_TAGS.has(tag)) {
      problem(
        tag,
        `unknown obsgen tag; known: ${MONITOR_TAG}, ${DISABLE_TAG}, ${ENABLE_TAG}, ${SLO_AVAILABILITY_TAG}, ${SLO_LATENCY_TAG}, ${THRESHOLD_TAG_PREFIX}<alarm-id>, ${SEVERITY_TAG_PREFIX}<alarm-id>, ${[...HINT_TAGS].sort().join(', ')}`,
        'the tag is ignored',
      );
    }
  }
  return o;
}
