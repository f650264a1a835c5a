import type { FileRecord, FileSink } from '../files.js';
import type { Model } from '../../model/types.js';
import type { TargetContext } from '../target.js';
import { target } from '../target.js';
import { monitoringDocs } from './monitoring.js';
import { thresholdsFiles } from './thresholds.js';

/**
 * The documentation every run writes beside its IaC: MONITORING.md and a page per application
 * (what each alarm means, what to check first), THRESHOLDS.md and thresholds.json (how each
 * tuned threshold was chosen).
 */
export const docs = target<Record<string, never>>({
  id: 'docs',
  kind: 'docs',
  options: () => ({}),
  emit<F extends FileRecord>(model: Model, _options: Record<string, never>, context: TargetContext, sink: FileSink<F>) {
    return { files: [...thresholdsFiles(model, sink), ...monitoringDocs(model, (t, s) => context.actions.list(t, s), sink, context.renders)] };
  },
});
