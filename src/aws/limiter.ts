/**
 * Bounds concurrency and request rate. AWS APIs have per-account, per-region quotas
 * (GetMetricData: 50 TPS); staying under them costs less than being throttled and retried.
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
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  /** Runs `task` when a slot (and the rate) allows. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      await this.pace();
      return await task();
    } finally {
      this.release();
    }
  }

  private async acquire(): Promise<void> {
    if (this.active < this.concurrency) {
      this.active++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
  }

  private async pace(): Promise<void> {
    if (!Number.isFinite(this.perSecond)) return;
    for (;;) {
      const t = this.now();
      while (this.starts.length > 0 && this.starts[0]! <= t - 1000) this.starts.shift();
      if (this.starts.length < this.perSecond) {
        this.starts.push(t);
        return;
      }
      await this.sleep(this.starts[0]! + 1000 - t);
    }
  }
}
