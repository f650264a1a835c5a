import { expect } from 'vitest';
import { ARN_MAKERS } from '../../scripts/lib/arn-makers.js';
import { syntheticEstate } from '../../scripts/lib/synthetic-estate.js';
import type { EstateOptions } from '../../scripts/lib/synthetic-estate.js';
import type { Manifest } from '../../src/state/manifest.js';

/*
 * The estate the independent checkers (cfn-lint, real Terraform, the HCL parser with the
 * provider schema) read "at scale". What they can find is per resource type, per kind of file
 * and per full stack or file, not per copy of the same alarm: their time grows with the bytes
 * they read (cfn-lint about 9 s of CPU per MB of templates, measured on this machine), so these
 * estates are the smallest that still hold every supported type many times over and fill
 * several stacks per account and region to their limits. `expectEveryType` says so in each test,
 * so a change to the synthetic estate cannot quietly drop a type.
 */

/** Every supported type about 15 times, in 2 accounts × 2 regions: several full stacks and files per scope. */
export const EVERY_TYPE: EstateOptions = { resources: 340, seed: 7 };

/** Listings (file name → text) of an every-type estate; `options` override the defaults above. */
export function everyTypeEstate(options: Partial<EstateOptions> = {}): Record<string, string> {
  return Object.fromEntries(syntheticEstate({ ...EVERY_TYPE, ...options }));
}

/** The run monitored every supported type at least `min` times. */
export function expectEveryType(manifest: Manifest, min = 10): void {
  const counts = new Map<string, number>();
  for (const r of manifest.resources) counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
  const short = Object.keys(ARN_MAKERS)
    .sort()
    .filter((t) => (counts.get(t) ?? 0) < min);
  expect(short, 'supported types monitored fewer times than asked').toEqual([]);
}
