import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../src/diagnostics/diagnostic.js';
import { backtest, STATE } from '../../src/tune/backtest.js';
import { historyKey, MetricHistory, parseHistoryText } from '../../src/tune/history.js';
import { generateFor } from '../helpers/pipeline.js';
import { REPO } from '../helpers/paths.js';
import { manifestIn } from '../helpers/manifest.js';

interface Incidents {
  gap: { scope: string; start: string; end: string };
  incidents: { alarm: string; start: string; end: string }[];
}
interface ThresholdRecord {
  id: string;
  policy: string;
  outcome: string;
  chosen: number;
  reason: string;
  episodes?: { default: number; chosen: number };
}

const example = (p: string) => join(REPO, 'examples/acme', p);
const incidents = JSON.parse(readFileSync(example('metrics/incidents.json'), 'utf8')) as Incidents;
const records = (JSON.parse(readFileSync(join(REPO, 'generated/thresholds.json'), 'utf8')) as { alarms: ThresholdRecord[] }).alarms;
const manifest = manifestIn(join(REPO, 'generated'));
const history = new MetricHistory(
  ['111111111111-eu-west-1', '111111111111-us-east-1', '222222222222-eu-west-1'].flatMap((f) =>
    parseHistoryText(f, gunzipSync(readFileSync(example(`metrics/${f}.json.gz`))).toString('utf8'), new Diagnostics()),
  ),
);

/** The example's model, with every alarm's metric identity, to find each one's history. */
const model = generateFor(
  Object.fromEntries(['prod-eu-west-1', 'prod-us-east-1', 'staging-eu-west-1'].map((f) => [f, readFileSync(example(`inventory/${f}.json`), 'utf8')])),
).result!.model;

/** Replays one alarm at its chosen threshold; returns the slots at which episodes began. */
function replay(id: string): { starts: number[]; seriesStart: number; period: number } {
  const alarm = manifest.alarms.find((a) => a.id === id)!;
  const metric = model.alarms.find((a) => a.id === id)!.metric;
  const series = history.get(historyKey(metric, alarm.period))!;
  const states = new Uint8Array(series.values.length);
  const result = backtest(series.values, { ...alarm, comparison: alarm.comparison as never, treatMissingData: alarm.treatMissingData as never, threshold: alarm.threshold }, states);
  expect(states.includes(STATE.alarm) === result.episodes > 0).toBe(true);
  return { starts: result.episodeStarts, seriesStart: series.start, period: series.period };
}

const seconds = (iso: string) => Date.parse(iso) / 1000;

describe('tuned thresholds on the example', () => {
  it('catch every incident planted in the history', () => {
    for (const incident of incidents.incidents) {
      const record = records.find((r) => r.id === incident.alarm)!;
      expect(record.outcome, incident.alarm).toBe('tuned');
      const { starts, seriesStart, period } = replay(incident.alarm);
      const alarm = manifest.alarms.find((a) => a.id === incident.alarm)!;
      // An episode begins during the incident (at the latest N periods after it started).
      const from = (seconds(incident.start) - seriesStart) / period;
      const to = (seconds(incident.end) - seriesStart) / period + alarm.evaluationPeriods;
      expect(starts.some((s) => s >= from && s <= to), `${incident.alarm}: episodes at ${starts}`).toBe(true);
    }
  });

  it('fire at most the configured number of episodes elsewhere (none for percentile and robust policies)', () => {
    const windows = [
      ...incidents.incidents.map((i) => ({ alarm: i.alarm, start: seconds(i.start), end: seconds(i.end) })),
    ];
    const gap = { start: seconds(incidents.gap.start), end: seconds(incidents.gap.end) };
    // Band alarms compare with CloudWatch's model, not with the static threshold recorded beside
    // them: their replay is in test/tune/band.test.ts and `npm run eval:alarms`.
    const tuned = records.filter((r) => r.outcome === 'tuned' && r.episodes && !manifest.alarms.find((a) => a.id === r.id)?.band);
    expect(tuned.length).toBeGreaterThan(100);
    for (const r of tuned) {
      const { starts, seriesStart, period } = replay(r.id);
      const alarm = manifest.alarms.find((a) => a.id === r.id)!;
      const slack = alarm.evaluationPeriods * period;
      const elsewhere = starts.filter((s) => {
        const t = seriesStart + s * period;
        const inIncident = windows.some((w) => w.alarm === r.id && t >= w.start && t <= w.end + slack);
        // The two-hour outage with no data at all: absence-of-traffic alarms are right to fire.
        const inGap = r.id.startsWith(incidents.gap.scope) && t >= gap.start && t <= gap.end + slack;
        return !inIncident && !inGap;
      });
      const budget = r.policy === 'noise-budget' ? Number(/at most (\d+) episode/.exec(r.reason)![1]) : 0;
      expect(elsewhere.length, `${r.id} (${r.reason})`).toBeLessThanOrEqual(budget);
    }
  });

  it('THRESHOLDS.md shows, per alarm, the default, history, choice, reason and episodes', () => {
    const md = readFileSync(join(REPO, 'generated/THRESHOLDS.md'), 'utf8');
    for (const incident of incidents.incidents) {
      const row = md.split('\n').find((l) => l.startsWith(`| \`${incident.alarm}\``));
      expect(row, incident.alarm).toBeDefined();
      expect(row).toMatch(/\| \*\*[\d.]+\*\* \|/);
      // One episode (the planted incident) over the 14 days, and no false one to expect.
      expect(row).toMatch(/→ 1 \(14 d\) \| 0 \|$/);
    }
    expect(md).toMatch(/Episodes over the lookback, tuned alarms: (\d+) with the defaults, (\d+) with the chosen thresholds\./);
    const [, before, after] = /(\d+) with the defaults, (\d+) with the chosen/.exec(md)!;
    expect(Number(after)).toBeLessThan(Number(before));
  });
});
