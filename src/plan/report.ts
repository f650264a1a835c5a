import { MANIFEST_VERSION } from '../state/manifest.js';
import type { Manifest } from '../state/manifest.js';
import type { ManifestOutline } from '../state/outline.js';
import { diffManifests } from './diff.js';
import type { PlanDiff } from './diff.js';
import { planSummary, renderPlan } from './render.js';

/*
 * What a plan prints, in one place for the two commands that give one: `obsgen plan` on stdout,
 * and `obsgen generate --plan-markdown / --plan-json` into files, from the same run that writes
 * the output (the nightly job then runs once instead of three times: examples/ci/nightly.yml).
 */

/**
 * How long a Markdown plan is by default: GitHub refuses a pull-request body over 65,536
 * characters, and this leaves room for what a job adds around it (a title, a link to its run).
 */
export const PULL_REQUEST_CHARS = 60_000;

const NO_ITEMS: Pick<Manifest, 'resources' | 'existingLogGroups' | 'alarms' | 'composites' | 'logGroups' | 'metricFilters' | 'dashboards' | 'unmonitored'> = {
  resources: [],
  existingLogGroups: [],
  alarms: [],
  composites: [],
  logGroups: [],
  metricFilters: [],
  dashboards: [],
  unmonitored: [],
};

/**
 * The plan of a run answered from the manifest (pipeline/unchanged.ts): the output would be what
 * the folder holds, so it is the plan of that manifest against itself. Its lists compare equal
 * items only, so the manifest with its items left out gives the same plan (the scopes, files and
 * version are what it reads besides them): nothing is removed, and nothing conflicts.
 */
export function unchangedPlan(m: ManifestOutline): PlanDiff {
  const outline: Manifest = { generator: 'obsgen', manifestVersion: MANIFEST_VERSION, version: m.version, format: m.format, inputs: { fingerprint: '' }, scopes: m.scopes, stacks: m.stacks, files: m.files, ...NO_ITEMS };
  return diffManifests(outline, outline);
}

/** The plan as `plan --json` prints it: the run's exit code and diagnostics beside the difference. */
export function planJson(exitCode: number, diff: PlanDiff | undefined, diagnostics: object[]): string {
  return `${JSON.stringify({ exitCode, changed: diff?.changed ?? false, summary: diff ? planSummary(diff) : undefined, plan: diff, diagnostics }, null, 2)}\n`;
}

/** The plan as text or Markdown, shortened to `maxChars` (0: never; by default PULL_REQUEST_CHARS for Markdown); empty without a plan. */
export function planText(diff: PlanDiff | undefined, format: 'text' | 'markdown', maxChars?: number): string {
  if (!diff) return '';
  const limit = maxChars ?? (format === 'markdown' ? PULL_REQUEST_CHARS : 0);
  return renderPlan(diff, format, limit === 0 ? undefined : limit);
}
