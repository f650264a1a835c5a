import { describe, expect, it } from 'vitest';
import { byRegion, cfnLint } from '../../helpers/cfn-lint.js';
import { parseTemplate, validateTemplates } from '../../helpers/cloudformation-output.js';
import { deployCloudFormation } from '../../helpers/deploy-cloudformation.js';
import { generateFor, lambdas } from '../../helpers/pipeline.js';
import { writeTree } from '../../helpers/real-terraform.js';
import { cfnLintTool, need } from '../../helpers/tools.js';
import { join } from 'node:path';

/*
 * Several action ARNs per severity (issue #19, item 8): the config gives a list, a stack takes
 * it as a CommaDelimitedList parameter defaulting to it (as the Terraform module's
 * alarm_actions takes a list), and an empty list still means no action.
 */

const PAGER = 'arn:aws:sns:eu-west-1:123456789012:pager';
const CHAT = 'arn:aws:sns:eu-west-1:123456789012:chat';
const { tool: cfnLintCommand, skip: noCfnLint } = need('cfn-lint', cfnLintTool());

function run() {
  const { result, diags } = generateFor(lambdas(2), {
    config: (c) => {
      c.output.targets = ['cloudformation', 'terraform'];
      c.actions.critical = ['arn:{{partition}}:sns:{{region}}:{{account}}:pager', 'arn:{{partition}}:sns:{{region}}:{{account}}:chat'];
      c.actions.warning = [];
    },
  });
  expect(diags.items.filter((d) => d.severity === 'error')).toEqual([]);
  return result!.files.map((f): [string, string] => [f.path, f.content]);
}

describe('several alarm actions per severity', () => {
  const files = run();
  const stacks = files.filter(([p]) => /^cloudformation\/.*obsgen-alarms-\d+\.yaml$/.test(p));

  it('a stack takes them as one list parameter, defaulting to the configured ARNs', () => {
    expect(stacks).toHaveLength(1);
    const [path, text] = stacks[0]!;
    const t = parseTemplate(path, text) as { Parameters: Record<string, { Type: string; Default: string }>; Conditions: Record<string, unknown> };
    expect(t.Parameters['CriticalAlarmAction']).toMatchObject({ Type: 'CommaDelimitedList', Default: `${PAGER},${CHAT}` });
    expect(t.Parameters['WarningAlarmAction']).toMatchObject({ Type: 'CommaDelimitedList', Default: '' });
    expect(t.Conditions['HasWarningAlarmAction']).toEqual({ 'Fn::Not': [{ 'Fn::Equals': [{ 'Fn::Join': ['', { Ref: 'WarningAlarmAction' }] }, ''] }] });
  });

  it('deployed with its defaults, critical alarms notify both and warnings nobody', () => {
    const [deployed] = deployCloudFormation(stacks).values();
    const critical = deployed!.alarms.filter((a) => (a.AlarmName ?? '').endsWith('/error-rate'));
    expect(critical.length).toBe(2);
    for (const a of critical) expect(a).toMatchObject({ AlarmActions: [PAGER, CHAT], OKActions: [PAGER, CHAT] });
    const warnings = deployed!.alarms.filter((a) => !(a.AlarmName ?? '').endsWith('/error-rate'));
    expect(warnings.length).toBeGreaterThan(0);
    for (const a of warnings) expect(a.AlarmActions).toBeUndefined();
  });

  it('the Terraform module defaults to the same list', () => {
    const variables = files.find(([p]) => p === 'terraform/variables.tf')![1];
    expect(variables).toContain(`critical    = ["${PAGER}", "${CHAT}"]`);
  });

  it('the templates pass the in-repo validator', () => {
    expect(validateTemplates(files)).toEqual([]);
  });

  it.skipIf(noCfnLint)('the templates pass cfn-lint', () => {
    const dir = writeTree(stacks);
    const paths = stacks.map(([p]) => join(dir, p));
    expect([...byRegion(paths)].flatMap(([region, list]) => cfnLint(cfnLintCommand!, list, [region]))).toEqual([]);
  }, 120_000);
});
