import { formatDiagnostic, sortDiagnostics } from '../diagnostics/diagnostic.js';
import type { Diagnostics } from '../diagnostics/diagnostic.js';
import type { CliIo } from './io.js';
import { EXIT } from './io.js';
import type { ExitCode } from './io.js';
import { relative } from 'node:path';

/** Prints diagnostics (paths relative to the working directory) to stderr. */
export function printDiagnostics(diags: Diagnostics, io: CliIo): void {
  for (const d of sortDiagnostics(diags.items)) {
    const file = d.file && d.file.startsWith('/') ? relative(io.cwd, d.file) || d.file : d.file;
    io.stderr(`${formatDiagnostic({ ...d, ...(file !== undefined ? { file } : {}) })}\n`);
  }
}

/** 2 for errors, 1 for warnings, else 0. */
export function exitCodeFor(diags: Diagnostics): ExitCode {
  return diags.hasErrors ? EXIT.failure : diags.hasWarnings ? EXIT.findings : EXIT.ok;
}

/** Diagnostics as JSON-friendly objects (relative paths). */
export function diagnosticsJson(diags: Diagnostics, io: CliIo): object[] {
  return sortDiagnostics(diags.items).map((d) => ({
    ...d,
    ...(d.file && d.file.startsWith('/') ? { file: relative(io.cwd, d.file) || d.file } : {}),
  }));
}
