import { mdCode } from '../util/markdown.js';
import { visible } from '../util/visible.js';
import { ruleFor } from '../model/composites.js';
import type { Changed, PlanDiff, Retagged } from './diff.js';

function count(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}

/**
 * One line: each category's additions, removals and changes, counted apart, and how many removed
 * log groups take their logs with them. A reviewer reads this line first: "1 log group removed"
 * must not hide in "added, removed or changed".
 */
export function planSummary(d: PlanDiff): string {
  const deleted = d.logGroups.deletesLogs.length;
  const each = (what: string, c: { added: unknown[]; removed: unknown[]; changed?: unknown[]; retagged?: unknown[] }) =>
    (
      [
        [c.added, 'added'],
        [c.removed, c === d.logGroups && deleted > 0 ? `removed (${deleted} deleted with ${deleted === 1 ? 'its' : 'their'} logs)` : 'removed'],
        [c.retagged ?? [], 'retagged'],
        [c.changed ?? [], 'changed'],
      ] as const
    )
      .filter(([list]) => list.length > 0)
      .map(([list, how]) => `${count(list.length, what)} ${how}`);
  const parts = [
    ...each('resource', d.resources),
    ...each('alarm', d.alarms),
    ...each('composite alarm', d.composites),
    ...each('dashboard', d.dashboards),
    ...each('log group', d.logGroups),
    ...each('metric filter', d.metricFilters),
    ...each('unmonitored resource', d.unmonitored),
  ];
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
