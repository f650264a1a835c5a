/**
 * A problem with the output folder that comes from the machine, not from a bug: a file where
 * the folder should be, a permission, a full disk, another run holding the lock. Commands
 * report it as a diagnostic at `file` (exit 2), never as an internal error.
 */
export class OutputFolderError extends Error {
  constructor(
    message: string,
    readonly file: string,
  ) {
    super(message);
    this.name = 'OutputFolderError';
  }
}

/** The system error code and its short text (`EACCES: permission denied`), or the message. */
export function systemProblem(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (typeof err?.code === 'string' && typeof err.message === 'string') {
    // Node's messages read `EACCES: permission denied, rename 'a' -> 'b'`: the paths are said elsewhere.
    const text = err.message.startsWith(`${err.code}: `) ? err.message.slice(err.code.length + 2).replace(/,.*$/s, '') : '';
    return text ? `${err.code}: ${text}` : err.code;
  }
  return String((e as Error)?.message ?? e);
}

/** Whether `e` is a system error (it has an errno code), as opposed to a bug. */
export function isSystemError(e: unknown): e is NodeJS.ErrnoException {
  return e instanceof Error && typeof (e as NodeJS.ErrnoException).code === 'string' && /^E[A-Z]+$/.test((e as NodeJS.ErrnoException).code!);
}
