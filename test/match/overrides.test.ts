import { describe, expect, it } from 'vitest';
import { Diagnostics, formatDiagnostic } from '../../src/diagnostics/diagnostic.js';
import type { Resource } from '../../src/discover/types.js';
import { readOverrides } from '../../src/match/overrides.js';
import { fnArn, inventoryOf } from '../fixtures/inputs/tagged-resources.js';

const ARN = fnArn('checkout');
const ALARMS = new Set(['errors', 'throttles', 'log-errors']);

function resourceWith(tags: [string, string][]): Resource {
  const inventory = inventoryOf({ [ARN]: tags });
  expect(inventory.resources).toHaveLength(1);
  return inventory.resources[0]!;
}

function read(tags: [string, string][], alarmIds: ReadonlySet<string> = ALARMS) {
  const diags = new Diagnostics();
  const overrides = readOverrides(resourceWith(tags), alarmIds, diags);
  return { diags, overrides };
}

/** Exactly one error, naming the resource and the tag. */
function expectOneError(diags: Diagnostics, tag: string, message?: RegExp) {
  expect(diags.items).toHaveLength(1);
  const d = diags.items[0]!;
  expect(d).toMatchObject({ severity: 'error', arn: ARN, tag });
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

  it.each(['maybe', '', 'no', '0', 'f'])('rejects %j (an error; monitoring stays on)', (value) => {
    const { diags, overrides } = read([['obsgen:monitor', value]]);
    expectOneError(diags, 'obsgen:monitor', /expected "true" or "false"/);
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
    const d = expectOneError(diags, 'obsgen:disable', /no alarm "eror" applies to this resource/);
    expect(d.message).toContain('errors, log-errors, throttles');
    expect([...overrides.disabled]).toEqual(['errors']);
  });

  it('says so when the resource has no alarms at all', () => {
    const { diags } = read([['obsgen:disable', 'errors']], new Set());
    expectOneError(diags, 'obsgen:disable', /known: none/);
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
      expectOneError(diags, 'obsgen:threshold:errors', /expected a number/);
      expect(overrides.thresholds.has('errors')).toBe(false);
    },
  );

  it('rejects an unknown alarm id', () => {
    const { diags, overrides } = read([['obsgen:threshold:eror', '5']]);
    expectOneError(diags, 'obsgen:threshold:eror', /no alarm "eror"/);
    expect(overrides.thresholds.size).toBe(0);
  });

  it('does not print control characters from a hostile value', () => {
    const { diags } = read([['obsgen:threshold:errors', '\u001b[2J5']]);
    const d = expectOneError(diags, 'obsgen:threshold:errors');
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
    expectOneError(diags, 'obsgen:severity:throttles', /expected one of critical, warning, info/);
    expect(overrides.severities.size).toBe(0);
  });

  it('rejects an unknown alarm id', () => {
    const { diags, overrides } = read([['obsgen:severity:nope', 'info']]);
    expectOneError(diags, 'obsgen:severity:nope', /no alarm "nope"/);
    expect(overrides.severities.size).toBe(0);
  });
});

describe('readOverrides: other tags', () => {
  it.each(['obsgen:foo', 'obsgen:threshold', 'obsgen:', 'obsgen:Monitor'])('rejects the unknown obsgen tag %j', (tag) => {
    const { diags } = read([[tag, 'x']]);
    expectOneError(diags, tag, /unknown obsgen tag/);
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
      ['error', 'obsgen:threshold:log-errors'],
      ['error', 'obsgen:colour'],
    ]);
    expect([...overrides.disabled]).toEqual(['throttles']);
    expect(overrides.thresholds.get('errors')?.value).toBe(3);
    expect(overrides.thresholds.has('log-errors')).toBe(false);
    expect(overrides.severities.get('errors')?.value).toBe('warning');
  });
});
