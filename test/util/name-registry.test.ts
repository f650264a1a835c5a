import { describe, expect, it } from 'vitest';
import { sha256 } from '../../src/util/hash.js';
import { assignNames, namespacedKey } from '../../src/util/name-registry.js';

const h = (identity: string, n = 8) => sha256(identity).slice(0, n);

describe('assignNames', () => {
  it('leaves a name only one claimant wants exactly as it is', () => {
    const names = assignNames([{ name: 'a', identity: '1' }, { name: 'b', identity: '2' }]);
    expect([...names]).toEqual([['1', 'a'], ['2', 'b']]);
  });

  it('of several claimants of one name, keeps the first by identity and gives the others a hash of their identity', () => {
    const names = assignNames([{ name: 'x', identity: 'arn:b' }, { name: 'x', identity: 'arn:a' }, { name: 'x', identity: 'arn:c' }]);
    expect(names.get('arn:a')).toBe('x');
    expect(names.get('arn:b')).toBe(`x-${h('arn:b')}`);
    expect(names.get('arn:c')).toBe(`x-${h('arn:c')}`);
  });

  it('a told-apart name depends only on its own identity: others coming and going do not change it', () => {
    const two = assignNames([{ name: 'x', identity: 'arn:a' }, { name: 'x', identity: 'arn:c' }]);
    const three = assignNames([{ name: 'x', identity: 'arn:a' }, { name: 'x', identity: 'arn:b' }, { name: 'x', identity: 'arn:c' }]);
    expect(three.get('arn:c')).toBe(two.get('arn:c'));
  });

  it('prefers the previous holder, then a name that needed no cleaning, then identity order', () => {
    const claims = [{ name: 'x', identity: 'arn:a' }, { name: 'x', identity: 'arn:b', exact: true }, { name: 'x', identity: 'arn:c' }];
    expect(assignNames(claims).get('arn:b')).toBe('x');
    expect(assignNames(claims, { incumbents: new Map([[namespacedKey('', 'x'), 'arn:c']]) }).get('arn:c')).toBe('x');
  });

  it('keeps namespaces apart', () => {
    const names = assignNames([{ name: 'x', namespace: 'eu', identity: '1' }, { name: 'x', namespace: 'us', identity: '2' }]);
    expect([...names.values()]).toEqual(['x', 'x']);
  });

  it('never gives a reserved or taken name, and treats names alike under the namespace key', () => {
    const names = assignNames(
      [{ name: 'con', identity: '1' }, { name: 'Shop', identity: '2' }, { name: 'shop', identity: '3', exact: true }, { name: 'held', identity: '4' }],
      { key: (n) => n.toLowerCase(), reserved: (n) => n === 'con', taken: [namespacedKey('', 'held')] },
    );
    expect(names.get('1')).toBe(`con-${h('1')}`);
    expect(names.get('3')).toBe('shop');
    expect(names.get('2')).toBe(`Shop-${h('2')}`);
    expect(names.get('4')).toBe(`held-${h('4')}`);
  });

  it('uses a longer hash when even the suffixed name is someone else\'s', () => {
    const names = assignNames([{ name: 'x', identity: 'a' }, { name: 'x', identity: 'b' }, { name: `x-${h('b')}`, identity: 'c' }]);
    expect(names.get('c')).toBe(`x-${h('b')}`);
    expect(names.get('b')).toBe(`x-${h('b', 12)}`);
  });

  it('applies the namespace\'s own form (length limits, syntax) to told-apart names', () => {
    const names = assignNames([{ name: 'Abc', identity: 'a' }, { name: 'Abc', identity: 'b' }], { disambiguate: (n, hash) => `${n}${hash.toUpperCase()}` });
    expect(names.get('b')).toBe(`Abc${h('b').toUpperCase()}`);
  });

  it('refuses one identity claiming two names (a bug, not input)', () => {
    expect(() => assignNames([{ name: 'x', identity: '1' }, { name: 'y', identity: '1' }])).toThrow(/internal error/);
  });
});
