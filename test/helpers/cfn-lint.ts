import { spawnSync } from 'node:child_process';
import { REPO } from './paths.js';
import type { Tool } from './tools.js';

/** One cfn-lint finding. */
export interface CfnLintMatch {
  rule: string;
  level: string;
  message: string;
  file: string;
  line: number;
}

/**
 * Runs cfn-lint on templates, from the repository root so that `.cfnlintrc` applies (errors,
 * warnings, and the informational rules it does not list), each checked against the regions
 * given. Returns every finding.
 */
export function cfnLint(tool: Tool, templates: string[], regions: string[]): CfnLintMatch[] {
  if (templates.length === 0) return [];
  const r = spawnSync(tool.command, ['--format', 'json', '--regions', ...regions, '--', ...templates], {
    cwd: REPO,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    timeout: 600_000,
  });
  if (r.error) throw r.error;
  // Exit codes are bit flags for the levels found; the JSON on stdout is the answer.
  if (!r.stdout.trim().startsWith('[')) throw new Error(`cfn-lint gave no JSON (exit ${r.status}): ${r.stderr || r.stdout}`);
  const matches = JSON.parse(r.stdout) as { Rule: { Id: string }; Level: string; Message: string; Filename: string; Location: { Start: { LineNumber: number } } }[];
  return matches.map((m) => ({ rule: m.Rule.Id, level: m.Level, message: m.Message, file: m.Filename, line: m.Location.Start.LineNumber }));
}

/** Templates grouped by the region their path names (`cloudformation/<account>/<region>/…`). */
export function byRegion(paths: string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const p of paths) {
    const region = /\/cloudformation\/\d{12}\/([a-z]{2}(?:-[a-z]+)+-\d)\//.exec(`/${p}`)?.[1] ?? 'us-east-1';
    out.set(region, [...(out.get(region) ?? []), p]);
  }
  return out;
}
