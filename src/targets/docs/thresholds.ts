import { bandCondition } from '../../model/band.js';
import { operatorSymbol } from '../../model/describe.js';
import type { AlarmModel, Model } from '../../model/types.js';
import { roundSignificant } from '../../tune/stats.js';
import type { FileRecord, FileSink } from '../files.js';
import { formatNumber } from '../../util/numbers.js';
import { exact } from '../../tune/round.js';
import type { HistoryUse } from '../../tune/decide.js';
import { mdCode, mdPageLink, mdText } from '../../util/markdown.js';
import { visible } from '../../util/visible.js';
import { compare } from '../../util/compare.js';
import { MONITORING_DIR } from '../../model/pages.js';
import { PAGE_LIMITS } from './monitoring.js';
import { fillParts } from '../../util/parts.js';

export const THRESHOLDS_MD = 'THRESHOLDS.md';
export const THRESHOLDS_JSON = 'thresholds.json';
/** Where the table continues when THRESHOLDS.md would be too large to render (see `thresholdsPages`). */
const THRESHOLDS_PARTS = `${MONITORING_DIR}/thresholds/`;

/** Alarms whose threshold a tuning policy decided (or tried to). */
export function tunedAlarms(model: Model): AlarmModel[] {
  return model.alarms.filter((a) => ['tuned', 'fallback', 'kept'].includes(a.threshold.provenance.kind));
}

/** One alarm's tuning, as data (thresholds.json and `obsgen explain --json`). */
export function thresholdRecord(a: AlarmModel) {
  const p = a.threshold.provenance as Extract<AlarmModel['threshold']['provenance'], { policy: string }>;
  const r = a.threshold.report;
  const s = r?.summary;
  const num = (v: number) => (Number.isFinite(v) ? roundSignificant(v, 4) : null);
  // The history actually read, which may be shorter than the configured lookback.
  const days = s ? exact((s.slots * a.period) / 86_400, 3) : undefined;
  return {
    id: a.id,
    name: a.name,
    resource: a.resource.arn,
    condition: `${a.threshold.band ? bandCondition(a.threshold.band) : `${operatorSymbol(a.comparison)} threshold`}, ${a.datapointsToAlarm} of ${a.evaluationPeriods} × ${a.period} s, missing data ${a.treatMissingData}`,
    policy: p.policy,
    outcome: p.kind,
    default: p.defaultValue,
    chosen: a.threshold.value,
    reason: p.reason,
    ...(p.kind === 'kept' ? { tuned: p.tuned } : {}),
    ...(s
      ? {
          history: { lookbackDays: r!.lookbackDays!, days: days!, slots: s.slots, n: s.n, missingPercent: s.missingPercent, min: num(s.min), p50: num(s.p50), p90: num(s.p90), p99: num(s.p99), max: num(s.max) },
          episodes: r!.episodes!,
        }
      : {}),
    ...(r?.history ? { used: r.history } : {}),
    ...(r?.falsePer30d !== undefined ? { expectedFalsePer30d: r.falsePer30d } : {}),
    ...(r?.candidates ? { candidates: r.candidates } : {}),
    // With `tuning.band`: the band chosen (the alarm compares with it, not with `chosen`), or why not.
    // `excluded`: the past incidents CloudWatch's model is told to leave out (the CloudFormation
    // anomaly detector's ExcludedTimeRanges; Terraform's provider has no detector to tell).
    ...(a.threshold.band
      ? { band: { width: a.threshold.band.width, side: a.threshold.band.side, reason: a.threshold.band.reason, ...(a.threshold.band.excluded ? { excluded: a.threshold.band.excluded } : {}) } }
      : {}),
    ...(r?.band ? { bandConsidered: r.band } : {}),
  };
}

