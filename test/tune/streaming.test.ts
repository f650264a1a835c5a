import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../src/diagnostics/diagnostic.js';
import { MetricHistory, parseHistoryText } from '../../src/tune/history.js';
import type { HistorySeries } from '../../src/tune/history.js';
import { decideThresholds, ThresholdTuning } from '../../src/tune/thresholds.js';
import { generateFor } from '../helpers/pipeline.js';
import { REPO } from '../helpers/paths.js';

/*
 * Tuning decides an alarm as its metric's series arrives and keeps no series
 * (src/tune/thresholds.ts, ThresholdTuning): the history of a large estate does not fit in
 * memory at once. Here the example's history, fed in every order and one pass only, must give
 * the decisions of the whole history at once; and a scope whose history turned out unusable
 * after some of it was fed must be decided as if none had been.
 */

const example = (p: string) => join(REPO, 'examples/acme', p);
const SCOPES = ['111111111111-eu-west-1', '111111111111-us-east-1', '222222222222-eu-west-1'];
const byFile = new Map(SCOPES.map((f) => [f, parseHistoryText(f, gunzipSync(readFileSync(example(`metrics/${f}.json.gz`))).toString('utf8'), new Diagnostics())]));
const series: HistorySeries[] = [...byFile.values()].flat();
const { result, config } = generateFor(Object.fromEntries(['prod-eu-west-1', 'prod-us-east-1', 'staging-eu-west-1'].map((f) => [f, readFileSync(example(`inventory/${f}.json`), 'utf8')])));
const resolved = result!.resolved;
const previous = undefined;

/** Decisions as comparable data (the maps' order included). */
const plain = (d: ReturnType<typeof decideThresholds>) => JSON.stringify([...d]);

/** A one-pass source: iterating it a second time is an error, as a stream would be. */
function once(items: readonly HistorySeries[]): Iterable<HistorySeries> {
  let used = false;
  return {
    *[Symbol.iterator]() {
      if (used) throw new Error('history read twice');
      used = true;
      yield* items;
    },
  };
}

describe('tuning fed one series at a time', () => {
  const whole = plain(decideThresholds(resolved, config, { history: new MetricHistory(series) }));

  it('decides as from the whole history, whatever the order the series come in, in one pass', () => {
    expect(series.length).toBeGreaterThan(50);
    expect(whole).toContain('"tuned"');
    fc.assert(
      fc.property(fc.shuffledSubarray(series, { minLength: series.length, maxLength: series.length }), (order) => {
        expect(plain(decideThresholds(resolved, config, { history: once(order), ...(previous ? { previous } : {}) }))).toBe(whole);
      }),
      { numRuns: 5 },
    );
  });

  it('what was fed from a scope found unusable afterwards is not used: decided as without its history', () => {
    const scope = '111111111111/eu-west-1';
    const unread = new Set<string>();
    const tuning = new ThresholdTuning(resolved, config, { unavailable: unread, unread });
    for (const s of series) tuning.feed(s);
    unread.add(scope);
    const others = [...byFile].filter(([f]) => f !== scope.replace('/', '-')).flatMap(([, list]) => list);
    const withoutScope = decideThresholds(resolved, config, { history: others, unavailable: unread });
    expect(plain(tuning.decisions())).toBe(plain(withoutScope));
    expect(plain(tuning.decisions())).not.toBe(whole);
  });

  it('decides for the alarms resolved again after the series came (the same ids): as fed', () => {
    const tuning = new ThresholdTuning(resolved, config, {});
    for (const s of series) tuning.feed(s);
    const again = generateFor(Object.fromEntries(['prod-eu-west-1', 'prod-us-east-1', 'staging-eu-west-1'].map((f) => [f, readFileSync(example(`inventory/${f}.json`), 'utf8')]))).result!.resolved;
    expect(again).not.toBe(resolved);
    expect(plain(tuning.decisions(again))).toBe(whole);
  });
});
