import { SERVICES } from '../../src/services/registry.js';
import type { MadeResource } from '../../src/services/service.js';

/**
 * How to make a realistic ARN (and the hint tags it needs) for every supported resource type,
 * from an account, a region and a unique name: each service folder's `make`, by type id. Used
 * by the synthetic estate generator and by tests that need one resource of every type.
 */
export type Made = MadeResource;

export const ARN_MAKERS: Record<string, (account: string, region: string, name: string) => Made> = Object.fromEntries(
  SERVICES.flatMap((s) => Object.entries(s.examples).map(([id, e]) => [id, e.make] as const)),
);
