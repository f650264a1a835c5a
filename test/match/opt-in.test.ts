import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadBlueprints } from '../../src/blueprints/load.js';
import type { Blueprint } from '../../src/blueprints/types.js';
import { loadConfig, resolveConfig } from '../../src/config/load.js';
import type { Config } from '../../src/config/types.js';
import { checkAlarmReferences } from '../../src/config/references.js';
import { Diagnostics } from '../../src/diagnostics/diagnostic.js';
import { matchResources } from '../../src/match/match.js';
import { positionOf } from '../fixtures/inputs/text-position.js';
import { fnArn, inventoryOf } from '../fixtures/inputs/tagged-resources.js';

// Opt-in alarms (#20 item 3): off unless the resource's obsgen:enable tag or a config `enable`
// rule for its application and environment turns them on.
const alarm = (id: string, optIn: boolean) => `  - id: ${id}
    title: ${id}
    severity: warning
    description: ${id} on {{resource.name}}
    source: test
    metric: { name: Invocations, statistic: Sum }
    period: 300
    evaluationPeriods: 3
    comparison: LessThanThreshold
    threshold: 1
    treatMissingData: ignore
${optIn ? '    optIn: true\n' : ''}`;

const FN = `id: fn
resourceType: lambda:function
description: Functions
alarms:
${alarm('errors', false)}${alarm('traffic-drop', true)}`;

function blueprints(): Blueprint[] {
  const diags = new Diagnostics();
  const out = loadBlueprints([{ file: 'fn.yaml', text: FN, builtin: false }], diags);
  expect(diags.items).toEqual([]);
  return out;
}

function on(tags: Record<string, string>, config: Config = resolveConfig({})) {
  const diags = new Diagnostics();
  const matched = matchResources(inventoryOf({ [fnArn('api')]: tags }), blueprints(), config, diags);
  const r = matched.resources[0]!;
  return { ids: r.alarms.map((a) => a.spec.id), enabled: r.enabled, diags };
}

describe('opt-in alarms', () => {
  it('are off by default', () => {
    expect(on({ app: 'shop' })).toMatchObject({ ids: ['errors'], enabled: [] });
  });

  it('are on for a resource whose obsgen:enable tag names them', () => {
    const r = on({ app: 'shop', 'obsgen:enable': ' traffic-drop ' });
    expect(r).toMatchObject({ ids: ['errors', 'traffic-drop'], enabled: ['traffic-drop'] });
    expect(r.diags.items).toEqual([]);
  });

  it('are on for the applications and environments a config rule names, by id or as <blueprint>/<alarm>', () => {
    const rule = resolveConfig({ enable: [{ alarms: ['traffic-drop'], applications: ['shop'], environments: ['prod'] }] });
    expect(on({ app: 'shop', env: 'prod' }, rule).ids).toEqual(['errors', 'traffic-drop']);
    expect(on({ app: 'shop', env: 'staging' }, rule).ids).toEqual(['errors']);
    expect(on({ app: 'shop' }, rule).ids).toEqual(['errors']);
    expect(on({ app: 'blog', env: 'prod' }, rule).ids).toEqual(['errors']);
    const everywhere = resolveConfig({ enable: [{ alarms: ['fn/traffic-drop'] }] });
    expect(on({}, everywhere).ids).toEqual(['errors', 'traffic-drop']);
  });

  it('stay off when the resource disables them, whatever turned them on', () => {
    expect(on({ 'obsgen:enable': 'traffic-drop', 'obsgen:disable': 'traffic-drop' }).ids).toEqual(['errors']);
  });

  it('make an enable tag naming an alarm that is on anyway, or no alarm, a finding about that resource', () => {
    const r = on({ 'obsgen:enable': 'errors, trafic-drop' });
    expect(r.ids).toEqual(['errors']);
    expect(r.diags.items.map((d) => [d.severity, d.message])).toEqual([
      ['warning', expect.stringContaining('no alarm "trafic-drop" applies to this resource')],
      ['warning', expect.stringContaining('alarm "errors" is on by default: only opt-in alarms need obsgen:enable')],
    ]);
    expect(r.diags.items.every((d) => d.message.includes(fnArn('api')) || JSON.stringify(d).includes(fnArn('api')))).toBe(true);
  });
});

describe('the config’s references to blueprint alarms', () => {
  const made: string[] = [];
  afterAll(() => {
    for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
  });

  async function check(yaml: string) {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'obsgen-refs-')));
    made.push(dir);
    const file = path.join(dir, 'obsgen.config.yaml');
    fs.writeFileSync(file, yaml);
    const diags = new Diagnostics();
    const config = await loadConfig(file, dir, diags);
    expect(diags.items).toEqual([]);
    checkAlarmReferences(config!, blueprints(), diags);
    return { diags, file, yaml };
  }

  it('accept opt-in alarms by id and by <blueprint>/<alarm>, and policies of alarms that exist', async () => {
    const { diags } = await check('enable:\n  - alarms: [traffic-drop, fn/traffic-drop]\ntuning:\n  policies:\n    fn/errors: { policy: envelope }\n');
    expect(diags.items).toEqual([]);
  });

  it('stop the run on an enable rule naming no alarm, or one that is on by default, at file:line:col', async () => {
    const yaml = 'enable:\n  - alarms: [trafic-drop]\n    applications: [shop]\n  - alarms: [errors]\n';
    const { diags, file } = await check(yaml);
    expect(diags.items.map((d) => ({ severity: d.severity, message: d.message, file: d.file, line: d.line, column: d.column }))).toEqual([
      { severity: 'error', message: 'no blueprint has an alarm "trafic-drop" (opt-in alarms: traffic-drop)', file, ...positionOf(yaml, 'trafic-drop') },
      { severity: 'error', message: 'alarm "errors" is on by default: `enable` is for opt-in alarms (traffic-drop)', file, ...positionOf(yaml, 'errors') },
    ]);
  });

  it('check a tuning policy against the alarm it replaces, as the blueprint loader checks a blueprint’s own', async () => {
    const yaml = [
      'tuning:',
      '  policies:',
      '    fn/errors:',
      '      policy: envelope',
      '      bandFill: 0',
      '      evaluations: [{ datapointsToAlarm: 4, evaluationPeriods: 2 }, { datapointsToAlarm: 1, evaluationPeriods: 300 }]',
      '      withoutTag: envelope',
      '',
    ].join('\n');
    const { diags } = await check(yaml);
    expect(diags.items.map((d) => [d.message, d.line])).toEqual([
      ['bandFill fills the gaps of an anomaly detection band; set band too', 5],
      ['withoutTag is for the relative-to-tag policy: the policy a resource without its tag falls back to', 7],
      ['datapointsToAlarm (4) exceeds evaluationPeriods (2)', 6],
      ["an alternative evaluation must be longer than the alarm's own 3 periods", 6],
      ['period × evaluationPeriods is 90000 s; CloudWatch allows at most 86400 s', 6],
    ]);
  });

  it('stop the run on a tuning policy for an alarm or blueprint that does not exist', async () => {
    const yaml = 'tuning:\n  policies:\n    fn/eror: { policy: envelope }\n    function/errors: { policy: envelope }\n';
    const { diags } = await check(yaml);
    expect(diags.items.map((d) => [d.severity, d.message, d.line])).toEqual([
      ['error', 'blueprint fn has no alarm "eror" (its alarms: errors, traffic-drop)', 3],
      ['error', 'no blueprint "function": tuning policies are keyed "<blueprint-id>/<alarm-id>"', 4],
    ]);
  });
});
