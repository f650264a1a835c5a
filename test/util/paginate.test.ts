import { describe, expect, it } from 'vitest';
import { ListingProblem, listOf, paginate, stringOf } from '../../src/util/paginate.js';
import type { PageBounds } from '../../src/util/paginate.js';

/** Pages whose next token is given by `tokens[i]` (page i + 1). */
async function pages(tokens: unknown[], bounds: PageBounds): Promise<{ sent: (string | undefined)[]; error?: unknown }> {
  const sent: (string | undefined)[] = [];
  try {
    for await (const { answer, page } of paginate('x.List', bounds, async (token) => (sent.push(token), { next: tokens[sent.length - 1] }), (a) => a.next)) {
      expect(page).toBe(sent.length);
      void answer;
    }
    return { sent };
  } catch (error) {
    return { sent, error };
  }
}

describe('paginate', () => {
  it('follows tokens until a page gives none, empty or absent', async () => {
    expect(await pages(['a', 'b', ''], { maxPages: 3 })).toEqual({ sent: [undefined, 'a', 'b'] });
    expect(await pages(['a', undefined], { maxPages: 3 })).toEqual({ sent: [undefined, 'a'] });
    expect(await pages([null], { maxPages: 1 })).toEqual({ sent: [undefined] });
  });

  it('takes exactly maxPages pages, and stops before one more', async () => {
    const over = await pages(['a', 'b', 'c', ''], { maxPages: 3 });
    expect(over.sent).toEqual([undefined, 'a', 'b']);
    expect(over.error).toEqual(new ListingProblem('PageLimit', 'x.List went on for more than 3 pages (source.maxPages)'));
  });

  it('stops at a token an earlier page gave, the same one again included', async () => {
    const cycle = await pages(['a', 'b', 'c', 'b'], { maxPages: 100 });
    expect(cycle.sent).toEqual([undefined, 'a', 'b', 'c']);
    expect((cycle.error as Error).message).toBe('x.List page 4 gave the pagination token page 2 gave; the listing would never end');
    expect((cycle.error as Error).name).toBe('RepeatedToken');
    expect(((await pages(['a', 'a'], { maxPages: 100 })).error as Error).message).toBe('x.List page 2 gave the pagination token page 1 gave; the listing would never end');
  });

  it('a token that is not a string is a malformed answer', async () => {
    expect(((await pages([7], { maxPages: 100 })).error as Error).name).toBe('MalformedAnswer');
  });

  it('stops with the reason of an aborted signal, before the next page', async () => {
    const controller = new AbortController();
    const reason = new Error('deadline');
    const sent: (string | undefined)[] = [];
    const listing = paginate('x.List', { maxPages: 100, signal: controller.signal }, async (token) => (sent.push(token), { next: `t${sent.length}` }), (a) => a.next);
    await listing.next();
    controller.abort(reason);
    await expect(listing.next()).rejects.toBe(reason);
    expect(sent).toHaveLength(1);
  });
});

describe('listOf and stringOf', () => {
  it('accept a list, possibly empty, and a non-empty string; nothing else', () => {
    expect(listOf('x.List', { Items: [] }, 'Items')).toEqual([]);
    expect(() => listOf('x.List', {}, 'Items')).toThrow('x.List answered without Items');
    expect(() => listOf('x.List', { Items: {} }, 'Items')).toThrow('x.List answered with a non-list Items');
    expect(() => listOf('x.List', null, 'Items')).toThrow('x.List answered without Items');
    expect(stringOf('x.List', { Id: 'a' }, 'Id', 'entry 1 of page 1')).toBe('a');
    for (const entry of [{}, { Id: '' }, { Id: 3 }, null, 'a']) expect(() => stringOf('x.List', entry, 'Id', 'entry 1 of page 1')).toThrow('x.List answered with entry 1 of page 1 without Id');
  });
});
