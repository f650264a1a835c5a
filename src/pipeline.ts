import { loadBlueprints } from './blueprints/load.js';
import type { BlueprintSource } from './blueprints/load.js';
import type { Blueprint } from './blueprints/types.js';
import { ACTION_TARGETS, configLocation } from './config/load.js';
import type { ActionTarget } from './config/types.js';
import type { Scope } from './discover/types.js';
import { monitoringDocs } from './emit/monitoring-doc.js';
import { inputsFingerprint } from './fingerprint.js';
import { checkRemovals } from './safety/guards.js';
import { keepIncompleteScopes } from './safety/incomplete-scopes.js';
import type { Config } from './config/types.js';
import type { Diagnostics } from './diagnostics/diagnostic.js';
import { buildInventory } from './discover/build-inventory.js';
import { parseInventoryText } from './discover/inventory-file.js';
import { parseLogGroupsText } from './discover/log-groups-file.js';
import type { Inventory } from './discover/types.js';
import { emitCloudFormation } from './emit/cloudformation/index.js';
import type { StackRecord } from './emit/cloudformation/index.js';
import { actionDefault } from './emit/cloudformation/template.js';
import { emitTerraform } from './emit/terraform/module.js';
import { thresholdsFiles } from './emit/thresholds-doc.js';
import type { FileRecord, FileSink } from './emit/files.js';
import { buildManifest, manifestFile } from './state/write.js';
import type { Manifest } from './state/manifest.js';
import { planMonitoring } from './match/plan.js';
import type { Plan } from './match/types.js';
import { buildModel } from './model/build.js';
import type { Model } from './model/types.js';
import { PACKAGE_VERSION } from './package-root.js';
import { MetricHistory, parseHistoryText } from './tune/history.js';
import { decideThresholds } from './tune/thresholds.js';
import type { TuningInputs } from './tune/thresholds.js';
import type { TunedPlan } from './tune/types.js';
import { compare } from './util/compare.js';

/** A text input as read by the caller (the CLI does the I/O). */
export interface TextInput {
  file: string;
  text: string;
}

/** Parses inventory files, and optionally existing log groups, into one inventory. */
export function readInventory(inputs: readonly TextInput[], diags: Diagnostics, logGroups: readonly TextInput[] = []): Inventory {
  const inventory = buildInventory(
    inputs.flatMap((i) => parseInventoryText(i.file, i.text, diags)),
    diags,
  );
  inventory.existingLogGroups = logGroups.flatMap((i) => parseLogGroupsText(i.file, i.text, diags));
  return inventory;
}

/** Parses metric history files. */
export function readHistory(inputs: readonly TextInput[], diags: Diagnostics): MetricHistory {
  return new MetricHistory(inputs.flatMap((i) => parseHistoryText(i.file, i.text, diags)));
}

/** Loads and checks blueprints. */
export function readBlueprints(sources: readonly BlueprintSource[], diags: Diagnostics): Blueprint[] {
  return loadBlueprints(sources, diags);
}

/** Matching and threshold decisions: everything `inventory` and `generate` share. */
export function planFor(inventory: Inventory, blueprints: readonly Blueprint[], config: Config, diags: Diagnostics): Plan {
  return planMonitoring(inventory, blueprints, config, diags);
}

export interface Generated<F extends FileRecord = FileRecord> {
  plan: TunedPlan;
  model: Model;
  /** The generated files as the sink returned them, sorted by path, the manifest last. */
  files: F[];
  manifest: Manifest;
  /** Incomplete scopes whose monitoring was kept from the previous run. */
  keptScopes: string[];
}

export interface GenerateOptions<F extends FileRecord> {
  /** Where each file goes as it is made (in memory, or the output folder's staging). */
  sink: FileSink<F>;
  tuning?: Omit<TuningInputs, 'previous'>;
  /** Proceed even when the run removes more monitoring than the guards allow. */
  allowRemovals?: boolean;
}

/**
 * Runs match → tune → build → emit over loaded inputs. Scopes that discovery did not complete
 * keep their previous monitoring; a run that would remove more than the guards allow is an
 * error. Undefined when an error stops it.
 */
export function generate<F extends FileRecord>(
  discovered: Inventory,
  blueprints: readonly Blueprint[],
  config: Config,
  previous: Manifest | undefined,
  diags: Diagnostics,
  options: GenerateOptions<F>,
): Generated<F> | undefined {
  const { inventory, kept } = keepIncompleteScopes(discovered, previous);
  const history = options.tuning?.history ?? new MetricHistory();
  // A scope discovery did not complete has no history this run either: its tuned thresholds hold.
  const unavailable = new Set([...(options.tuning?.unavailable ?? []), ...inventory.scopes.filter((s) => !s.complete).map((s) => `${s.account}/${s.region}`)]);
  const plan = decideThresholds(planFor(inventory, blueprints, config, diags), config, {
    history,
    ...(unavailable.size > 0 ? { unavailable } : {}),
    ...(previous ? { previous } : {}),
  });
  const model = buildModel(plan, config, diags);
  checkActions(config, model, diags);
  if (diags.hasErrors) return undefined;

  // Asked for every alarm (docs, manifest): the template is rendered once per target and scope.
  const actions = new Map<string, string[]>();
  const actionsOf = (target: ActionTarget, scope: Scope) => {
    const key = `${target} ${scope.partition} ${scope.account} ${scope.region}`;
    let list = actions.get(key);
    if (!list) {
      const arn = actionDefault(config, target, scope);
      list = arn === '' ? [] : [arn];
      actions.set(key, list);
    }
    return [...list];
  };
  const { sink } = options;
  const files: F[] = [];
  let stacks: StackRecord[] = [];
  if (config.output.format !== 'terraform') {
    const cfn = emitCloudFormation(model, config, previous?.stacks ?? [], sink);
    files.push(...cfn.files);
    stacks = cfn.stacks;
  }
  if (config.output.format !== 'cloudformation') files.push(...emitTerraform(model, config, sink));
  files.push(...thresholdsFiles(model, sink), ...monitoringDocs(model, actionsOf, sink));
  files.sort((a, b) => compare(a.path, b.path));
  const manifest = buildManifest({
    version: PACKAGE_VERSION,
    format: config.output.format,
    fingerprint: inputsFingerprint(inventory, blueprints, config),
    model,
    plan,
    stacks,
    files,
    actionsOf,
  });
  checkRemovals(previous, manifest, { ...config.guards, allowRemovals: options.allowRemovals ?? false }, diags);
  if (diags.hasErrors) return undefined;
  return { plan, model, files: [...files, manifestFile(manifest, sink)], manifest, keptScopes: kept };
}

const ACTION_ARN = /^arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:\d*:.+$/;

/** Every configured action must render to an ARN in every scope it is used in. */
function checkActions(config: Config, model: Model, diags: Diagnostics): void {
  for (const scope of model.scopes) {
    for (const target of ACTION_TARGETS) {
      let value: string;
      try {
        value = actionDefault(config, target, scope);
      } catch (e) {
        diags.error(`${(e as Error).message.split('\n')[0]} (variables: partition, account, region)`, configLocation(config, ['actions', target]));
        continue;
      }
      if (value !== '' && !ACTION_ARN.test(value)) {
        diags.error(`gives ${JSON.stringify(value)} for ${scope.account}/${scope.region}, which is not an ARN`, configLocation(config, ['actions', target]));
      }
    }
  }
}
