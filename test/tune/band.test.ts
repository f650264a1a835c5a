import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../scripts/lib/random.js';
import { backtest } from '../../src/tune/backtest.js';
import { bandScores, BAND_MIN_DAYS, BAND_WIDTHS, decideBand, excludedRanges, fitBandModel, MAX_EXCLUDED_RANGES } from '../../src/tune/band.js';
import type { BandInput } from '../../src/tune/band.js';
import type { Evaluation } from '../../src/tune/breach-levels.js';
import { decide } from '../../src/tune/decide.js';

const START = Date.UTC(2026, 0, 5) / 1000; // a Monday, 00:00 UTC
const DAY = 86_400;
const PERIOD = 300;
const PER_DAY = DAY / PERIOD;
const latency: Evaluation = { comparison: 'GreaterThanThreshold', evaluationPeriods: 3, datapointsToAlarm: 3, treatMissingData: 'notBreaching' };

/** `days` of 5-minute history: `level(hour)` with ±10% noise. */
function history(days: number, level: (hour: number) => number, seed = 1): Float64Array {
  const r = seededRandom(seed);
  return Float64Array.from({ length: days * PER_DAY }, (_, i) => level(((i * PERIOD) / 3600) % 24) * (1 + 0.1 * (r() + r() + r() - 1.5)));
}

/** Slow at night (900 ms, cold starts), fast by day (320 ms): a rhythm no single threshold fits. */
const rhythm = (h: number) => (h >= 7 && h < 20 ? 320 : 900);

function input(values: Float64Array, extra: Partial<BandInput> = {}): BandInput {
  return { values, timeline: { start: START, period: PERIOD }, setAside: new Uint8Array(values.length), days: values.length / PER_DAY, evaluation: latency, side: 'upper', mode: 'auto', ...extra };
}

