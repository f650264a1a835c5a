/*
 * Bounded pagination, and what a live answer must look like before it is believed. A listing
 * that does not end (a token that comes back, or one new token after another) or an answer that
 * is not what the API promises must never pass for a complete one: the caller's scope is then
 * incomplete and keeps the monitoring it had.
 */

/** How far one paginated listing may go. */
export interface PageBounds {
  /** Most pages one listing may take; one more makes it incomplete (`source.maxPages`). */
  maxPages: number;
  /** Aborted when the scope's or the run's deadline passes. */
  signal?: AbortSignal;
}

/** Why a listing could not be believed: a bound it hit, or an answer that is not what the API promises. */
export type ListingProblemKind = 'PageLimit' | 'RepeatedToken' | 'MalformedAnswer';

/** A listing that hit a bound or got a malformed answer; its scope is incomplete. */
export class ListingProblem extends Error {
  constructor(
    readonly kind: ListingProblemKind,
    message: string,
  ) {
    super(message);
    this.name = kind;
  }
}

/**
 * The answers of one listing, page by page (numbered from 1), until a page gives no token (absent or empty, as
 * the Tagging API ends with `""`). Stops with a {@link ListingProblem} when a page gives a token
 * an earlier page gave (the listing would loop), a token that is not a string, or when more
 * than `maxPages` pages would be needed; and with the signal's reason once it is aborted.
 */
export async function* paginate<P>(
  api: string,
  bounds: PageBounds,
  fetch: (token: string | undefined) => Promise<P>,
  tokenOf: (page: P) => unknown,
): AsyncGenerator<{ answer: P; page: number }> {
  const seen = new Map<string, number>();
  let token: string | undefined;
  for (let page = 1; ; page++) {
    bounds.signal?.throwIfAborted();
    if (page > bounds.maxPages) {
      throw new ListingProblem('PageLimit', `${api} went on for more than ${bounds.maxPages} pages (source.maxPages)`);
    }
    const answer = await fetch(token);
    yield { answer, page };
    const next = tokenOf(answer);
    if (next === undefined || next === null || next === '') return;
    if (typeof next !== 'string') throw new ListingProblem('MalformedAnswer', `${api} page ${page} gave a pagination token that is not a string`);
    const earlier = seen.get(next);
    if (earlier !== undefined) {
      throw new ListingProblem('RepeatedToken', `${api} page ${page} gave the pagination token page ${earlier} gave; the listing would never end`);
    }
    seen.set(next, page);
    token = next;
  }
}

/** A page's list member: an array (possibly empty), else the answer is malformed. */
export function listOf(api: string, page: unknown, member: string): unknown[] {
  const value = page !== null && typeof page === 'object' ? (page as Record<string, unknown>)[member] : undefined;
  if (Array.isArray(value)) return value;
  throw new ListingProblem('MalformedAnswer', `${api} answered ${value === undefined ? 'without' : 'with a non-list'} ${member}`);
}

/** A list entry's string member (non-empty), else the answer is malformed; `where` names the entry (`entry 3 of page 2`). */
export function stringOf(api: string, entry: unknown, member: string, where: string): string {
  const value = entry !== null && typeof entry === 'object' ? (entry as Record<string, unknown>)[member] : undefined;
  if (typeof value === 'string' && value !== '') return value;
  throw new ListingProblem('MalformedAnswer', `${api} answered with ${where} without ${member}`);
}

/** A malformed answer, in the caller's words. */
export function malformed(message: string): ListingProblem {
  return new ListingProblem('MalformedAnswer', message);
}
