import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBlueprints, parseBlueprint } from '../../src/blueprints/load.js';
import type { BlueprintSource } from '../../src/blueprints/load.js';
import { allAlarmSpecs } from '../../src/blueprints/types.js';
import { Diagnostics } from '../../src/diagnostics/diagnostic.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { builtinBlueprintFiles, RESOURCE_TYPES } from '../../src/services/registry.js';
import { positionOf } from '../fixtures/inputs/text-position.js';

const FILE = 'user-blueprints/custom.yaml';

function builtinSources(): BlueprintSource[] {
  return builtinBlueprintFiles().map((file) => ({ file, text: fs.readFileSync(file, 'utf8'), builtin: true }));
}

/** A valid blueprint; tests change one thing at a time. */
const BASE = `id: custom-fn
resourceType: lambda:function
description: Custom checks for functions
alarms:
  - id: errors
    title: Errors
    severity: critical
    description: Errors in {{resource.name}}
    source: test
    metric: { name: Errors, statistic: Sum }
    period: 60
    evaluationPeriods: 3
    datapointsToAlarm: 3
    comparison: GreaterThanThreshold
    threshold: 0
    treatMissingData: notBreaching
`;

function edit(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`test fixture: ${JSON.stringify(from)} not in blueprint`);
  return text.replace(from, to);
}

function parse(text: string, file = FILE) {
  const diags = new Diagnostics();
  const blueprint = parseBlueprint({ file, text, builtin: false }, diags);
  return { diags, blueprint };
}

/** Parses and expects rejection; returns the errors. */
function rejected(text: string): Diagnostic[] {
  const { diags, blueprint } = parse(text);
  expect(blueprint).toBeUndefined();
  const errors = diags.items.filter((d) => d.severity === 'error');
  expect(errors.length).toBeGreaterThan(0);
  return errors;
}

/** Expects exactly one error, at `needle` (nth occurrence) in `text`. */
function expectOneErrorAt(text: string, needle: string, nth = 1, message?: RegExp): Diagnostic {
  const errors = rejected(text);
  expect(errors).toHaveLength(1);
  expect(errors[0]).toMatchObject({ severity: 'error', file: FILE, ...positionOf(text, needle, nth) });
  if (message) expect(errors[0]!.message).toMatch(message);
  return errors[0]!;
}

