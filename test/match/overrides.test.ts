import { describe, expect, it } from 'vitest';
import { Diagnostics, formatDiagnostic } from '../../src/diagnostics/diagnostic.js';
import type { Resource } from '../../src/discover/types.js';
import { readOverrides } from '../../src/match/overrides.js';
import type { PreviousOverrides } from '../../src/match/types.js';
import { fnArn, inventoryOf } from '../fixtures/inputs/tagged-resources.js';

const ARN = fnArn('checkout');
const ALARMS = new Set(['errors', 'throttles', 'log-errors']);

function resourceWith(tags: [string, string][]): Resource {
  const inventory = inventoryOf({ [ARN]: tags });
  expect(inventory.resources).toHaveLength(1);
  return inventory.resources[0]!;
}

function read(tags: [string, string][], alarmIds: ReadonlySet<string> = ALARMS, options: { strict?: boolean; previous?: PreviousOverrides } = {}) {
  const diags = new Diagnostics({ strict: options.strict ?? false });
  const overrides = readOverrides(resourceWith(tags), alarmIds, diags, options.previous);
  return { diags, overrides };
}

/** Exactly one finding (a warning: the run goes on), naming the resource and the tag. */
function expectOneFinding(diags: Diagnostics, tag: string, message?: RegExp, severity: 'warning' | 'error' = 'warning') {
  expect(diags.items).toHaveLength(1);
  const d = diags.items[0]!;
  expect(d).toMatchObject({ severity, arn: ARN, tag });
  const printed = formatDiagnostic(d);
  expect(printed).toContain(ARN);
  expect(printed).toContain(JSON.stringify(tag));
  if (message) expect(d.message).toMatch(message);
  return d;
}

describe('readOverrides: obsgen:monitor', () => {
  it('monitors by default, without diagnostics', () => {
    const { diags, overrides } = read([['app', 'shop']]);
    expect(diags.items).toEqual([]);
    expect(overrides.monitor).toBe(true);
    expect(overrides.disabled.size).toBe(0);
    expect(overrides.thresholds.size).toBe(0);
    expect(overrides.severities.size).toBe(0);
  });

  it.each(['false', 'FALSE', ' false ', 'False'])('opts out with %j', (value) => {
    const { diags, overrides } = read([['obsgen:monitor', value]]);
    expect(diags.items).toEqual([]);
    expect(overrides.monitor).toBe(false);
  });

  it.each(['true', 'TRUE', ' true'])('keeps monitoring with %j', (value) => {
    const { diags, overrides } = read([['obsgen:monitor', value]]);
    expect(diags.items).toEqual([]);
    expect(overrides.monitor).toBe(true);
  });

  it.each(['maybe', '', 'no', '0', 'f'])('rejects %j (a finding; monitoring stays on)', (value) => {
    const { diags, overrides } = read([['obsgen:monitor', value]]);
    expectOneFinding(diags, 'obsgen:monitor', /expected "true" or "false"/);
    expect(overrides.monitor).toBe(true);
  });
});

describe('readOverrides: obsgen:disable', () => {
  it('disables each listed alarm', () => {
    const { diags, overrides } = read([['obsgen:disable', 'errors, throttles']]);
    expect(diags.items).toEqual([]);
    expect([...overrides.disabled].sort()).toEqual(['errors', 'throttles']);
  });

  it('disables a metric-filter alarm and tolerates empty items', () => {
    const { diags, overrides } = read([['obsgen:disable', ' ,log-errors,, ']]);
    expect(diags.items).toEqual([]);
    expect([...overrides.disabled]).toEqual(['log-errors']);
  });

  it('rejects an unknown alarm id, keeping the others', () => {
    const { diags, overrides } = read([['obsgen:disable', 'errors, eror']]);
    const d = expectOneFinding(diags, 'obsgen:disable', /no alarm "eror" applies to this resource/);
    expect(d.message).toContain('errors, log-errors, throttles');
    expect([...overrides.disabled]).toEqual(['errors']);
  });

  it('says so when the resource has no alarms at all', () => {
    const { diags } = read([['obsgen:disable', 'errors']], new Set());
    expectOneFinding(diags, 'obsgen:disable', /known: none/);
  });
});

describe('readOverrides: obsgen:threshold:<alarm>', () => {
  it.each([
    ['5', 5],
    ['0.5', 0.5],
    ['-1', -1],
    ['1e3', 1000],
    ['0', 0],
    [' 7 ', 7],
    ['+2', 2],
    ['.25', 0.25],
    ['2.', 2],
    ['1E-2', 0.01],
  ])('accepts %j as %d', (value, expected) => {
    const { diags, overrides } = read([['obsgen:threshold:errors', value]]);
    expect(diags.items).toEqual([]);
    expect(overrides.thresholds.get('errors')).toEqual({ value: expected, tag: 'obsgen:threshold:errors' });
  });

  it.each(['abc', '', '   ', 'NaN', 'Infinity', '-Infinity', '0x10', '0b11', '1,5', '1_000', '5ms', '1e400', '1e', '--1', '1 2'])(
    'rejects %j',
    (value) => {
      const { diags, overrides } = read([['obsgen:threshold:errors', value]]);
      expectOneFinding(diags, 'obsgen:threshold:errors', /expected a number/);
      expect(overrides.thresholds.has('errors')).toBe(false);
    },
  );

  it('rejects an unknown alarm id', () => {
    const { diags, overrides } = read([['obsgen:threshold:eror', '5']]);
    expectOneFinding(diags, 'obsgen:threshold:eror', /no alarm "eror"/);
    expect(overrides.thresholds.size).toBe(0);
  });

  it('does not print control characters from a hostile value', () => {
    const { diags } = read([['obsgen:threshold:errors', '\u001b[2J5']]);
    const d = expectOneFinding(diags, 'obsgen:threshold:errors');
    expect(formatDiagnostic(d)).not.toContain('\u001b');
  });
});

