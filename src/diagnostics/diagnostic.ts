import { compare } from '../util/compare.js';
import { visible } from '../util/visible.js';

/** Where a problem is: a position in an input file, or a resource and (optionally) one of its tags. */
export interface Location {
  file?: string;
  line?: number;
  column?: number;
  /** Path into the document, e.g. `alarms[0].period`. */
  path?: string;
  arn?: string;
  tag?: string;
}

/**
 * `error` is bad input (exit 2, nothing written); `warning` is a finding that does not stop
 * generation (exit 1), such as a malformed override tag, which anyone who can tag a resource
 * controls and so must not be able to block a run (unless `--strict` asks for that).
 */
export type DiagnosticSeverity = 'error' | 'warning';

export interface Diagnostic extends Location {
  severity: DiagnosticSeverity;
  message: string;
}

/** How a run treats findings. */
export interface DiagnosticsOptions {
  /** `--strict`: a problem with one resource's tags is an error (exit 2, nothing written), not a warning. */
  strict?: boolean;
}

/** Collects diagnostics across a stage instead of throwing at the first problem. */
export class Diagnostics {
  readonly items: Diagnostic[] = [];
  private readonly seen = new Set<string>();
  readonly strict: boolean;

  constructor(options: DiagnosticsOptions = {}) {
    this.strict = options.strict ?? false;
  }

  /** Records bad input. */
  error(message: string, where: Location = {}): void {
    this.add({ severity: 'error', message, ...where });
  }

  /** Records a finding that does not stop generation. */
  warning(message: string, where: Location = {}): void {
    this.add({ severity: 'warning', message, ...where });
  }

  /**
   * Records a problem with one resource's tags (a malformed `obsgen:` tag, a tag a template
   * reads that the resource does not have). Tags are set by many teams, not by whoever runs
   * obsgen: so the problem is a warning that says what the resource gets instead (`instead`),
   * and the run goes on for everyone else. With `strict`, it is an error.
   */
  tagProblem(message: string, instead: string, where: Location & { arn: string; tag: string }): void {
    if (this.strict) this.error(message, where);
    else this.warning(`${message}; ${instead}`, where);
  }

  /** Appends diagnostics; an identical one (same place, same message) is kept once. */
  add(...items: Diagnostic[]): void {
    for (const d of items) {
      const key = formatDiagnostic(d);
      if (this.seen.has(key)) continue;
      this.seen.add(key);
      this.items.push(d);
    }
  }

  get hasErrors(): boolean {
    return this.items.some((d) => d.severity === 'error');
  }

  get hasWarnings(): boolean {
    return this.items.some((d) => d.severity === 'warning');
  }
}

/** `file:line:col: severity: message`, or `arn (tag "k"): severity: message`. */
export function formatDiagnostic(d: Diagnostic): string {
  const where: string[] = [];
  if (d.file !== undefined) {
    where.push(d.line !== undefined ? `${d.file}:${d.line}:${d.column ?? 1}` : d.file);
  }
  if (d.arn !== undefined) {
    where.push(d.tag !== undefined ? `${d.arn} (tag ${JSON.stringify(d.tag)})` : d.arn);
  }
  const prefix = where.length > 0 ? `${where.join(': ')}: ` : '';
  const path = d.path ? `${d.path}: ` : '';
  return escapeControl(`${prefix}${d.severity}: ${path}${d.message}`);
}

/** Untrusted text (tag values, ARNs from files) must not drive the terminal: see util/visible.ts. */
export function escapeControl(text: string): string {
  return visible(text);
}

/** Stable order for printing: by file, line, column, then ARN and message. */
export function sortDiagnostics(items: readonly Diagnostic[]): Diagnostic[] {
  return [...items].sort(
    (a, b) =>
      compare(a.file ?? '', b.file ?? '') ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      compare(a.arn ?? '', b.arn ?? '') ||
      compare(a.message, b.message),
  );
}