describe('anomaly detection bands', () => {
  it('a band is exactly a threshold on standard deviations from the hour’s expected value', () => {
    const values = history(14, rhythm);
    const model = fitBandModel(values, { start: START, period: PERIOD });
    if ('reason' in model) throw new Error(model.reason);
    const z = bandScores(values, { start: START, period: PERIOD }, model, 'upper');
    // Replayed on z with threshold k = the band alarm replayed with each slot's edge.
    for (const k of [1, 2, 3]) {
      let direct = 0;
      for (let i = 0; i < values.length; i++) if (z[i]! > k) direct++;
      let edges = 0;
      for (let i = 0; i < values.length; i++) {
        const hour = Math.floor((START + i * PERIOD) / 3600) % 24;
        const weekend = [0, 6].includes(new Date((START + i * PERIOD) * 1000).getUTCDay());
        const b = hour + (weekend ? 24 : 0);
        if (values[i]! > model.center[b]! + k * model.spread[b]!) edges++;
      }
      expect(direct).toBe(edges);
    }
    expect(model.rhythm).toBeGreaterThan(0.8);
  });

  it('auto: a daily rhythm gets a band one step wider than the narrowest width that stays quiet, and says why', () => {
    const d = decideBand(input(history(14, rhythm), { staticThreshold: 1140 }));
    expect(d.band).toEqual({ width: d.candidates.find((c) => c.chosen)!.width, side: 'upper' });
    expect(d.candidates.filter((c) => c.chosen)).toHaveLength(1);
    // Narrower ones were noisy; the narrowest quiet one has no margin; the next is chosen.
    const [narrowest, chosen] = d.candidates.slice(-2);
    expect(d.candidates.slice(0, -2).every((c) => !c.chosen && /noisy|always on/.test(c.reason))).toBe(true);
    expect(narrowest!.reason).toBe('quiet over the history, but with no margin for the days two weeks do not show');
    expect(BAND_WIDTHS.indexOf(chosen!.width as never)).toBe(BAND_WIDTHS.indexOf(narrowest!.width as never) + 1);
    expect(d.reason).toMatch(
      new RegExp(`^the hour of day explains \\d+% of the variation: anomaly band of ${chosen!.width} standard deviations, one step wider than ${narrowest!.width}, the narrowest quiet over the history, and tighter than the static threshold 1140 in \\d+ hours of the day`),
    );
  });

  it('auto: no rhythm (the same level all day) keeps the static threshold', () => {
    const d = decideBand(input(history(14, () => 500), { staticThreshold: 600 }));
    expect(d.band).toBeUndefined();
    expect(d.reason).toMatch(/^no daily rhythm to follow: the hour of day explains \d+% of the variation \(a band needs 50%\)$/);
  });

  it('auto: a band no tighter than the static threshold for most of the day is not worth it', () => {
    const d = decideBand(input(history(14, rhythm), { staticThreshold: 340 }));
    expect(d.band).toBeUndefined();
    expect(d.reason).toMatch(/tighter than the static threshold 340 in only \d+ hours? of the day \(needs 6\)/);
  });

  it('a band whose edge goes below the floor (what is never worth paging for) is not chosen', () => {
    const d = decideBand(input(history(14, rhythm), { staticThreshold: 1140, bound: 500 }));
    expect(d.band).toBeUndefined();
    expect(d.reason).toMatch(/its edge is below the floor 500 \(what is never worth paging for\) in \d+ of the 48 weekday and weekend hours/);
  });

  it(`needs ${BAND_MIN_DAYS} days of history`, () => {
    const d = decideBand(input(history(BAND_MIN_DAYS - 1, rhythm), { staticThreshold: 1140 }));
    expect(d.band).toBeUndefined();
    expect(d.reason).toBe(`a band needs ${BAND_MIN_DAYS} days of history (there are ${BAND_MIN_DAYS - 1})`);
  });

  it('a past incident the previous band paged for is set aside, so a nightly run does not widen the band to take it for normal', () => {
    const values = history(14, rhythm);
    // A slow downstream for two hours on day 10, in the daytime: ×3.
    const from = 10 * PER_DAY + 10 * 12;
    for (let i = from; i < from + 24; i++) values[i] = values[i]! * 3;
    const clean = decideBand(input(history(14, rhythm), { staticThreshold: 1140 })).band!.width;
    const again = decideBand(input(values, { staticThreshold: 1140, previousBand: { width: 2, side: 'upper' } }));
    expect(again.band?.width).toBe(clean);
    expect(again.reason).not.toMatch(/set aside as a possible incident/);
    // Without the previous band's verdict, the one day the band would have paged on is set
    // aside as a possible incident (as the envelope sets aside its worst day): same width.
    const first = decideBand(input(values, { staticThreshold: 1140 }));
    expect(first.band?.width).toBe(clean);
    expect(first.reason).toMatch(/2026-01-15 set aside as a possible incident/);
    // What tuning left out is what CloudWatch's model is told to leave out: the whole day on a
    // first run; on a nightly run, the windows the previous band paged for, each with its lead-in
    // (the evaluation range) and its recovery.
    expect(first.band?.excluded).toEqual([{ start: '2026-01-15T00:00:00', end: '2026-01-16T00:00:00' }]);
    const [paged, ...more] = again.band!.excluded!;
    expect(more).toEqual([]);
    expect(paged!.start >= '2026-01-15T09:40:00' && paged!.start <= '2026-01-15T10:00:00').toBe(true);
    expect(paged!.end >= '2026-01-15T12:00:00' && paged!.end <= '2026-01-15T12:30:00').toBe(true);
    // A history with nothing set aside has nothing to exclude.
    expect(decideBand(input(history(14, rhythm), { staticThreshold: 1140 })).band!.excluded).toBeUndefined();
  });

  it('excluded ranges: each run of set-aside slots, end exclusive, UTC without a zone; only the latest ten', () => {
    const timeline = { start: START, period: PERIOD };
    const slots = new Uint8Array(PER_DAY);
    slots.fill(1, 0, 3);
    slots.fill(1, 12, 13);
    slots[PER_DAY - 1] = 1;
    expect(excludedRanges(slots, timeline)).toEqual([
      { start: '2026-01-05T00:00:00', end: '2026-01-05T00:15:00' },
      { start: '2026-01-05T01:00:00', end: '2026-01-05T01:05:00' },
      { start: '2026-01-05T23:55:00', end: '2026-01-06T00:00:00' },
    ]);
    const many = new Uint8Array(40);
    for (let i = 0; i < 40; i += 2) many[i] = 1;
    const ranges = excludedRanges(many, timeline);
    expect(ranges).toHaveLength(MAX_EXCLUDED_RANGES);
    expect(ranges.at(-1)).toEqual({ start: '2026-01-05T03:10:00', end: '2026-01-05T03:15:00' });
  });

  it('an excursion on more than one day is not a possible incident: it widens the band', () => {
    const values = history(14, rhythm);
    for (const day of [3, 10]) {
      const from = day * PER_DAY + 10 * 12;
      for (let i = from; i < from + 24; i++) values[i] = values[i]! * 3;
    }
    const clean = decideBand(input(history(14, rhythm), { staticThreshold: 1140 })).band!.width;
    const d = decideBand(input(values, { staticThreshold: 1140 }));
    expect(d.reason).not.toMatch(/possible incident/);
    expect(d.band?.width ?? Infinity).toBeGreaterThan(clean);
  });

  it('decide: `band: always` without history takes CloudWatch’s default width; `auto` keeps the static decision', () => {
    const base = { evaluation: latency, defaultThreshold: 5000, tags: new Map<string, string>() };
    expect(decide({ ...base, tuning: { policy: 'envelope', band: 'always' } }).band).toEqual({ width: 2, side: 'upper' });
    expect(decide({ ...base, tuning: { policy: 'envelope', band: 'auto' } }).band).toBeUndefined();
    expect(decide({ ...base, evaluation: { ...latency, comparison: 'LessThanThreshold' }, tuning: { policy: 'envelope', band: 'always' } }).band?.side).toBe('lower');
  });

  it('decide: the band rides along a static decision that stays sound (relative-to-tag included)', () => {
    const values = history(14, rhythm);
    const d = decide({
      history: { values, start: START, period: PERIOD },
      evaluation: latency,
      defaultThreshold: 5000,
      tuning: { policy: 'relative-to-tag', tag: 'obsgen:timeout-ms', fraction: 0.8, band: 'auto' },
      tags: new Map([['obsgen:timeout-ms', '6000']]),
    });
    expect(d.value).toBe(4800);
    expect(d.band?.side).toBe('upper');
    // The static threshold it replaces never fired: the band is chosen for what it catches below 4800.
    expect(backtest(values, { ...latency, threshold: 4800 }).episodes).toBe(0);
  });
});
