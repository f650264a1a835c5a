import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fillParts } from '../../src/util/parts.js';

// Pages too large for a code host continue on parts. A nightly change adds or removes a resource
// or two; the reviewer should see the parts it lands in change, not every part after it.

interface Item {
  key: string;
  bytes: number;
}

const ROOM = 400_000;
const cut = (items: readonly Item[]) =>
  fillParts(
    items,
    (i) => i.bytes,
    ROOM,
    (i) => i.key,
  );
const keysOf = (parts: Item[][]) => parts.map((p) => p.map((i) => i.key).join(' '));

/** Sections as an application page has them: ARNs in order, 1.5 to 4 KB each. */
const items = (n: number) =>
  fc
    .uniqueArray(fc.tuple(fc.stringMatching(/^[a-z0-9]{12}$/), fc.integer({ min: 1500, max: 4000 })), { minLength: n, maxLength: n, selector: ([k]) => k })
    .map((list) => list.map(([k, bytes]) => ({ key: `arn:aws:lambda:eu-west-1:111111111111:function:${k}`, bytes })).sort((a, b) => (a.key < b.key ? -1 : 1)));

describe('parts of a long page', () => {
  it('hold every item once, in order, each part within the room (an item larger than it alone)', () => {
    fc.assert(
      fc.property(items(300), fc.integer({ min: 0, max: 5 }), (list, big) => {
        const withBig = list.map((i, k) => (k % 97 === big ? { ...i, bytes: ROOM + 1 } : i));
        const parts = cut(withBig);
        expect(parts.flat()).toEqual(withBig);
        for (const p of parts) {
          expect(p.length).toBeGreaterThan(0);
          const bytes = p.reduce((n, i) => n + i.bytes, 0);
          if (p.length > 1) expect(bytes).toBeLessThanOrEqual(ROOM);
        }
      }),
      { numRuns: 50 },
    );
  });

  it('change where an item is added, and seldom after it: not every later part', () => {
    let changed = 0;
    let parts = 0;
    let trials = 0;
    fc.assert(
      fc.property(items(2000), fc.nat(), fc.integer({ min: 1500, max: 4000 }), (list, at, bytes) => {
        const before = cut(list);
        const added = { key: `${list[at % list.length]!.key}-x`, bytes };
        const after = cut([...list, added].sort((a, b) => (a.key < b.key ? -1 : 1)));
        const old = new Set(keysOf(before));
        const now = keysOf(after);
        // Every part before the one the item lands in is as it was.
        const landed = after.findIndex((p) => p.includes(added));
        expect(now.slice(0, landed)).toEqual(keysOf(before).slice(0, landed));
        changed += now.filter((p) => !old.has(p)).length;
        parts += before.length;
        trials++;
      }),
      { numRuns: 40 },
    );
    // Filling each part to the budget rewrote 5 of 14 parts on average for one added item.
    expect(changed / trials).toBeLessThan(1.6);
    // And the parts stay well filled: about three quarters of the room, so not many more of them.
    expect(parts / trials).toBeLessThan((2000 * 2750) / (0.6 * ROOM));
  });
});