describe('readOverrides: obsgen:severity:<alarm>', () => {
  it.each(['critical', 'warning', 'info', ' info '])('accepts %j', (value) => {
    const { diags, overrides } = read([['obsgen:severity:throttles', value]]);
    expect(diags.items).toEqual([]);
    expect(overrides.severities.get('throttles')).toEqual({ value: value.trim(), tag: 'obsgen:severity:throttles' });
  });

  it.each(['urgent', '', 'page'])('rejects %j and leaves the severity unchanged', (value) => {
    const { diags, overrides } = read([['obsgen:severity:throttles', value]]);
    expectOneFinding(diags, 'obsgen:severity:throttles', /expected one of critical, warning, info/);
    expect(overrides.severities.size).toBe(0);
  });

  it('rejects an unknown alarm id', () => {
    const { diags, overrides } = read([['obsgen:severity:nope', 'info']]);
    expectOneFinding(diags, 'obsgen:severity:nope', /no alarm "nope"/);
    expect(overrides.severities.size).toBe(0);
  });
});

describe('readOverrides: other tags', () => {
  it.each(['obsgen:foo', 'obsgen:threshold', 'obsgen:', 'obsgen:Monitor'])('rejects the unknown obsgen tag %j', (tag) => {
    const { diags } = read([[tag, 'x']]);
    expectOneFinding(diags, tag, /unknown obsgen tag/);
  });

  it('ignores tags outside the obsgen: prefix', () => {
    const { diags, overrides } = read([
      ['app', 'shop'],
      ['Obsgen:monitor', 'false'],
      ['obsgen-monitor', 'false'],
      ['__proto__', 'x'],
    ]);
    expect(diags.items).toEqual([]);
    expect(overrides.monitor).toBe(true);
  });

  it('reads several overrides together and reports each bad one', () => {
    const { diags, overrides } = read([
      ['obsgen:disable', 'throttles'],
      ['obsgen:threshold:errors', '3'],
      ['obsgen:threshold:log-errors', 'lots'],
      ['obsgen:severity:errors', 'warning'],
      ['obsgen:colour', 'red'],
    ]);
    expect(diags.items.map((d) => [d.severity, d.tag])).toEqual([
      ['warning', 'obsgen:threshold:log-errors'],
      ['warning', 'obsgen:colour'],
    ]);
    expect([...overrides.disabled]).toEqual(['throttles']);
    expect(overrides.thresholds.get('errors')?.value).toBe(3);
    expect(overrides.thresholds.has('log-errors')).toBe(false);
    expect(overrides.severities.get('errors')?.value).toBe('warning');
  });
});

describe('readOverrides: a bad tag is a finding about one resource', () => {
  it('says what the resource gets instead: the value it has without the tag', () => {
    expect(read([['obsgen:threshold:errors', '5ms']]).diags.items[0]!.message).toBe('expected a number, got "5ms"; the tag is ignored: the alarm keeps the threshold it has without it');
    expect(read([['obsgen:severity:errors', 'urgent']]).diags.items[0]!.message).toBe("expected one of critical, warning, info, got \"urgent\"; the tag is ignored: the alarm keeps its blueprint's severity");
    expect(read([['obsgen:monitor', 'maybe']]).diags.items[0]!.message).toBe('expected "true" or "false", got "maybe"; the tag is ignored: the resource stays monitored');
    expect(read([['obsgen:threshold:eror', '5']]).diags.items[0]!.message).toBe('no alarm "eror" applies to this resource (known: errors, log-errors, throttles); the tag is ignored');
  });

  it('keeps the threshold and severity the same tags gave last run', () => {
    const previous: PreviousOverrides = {
      threshold: (arn, id, tag) => (arn === ARN && id === 'errors' && tag === 'obsgen:threshold:errors' ? 5 : undefined),
      severity: (arn, id) => (arn === ARN && id === 'errors' ? 'critical' : undefined),
    };
    const { diags, overrides } = read([['obsgen:threshold:errors', '5ms'], ['obsgen:severity:errors', 'urgent']], ALARMS, { previous });
    expect(overrides.thresholds.get('errors')).toEqual({ value: 5, tag: 'obsgen:threshold:errors' });
    expect(overrides.severities.get('errors')).toEqual({ value: 'critical', tag: 'obsgen:severity:errors' });
    expect(diags.items.map((d) => [d.severity, d.tag, d.message])).toEqual([
      ['warning', 'obsgen:threshold:errors', 'expected a number, got "5ms"; the alarm keeps 5, the threshold this tag gave it last run'],
      ['warning', 'obsgen:severity:errors', 'expected one of critical, warning, info, got "urgent"; the alarm keeps its severity of last run, critical'],
    ]);
  });

  it('with --strict, is an error without the "instead"', () => {
    const { diags } = read([['obsgen:threshold:errors', '5ms']], ALARMS, { strict: true });
    const d = expectOneFinding(diags, 'obsgen:threshold:errors', undefined, 'error');
    expect(d.message).toBe('expected a number, got "5ms"');
  });
});
