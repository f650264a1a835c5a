/**
 * A log group obsgen created is kept in AWS, with its logs, when it leaves the output (issue #19
 * item 3), unless `logs.removalPolicy: delete`; `plan` says which removals delete logs.
 */
import { describe, expect, it } from 'vitest';
import type { LogRemovalPolicy } from '../../src/config/types.js';
import { diffManifests } from '../../src/plan/diff.js';
import { planSummary, renderPlan } from '../../src/plan/render.js';
import { generateFor, lambdas } from '../helpers/pipeline.js';

function run(n: number, removalPolicy?: LogRemovalPolicy) {
  const { result } = generateFor(lambdas(n), {
    config: (c) => {
      c.output = { ...c.output, targets: ['cloudformation', 'terraform'] };
      if (removalPolicy) c.logs = { ...c.logs, removalPolicy };
    },
  });
  return result!;
}

const text = (files: { path: string; content: string }[], suffix: string) =>
  files
    .filter((f) => f.path.endsWith(suffix))
    .map((f) => f.content)
    .join('\n');

describe('log groups obsgen creates', () => {
  it('are retained by default: DeletionPolicy/UpdateReplacePolicy Retain, skip_destroy, and the manifest says so', () => {
    const r = run(1);
    expect(text(r.files, '.yaml')).toMatch(/Type: AWS::Logs::LogGroup\n {4}DeletionPolicy: Retain\n {4}UpdateReplacePolicy: Retain\n/);
    expect(text(r.files, '.tf')).toMatch(/resource "aws_cloudwatch_log_group"[^}]*skip_destroy\s+= true/);
    expect(r.manifest.logGroups.map((l) => l.retain)).toEqual([true]);
  });

  it('with logs.removalPolicy: delete, say Delete explicitly and have no skip_destroy', () => {
    const r = run(1, 'delete');
    expect(text(r.files, '.yaml')).toMatch(/Type: AWS::Logs::LogGroup\n {4}DeletionPolicy: Delete\n {4}UpdateReplacePolicy: Delete\n/);
    // The log group is there, without skip_destroy (the check cannot pass on a missing file).
    expect(text(r.files, '.tf')).toMatch(/resource "aws_cloudwatch_log_group"/);
    expect(text(r.files, '.tf')).not.toContain('skip_destroy');
    expect(r.manifest.logGroups.map((l) => l.retain)).toEqual([false]);
  });

  it('plan says whether a removal keeps the logs or deletes them', () => {
    const kept = diffManifests(run(2).manifest, run(1).manifest);
    expect(kept.logGroups.removed).toHaveLength(1);
    expect(kept.logGroups.deletesLogs).toEqual([]);
    expect(renderPlan(kept, 'text')).toContain(`- ${kept.logGroups.removed[0]!}  (kept in AWS with its logs)`);
    expect(planSummary(kept)).toContain('1 log group removed,');

    const deleted = diffManifests(run(2, 'delete').manifest, run(1, 'delete').manifest);
    expect(deleted.logGroups.deletesLogs).toEqual(deleted.logGroups.removed);
    expect(renderPlan(deleted, 'text')).toContain(`- ${deleted.logGroups.removed[0]!}  (deleted WITH ITS LOGS)`);
    // The summary line, read first, says so too.
    expect(planSummary(deleted)).toContain('1 log group removed (1 deleted with its logs)');

    // A manifest written before `retain` was recorded: only imported log groups were kept then.
    const old = run(2).manifest;
    const before = { ...old, logGroups: old.logGroups.map(({ retain: _r, ...rest }) => rest) };
    const upgraded = diffManifests(before, run(1).manifest);
    expect(upgraded.logGroups.deletesLogs).toEqual(upgraded.logGroups.removed);
    // The one that stays is not listed as changed: a field an older manifest did not record is
    // not a change (its templates show the new DeletionPolicy under "Other files").
    expect(upgraded.logGroups.changed).toEqual([]);
  });
});
