import { cloudformation } from './cloudformation/index.js';
import { docs } from './docs/index.js';
import type { Target } from './target.js';
import { terraform } from './terraform/index.js';

/**
 * Every output target, in the order they are written: the IaC formats a config chooses from
 * (`output.targets`), then the documentation every run writes. Adding a target is adding its
 * folder and a line here.
 */
export const TARGETS: readonly Target[] = [cloudformation, terraform, docs];

/** The IaC targets' ids, as `output.targets` and `--format` name them. */
export const IAC_TARGETS: readonly string[] = TARGETS.filter((t) => t.kind === 'iac').map((t) => t.id);

/** The target with this id. */
export function targetById(id: string): Target | undefined {
  return TARGETS.find((t) => t.id === id);
}
