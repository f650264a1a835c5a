import { sleep } from '../util/abort.js';

/**
 * Bounds concurrency and request rate. AWS APIs have per-account, per-region quotas
 * (GetMetricData: 50 TPS); staying under them costs less than being throttled and retried.
 * A task waiting for a slot or for the rate gives up when its signal is aborted (a deadline
 * passed), so a deadline is never spent queueing.
 */
export class Limiter {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly starts: number[] = [];

  constructor(
    private readonly concurrency: number,
    /** Maximum starts per second; Infinity for no rate limit. */
    private readonly perSecond = Infinity,
    private readonly now: () => number = () => Date.now(),
    private readonly wait: (ms: number, signal?: AbortSignal) => Promise<void> = sleep,
  ) {}

  /** Runs `task` when a slot (and the rate) allows; rejects with the signal's reason if it is aborted before. */
  async run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    await this.acquire(signal);
    try {
      await this.pace(signal);
      signal?.throwIfAborted();
      return await task();
    } finally {
      this.release();
    }
  }

  private async acquire(signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    if (this.active < this.concurrency) {
      this.active++;
      return;
    }
    await new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        const i = this.waiting.indexOf(take);
        if (i >= 0) this.waiting.splice(i, 1);
        reject(signal!.reason as Error);
      };
      // The slot is handed over by `release` (the count of active tasks does not change).
      const take = (): void => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      this.waiting.push(take);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
  }

  private async pace(signal?: AbortSignal): Promise<void> {
    if (!Number.isFinite(this.perSecond)) return;
    for (;;) {
      const t = this.now();
      while (this.starts.length > 0 && this.starts[0]! <= t - 1000) this.starts.shift();
      if (this.starts.length < this.perSecond) {
        this.starts.push(t);
        return;
      }
      await this.wait(this.starts[0]! + 1000 - t, signal);
    }
  }
}
