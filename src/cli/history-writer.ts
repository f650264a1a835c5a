import { closeSync, createReadStream, createWriteStream, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { snapshotFile } from '../discover/snapshot.js';
import { HISTORY_BETWEEN, HISTORY_CLOSE, HISTORY_OPEN, historyLine, metricOfKey } from '../tune/history.js';
import type { HistorySeries } from '../tune/history.js';

/**
 * A snapshot's metric history files, written as the live source reads the series: each one a
 * line (the layout `historyJson` writes, which `generate --snapshot` reads a line at a time)
 * appended to its scope's file, so that a snapshot never holds its history. Kept until the end,
 * 10,000 resources' history (33,000 series of 14 days at one minute) was 5.3 GB as numbers, and
 * one region's file of 40,000 resources more than a string can hold. Series are in the order
 * they came (calls run in parallel): one scope's series are distinct metrics, so the order
 * changes no threshold. Each file is gzipped into place once the fetch is done.
 */
export class HistoryWriter {
  private readonly open = new Map<string, { fd: number; temp: string; path: string; count: number }>();

  constructor(private readonly dir: string) {}

  /** Appends a series to its scope's file. */
  add(scope: string, series: HistorySeries): void {
    let file = this.open.get(scope);
    if (!file) {
      const [account, region] = scope.split('/') as [string, string];
      const path = snapshotFile('metrics', account, region);
      const temp = join(this.dir, `${path}.lines-${process.pid}`);
      mkdirSync(dirname(temp), { recursive: true });
      file = { fd: openSync(temp, 'w'), temp, path, count: 0 };
      this.open.set(scope, file);
      writeSync(file.fd, HISTORY_OPEN);
    }
    writeSync(file.fd, `${file.count++ > 0 ? HISTORY_BETWEEN : ''}${historyLine({ ...metricOfKey(series.key), start: series.start, values: series.values })}`);
  }

  /**
   * Gzips each scope's file into place, except those of `failed` scopes (whose history could
   * not be read whole): they are removed. The paths written, relative to the folder, sorted.
   */
  async finish(failed: { has(scope: string): boolean }): Promise<string[]> {
    const written: string[] = [];
    for (const [scope, file] of [...this.open].sort(([a], [b]) => (a < b ? -1 : 1))) {
      writeSync(file.fd, HISTORY_CLOSE);
      closeSync(file.fd);
      this.open.delete(scope);
      if (!failed.has(scope)) {
        const target = join(this.dir, file.path);
        await pipeline(createReadStream(file.temp), createGzip(), createWriteStream(`${target}.tmp`));
        renameSync(`${target}.tmp`, target);
        written.push(file.path);
      }
      rmSync(file.temp, { force: true });
    }
    return written;
  }

  /** Removes what was written (a snapshot that stopped). */
  discard(): void {
    for (const file of this.open.values()) {
      closeSync(file.fd);
      rmSync(file.temp, { force: true });
    }
    this.open.clear();
  }
}
