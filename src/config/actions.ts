import { compileTemplate } from '../blueprints/template.js';
import type { Scope } from '../discover/types.js';
import type { ActionTarget, Config } from './types.js';

/** The default action ARNs for a target in a scope, rendered from the config's templates (`[]`: no action). */
export function actionDefaults(config: Config, target: ActionTarget, scope: Scope): string[] {
  return config.actions[target].map((source) => renderAction(source, scope));
}

/** One action template of the config rendered for a scope; throws when it fails. */
export function renderAction(source: string, scope: Scope): string {
  return compileTemplate(source).render({ ...scope });
}

/** The configured action ARNs of a severity (or applications) in a scope, as output targets ask for them. */
export interface ActionsOf {
  /** Whether alarms also notify when they return to OK. */
  readonly notifyOnOk: boolean;
  /** The config's templates rendered for the scope (none: no action); throws when a template fails. */
  render(target: ActionTarget, scope: Scope): string[];
  /** The same, rendered once per target and scope: docs and the manifest ask for every alarm. */
  list(target: ActionTarget, scope: Scope): string[];
}

/** The action ARNs a config gives, per target and scope. */
export function actionsFor(config: Config): ActionsOf {
  const cache = new Map<string, string[]>();
  return {
    notifyOnOk: config.actions.notifyOnOk,
    render: (target, scope) => actionDefaults(config, target, scope),
    list(target, scope) {
      const key = `${target} ${scope.partition} ${scope.account} ${scope.region}`;
      let list = cache.get(key);
      if (!list) {
        list = actionDefaults(config, target, scope);
        cache.set(key, list);
      }
      return [...list];
    },
  };
}
