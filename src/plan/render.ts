import { mdCode } from '../util/markdown.js';
import { visible } from '../util/visible.js';
import { ruleFor } from '../model/composites.js';
import type { Changed, PlanDiff, Retagged } from './diff.js';

function count(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}

/** One line per category that changed. */
export function planSummary(d: PlanDiff): string {
  const changes = (n: number, what: string) => n > 0 && `${count(n, what)} added, removed or changed`;
  const parts = [
    d.resources.added.length && `${count(d.resources.added.length, 'resource')} added`,
    d.resources.removed.length && `${count(d.resources.removed.length, 'resource')} removed`,
    d.resources.retagged.length && `${count(d.resources.retagged.length, 'resource')} retagged`,
    d.alarms.added.length && `${count(d.alarms.added.length, 'alarm')} added`,
    d.alarms.removed.length && `${count(d.alarms.removed.length, 'alarm')} removed`,
    d.alarms.changed.length && `${count(d.alarms.changed.length, 'alarm')} changed`,
    changes(d.composites.added.length + d.composites.removed.length + d.composites.changed.length, 'composite alarm'),
    changes(d.dashboards.added.length + d.dashboards.removed.length + d.dashboards.changed.length, 'dashboard'),
    changes(d.logGroups.added.length + d.logGroups.removed.length + d.logGroups.changed.length, 'log group'),
    changes(d.metricFilters.added.length + d.metricFilters.removed.length + d.metricFilters.changed.length, 'metric filter'),
    changes(d.unmonitored.added.length + d.unmonitored.removed.length, 'unmonitored resource'),
  ].filter(Boolean);
  if (!d.changed) return 'No changes.';
  return parts.length > 0 ? `${parts.join(', ')}.` : d.otherFiles.length > 0 ? `No monitoring changes; ${count(d.otherFiles.length, 'generated file')} change${d.otherFiles.length === 1 ? 's' : ''} (documentation, layout or tool version).` : 'No monitoring changes (tool version only).';
}

function changedLines(items: Changed[], item: (name: string) => string = (name) => name): string[] {
  return items.flatMap((c) => [
    `  ~ ${visible(c.id)}`,
    ...c.changes.map((f) => `      ${visible(f.field)}: ${visible(f.from)} → ${visible(f.to)}`),
    // One line per item added or removed: a rule of a hundred alarms is no longer one unreadable change.
    ...(c.lists ?? []).flatMap((l) => [...l.added.map((a) => `      ${visible(l.field)}: + ${visible(item(a))}`), ...l.removed.map((r) => `      ${visible(l.field)}: - ${visible(item(r))}`)]),
  ]);
}

/**
 * A retagged resource and its tags added (+), removed (-) and changed (~). Values are quoted:
 * anyone can tag a resource, and an empty value or one with spaces must show as what it is.
 */
function retaggedLines(items: Retagged[]): string[] {
  const value = (v: string) => visible(JSON.stringify(v));
  return items.flatMap((r) => [
    `  ~ ${visible(r.arn)}`,
    ...r.tags.map((t) =>
      t.from === undefined ? `      + tag ${visible(t.key)} = ${value(t.to!)}` : t.to === undefined ? `      - tag ${visible(t.key)} = ${value(t.from)}` : `      ~ tag ${visible(t.key)} = ${value(t.from)} → ${value(t.to)}`,
    ),
  ]);
}

/** The plan as text (or Markdown for a pull-request body). */
export function renderPlan(d: PlanDiff, format: 'text' | 'markdown'): string {
  const md = format === 'markdown';
  const id = (t: string) => (md ? mdCode(t) : visible(t));
  const out: string[] = [md ? '## obsgen plan' : 'obsgen plan', '', planSummary(d), ''];
  const section = (title: string, lines: string[]) => {
    if (lines.length === 0) return;
    out.push(md ? `### ${title}` : `${title}:`, '');
    // Names come from tags, shown with visible() (util/visible.ts) so each stays on its line; in
    // Markdown a fence longer than any run of backticks in them cannot be closed early.
    const fence = '`'.repeat(Math.max(3, ...lines.map((l) => Math.max(0, ...[...l.matchAll(/`+/g)].map((m) => m[0].length + 1)))));
    if (md) out.push(`${fence}diff`);
    out.push(...lines);
    if (md) out.push(fence);
    out.push('');
  };
  if (d.incompleteScopes.length > 0) {
    out.push(md ? '> **Warning**' : 'WARNING:', `${md ? '> ' : ''}discovery did not complete in ${d.incompleteScopes.map(id).join(', ')}; the monitoring there is kept as it was.`, '');
  }
  const plain = (t: string) => visible(t);
  section('Resources', [...d.resources.added.map((a) => `+ ${plain(a)}`), ...d.resources.removed.map((a) => `- ${plain(a)}`), ...retaggedLines(d.resources.retagged)]);
  section('Alarms', [...d.alarms.added.map((a) => `+ ${plain(a)}`), ...d.alarms.removed.map((a) => `- ${plain(a)}`), ...changedLines(d.alarms.changed)]);
  section('Composite alarms', [...d.composites.added.map((a) => `+ ${plain(a)}`), ...d.composites.removed.map((a) => `- ${plain(a)}`), ...changedLines(d.composites.changed, (name) => ruleFor([name]))]);
  section('Dashboards', [...d.dashboards.added.map((a) => `+ ${plain(a)}`), ...d.dashboards.removed.map((a) => `- ${plain(a)}`), ...d.dashboards.changed.map((a) => `~ ${plain(a)}`)]);
  const deletesLogs = new Set(d.logGroups.deletesLogs);
  const removal = (id: string) => (deletesLogs.has(id) ? 'deleted WITH ITS LOGS' : 'kept in AWS with its logs');
  section('Log groups', [...d.logGroups.added.map((a) => `+ ${plain(a)}`), ...d.logGroups.removed.map((a) => `- ${plain(a)}  (${removal(a)})`), ...changedLines(d.logGroups.changed)]);
  section('Metric filters', [...d.metricFilters.added.map((a) => `+ ${plain(a)}`), ...d.metricFilters.removed.map((a) => `- ${plain(a)}`), ...changedLines(d.metricFilters.changed)]);
  section('Other files', d.otherFiles.map((f) => `~ ${plain(f)}`));
  section('Not monitored', [...d.unmonitored.added.map((a) => `+ ${plain(a)}`), ...d.unmonitored.removed.map((a) => `- ${plain(a)}`)]);
  return `${out.join('\n').trimEnd()}\n`;
}
