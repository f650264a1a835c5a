/**
 * Alarm quality: replays a seeded, labelled corpus of metric series through the alarms obsgen
 * emits (and through AWS's static defaults, today's tuning policies and the best threshold
 * with hindsight), with CloudWatch's evaluation rules, and writes docs/alarm-quality.md.
 *
 *   npm run eval:alarms                      # corpus → docs/alarm-quality.md and a summary
 *   npm run eval:alarms -- --nab <NAB dir>   # also score NAB's realAWSCloudwatch (stdout only)
 *   npm run eval:alarms -- --no-write        # print the summary, leave the doc alone
 *   npm run eval:alarms -- --only a,b        # only these scenarios (summary only: the doc covers the whole corpus)
 */
import { writeFileSync } from 'node:fs';
import { makeCorpus, SCENARIOS } from './eval/corpus/index.js';
import type { LabelledSeries } from './eval/corpus/types.js';
import { evaluateSeries } from './eval/evaluate.js';
import type { EvalSeries } from './eval/evaluate.js';
import { nabSection } from './eval/nab.js';
import { report } from './eval/report.js';
import type { ScenarioResults } from './eval/report.js';
import { summary } from './eval/summary.js';
import { evaluateSlo } from './eval/slo.js';
import type { SloResults } from './eval/slo.js';
import { watchedValues } from './eval/watched.js';

const DOC = new URL('../docs/alarm-quality.md', import.meta.url);

/** A corpus series as the evaluation sees it: what its alarm watches, computed for a math alarm. */
function evalSeries(s: LabelledSeries): EvalSeries {
  const id = `${s.scenario.id}#${s.seed}`;
  return {
    id,
    target: s.scenario.target,
    bounds: s.scenario.bounds,
    start: s.layout.start,
    period: s.layout.period,
    values: watchedValues(id, s.scenario.target, s.values, s.metrics),
    replayFrom: s.layout.replayFrom,
    incidents: s.incidents,
  };
}

function argValue(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  if (at < 0) return undefined;
  const value = args[at + 1];
  if (!value || value.startsWith('--')) throw new Error(`${name} needs a value`);
  return value;
}

function main(args: string[]): void {
  const started = performance.now();
  const nab = argValue(args, '--nab');
  const only = argValue(args, '--only')?.split(',');
  const unknown = only?.filter((id) => !SCENARIOS.some((s) => s.id === id));
  if (unknown?.length) throw new Error(`--only: no scenario ${unknown.join(', ')} (known: ${SCENARIOS.map((s) => s.id).join(', ')})`);
  const chosen = only ? SCENARIOS.filter((s) => only.includes(s.id)) : SCENARIOS;
  const write = !only && !args.includes('--no-write');
  const corpus = makeCorpus().filter((s) => chosen.includes(s.scenario));
  const scenarios: ScenarioResults[] = chosen.map((scenario) => ({
    scenario,
    series: corpus.filter((s) => s.scenario === scenario).map((s) => {
      process.stderr.write(`\r${s.scenario.id} seed ${s.seed}`.padEnd(60));
      return evaluateSeries(evalSeries(s));
    }),
  }));
  // The SLO page on the draws of each rate scenario (its raw metrics), beside the rate and the count.
  const slo: SloResults[] = chosen
    .filter((scenario) => scenario.sameDrawsAs && chosen.some((c) => c.id === scenario.sameDrawsAs))
    .map((scenario) => {
      const draws = corpus
        .filter((s) => s.scenario === scenario)
        .map((s) => {
          process.stderr.write(`\r${s.scenario.id} seed ${s.seed}: SLO page and ticket`.padEnd(60));
          const series = { target: s.scenario.target, period: s.layout.period, replayFrom: s.layout.replayFrom, metrics: s.metrics!, incidents: s.incidents };
          return { page: evaluateSlo(series, 'page'), ticket: evaluateSlo(series, 'ticket') };
        });
      return { rate: scenario.id, count: scenario.sameDrawsAs!, scores: draws.map((d) => d.page), tickets: draws.map((d) => d.ticket) };
    });
  process.stderr.write('\r'.padEnd(61) + '\r');
  if (write) writeFileSync(DOC, report(scenarios, slo));
  const seconds = (performance.now() - started) / 1000;
  console.log(`Alarm quality: ${corpus.length} series, ${chosen.length} scenarios${write ? ' → docs/alarm-quality.md' : ''}\n`);
  console.log(summary(scenarios, slo));
  console.log(`\nCorpus evaluated in ${seconds.toFixed(1)} s.`);
  if (nab) {
    const t = performance.now();
    console.log(`\n${nabSection(nab)}`);
    console.log(`\nNAB evaluated in ${((performance.now() - t) / 1000).toFixed(1)} s.`);
  }
}

main(process.argv.slice(2));