/** Human text for one alarm, for a terminal: what `obsgen explain` prints. */
export function explainAlarm(a: AlarmModel): string {
  const r = thresholdRecord(a);
  const lines = [
    `${r.id}`,
    `  alarm      ${r.name}`,
    `  condition  ${r.condition}`,
    `  default    ${formatNumber(r.default)}`,
    `  chosen     ${formatNumber(r.chosen)} (${r.outcome === 'tuned' ? `tuned, ${r.policy}` : r.outcome === 'kept' ? `kept from the previous run, ${r.policy}` : `default: not tuned, ${r.policy}`})`,
    `  why        ${r.reason}`,
    ...(a.threshold.kept ? [`  this run   kept the recorded decision: ${a.threshold.kept.reason}`] : []),
  ];
  if (r.history) {
    const h = r.history;
    lines.push(
      `  history    ${h.days} days: n ${h.n} of ${h.slots} (${h.missingPercent}% missing), min ${h.min}, p50 ${h.p50}, p90 ${h.p90}, p99 ${h.p99}, max ${h.max}`,
      ...(r.used ? [`  used       ${usedText(r.used)}`] : []),
      `  episodes   default ${r.episodes!.default}, chosen ${r.episodes!.chosen} over ${h.days} days` +
        (r.expectedFalsePer30d !== undefined ? `; expected false episodes of the chosen one: ${r.expectedFalsePer30d} per 30 days` : ''),
    );
  } else {
    lines.push('  history    none');
  }
  for (const c of r.candidates ?? []) {
    lines.push(`  candidate  ${c.source} ${formatNumber(c.value)}: ${c.chosen ? 'chosen' : 'rejected'}, ${c.reason}${c.falsePer30d !== undefined ? ` (${c.falsePer30d} false per 30 days)` : ''}`);
  }
  if (r.band) {
    lines.push(`  band       anomaly band of ${r.band.width} standard deviations (${r.band.side}), instead of the threshold: ${r.band.reason}`);
    if (r.band.excluded) lines.push(`  model      CloudWatch's model leaves out (CloudFormation's anomaly detector): ${r.band.excluded.map((x) => `${x.start}–${x.end} UTC`).join(', ')}`);
  } else if (r.bandConsidered) lines.push(`  band       not chosen: ${r.bandConsidered.reason}`);
  for (const c of r.bandConsidered?.candidates ?? []) {
    lines.push(`  width      ${c.width}: ${c.chosen ? 'chosen' : 'rejected'}, ${c.reason}${c.falsePer30d !== undefined ? ` (${c.falsePer30d} false per 30 days)` : ''}`);
  }
  // Each entry is one line: a line break or control character in a value (a resource name
  // from a tag, a tag quoted in a reason) shows escaped instead of starting a line of its own.
  return `${lines.map((l) => visible(l)).join('\n')}\n`;
}

type ThresholdRecord = ReturnType<typeof thresholdRecord>;

/**
 * A decision with nothing to show: the default, kept because there was no history to tune from
 * (and no candidate, band or previous choice). At scale most alarms are so (34,000 of 44,000 on
 * the #21 bench estate): the threshold files count them by reason instead of listing each;
 * `obsgen explain --alarm` still explains any one.
 */
function untried(r: ThresholdRecord): boolean {
  return r.outcome === 'fallback' && !r.history && !r.candidates && !r.band && !r.bandConsidered;
}

/** How many alarms kept their default untried, by reason, in a stable order. */
function untriedCounts(records: readonly ThresholdRecord[]): { count: number; reasons: Record<string, number> } {
  const reasons = new Map<string, number>();
  for (const r of records) reasons.set(r.reason, (reasons.get(r.reason) ?? 0) + 1);
  return { count: records.length, reasons: Object.fromEntries([...reasons].sort(([a], [b]) => compare(a, b))) };
}

/**
 * THRESHOLDS.md and thresholds.json: every alarm a tuning policy tried, its history, choice and
 * backtest; the alarms that kept their default for want of history are counted, by reason.
 */
export function thresholdsFiles<F extends FileRecord>(model: Model, sink: FileSink<F>): F[] {
  const all = tunedAlarms(model).map(thresholdRecord);
  const records = all.filter((r) => !untried(r));
  const rest = untriedCounts(all.filter(untried));
  const tuned = records.filter((r) => r.outcome !== 'fallback');
  const sum = (f: (r: (typeof records)[number]) => number) => tuned.reduce((n, r) => n + f(r), 0);
  const head = [
    '<!-- Generated by obsgen; do not edit. -->',
    '# Thresholds',
    '',
    'Alarms whose threshold follows the metric\'s own history (see the `tuning` of each blueprint',
    'alarm). For each: the blueprint default, a summary of the history, the chosen threshold and',
    'why, and how many alarm episodes (entries into ALARM) the default and the chosen threshold',
    'would have had over the history read, replayed as CloudWatch evaluates alarms, with the false',
    'episodes per 30 days to expect of the chosen one in normal operation. Every candidate (the',
    'policy\'s, the previous run\'s, the default) is replayed before it is chosen, and rejected when',
    'it is unreachable, always on or noisy; `obsgen explain` and thresholds.json list them.',
    'Alarms that kept their default because there was nothing to tune from (no history) are',
    'counted below, not listed; `obsgen explain --alarm <id or name>` explains any alarm.',
    '',
    `${tuned.length} of ${all.length} alarms with a tuning policy tuned from history; ${records.length - tuned.length} kept their default (reason given).` +
      (tuned.length > 0 ? ` Episodes over the lookback, tuned alarms: ${sum((r) => r.episodes?.default ?? 0)} with the defaults, ${sum((r) => r.episodes?.chosen ?? 0)} with the chosen thresholds.` : ''),
    '',
    ...(rest.count > 0
      ? [`Not listed: ${rest.count} ${rest.count === 1 ? 'alarm' : 'alarms'} kept the default, with nothing to tune from: ${Object.entries(rest.reasons).map(([reason, n]) => `${n} ${mdText(reason)}`).join('; ')}.`, '']
      : []),
  ];
  const rows = records.map((r) => {
    const h = r.history;
    const history = h ? `${h.n} · ${h.missingPercent}% · ${h.min} · ${h.p50} · ${h.p90} · ${h.p99} · ${h.max}` : 'none';
    const outcome = r.outcome === 'tuned' ? '' : r.outcome === 'kept' ? 'kept: ' : 'not tuned: ';
    const episodes = r.episodes ? `${r.episodes.default} → ${r.episodes.chosen} (${h!.days} d)` : '–';
    const used = r.used ? ` (${mdText(usedText(r.used))})` : '';
    const chosen = r.band ? `**anomaly band ${r.band.width}** (static ${formatNumber(r.chosen)})` : `**${formatNumber(r.chosen)}**`;
    const band = r.band ? `; band: ${mdText(r.band.reason)}` : r.bandConsidered ? `; band not chosen: ${mdText(r.bandConsidered.reason)}` : '';
    return `| ${mdCode(r.id)} | ${formatNumber(r.default)} | ${history} | ${chosen} | ${mdText(r.policy)}: ${outcome}${mdText(r.reason)}${used}${band} | ${episodes} | ${r.expectedFalsePer30d ?? '–'} |`;
  });
  const pages = thresholdsPages(head, records.length > 0 ? TABLE_HEADER : [], rows, records.map((r) => r.id));
  return [
    ...pages.map(([path, text]) => sink.put(path, text)),
    sink.put(THRESHOLDS_JSON, `${JSON.stringify({ alarms: records, notListed: rest }, null, 2)}\n`),
  ];
}

