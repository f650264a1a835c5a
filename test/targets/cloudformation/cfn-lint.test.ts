import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { syntheticEstate } from '../../../scripts/lib/synthetic-estate.js';
import { byRegion, cfnLint } from '../../helpers/cfn-lint.js';
import { everyTypeEstate, expectEveryType } from '../../helpers/every-type-estate.js';
import type { CfnLintMatch } from '../../helpers/cfn-lint.js';
import { REPO } from '../../helpers/paths.js';
import { generateFor } from '../../helpers/pipeline.js';
import { writeTree } from '../../helpers/real-terraform.js';
import { cfnLintTool, need } from '../../helpers/tools.js';

// cfn-lint, AWS's own CloudFormation linter: errors and warnings are never accepted, and the
// informational rules only as .cfnlintrc lists them, each with its reason.
const { tool, skip } = need('cfn-lint', cfnLintTool());

/** Every template under a folder (stack templates and import templates; not parameter files). */
function templatesUnder(root: string): string[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((p) => /(^|\/)cloudformation\/.*\.(yaml|json)$/.test(p) && !p.endsWith('.resources-to-import.json'))
    .map((p) => join(root, p))
    .sort();
}

/** cfn-lint on templates, each against the region it is deployed in. */
function lint(paths: string[]): CfnLintMatch[] {
  expect(paths.length).toBeGreaterThan(0);
  return [...byRegion(paths)].flatMap(([region, files]) => cfnLint(tool!, files, [region]));
}

/** The CloudFormation files of a run in memory, written to a temporary folder. */
function written(files: { path: string; content: string }[]): string {
  return writeTree(files.filter((f) => f.path.startsWith('cloudformation/')).map((f) => [f.path, f.content]));
}

describe.skipIf(skip)('cfn-lint on the generated templates', () => {
  it('the golden output and every concept golden', () => {
    const paths = [...templatesUnder(join(REPO, 'generated')), ...templatesUnder(join(REPO, 'test/concepts'))];
    expect(lint(paths)).toEqual([]);
  }, 300_000);

  it('an estate of every resource type, several full stacks per scope, in YAML', () => {
    const { result } = generateFor(everyTypeEstate(), { config: (c) => (c.output.targets = ['cloudformation']) });
    expectEveryType(result!.manifest);
    const dir = written(result!.files);
    const paths = templatesUnder(dir);
    // Each of the 4 scopes: an apps stack and at least 2 alarm stacks, the first filled to its 200 outputs.
    expect(paths.filter((p) => /obsgen-alarms-02\.yaml$/.test(p)).length).toBe(4);
    expect(paths.length).toBeGreaterThanOrEqual(12);
    expect(lint(paths)).toEqual([]);
  }, 600_000);

  it('JSON templates', () => {
    const { result } = generateFor(Object.fromEntries(syntheticEstate({ resources: 60, seed: 5 })), {
      config: (c) => {
        c.output.targets = ['cloudformation'];
        c.output.cloudformation.syntax = 'json';
      },
    });
    const paths = templatesUnder(written(result!.files));
    expect(paths.every((p) => p.endsWith('.json'))).toBe(true);
    expect(lint(paths)).toEqual([]);
  }, 300_000);

  it('the check can fail: a broken template is reported', () => {
    const { result } = generateFor(Object.fromEntries(syntheticEstate({ resources: 20, seed: 5 })), { config: (c) => (c.output.targets = ['cloudformation']) });
    const files = result!.files.map((f) => ({ path: f.path, content: f.content.replace('ComparisonOperator: GreaterThanThreshold', 'ComparisonOperator: GreaterThan') }));
    const problems = lint(templatesUnder(written(files)));
    expect(problems.some((p) => p.level === 'Error' && /GreaterThan/.test(p.message))).toBe(true);
  }, 300_000);
});
