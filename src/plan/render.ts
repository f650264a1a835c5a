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

/** Each changed item's lines: its id, then one line per field, and per item added to or removed from a list. */
function changedEntries(items: Changed[], item: (name: string) => string = (name) => name): string[][] {
  return items.map((c) => [
    `  ~ ${visible(c.id)}`,
    ...c.changes.map((f) => `      ${visible(f.field)}: ${visible(f.from)} → ${visible(f.to)}`),
    // One line per item added or removed: a rule of a hundred alarms is no longer one unreadable change.
    ...(c.lists ?? []).flatMap((l) => [...l.added.map((a) => `      ${visible(l.field)}: + ${visible(item(a))}`), ...l.removed.map((r) => `      ${visible(l.field)}: - ${visible(item(r))}`)]),
  ]);
}

/**
 * A retagged resource and its tags added (+), removed (-) and changed (~), an entry each. Values
 * are quoted: anyone can tag a resource, and an empty value or one with spaces must show as what it is.
 */
function retaggedEntries(items: Retagged[]): string[][] {
  const value = (v: string) => visible(JSON.stringify(v));
  return items.map((r) => [
    `  ~ ${visible(r.arn)}`,
    ...r.tags.map((t) =>
      t.from === undefined ? `      + tag ${visible(t.key)} = ${value(t.to!)}` : t.to === undefined ? `      - tag ${visible(t.key)} = ${value(t.from)}` : `      ~ tag ${visible(t.key)} = ${value(t.from)} → ${value(t.to)}`,
    ),
  ]);
}

/**
 * How much a reviewer needs an entry when the plan is too long to list them all: what goes away
 * first (monitoring removed, logs deleted, a resource no longer monitored), then what changes,
 * then what is added, then files that change without any of that.
 */
const RANK = { removed: 0, changed: 1, added: 2, file: 3 } as const;

/** One item of a section: its lines, listed together or not at all. */
interface Entry {
  lines: string[];
  rank: number;
}

interface Section {
  title: string;
  entries: Entry[];
}

/** The plan's sections, in order, each entry with its rank. */
function planSections(d: PlanDiff): Section[] {
  const plain = (t: string) => visible(t);
  const of = (rank: number, lines: string[][]) => lines.map((l) => ({ lines: l, rank }));
  const one = (rank: number, sign: string, ids: string[], after: (id: string) => string = () => '') => of(rank, ids.map((a) => [`${sign} ${plain(a)}${after(a)}`]));
  const deletesLogs = new Set(d.logGroups.deletesLogs);
  const removal = (id: string) => `  (${deletesLogs.has(id) ? 'deleted WITH ITS LOGS' : 'kept in AWS with its logs'})`;
  return [
    { title: 'Resources', entries: [...one(RANK.added, '+', d.resources.added), ...one(RANK.removed, '-', d.resources.removed), ...of(RANK.changed, retaggedEntries(d.resources.retagged))] },
    { title: 'Alarms', entries: [...one(RANK.added, '+', d.alarms.added), ...one(RANK.removed, '-', d.alarms.removed), ...of(RANK.changed, changedEntries(d.alarms.changed))] },
    {
      title: 'Composite alarms',
      entries: [...one(RANK.added, '+', d.composites.added), ...one(RANK.removed, '-', d.composites.removed), ...of(RANK.changed, changedEntries(d.composites.changed, (name) => ruleFor([name])))],
    },
    { title: 'Dashboards', entries: [...one(RANK.added, '+', d.dashboards.added), ...one(RANK.removed, '-', d.dashboards.removed), ...one(RANK.changed, '~', d.dashboards.changed)] },
    { title: 'Log groups', entries: [...one(RANK.added, '+', d.logGroups.added), ...one(RANK.removed, '-', d.logGroups.removed, removal), ...of(RANK.changed, changedEntries(d.logGroups.changed))] },
    { title: 'Metric filters', entries: [...one(RANK.added, '+', d.metricFilters.added), ...one(RANK.removed, '-', d.metricFilters.removed), ...of(RANK.changed, changedEntries(d.metricFilters.changed))] },
    { title: 'Other files', entries: one(RANK.file, '~', d.otherFiles) },
    // A resource newly not monitored is monitoring that goes away.
    { title: 'Not monitored', entries: [...one(RANK.removed, '+', d.unmonitored.added), ...one(RANK.added, '-', d.unmonitored.removed)] },
  ].filter((s) => s.entries.length > 0);
}

