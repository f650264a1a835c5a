import { compileTemplate } from '../blueprints/template.js';
import type { Scope } from '../discover/types.js';
import type { ActionTarget, Config } from './types.js';

/** The default action ARN for a target in a scope, rendered from the config template (`''`: no action). */
export function actionDefault(config: Config, target: ActionTarget, scope: Scope): string {
  const source = config.actions[target];
  return source === '' ? '' : compileTemplate(source).render({ ...scope });
}

/** The configured action ARNs of a severity (or applications) in a scope, as output targets ask for them. */
export interface ActionsOf {
  /** Whether alarms also notify when they return to OK. */
  readonly notifyOnOk: boolean;
  /** The config's template rendered for the scope (`''`: no action); throws when the template fails. */
  render(target: ActionTarget, scope: Scope): string;
  /** As a list (none or one), rendered once per target and scope: docs and the manifest ask for every alarm. */
  list(target: ActionTarget, scope: Scope): string[];
}

/** The action ARNs a config gives, per target and scope. */
export function actionsFor(config: Config): ActionsOf {
  const cache = new Map<string, string[]>();
  return {
    notifyOnOk: config.actions.notifyOnOk,
    render: (target, scope) => actionDefault(config, target, scope),
    list(target, scope) {
      const key = `${target} ${scope.partition} ${scope.account} ${scope.region}`;
      let list = cache.get(key);
      if (!list) {
        const arn = actionDefault(config, target, scope);
        list = arn === '' ? [] : [arn];
        cache.set(key, list);
      }
      return [...list];
    },
  };
}
