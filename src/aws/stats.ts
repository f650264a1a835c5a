/** What the live source did: calls per API, retries, failures, for the end-of-run summary. */
export class AwsStats {
  readonly calls = new Map<string, number>();
  readonly failures = new Map<string, number>();
  retries = 0;
  /** Datapoints returned by GetMetricData, to compare calls with their floor. */
  datapoints = 0;
  private readonly started = Date.now();

  /** Records one logical call (after the SDK's own retries). */
  record(api: string, attempts: number, ok: boolean): void {
    this.calls.set(api, (this.calls.get(api) ?? 0) + 1);
    this.retries += Math.max(0, attempts - 1);
    if (!ok) this.failures.set(api, (this.failures.get(api) ?? 0) + 1);
  }

  get totalCalls(): number {
    let n = 0;
    for (const v of this.calls.values()) n += v;
    return n;
  }

  /** Plain data for `--json` and the summary line. */
  summary(): { calls: Record<string, number>; retries: number; failures: Record<string, number>; durationMs: number } {
    const sorted = (m: Map<string, number>) => Object.fromEntries([...m].sort(([a], [b]) => (a < b ? -1 : 1)));
    return { calls: sorted(this.calls), retries: this.retries, failures: sorted(this.failures), durationMs: Date.now() - this.started };
  }
}
