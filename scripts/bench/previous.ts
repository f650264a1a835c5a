import { existsSync, readFileSync } from 'node:fs';

/**
 * The sections of the previous docs/benchmarks.md, by heading, so that a section this run did
 * not measure keeps its figures, marked with the date they were measured on rather than
 * silently passed off as new.
 */
export class PreviousReport {
  private readonly sections = new Map<string, string>();
  private readonly measured: string;

  constructor(file: string) {
    const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
    this.measured = /Measured (\d{4}-\d{2}-\d{2})/.exec(text)?.[1] ?? 'an earlier run';
    for (const part of text.split(/^(?=## )/m).slice(1)) {
      const heading = part.slice(0, part.indexOf('\n')).trim();
      this.sections.set(heading, part.slice(heading.length).trim());
    }
  }

  /** The section under `heading` as it was, noted as not measured by this run; a line saying so when there is none. */
  keep(heading: string, why: string): string[] {
    const body = this.sections.get(heading);
    if (body === undefined) return [heading, '', `Not measured (${why}).`, ''];
    const note = /^_Not measured in this run \(.*?\): figures from (.*?)\._/.exec(body);
    const stripped = note ? body.slice(note[0].length).trim() : body;
    return [heading, '', `_Not measured in this run (${why}): figures from ${note?.[1] ?? this.measured}._`, '', stripped, ''];
  }
}
