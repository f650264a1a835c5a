import { Diagnostics } from '../diagnostics/diagnostic.js';
import { readSourceBytes } from '../diagnostics/source-file.js';
import { historySeriesOf } from '../tune/history.js';
import type { HistorySeries } from '../tune/history.js';

/**
 * Metric history files, read when tuning iterates them: one file at a time, one series at a
 * time (`historySeriesOf`), each series let go once tuning has decided its alarms
 * (ThresholdTuning). Read whole before tuning, the history of 10,000 resources (33,000 series of
 * 14 days at one minute) took a run past 6 GB.
 *
 * Iterating again reads the files again. A problem with a file is reported as it is read; with
 * `unusable`, a file with errors is instead handed to it (a snapshot's file makes its scope's
 * history unavailable, with warnings): tuning then ignores what it had read of that file.
 */
export class HistoryFiles implements Iterable<HistorySeries> {
  constructor(
    private readonly files: readonly string[],
    private readonly diags: Diagnostics,
    private readonly unusable?: (file: string, problems: Diagnostics) => void,
    /** The scope a file holds the history of (a snapshot's: its name says), if any. */
    private readonly scopeOf?: (file: string) => string | undefined,
  ) {}

  *[Symbol.iterator](): Generator<HistorySeries> {
    for (const file of this.files) {
      const local = this.unusable ? new Diagnostics() : this.diags;
      const bytes = readSourceBytes(file, local);
      const scope = this.scopeOf?.(file);
      // A series that names its own account and region keeps them.
      if (bytes) for (const series of historySeriesOf(file, bytes, local)) yield scope === undefined || series.scope !== undefined ? series : { ...series, scope };
      if (local === this.diags) continue;
      if (local.hasErrors) this.unusable!(file, local);
      else this.diags.add(...local.items);
    }
  }
}
