/** The compact summary `npm run eval:alarms` prints: the overall figures and recall per shape. */
import type { Mode, SeriesResult } from './evaluate.js';
import { fixed1, minutes, percent } from './format.js';
import { MODE_TITLES, PAIR_HEADER, pairRows, shapesOf, sloRows } from './report.js';
import { SLO_HEADER } from './slo.js';
import type { SloResults } from './slo.js';
import type { ScenarioResults } from './report.js';
import { tally } from './tally.js';
import { VARIANTS } from './variants.js';

/** Columns padded to their widest cell. */
export function textTable(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ')).join('\n');
}

/** The overall figures of one mode, a line per variant. */
export function overallText(all: readonly SeriesResult[], mode: Mode): string {
  const rows = [['', 'recall', 'false/30d', 'in ALARM', 'outside inc.', 'detect', 'unreach.', 'always-on']];
  for (const v of VARIANTS) {
    const f = tally(all.map((r) => r.results[v.id][mode]));
    rows.push([v.label, `${percent(f.recall)} ${f.caught}/${f.incidents}`, fixed1(f.falsePer30Days), percent(f.alarmShare, 1), percent(f.quietAlarmShare, 1), minutes(f.medianDetectMinutes), String(f.unreachable), String(f.alwaysOn)]);
  }
  return textTable(rows);
}

/** Recall · false episodes per 30 days per shape, for every variant. */
function shapesText(scenarios: readonly ScenarioResults[], mode: Mode): string {
  const rows = [['', ...VARIANTS.map((v) => v.label)]];
  for (const shape of shapesOf(scenarios)) {
    const results = scenarios.filter((s) => s.scenario.shape === shape).flatMap((s) => s.series);
    rows.push([shape, ...VARIANTS.map((v) => {
      const f = tally(results.map((r) => r.results[v.id][mode]));
      return `${percent(f.recall)} · ${fixed1(f.falsePer30Days)}`;
    })]);
  }
  return textTable(rows);
}

/** The whole summary. */
export function summary(scenarios: readonly ScenarioResults[], slo: readonly SloResults[] = []): string {
  const all = scenarios.flatMap((s) => s.series);
  const parts: string[] = [];
  for (const mode of ['oneShot', 'nightly'] as const) {
    parts.push(`${MODE_TITLES[mode]}\n${overallText(all, mode)}\n\nPer shape (recall · false episodes/30 d)\n${shapesText(scenarios, mode)}`);
  }
  const pairs = pairRows(scenarios);
  if (pairs.length) parts.push(`Rates against counts, the same draws (recall · false episodes/30 d)\n${textTable([PAIR_HEADER, ...pairs.map((r) => r.map((c) => c.replaceAll('`', '')))])}`);
  if (slo.length) parts.push(`SLO page and ticket against rates and counts, the same draws (recall · false episodes/30 d · median detect)\n${textTable([SLO_HEADER, ...sloRows(scenarios, slo)])}`);
  return parts.join('\n\n');
}