/**
 * The plan as text (or Markdown for a pull-request body). With `maxChars`, a plan longer than
 * that is shortened to fit (see `shorten`); a plan that fits is the same either way.
 */
export function renderPlan(d: PlanDiff, format: 'text' | 'markdown', maxChars?: number): string {
  const sections = planSections(d);
  const full = layout(d, format, sections);
  return maxChars === undefined || full.length <= maxChars ? full : shorten(d, format, sections, maxChars);
}

/**
 * The plan within `maxChars` characters (UTF-16 code units, which never undercount: GitHub refuses
 * a pull-request body over 65,536 characters, and a nightly job that cannot open its pull request
 * proposes nothing). The title, the summary line (every count, exact), the warnings and every
 * section's title are always there. Entries are then listed by rank (removals, changes,
 * additions, other files), each rank in plan order, as long as the next one fits; each section
 * says how many of its entries it leaves out, and a note at the top says the plan is shortened and
 * where to read all of it. Entries keep their order within a section.
 *
 * Everything but the entries is laid out first with the largest numbers it can hold (every entry
 * left out), so what the entries may take is known before any is chosen; the numbers can only
 * get shorter. So the result is within `maxChars` whenever that frame is (`--max-chars` is at
 * least MIN_PLAN_CHARS, in cli/run.ts).
 */
function shorten(d: PlanDiff, format: 'text' | 'markdown', sections: Section[], maxChars: number): string {
  const total = sections.reduce((n, s) => n + s.entries.length, 0);
  const frame = layout(d, format, sections, { shown: new Set(), listed: total, total, maxChars });
  let room = maxChars - frame.length;
  const order = sections.flatMap((s) => s.entries).map((entry, i) => ({ entry, i }));
  order.sort((a, b) => a.entry.rank - b.entry.rank || a.i - b.i);
  const shown = new Set<Entry>();
  for (const { entry } of order) {
    const cost = entry.lines.reduce((n, l) => n + l.length + 1, 0);
    if (cost > room) break;
    shown.add(entry);
    room -= cost;
  }
  return layout(d, format, sections, { shown, listed: shown.size, total, maxChars });
}

/** The plan's text; with `short`, only the entries it shows, each section counting the rest. */
function layout(d: PlanDiff, format: 'text' | 'markdown', sections: Section[], short?: { shown: ReadonlySet<Entry>; listed: number; total: number; maxChars: number }): string {
  const md = format === 'markdown';
  const id = (t: string) => (md ? mdCode(t) : visible(t));
  const out: string[] = [md ? '## obsgen plan' : 'obsgen plan', '', planSummary(d), ''];
  if (short) {
    const note = `Shortened to fit ${short.maxChars} characters: ${short.listed} of ${short.total} changes are listed, removals first, then changes, then additions. ${md ? '`obsgen plan`' : 'obsgen plan'} or ${md ? '`obsgen plan --json`' : 'obsgen plan --json'} lists them all.`;
    out.push(...(md ? ['> **Note**', `> ${note}`] : [`NOTE: ${note}`]), '');
  }
  if (d.incompleteScopes.length > 0) {
    out.push(md ? '> **Warning**' : 'WARNING:', `${md ? '> ' : ''}discovery did not complete in ${d.incompleteScopes.map(id).join(', ')}; the monitoring there is kept as it was.`, '');
  }
  for (const { title, entries } of sections) {
    out.push(md ? `### ${title}` : `${title}:`, '');
    const lines = entries.flatMap((e) => e.lines);
    // Names come from tags, shown with visible() (util/visible.ts) so each stays on its line; in
    // Markdown a fence longer than any run of backticks in them cannot be closed early. Made from
    // every entry, listed or not, so that shortening never lengthens it.
    const fence = '`'.repeat(Math.max(3, ...lines.map((l) => Math.max(0, ...[...l.matchAll(/`+/g)].map((m) => m[0].length + 1)))));
    if (md) out.push(`${fence}diff`);
    const left = short ? entries.filter((e) => !short.shown.has(e)).length : 0;
    for (const e of entries) if (!short || short.shown.has(e)) out.push(...e.lines);
    if (left > 0) out.push(`… ${left} more not listed`);
    if (md) out.push(fence);
    out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}
