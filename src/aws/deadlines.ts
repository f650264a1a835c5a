import { setMaxListeners } from 'node:events';
import { raceAbort } from '../util/abort.js';

/** Which deadline passed: one scope's reading time, or the whole live run's. */
export class DeadlinePassed extends Error {
  constructor(
    readonly kind: 'ScopeDeadline' | 'RunDeadline',
    message: string,
  ) {
    super(message);
    this.name = kind;
  }
}

/** How long the live source may read: one account/region (over all its phases), and the whole run. */
export interface DeadlineSettings {
  scopeTimeoutMs: number;
  runTimeoutMs: number;
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}

/**
 * The run's deadline, from the session's start, and each scope's budget of reading time,
 * spent across its phases (resources, log groups, metric history). Work past either is cut:
 * its signal is aborted (SDK calls, retries and the limiter's queue give up) and the caller
 * gets the deadline's reason at once, so one stuck scope never holds the others.
 */
export class Deadlines {
  private readonly run = new AbortController();
  private readonly spent = new Map<string, number>();

  constructor(private readonly settings: DeadlineSettings) {
    const timer = setTimeout(
      () => this.run.abort(new DeadlinePassed('RunDeadline', `the live run took longer than ${seconds(settings.runTimeoutMs)} (source.runTimeoutSeconds)`)),
      settings.runTimeoutMs,
    );
    // The deadline alone must not keep the process alive once the run is done.
    timer.unref();
    setMaxListeners(0, this.run.signal);
  }

  /** Aborted when the run's deadline passes. */
  get runSignal(): AbortSignal {
    return this.run.signal;
  }

  /** Runs one scope's work within what is left of its budget and of the run's. */
  async within<T>(scope: string, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const left = this.settings.scopeTimeoutMs - (this.spent.get(scope) ?? 0);
    const own = new AbortController();
    const reason = new DeadlinePassed('ScopeDeadline', `reading this scope took longer than ${seconds(this.settings.scopeTimeoutMs)} (source.scopeTimeoutSeconds)`);
    const timer = setTimeout(() => own.abort(reason), Math.max(0, left));
    timer.unref();
    if (left <= 0) own.abort(reason);
    const signal = AbortSignal.any([this.run.signal, own.signal]);
    // Every call in flight in the scope listens to it (and to the run's): not a leak.
    setMaxListeners(0, signal);
    const started = Date.now();
    try {
      signal.throwIfAborted();
      return await raceAbort(work(signal), signal);
    } finally {
      clearTimeout(timer);
      // A phase its scope's deadline cut has spent the whole budget. Measured, it could come to
      // a millisecond less (the timer fires on time, two Date.now() readings round down), which
      // left the scope 1 ms for a next phase instead of none.
      this.spent.set(scope, own.signal.aborted ? this.settings.scopeTimeoutMs : (this.spent.get(scope) ?? 0) + Date.now() - started);
    }
  }
}
