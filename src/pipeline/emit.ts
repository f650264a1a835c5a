import type { ActionTarget, Config } from '../config/types.js';
import type { Scope } from '../discover/types.js';
import { emitCloudFormation } from '../emit/cloudformation/index.js';
import type { StackRecord } from '../emit/cloudformation/index.js';
import { actionDefault } from '../emit/cloudformation/template.js';
import type { FileRecord, FileSink } from '../emit/files.js';
import { monitoringDocs } from '../emit/monitoring-doc.js';
import { emitTerraform } from '../emit/terraform/module.js';
import { thresholdsFiles } from '../emit/thresholds-doc.js';
import type { Model } from '../model/types.js';
import type { Manifest } from '../state/manifest.js';
import { compare } from '../util/compare.js';

/** The configured action ARNs of a severity (or applications) in a scope. */
export interface ActionsOf {
  /** The config's template rendered for the scope (`''`: no action); throws when the template fails. */
  render(target: ActionTarget, scope: Scope): string;
  /** As a list (none or one), rendered once per target and scope: docs and the manifest ask for every alarm. */
  list(target: ActionTarget, scope: Scope): string[];
}

/** The action ARNs a config gives, per target and scope. */
export function actionsFor(config: Config): ActionsOf {
  const cache = new Map<string, string[]>();
  return {
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

/** Every output the config asks for, sorted by path (the manifest comes later). */
export function emitAll<F extends FileRecord>(model: Model, config: Config, actionsOf: ActionsOf, previous: Manifest | undefined, sink: FileSink<F>): { files: F[]; stacks: StackRecord[] } {
  const files: F[] = [];
  let stacks: StackRecord[] = [];
  if (config.output.format !== 'terraform') {
    const cfn = emitCloudFormation(model, config, previous?.stacks ?? [], sink);
    files.push(...cfn.files);
    stacks = cfn.stacks;
  }
  if (config.output.format !== 'cloudformation') files.push(...emitTerraform(model, config, sink));
  files.push(...thresholdsFiles(model, sink), ...monitoringDocs(model, (t, s) => actionsOf.list(t, s), sink));
  files.sort((a, b) => compare(a.path, b.path));
  return { files, stacks };
}
