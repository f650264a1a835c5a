import { describe, expect, it } from 'vitest';
import { Interned } from '../../src/util/interned.js';

describe('Interned', () => {
  it('gives the first of equal values for every later one, frozen, and keeps values that differ apart', () => {
    const shared = new Interned();
    const first = shared.of({ stat: 'Sum' });
    expect(shared.of({ stat: 'Sum' })).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(() => {
      'use strict';
      (first as { stat: string }).stat = 'Average';
    }).toThrow(TypeError);
    expect(shared.of({ stat: 'Average' })).not.toBe(first);
    // Another key order is another value: never a wrong share, at worst a missed one.
    const labelled = shared.of({ stat: 'Sum', label: 'x' });
    expect(shared.of({ label: 'x', stat: 'Sum' })).not.toBe(labelled);
  });

  it('shares nothing between two instances', () => {
    expect(new Interned().of({ a: 1 })).not.toBe(new Interned().of({ a: 1 }));
  });
});
