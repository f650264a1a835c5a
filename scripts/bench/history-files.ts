import { createWriteStream, mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { loadConfig } from '../../src/config/load.js';
import { Diagnostics } from '../../src/diagnostics/diagnostic.js';
import { matchResources } from '../../src/match/match.js';
import { readBlueprints, readBlueprintSources, readInventory, readTexts } from '../../src/pipeline/inputs.js';
import { resolve } from '../../src/resolve/resolve.js';
import { HISTORY_BETWEEN, HISTORY_CLOSE, HISTORY_OPEN, historyKey, historyLine } from '../../src/tune/history.js';
import { roundSignificant } from '../../src/tune/stats.js';
import { readsHistory, tunableAlarms } from '../../src/tune/thresholds.js';
import type { TunableAlarm } from '../../src/tune/thresholds.js';
import { sha256 } from '../../src/util/hash.js';
import { seededRandom } from '../lib/random.js';
import { normalShape, traffic } from '../lib/metric-shapes.js';

/** What `writeHistoryFiles` wrote. */
export interface HistoryFilesFigure {
  /** The files, in scope order (`<account>-<region>.json.gz`, absolute paths). */
  files: string[];
  /** Alarms whose decision reads history (`readsHistory`). */
  alarms: number;
  /** Series written: one per metric (and period) per account/region those alarms watch. */
  series: number;
  datapoints: number;
  /** The files' size on disk (gzip) and of the JSON they hold. */
  gzipBytes: number;
  rawBytes: number;
}

export interface HistoryOptions {
  /** Seeds every series (with the scope or the alarm id): the same seed writes the same bytes. */
  seed?: number;
  /** Days of history, ending at END. */
  days?: number;
  /** gzip level. */
  level?: number;
  /**
   * Days the window is moved on, as for a later night: the same series (same seed), made over
   * `days + shiftDays` days, of which the last `days` are written. Datapoints of days both windows
   * hold are equal.
   */
  shiftDays?: number;
}

/** History ends at a Sunday midnight UTC, as examples/acme/metrics' does. */
const END = Date.UTC(2026, 10, 1) / 1000;
const DAY = 86_400;

/**
 * Writes metric history for every alarm of an obsgen config whose decision reads history
 * (`readsHistory`: every tuning policy but relative-to-tag, which reads it for a band or on a
 * resource without its tag; as scripts/make-acme-history.ts and the live fetch choose them) into `dir`: one gzip file per
 * account/region, `<account>-<region>.json.gz`, in the layout `historyJson` writes (one series a
 * line), each series at its alarm's own period over `days` days (default 14). A metric watched by
 * several alarms of one scope has one series there; the same metric in two scopes has one in each.
 *
 * The series are made up so that tuning meets what it meets in production: a daily shape (busy
 * afternoons, quiet nights, quieter weekends; test environments at a fifth of prod), noise,
 * error counts that are mostly zero and missing at quiet hours, a two-hour region-wide gap in
 * about a third of the scopes and a 10-90 minute hole in ~3% of the series, and an incident (a
 * 10-40 minute spike) in ~2%. Seeded (per scope, per alarm id): the same config and seed write
 * the same bytes. Streamed: each series is made, formatted and gzipped in turn, so memory stays
 * small whatever the estate.
 */
export async function writeHistoryFiles(configFile: string, dir: string, options: HistoryOptions = {}): Promise<HistoryFilesFigure> {
  const seed = options.seed ?? 1;
  const days = options.days ?? 14;
  const shift = options.shiftDays ?? 0;
  const start = END - days * DAY;
  const byScope = await historyAlarms(configFile);
  mkdirSync(dir, { recursive: true });
  const figure: HistoryFilesFigure = { files: [], alarms: 0, series: 0, datapoints: 0, gzipBytes: 0, rawBytes: 0 };
  for (const [scope, { alarms, series }] of [...byScope].sort(([a], [b]) => (a < b ? -1 : 1))) {
    figure.alarms += alarms;
    const scopeRandom = seededRandom(seedOf(`${seed}/scope/${scope}`));
    // A region-wide two-hour gap (as after an agent outage) in about a third of the scopes.
    const scopeGap = scopeRandom() < 0.34 ? hours(start + Math.floor(scopeRandom() * days * 24) * 3600, 7200) : undefined;
    function* text(): Generator<Buffer> {
      for (const [i, t] of series.entries()) {
        const made = seriesOf(t, seededRandom(seedOf(`${seed}/${t.id}`)), { start, days, scopeGap, shift });
        const skipped = Math.floor((shift * DAY) / t.period);
        const values = made.subarray(skipped);
        figure.series++;
        figure.datapoints += values.length;
        const line = Buffer.from(`${i === 0 ? HISTORY_OPEN : HISTORY_BETWEEN}${historyLine({ metric: t.metric, period: t.period, start: start + skipped * t.period, values })}`);
        figure.rawBytes += line.length;
        yield line;
      }
      // A scope is listed for its first alarm, which always has a series: the file is never empty.
      const close = Buffer.from(HISTORY_CLOSE);
      figure.rawBytes += close.length;
      yield close;
    }
    const file = join(dir, `${scope}.json.gz`);
    await pipeline(Readable.from(text()), createGzip({ level: options.level ?? 6 }), createWriteStream(file));
    figure.gzipBytes += statSync(file).size;
    figure.files.push(file);
  }
  return figure;
}

/** Per scope (`<account>-<region>`): how many alarms tune from history, and one of them per series to write, by alarm id. */
async function historyAlarms(configFile: string): Promise<Map<string, { alarms: number; series: TunableAlarm[] }>> {
  const diags = new Diagnostics();
  const config = await loadConfig(configFile, dirname(configFile), diags);
  const problems = () => diags.items.map((d) => d.message).join('\n');
  if (!config) throw new Error(`${configFile}: ${problems()}`);
  const inventory = readInventory(readTexts(config.inputs.inventory, diags), diags);
  const blueprints = readBlueprints(readBlueprintSources(config, diags), diags);
  if (diags.hasErrors) throw new Error(`${configFile}: ${problems()}`);
  const tunable = tunableAlarms(resolve(matchResources(inventory, blueprints, config, diags), config, diags), config)
    .filter(readsHistory)
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  const byScope = new Map<string, { alarms: number; series: TunableAlarm[] }>();
  const seen = new Set<string>();
  for (const t of tunable) {
    const scope = `${t.resource.scope.account}-${t.resource.scope.region}`;
    let entry = byScope.get(scope);
    if (!entry) byScope.set(scope, (entry = { alarms: 0, series: [] }));
    entry.alarms++;
    // One series per metric in a scope: a history key occurs once in a scope's file.
    const key = `${scope}|${historyKey(t.metric, t.period)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    entry.series.push(t);
  }
  return byScope;
}

function seedOf(text: string): number {
  return parseInt(sha256(text).slice(0, 8), 16);
}

interface Window {
  start: number;
  end: number;
}

const hours = (start: number, seconds: number): Window => ({ start, end: start + seconds });

/**
 * One alarm's series: `days` days at its period from `start` (NaN where no datapoint), and
 * `shift` days more after them. Gaps and incidents fall within the first `days`: the days after
 * are as a later night would find them, and the days before are the same whatever the shift.
 */
function seriesOf(t: TunableAlarm, random: () => number, at: { start: number; days: number; scopeGap: Window | undefined; shift: number }): Float64Array {
  const { start, days, scopeGap, shift } = at;
  const env = t.resource.matched.env ?? 'prod';
  const scale = env === 'prod' ? 1 : 0.2;
  const normal = normalShape(t.metric, random);
  // ~3% of the series have a hole of 10-90 minutes.
  const own = random() < 0.03 ? hours(start + Math.floor(random() * days * DAY), 600 + Math.floor(random() * 4800)) : undefined;
  // ~2% have an incident: a spike for 10-40 minutes.
  const incident = random() < 0.02 ? { ...hours(start + Math.floor(random() * days * DAY), 600 + Math.floor(random() * 1800)), level: 3 + random() * 10 } : undefined;
  const n = Math.floor(((days + shift) * DAY) / t.period);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const ts = start + i * t.period;
    let v = normal.at(traffic(ts) * scale);
    if (incident && ts >= incident.start && ts < incident.end) v = (Number.isFinite(v) ? v : 0) * incident.level + (normal.family === 'errors' ? 20 : 0);
    if ((scopeGap && ts >= scopeGap.start && ts < scopeGap.end) || (own && ts >= own.start && ts < own.end)) v = NaN;
    out[i] = Number.isFinite(v) ? (Number.isInteger(v) ? v : roundSignificant(v, 3)) : NaN;
  }
  return out;
}