describe('shipped blueprints', () => {
  const sources = builtinSources();

  it('exist', () => {
    expect(sources.length).toBeGreaterThanOrEqual(3);
  });

  it.each(sources.map((s) => [path.basename(s.file), s] as const))('%s loads with zero diagnostics', (_name, source) => {
    const diags = new Diagnostics();
    const blueprint = parseBlueprint(source, diags);
    expect(diags.items).toEqual([]);
    expect(blueprint).toBeDefined();
    expect(blueprint!.builtin).toBe(true);
    expect(RESOURCE_TYPES.some((t) => t.id === blueprint!.resourceType)).toBe(true);
    const ids = allAlarmSpecs(blueprint!).map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('load together with zero diagnostics, sorted by id, and cover every resource type', () => {
    const diags = new Diagnostics();
    const blueprints = loadBlueprints(sources, diags);
    expect(diags.items).toEqual([]);
    const ids = blueprints.map((b) => b.id);
    expect(ids).toEqual([...ids].sort());
    expect(ids).toEqual(expect.arrayContaining(['dynamodb-table', 'lambda-function', 'sqs-queue']));
    const covered = new Set(blueprints.map((b) => b.resourceType));
    expect(RESOURCE_TYPES.map((t) => t.id).filter((t) => !covered.has(t))).toEqual([]);
  });

  it('give the lambda blueprint its metric-filter alarms', () => {
    const lambda = loadBlueprints(sources, new Diagnostics()).find((b) => b.id === 'lambda-function')!;
    expect(allAlarmSpecs(lambda).map((a) => a.id)).toEqual(['errors', 'error-rate', 'throttles', 'duration', 'concurrency', 'traffic-drop', 'log-errors', 'timeouts']);
    expect(lambda.logGroups[0]!.metricFilters.map((f) => f.metric.value)).toEqual(['1', '1']);
  });
});

describe('parseBlueprint: a valid blueprint', () => {
  it('parses with defaults applied', () => {
    const text = `${BASE}dashboard:
  widgets:
    - title: Errors
      metrics:
        - { name: Errors, statistic: Sum }
      alarms: [errors]
`;
    const { diags, blueprint } = parse(text);
    expect(diags.items).toEqual([]);
    expect(blueprint).toMatchObject({
      id: 'custom-fn',
      file: FILE,
      resourceType: 'lambda:function',
      description: 'Custom checks for functions',
      match: { tags: [] },
      logGroups: [],
      builtin: false,
    });
    expect(blueprint!.alarms).toHaveLength(1);
    expect(blueprint!.alarms[0]).toMatchObject({ id: 'errors', period: 60, threshold: 0, metric: { name: 'Errors', statistic: 'Sum' } });
    expect(blueprint!.widgets[0]).toMatchObject({ title: 'Errors', alarms: ['errors'], view: 'timeSeries', width: 8, height: 6 });
  });

  it('accepts periods 10, 20, 30 and multiples of 60', () => {
    for (const period of [10, 20, 30, 60, 120, 300, 3600]) {
      const { diags, blueprint } = parse(edit(BASE, 'period: 60', `period: ${period}`));
      expect(diags.items, `period ${period}`).toEqual([]);
      expect(blueprint!.alarms[0]!.period).toBe(period);
    }
  });

  it('accepts period × evaluationPeriods of exactly 86400 s', () => {
    const text = edit(edit(BASE, 'period: 60', 'period: 3600'), 'evaluationPeriods: 3', 'evaluationPeriods: 24');
    expect(parse(text).diags.items).toEqual([]);
  });

  it('accepts a math alarm whose expression uses its metrics and upper-case functions', () => {
    const text = edit(
      BASE,
      '    metric: { name: Errors, statistic: Sum }\n',
      `    math:
      expression: IF(invocations > 0, 100 * errors / invocations, 0)
      label: Error rate
      metrics:
        errors: { name: Errors, statistic: Sum }
        invocations: { name: Invocations, statistic: Sum }
`,
    );
    const { diags, blueprint } = parse(text);
    expect(diags.items).toEqual([]);
    expect(blueprint!.alarms[0]!.math?.expression).toBe('IF(invocations > 0, 100 * errors / invocations, 0)');
  });
});

describe('parseBlueprint: errors at their position', () => {
  it('reports an unknown top-level key at the key', () => {
    const text = edit(BASE, 'description: Custom checks for functions\n', 'description: Custom checks for functions\nalarm: []\n');
    expectOneErrorAt(text, 'alarm: []', 1, /unknown key "alarm"/);
  });

  it('reports an unknown key inside an alarm at the key', () => {
    const text = edit(BASE, '    source: test\n', '    source: test\n    runbok: https://example.com\n');
    expectOneErrorAt(text, 'runbok', 1, /alarms\[0\]: unknown key "runbok"/);
  });

  it('reports period 45 at the period value', () => {
    const text = edit(BASE, 'period: 60', 'period: 45');
    const errors = rejected(text);
    const at = positionOf(text, '45');
    for (const e of errors) expect(e).toMatchObject({ severity: 'error', file: FILE, ...at });
    expect(errors.some((e) => e.message.includes('alarms[0].period'))).toBe(true);
  });

  it.each([0, 15, 90, 86460])('reports period %i', (period) => {
    const text = edit(BASE, 'period: 60', `period: ${period}`);
    const errors = rejected(text);
    expect(errors.every((e) => e.line === positionOf(text, `period: ${period}`).line)).toBe(true);
  });

  it('reports datapointsToAlarm > evaluationPeriods at datapointsToAlarm', () => {
    const text = edit(BASE, 'datapointsToAlarm: 3', 'datapointsToAlarm: 4');
    expectOneErrorAt(text, '4\n', 1, /datapointsToAlarm \(4\) exceeds evaluationPeriods \(3\)/);
  });

  it('reports withoutTag on a policy other than relative-to-tag at withoutTag', () => {
    const text = edit(BASE, '    treatMissingData: notBreaching\n', '    treatMissingData: notBreaching\n    tuning: { policy: envelope, withoutTag: envelope }\n');
    expectOneErrorAt(text, 'envelope }', 1, /withoutTag is for the relative-to-tag policy/);
  });

  it('reports a withoutTag policy that lacks its setting at withoutTag', () => {
    const text = edit(BASE, '    treatMissingData: notBreaching\n', '    treatMissingData: notBreaching\n    tuning: { policy: relative-to-tag, tag: t, fraction: 0.8, withoutTag: percentile }\n');
    expectOneErrorAt(text, 'percentile }', 1, /withoutTag percentile needs percentile/);
  });

  it('reports a range with both max and softMax at softMax', () => {
    const text = edit(BASE, '    treatMissingData: notBreaching\n', '    treatMissingData: notBreaching\n    range: { min: 0, max: 100, softMax: 100 }\n');
    expectOneErrorAt(text, '100 }', 1, /set max or softMax, not both/);
  });

  it('reports a range whose min is not below its softMax at the range', () => {
    const text = edit(BASE, '    treatMissingData: notBreaching\n', '    treatMissingData: notBreaching\n    range: { min: 100, softMax: 100 }\n');
    expectOneErrorAt(text, '{ min: 100', 1, /range min \(100\) must be below softMax \(100\)/);
  });

  it('reports a default beyond the soft maximum at the threshold: it must fire on every resource', () => {
    const text = edit(edit(BASE, 'threshold: 0', 'threshold: 120'), '    treatMissingData: notBreaching\n', '    treatMissingData: notBreaching\n    range: { min: 0, softMax: 100 }\n');
    expectOneErrorAt(text, '120', 1, /the default threshold 120 is unreachable: the metric never exceeds 100/);
  });

  it('accepts a soft maximum above the default', () => {
    const { diags, blueprint } = parse(edit(edit(BASE, 'threshold: 0', 'threshold: 80'), '    treatMissingData: notBreaching\n', '    treatMissingData: notBreaching\n    range: { min: 0, softMax: 100 }\n'));
    expect(diags.items).toEqual([]);
    expect(blueprint!.alarms[0]!.range).toEqual({ min: 0, softMax: 100 });
  });

  it('reports period × evaluationPeriods > 86400 at evaluationPeriods', () => {
    const text = edit(edit(BASE, 'period: 60', 'period: 3600'), 'evaluationPeriods: 3', 'evaluationPeriods: 25');
    expectOneErrorAt(text, '25', 1, /90000 s/);
  });

  it('reports an alarm with both metric and math at the alarm', () => {
    const text = edit(
      BASE,
      '    metric: { name: Errors, statistic: Sum }\n',
      '    metric: { name: Errors, statistic: Sum }\n    math:\n      expression: m1\n      label: x\n      metrics:\n        m1: { name: Errors, statistic: Sum }\n',
    );
    expectOneErrorAt(text, 'id: errors', 1, /exactly one of metric or math/);
  });

  it('reports an alarm with neither metric nor math at the alarm', () => {
    const text = edit(BASE, '    metric: { name: Errors, statistic: Sum }\n', '');
    expectOneErrorAt(text, 'id: errors', 1, /exactly one of metric or math/);
  });

  it('reports a math expression that refers to an undefined id at the expression', () => {
    const text = edit(
      BASE,
      '    metric: { name: Errors, statistic: Sum }\n',
      '    math:\n      expression: 100 * errors / invocations\n      label: Error rate\n      metrics:\n        errors: { name: Errors, statistic: Sum }\n',
    );
    expectOneErrorAt(text, '100 * errors', 1, /"invocations", which is not in metrics/);
  });

  it('does not mistake quoted text in an expression for a metric id', () => {
    const text = edit(
      BASE,
      '    metric: { name: Errors, statistic: Sum }\n',
      `    math:\n      expression: FILL(errors, 0) + SUM(METRICS("other"))\n      label: x\n      metrics:\n        errors: { name: Errors, statistic: Sum }\n`,
    );
    expect(parse(text).diags.items).toEqual([]);
  });

  it('reports the reserved math metric id "result"', () => {
    const text = edit(
      BASE,
      '    metric: { name: Errors, statistic: Sum }\n',
      '    math:\n      expression: result * 2\n      label: Doubled\n      metrics:\n        result: { name: Errors, statistic: Sum }\n',
    );
    expectOneErrorAt(text, '{ name: Errors, statistic: Sum }', 1, /"result" is reserved/);
  });

  it('reports a widget that references an unknown alarm id at that reference', () => {
    const text = `${BASE}dashboard:
  widgets:
    - title: Errors
      metrics:
        - { name: Errors, statistic: Sum }
      alarms: [errors, throttles]
`;
    expectOneErrorAt(text, 'throttles', 1, /no alarm "throttles" in this blueprint/);
  });

  it('reports a widget with neither metrics nor math', () => {
    const text = `${BASE}dashboard:\n  widgets:\n    - title: Empty\n`;
    expectOneErrorAt(text, 'title: Empty', 1, /exactly one of metrics or math/);
  });

  it('reports duplicate alarm ids at the second id', () => {
    const second = BASE.slice(BASE.indexOf('  - id: errors'));
    const text = BASE + second;
    expectOneErrorAt(text, 'errors\n', 2, /duplicate alarm id "errors"/);
  });

  it("reports a metric filter's alarm reusing an alarm id at the filter alarm's id", () => {
    const text = `${BASE}logGroups:
  - id: function
    name: /aws/lambda/{{resource.name}}
    metricFilters:
      - id: error-lines
        pattern: ERROR
        metric: { namespace: Custom/Logs, name: "ErrorLines/{{resource.name}}" }
        alarm:
          id: errors
          title: Error lines
          severity: warning
          description: Error lines
          source: test
          period: 60
          evaluationPeriods: 1
          comparison: GreaterThanThreshold
          threshold: 0
          treatMissingData: notBreaching
`;
    // At the id's value, as for duplicate ids among the alarms.
    expectOneErrorAt(text, 'errors\n          title: Error lines', 1, /duplicate alarm id "errors"/);
  });

  it('reports an unknown resourceType at the value', () => {
    const text = edit(BASE, 'resourceType: lambda:function', 'resourceType: ec2:volume');
    expectOneErrorAt(text, 'ec2:volume', 1, /unknown resource type "ec2:volume"/);
  });

  it('reports a Handlebars syntax error in a one-line description at the template', () => {
    const text = edit(BASE, 'description: Errors in {{resource.name}}', 'description: Errors in {{resource.name}');
    expectOneErrorAt(text, 'Errors in {{resource.name}', 1, /^template: /);
  });

  it('reports a Handlebars syntax error in a block-scalar description on the line of the error', () => {
    const text = edit(
      BASE,
      '    description: Errors in {{resource.name}}\n',
      '    description: |\n      First line is fine.\n      Second line {{resource.name} is not.\n      Third line.\n',
    );
    const errors = rejected(text);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ severity: 'error', file: FILE, line: positionOf(text, 'Second line').line });
    expect(errors[0]!.message).toMatch(/^template: /);
  });

  it('reports a partial in a description', () => {
    const text = edit(BASE, 'description: Errors in {{resource.name}}', 'description: Errors in {{> x}}');
    expectOneErrorAt(text, 'Errors in {{> x}}', 1, /partials and decorators are not supported/);
  });

  it('reports an unknown helper in a runbook', () => {
    const text = edit(BASE, '    source: test\n', '    source: test\n    runbook: "{{url resource.name}}"\n');
    expectOneErrorAt(text, '"{{url resource.name}}"', 1, /unknown helper url/);
  });

  it('reports a template error in a metric dimension value', () => {
    const text = edit(BASE, 'metric: { name: Errors, statistic: Sum }', 'metric: { name: Errors, statistic: Sum, dimensions: { Resource: "{{#if x}}" } }');
    expectOneErrorAt(text, '"{{#if x}}"', 1, /^template: /);
  });

  it('reports malformed YAML (bad indentation) with its position', () => {
    const text = edit(BASE, '    title: Errors\n', '     title: Errors\n');
    const errors = rejected(text);
    expect(errors[0]).toMatchObject({ severity: 'error', file: FILE });
    // The mis-indented line, or the line just before it that it breaks.
    expect(errors[0]!.line).toBeGreaterThanOrEqual(positionOf(text, 'id: errors').line);
    expect(errors[0]!.line).toBeLessThanOrEqual(positionOf(text, 'title: Errors').line);
  });

  it('reports a tab-indented line at that line', () => {
    const text = edit(BASE, '    title: Errors\n', '\ttitle: Errors\n');
    const errors = rejected(text);
    expect(errors[0]).toMatchObject({ severity: 'error', file: FILE, line: positionOf(text, '\ttitle').line });
  });

  it('reports duplicate YAML keys at the second key', () => {
    const text = edit(BASE, '    period: 60\n', '    period: 60\n    period: 120\n');
    const first = positionOf(text, 'period: 60');
    expectOneErrorAt(text, 'period: 120', 1, new RegExp(`^duplicate key "period" \\(first at line ${first.line}, column ${first.column}\\)$`));
  });

  it('reports a duplicate top-level id key at the second key', () => {
    const text = `${BASE}id: other\n`;
    expectOneErrorAt(text, 'id: other', 1, /^duplicate key "id" \(first at line 1, column 1\)$/);
  });

  it('reports a missing required key at the containing object', () => {
    const text = edit(BASE, '    threshold: 0\n', '');
    expectOneErrorAt(text, 'id: errors', 1, /missing required key "threshold"/);
  });

  it('reports an invalid id at the value', () => {
    const text = edit(BASE, 'id: custom-fn', 'id: Custom_Fn');
    expectOneErrorAt(text, 'Custom_Fn', 1, /^id: /);
  });

  it('reports a document that is not a mapping', () => {
    const errors = rejected('- just\n- a list\n');
    expect(errors[0]).toMatchObject({ severity: 'error', file: FILE, line: 1, column: 1 });
  });

  it('defuses a billion-laughs document', () => {
    const lol = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) {
      const prev = String.fromCharCode(96 + i);
      const cur = String.fromCharCode(97 + i);
      lol.push(`${cur}: &${cur} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const started = Date.now();
    rejected(`${lol.join('\n')}\n`);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe('loadBlueprints: ids across files', () => {
  const user = (file: string, text: string): BlueprintSource => ({ file, text, builtin: false });

  it('lets a user blueprint with a built-in id replace the built-in one', () => {
    const replacement = edit(BASE, 'id: custom-fn', 'id: lambda-function');
    const diags = new Diagnostics();
    // Given before the built-ins on purpose: the order of sources must not matter.
    const blueprints = loadBlueprints([user('mine/lambda.yaml', replacement), ...builtinSources()], diags);
    expect(diags.items).toEqual([]);
    const lambda = blueprints.filter((b) => b.id === 'lambda-function');
    expect(lambda).toHaveLength(1);
    expect(lambda[0]).toMatchObject({ file: 'mine/lambda.yaml', builtin: false, description: 'Custom checks for functions' });
    expect(blueprints.map((b) => b.id)).toEqual(loadBlueprints(builtinSources(), new Diagnostics()).map((b) => b.id));
  });

  it('reports two user blueprints with one id, at the second file', () => {
    const diags = new Diagnostics();
    const blueprints = loadBlueprints([user('b/second.yaml', BASE), user('a/first.yaml', BASE)], diags);
    const errors = diags.items.filter((d) => d.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ file: 'b/second.yaml', line: 1, column: 1 });
    expect(errors[0]!.message).toContain('a/first.yaml');
    expect(errors[0]!.message).toContain('"custom-fn"');
    expect(blueprints.filter((b) => b.id === 'custom-fn').map((b) => b.file)).toEqual(['a/first.yaml']);
  });

  it('reports two user blueprints that both replace one built-in', () => {
    const replacement = edit(BASE, 'id: custom-fn', 'id: sqs-queue');
    const diags = new Diagnostics();
    loadBlueprints([...builtinSources(), user('x/one.yaml', replacement), user('x/two.yaml', replacement)], diags);
    expect(diags.items.filter((d) => d.severity === 'error')).toHaveLength(1);
    expect(diags.items[0]).toMatchObject({ file: 'x/two.yaml' });
  });

  it('keeps loading the other files when one is invalid', () => {
    const diags = new Diagnostics();
    const blueprints = loadBlueprints([user('bad.yaml', 'id: [\n'), user('good.yaml', BASE)], diags);
    expect(diags.hasErrors).toBe(true);
    expect(diags.items.every((d) => d.file === 'bad.yaml')).toBe(true);
    expect(blueprints.map((b) => b.id)).toEqual(['custom-fn']);
  });
});
