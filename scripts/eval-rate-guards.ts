/**
 * The rate scenarios of the alarm-quality corpus replayed with the guard before #20 item 2's
 * fix (at least 20 requests a minute) and with today's (at least 3 failures), in the same
 * harness: the same draws, tuning, replay and scoring as `npm run eval:alarms`, only the
 * expression computed from the raw metrics differs. Prints to stdout; writes nothing.
 *
 *   npx tsx scripts/eval-rate-guards.ts
 */
import { makeCorpus, SCENARIOS } from './eval/corpus/index.js';
import { evaluateSeries } from './eval/evaluate.js';
import type { Mode } from './eval/evaluate.js';
import { fixed1, percent } from './eval/format.js';
import { evaluateMath } from './eval/math.js';
import { textTable } from './eval/summary.js';
import { tally } from './eval/tally.js';
import type { VariantId } from './eval/variants.js';

const GUARDS = [
  ['at least 20 requests (before)', 'IF(FILL(requests, 0) >= 20, FILL(errors, 0) / FILL(requests, 0), 0)'],
  ['at least 3 failures (now)', 'IF(FILL(errors, 0) >= 3, FILL(errors, 0) / FILL(requests, 0), 0)'],
] as const;

/** The rate scenarios and which raw metrics are their failures and requests. */
const RATES: Record<string, { errors: string; requests: string }> = {
  'spiky-5xx': { errors: '5XXError', requests: 'Count' },
  'busy-errors-rate': { errors: 'Errors', requests: 'Invocations' },
  'quiet-errors-rate': { errors: 'Errors', requests: 'Invocations' },
};

const rows = [['Scenario', 'Guard', 'AWS static', 'obsgen, one-shot', 'obsgen, nightly', 'hindsight']];
for (const [id, names] of Object.entries(RATES)) {
  const scenario = SCENARIOS.find((s) => s.id === id);
  if (!scenario) throw new Error(`no scenario ${id}`);
  for (const [label, expression] of GUARDS) {
    const results = makeCorpus(undefined, [scenario]).map((s) =>
      evaluateSeries({
        id: `${id}#${s.seed}`,
        target: scenario.target,
        bounds: scenario.bounds,
        start: s.layout.start,
        period: s.layout.period,
        values: evaluateMath(expression, { errors: s.metrics![names.errors]!, requests: s.metrics![names.requests]! }),
        replayFrom: s.layout.replayFrom,
        incidents: s.incidents,
      }),
    );
    const cell = (v: VariantId, m: Mode) => {
      const t = tally(results.map((r) => r.results[v][m]));
      return `${percent(t.recall)} · ${fixed1(t.falsePer30Days)}`;
    };
    rows.push([id, label, cell('aws-static', 'oneShot'), cell('emitted', 'oneShot'), cell('emitted', 'nightly'), cell('hindsight', 'oneShot')]);
  }
}
console.log(`Rate guards on the same draws (recall · false episodes per alarm per 30 days)\n${textTable(rows)}`);
