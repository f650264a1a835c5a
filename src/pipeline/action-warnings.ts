import type { ActionsOf } from '../config/actions.js';
import { configLocation } from '../config/load.js';
import type { Config } from '../config/types.js';
import type { Diagnostics } from '../diagnostics/diagnostic.js';
import type { Model } from '../model/types.js';

/**
 * Warns when not one alarm notifies anyone because the config sets no action: the default,
 * which would otherwise deploy monitoring that pages nobody without a word. A config that sets
 * an action to "" has said so on purpose (say, actions passed as stack parameters or module
 * inputs when deploying), and is not warned.
 */
export function warnWithoutActions(model: Model, config: Config, actionsOf: ActionsOf, diags: Diagnostics): void {
  if (config.actions.declared || model.alarms.length === 0) return;
  const notifies = [...model.alarms.map((a) => actionsOf.list(a.severity, a.scope)), ...model.composites.map((c) => actionsOf.list(c.target, c.scope))].some((l) => l.length > 0);
  if (notifies) return;
  const alarms = model.alarms.length === 1 ? 'the alarm notifies' : `none of the ${model.alarms.length} alarms notifies`;
  diags.warning(
    `no alarm actions are configured, so ${alarms} anyone. Fix: actions: { critical: "arn:{{partition}}:sns:{{region}}:{{account}}:<topic>" } in the config (critical: "" says none, on purpose).`,
    config.file ? configLocation(config, []) : {},
  );
}
