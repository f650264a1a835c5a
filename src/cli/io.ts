import { visible } from '../util/visible.js';

/** The process's streams and working directory, injectable so tests can run the CLI in-process. */
export interface CliIo {
  cwd: string;
  stdout(text: string): void;
  stderr(text: string): void;
  /** Whether stderr is a terminal (progress is shown only then). */
  isTty: boolean;
  /** Rewinds and erases stderr's current line (the progress line): the one control sequence the CLI itself sends. */
  clearLine?(): void;
}

export const EXIT = { ok: 0, findings: 1, failure: 2 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** Carriage return, then ANSI "erase to the end of the line". */
const CLEAR_LINE = '\r\x1b[K';

/** The real process. */
export function processIo(): CliIo {
  return {
    cwd: process.cwd(),
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    isTty: Boolean(process.stderr.isTTY),
  };
}

/**
 * The streams as every command sees them: whatever a command prints (names, tag values,
 * messages from AWS) reaches the terminal with its control, bidirectional and separator
 * characters shown as `\uXXXX` (util/visible.ts), so text cannot move the cursor, recolour,
 * reorder or hide what follows. Line feeds are kept: renderers put each untrusted value on its
 * line with visible() first. JSON output stays the same value (the notation is JSON's escape).
 */
export function terminalIo(io: CliIo): CliIo {
  return {
    cwd: io.cwd,
    isTty: io.isTty,
    stdout: (t) => io.stdout(visible(t, 'keepNewlines')),
    stderr: (t) => io.stderr(visible(t, 'keepNewlines')),
    clearLine: () => (io.clearLine ? io.clearLine() : io.stderr(CLEAR_LINE)),
  };
}
