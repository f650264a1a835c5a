/**
 * Writes examples/acme/metrics/: 14 days of 1-minute history for every alarm of the example
 * whose decision reads history (what a live run fetches: `readsHistory`), with daily and weekly shape, noise, quiet hours with
 * no datapoints, a region-wide two-hour gap, and a few planted incidents (listed in
 * incidents.json, which the tuning tests check the tuned thresholds catch). Seeded: running
 * it again writes the same files.
 *
 *   npx tsx scripts/make-acme-history.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { readBlueprintSources, readTexts } from '../src/pipeline/inputs.js';
import { loadConfig } from '../src/config/load.js';
import { Diagnostics } from '../src/diagnostics/diagnostic.js';
import { matchResources } from '../src/match/match.js';
import { resolve } from '../src/resolve/resolve.js';
import { historyJson, historyKey } from '../src/tune/history.js';
import { roundSignificant } from '../src/tune/stats.js';
import { readsHistory, tunableAlarms } from '../src/tune/thresholds.js';
import type { TunableAlarm } from '../src/tune/thresholds.js';
import { seededRandom } from './lib/random.js';
import { normalShape, traffic } from './lib/metric-shapes.js';
import { sha256 } from '../src/util/hash.js';
import { readBlueprints, readInventory } from '../src/pipeline/inputs.js';

const ROOT = new URL('..', import.meta.url).pathname;
const OUT = join(ROOT, 'examples/acme/metrics');
/** History ends here (a Sunday midnight UTC) and covers 14 days before it. */
export const END = Date.UTC(2026, 10, 1) / 1000;
const DAYS = 14;
const DAY = 86_400;
const start = END - DAYS * DAY;

/** An incident: a window in which one alarm's metric misbehaves. */
interface Incident {
  alarm: string;
  what: string;
  start: string;
  end: string;
  /** Value during the incident, relative to the series' normal level (or absolute when set). */
  level: number;
  absolute?: boolean;
}

const at = (day: number, hour: number, minute = 0) => start + day * DAY + hour * 3600 + minute * 60;
const iso = (t: number) => new Date(t * 1000).toISOString().replace('.000Z', 'Z');
const INCIDENTS: Incident[] = [
  { alarm: '111111111111/eu-west-1/lambda:function/checkout-api/errors', what: 'a bad deployment: checkout-api throws on every payment for 20 minutes', start: iso(at(4, 14, 0)), end: iso(at(4, 14, 20)), level: 40, absolute: true },
  { alarm: '111111111111/eu-west-1/sqs:queue/checkout-orders/oldest-message-age', what: 'the order worker is stuck: orders wait up to an hour', start: iso(at(8, 2, 0)), end: iso(at(8, 3, 0)), level: 3600, absolute: true },
  { alarm: '111111111111/eu-west-1/dynamodb:table/catalog-products/latency', what: 'a hot partition: GetItem/Query latency six times normal for 20 minutes', start: iso(at(10, 11, 30)), end: iso(at(10, 11, 50)), level: 6 },
  { alarm: '111111111111/eu-west-1/elasticloadbalancing:targetgroup/checkout-web-tg/target-response-time', what: 'the checkout web tier slows down: p99 response 8 s for 25 minutes', start: iso(at(11, 18, 0)), end: iso(at(11, 18, 25)), level: 8, absolute: true },
];
/** A two-hour window with no datapoints at all in prod eu-west-1 (as after an agent outage). */
const GAP = { scope: '111111111111/eu-west-1', start: at(6, 3, 0), end: at(6, 5, 0) };

function series(t: TunableAlarm, random: () => number): Float64Array {
  const r = t.resource.matched.resource;
  const env = t.resource.matched.env ?? 'prod';
  const scale = env === 'prod' ? 1 : 0.2;
  // A resource-specific normal level, so that series differ.
  const normal = normalShape(t.metric!, random);
  const n = (DAYS * DAY) / t.period;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const ts = start + i * t.period;
    let v = normal.at(traffic(ts) * scale);
    if (`${r.account}/${r.region}` === GAP.scope && ts >= GAP.start && ts < GAP.end) v = NaN;
    out[i] = Number.isFinite(v) ? (Number.isInteger(v) ? v : roundSignificant(v, 3)) : NaN;
  }
  for (const incident of INCIDENTS.filter((x) => x.alarm === t.id)) {
    const from = (Date.parse(incident.start) / 1000 - start) / t.period;
    const to = (Date.parse(incident.end) / 1000 - start) / t.period;
    for (let i = from; i < to; i++) {
      const normal = Number.isFinite(out[i]!) ? out[i]! : 0;
      out[i] = roundSignificant(incident.absolute ? incident.level * (0.8 + 0.4 * random()) : normal * incident.level * (0.8 + 0.4 * random()), 3);
    }
  }
  return out;
}

async function main(): Promise<void> {
  const diags = new Diagnostics();
  const config = (await loadConfig(join(ROOT, 'examples/acme/obsgen.config.yaml'), ROOT, diags))!;
  const inventory = readInventory(readTexts(config.inputs.inventory, diags), diags);
  const blueprints = readBlueprints(readBlueprintSources(config, diags), diags);
  if (diags.hasErrors) throw new Error(diags.items.map((d) => d.message).join('\n'));
  const tunable = tunableAlarms(resolve(matchResources(inventory, blueprints, config, diags), config, diags), config).filter((t) => t.metric && readsHistory(t));
  const byScope = new Map<string, { metric: NonNullable<TunableAlarm['metric']>; period: number; start: number; values: Float64Array }[]>();
  const seen = new Set<string>();
  for (const t of tunable.sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const r = t.resource.matched.resource;
    const key = historyKey(t.metric!, t.period);
    if (seen.has(key)) continue;
    seen.add(key);
    const scope = `${r.account}-${r.region}`;
    // One random stream per alarm, seeded by its id: changing one blueprint alarm (its metric or
    // expression) rewrites that alarm's series only, not every series generated after it.
    const random = seededRandom(parseInt(sha256(`20261101/${t.id}`).slice(0, 8), 16));
    byScope.set(scope, [...(byScope.get(scope) ?? []), { metric: t.metric!, period: t.period, start, values: series(t, random) }]);
  }
  mkdirSync(OUT, { recursive: true });
  for (const [scope, list] of byScope) {
    const file = join(OUT, `${scope}.json.gz`);
    // Fixed gzip level; gzip headers carry no timestamp here, so output is byte-identical.
    writeFileSync(file, gzipSync(historyJson(list), { level: 9 }));
    console.log(`${file}: ${list.length} series`);
  }
  writeFileSync(join(OUT, 'incidents.json'), `${JSON.stringify({ end: iso(END), days: DAYS, gap: { ...GAP, start: iso(GAP.start), end: iso(GAP.end) }, incidents: INCIDENTS }, null, 2)}\n`);
}

await main();
