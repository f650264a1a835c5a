import { closeSync, createWriteStream, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { snapshotFile } from '../discover/snapshot.js';
import { HISTORY_BETWEEN, HISTORY_CLOSE, HISTORY_OPEN, historyLine, metricOfKey } from '../tune/history.js';
import type { HistorySeries } from '../tune/history.js';
import { compare } from '../util/compare.js';
import { readAll } from '../util/read-all.js';

/**
 * A snapshot's metric history files, written as the live source reads the series, so that a
 * snapshot never holds its history: kept until the end, 10,000 resources' history (33,000
 * series of 14 days at one minute) was 5.3 GB as numbers, and one region's file of 40,000
 * resources more than a string can hold. Each series' line (the layout `historyJson` writes,
 * which `generate --snapshot` reads a line at a time) is appended to its scope's scratch file as
 * it comes; calls run in parallel, so they come in no fixed order. At the end each scope's file
 * is gzipped into place with its series sorted by metric (their history keys), each line read
 * back from where it was written: the same account gives the same bytes, however the calls
 * interleaved, and memory holds one line at a time.
 */
export class HistoryWriter {
  private readonly open = new Map<string, ScratchFile>();

  constructor(private readonly dir: string) {}

  /** Appends a series to its scope's scratch file. */
  add(scope: string, series: HistorySeries): void {
    let file = this.open.get(scope);
    if (!file) {
      const [account, region] = scope.split('/') as [string, string];
      const path = snapshotFile('metrics', account, region);
      const temp = join(this.dir, `${path}.lines-${process.pid}`);
      mkdirSync(dirname(temp), { recursive: true });
      file = { fd: openSync(temp, 'w+'), temp, path, lines: [] };
      this.open.set(scope, file);
    }
    const line = Buffer.from(historyLine({ ...metricOfKey(series.key), start: series.start, values: series.values }));
    const last = file.lines.at(-1);
    const offset = last ? last.offset + last.length : 0;
    writeSync(file.fd, line);
    file.lines.push({ key: series.key, offset, length: line.length });
  }

  /**
   * Gzips each scope's file into place, except those of `failed` scopes (whose history could
   * not be read whole): they are removed. The paths written, relative to the folder, sorted.
   */
  async finish(failed: { has(scope: string): boolean }): Promise<string[]> {
    const written: string[] = [];
    for (const [scope, file] of [...this.open].sort(([a], [b]) => compare(a, b))) {
      this.open.delete(scope);
      try {
        if (!failed.has(scope)) {
          const target = join(this.dir, file.path);
          await pipeline(Readable.from(sortedLines(file)), createGzip(), createWriteStream(`${target}.tmp`));
          renameSync(`${target}.tmp`, target);
          written.push(file.path);
        }
      } finally {
        closeSync(file.fd);
        rmSync(file.temp, { force: true });
      }
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

/** A scope's scratch file: its series' lines as they came, and where each is. */
interface ScratchFile {
  fd: number;
  temp: string;
  /** The snapshot's file, relative to the folder. */
  path: string;
  /** In the order written, one after the other. */
  lines: { key: string; offset: number; length: number }[];
}

/** The scope's history file, in pieces: its series' lines in the order of their keys, each read back from the scratch file. */
function* sortedLines(file: ScratchFile): Generator<Buffer> {
  // A scope's series are distinct metrics (one key each); were one read twice, the order it came
  // in decides (the sort is stable).
  const order = file.lines.sort((a, b) => compare(a.key, b.key));
  yield Buffer.from(HISTORY_OPEN);
  for (const [i, line] of order.entries()) {
    if (i > 0) yield Buffer.from(HISTORY_BETWEEN);
    const bytes = Buffer.allocUnsafe(line.length);
    if (readAll(file.fd, bytes, line.length, line.offset) !== line.length) throw new Error(`internal error: ${file.temp} ends before its series' lines`);
    yield bytes;
  }
  yield Buffer.from(HISTORY_CLOSE);
}
