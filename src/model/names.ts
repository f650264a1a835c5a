import type { Scope } from '../discover/types.js';
import { shortHash } from '../util/hash.js';

export const ALARM_NAME_MAX = 255;
export const ALARM_DESCRIPTION_MAX = 1024;
export const DASHBOARD_NAME_MAX = 255;
export const METRIC_FILTER_NAME_MAX = 512;

/** Stable id of an application within a scope. */
export function applicationKey(scope: Scope, app: string): string {
  return `${scope.account}/${scope.region}/app/${app}`;
}

/**
 * Makes a rendered alarm name safe and short enough. Control characters, double quotes and
 * backslashes (which would break composite alarm rules) become `_`; a name over the limit is
 * cut and given a hash of the full name, so distinct long names stay distinct and stable.
 */
export function safeAlarmName(rendered: string): string {
  // eslint-disable-next-line no-control-regex
  const cleaned = rendered.replace(/[\u0000-\u001f\u007f-\u009f"\\]/g, '_').trim();
  return limitLength(cleaned || '_', ALARM_NAME_MAX, rendered);
}

/** Dashboard names allow only `[A-Za-z0-9_-]`; anything else becomes `-` plus a hash of the original. */
export function safeDashboardName(raw: string): string {
  const cleaned = raw.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '');
  const name = cleaned === raw ? cleaned : `${cleaned}-${shortHash(raw, 6)}`;
  return limitLength(name, DASHBOARD_NAME_MAX, raw);
}

/** A lower-case slug for stack names and file names, with a hash when it lost information. */
export function slug(raw: string, max = 40): string {
  const cleaned = raw.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  const base = cleaned.slice(0, max) || 'x';
  return base === raw ? base : `${base}-${shortHash(raw, 6)}`;
}

/**
 * Cuts text to `max` characters (code points, never splitting a surrogate pair), ending in
 * `-<hash of identity>` when cut.
 */
export function limitLength(text: string, max: number, identity: string = text): string {
  // No more UTF-16 units than the limit: no more code points either (the common case, and
  // splitting every name into characters is a measurable cost at tens of thousands of alarms).
  if (text.length <= max) return text;
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  const suffix = `-${shortHash(identity)}`;
  return chars.slice(0, max - suffix.length).join('') + suffix;
}

/** `text` cut (never splitting a surrogate pair) so that it and `suffix` fit in `max` characters, then `suffix`. */
export function withSuffix(text: string, suffix: string, max: number): string {
  const room = max - Array.from(suffix).length;
  const chars = Array.from(text);
  return (chars.length <= room ? text : chars.slice(0, room).join('')) + suffix;
}

/**
 * A composite alarm's description (ending `Managed by obsgen.`) with a link to its application's
 * page, when there is one and it fits whole within CloudWatch's 1,024 characters.
 */
export function withPageLink(description: string, url: string | undefined): string {
  if (url === undefined) return description;
  const linked = `${description.replace(/\.$/, '')}; details: ${url}`;
  return linked.length <= ALARM_DESCRIPTION_MAX ? linked : description;
}

/** Cuts prose to `max` characters with an ellipsis. */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text;
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
