import { describe, expect, it } from 'vitest';
import { DeadlinePassed, Deadlines } from '../../src/aws/deadlines.js';
import { Limiter } from '../../src/aws/limiter.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('Limiter and deadlines', () => {
  it('a task waiting for a slot gives up when its signal is aborted, and takes no slot', async () => {
    const limiter = new Limiter(1);
    let release!: () => void;
    const first = limiter.run(() => new Promise<void>((r) => (release = r)));
    const controller = new AbortController();
    const reason = new Error('deadline');
    const waiting = limiter.run(async () => 'never', controller.signal);
    controller.abort(reason);
    await expect(waiting).rejects.toBe(reason);
    release();
    await first;
    // The slot is free again: a later task runs at once.
    expect(await limiter.run(async () => 'next')).toBe('next');
  });

  it('the rate limit waits only as long as the signal allows', async () => {
    const limiter = new Limiter(10, 1);
    await limiter.run(async () => {});
    const started = Date.now();
    await expect(limiter.run(async () => {}, AbortSignal.timeout(50))).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(500);
  });

  it("a scope's budget is spent across its phases; the run's deadline cuts everyone", async () => {
    const deadlines = new Deadlines({ scopeTimeoutMs: 300, runTimeoutMs: 10_000 });
    await deadlines.within('a/eu-west-1', () => sleep(200));
    // 100 ms left for this scope's next phase: a phase of 200 ms is cut, with the scope's reason.
    const cut = deadlines.within('a/eu-west-1', (signal) => sleep(200).then(() => signal.aborted));
    await expect(cut).rejects.toEqual(new DeadlinePassed('ScopeDeadline', 'reading this scope took longer than 0.3 s (source.scopeTimeoutSeconds)'));
    // Another scope has its own budget; a scope with none left is not started.
    expect(await deadlines.within('b/eu-west-1', async () => 'read')).toBe('read');
    let started = false;
    await expect(deadlines.within('a/eu-west-1', async () => void (started = true))).rejects.toThrow('reading this scope');
    expect(started).toBe(false);

    const short = new Deadlines({ scopeTimeoutMs: 10_000, runTimeoutMs: 100 });
    await expect(short.within('a/eu-west-1', () => sleep(1000))).rejects.toEqual(new DeadlinePassed('RunDeadline', 'the live run took longer than 0.1 s (source.runTimeoutSeconds)'));
    expect(short.runSignal.aborted).toBe(true);
  });
});