const TABLE_HEADER = ['| alarm | default | history (n · missing · min · p50 · p90 · p99 · max) | chosen | policy and why | episodes default → chosen | expected false / 30 d |', '|---|---|---|---|---|---|---|'];

/**
 * THRESHOLDS.md, and when it would be larger than a code host's Markdown view renders
 * (`PAGE_LIMITS`, as for the application pages: with metric history, a large estate tunes tens
 * of thousands of alarms, about 330 bytes a row), the parts its table continues on:
 * `monitoring/thresholds/<n>.md`, in the table's order, each within the budget and cut where `fillParts` says, listed on
 * THRESHOLDS.md with the first and last alarm each holds. THRESHOLDS.md keeps its head (what the
 * columns mean, the counts, the alarms not listed). `ids`: each row's alarm id.
 */
function thresholdsPages(head: string[], header: string[], rows: string[], ids: string[]): [path: string, text: string][] {
  const text = (lines: string[]) => `${lines.join('\n')}\n`;
  const bytes = (lines: string[]) => lines.reduce((n, l) => n + Buffer.byteLength(l) + 1, 0);
  const whole = [...head, ...header, ...rows];
  if (bytes(whole) <= PAGE_LIMITS.bytes) return [[THRESHOLDS_MD, text(whole)]];
  // A part does not say how many there are: a part added elsewhere would change them all.
  const top = (n: number) => [
    '<!-- Generated by obsgen; do not edit. -->',
    `# Thresholds, part ${n}`,
    '',
    `Part ${n} of the table of ${mdPageLink(THRESHOLDS_MD, `../../${THRESHOLDS_MD}`)}, which lists the parts and says what its columns mean.`,
    '',
    ...header,
  ];
  // The heading's size for the largest part number there can be.
  const room = PAGE_LIMITS.bytes - bytes(top(rows.length));
  const parts = fillParts([...rows.keys()], (i) => Buffer.byteLength(rows[i]!) + 1, room, (i) => ids[i]!);
  const partPath = (n: number) => `${THRESHOLDS_PARTS}${n}.md`;
  const index = [
    `The table of ${rows.length} alarms is on ${parts.length} pages, each a size a code host's Markdown view renders:`,
    '',
    '| part | alarms | first | last |',
    '|---|---|---|---|',
    ...parts.map((list, i) => `| ${mdPageLink(String(i + 1), partPath(i + 1))} | ${list.length} | ${mdCode(ids[list[0]!]!)} | ${mdCode(ids[list.at(-1)!]!)} |`),
  ];
  return [[THRESHOLDS_MD, text([...head, ...index])], ...parts.map((list, i): [string, string] => [partPath(i + 1), text([...top(i + 1), ...list.map((r) => rows[r]!)])])];
}

/** What the decision made of the history, in a phrase. */
function usedText(u: HistoryUse): string {
  return [
    ...(u.levelShift ? [`level shift on ${u.levelShift.since} (${formatNumber(exact(u.levelShift.before, 4))} → ${formatNumber(exact(u.levelShift.after, 4))}): tuned on the ${u.days} days since`] : []),
    u.setAside,
  ].join('; ');
}
