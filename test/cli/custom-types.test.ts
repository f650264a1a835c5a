import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { byRegion, cfnLint } from '../helpers/cfn-lint.js';
import { validateTemplates } from '../helpers/cloudformation-output.js';
import { runObsgen } from '../helpers/cli.js';
import { readTree, tempDir } from '../helpers/files.js';
import { REPO } from '../helpers/paths.js';
import { validateTerraformOutput } from '../helpers/terraform-output.js';
import { cfnLintTool, need } from '../helpers/tools.js';

/*
 * A resource type obsgen does not ship (NAT gateways), declared by a platform team beside its
 * blueprint (examples/custom-types), end to end through the real CLI: before, its blueprint
 * stopped the run with `unknown resource type "ec2:natgateway"`.
 */

const { tool: cfnLintCommand, skip: noCfnLint } = need('cfn-lint', cfnLintTool());

function example(): string {
  const dir = tempDir();
  cpSync(join(REPO, 'examples/custom-types'), dir, { recursive: true });
  return dir;
}

describe('a resource type declared in a blueprint folder', () => {
  it('monitors NAT gateways in both formats, valid for cfn-lint and the validators', async () => {
    const dir = example();
    const run = await runObsgen(['generate', '--out', 'out'], dir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('3 resources monitored, 0 not monitored');
    const files = readTree(join(dir, 'out'));

    const [, alarms] = [...files].find(([p]) => /^cloudformation\/.*obsgen-alarms-01\.yaml$/.test(p))!;
    expect(alarms).toContain('AlarmName: obsgen/ec2:natgateway/nat-0a1b2c3d4e5f60718/port-allocation-errors');
    expect(alarms).toMatch(/Namespace: AWS\/NATGateway\n\s+MetricName: ErrorPortAllocation\n\s+Dimensions: \[\{Name: NatGatewayId, Value: nat-0a1b2c3d4e5f60718\}\]\n/);
    expect(files.get('terraform/alarms-network.tf')).toMatch(/namespace\s+= "AWS\/NATGateway"[\s\S]*NatGatewayId = "nat-0f1e2d3c4b5a69788"/);
    expect(files.get('monitoring/network.md')).toContain('## NAT gateway nat-0a1b2c3d4e5f60718');

    expect(validateTemplates(files)).toEqual([]);
    expect(await validateTerraformOutput(files)).toEqual([]);
    if (!noCfnLint) {
      const paths = [...files.keys()].filter((p) => p.startsWith('cloudformation/')).map((p) => join(dir, 'out', p));
      expect([...byRegion(paths)].flatMap(([region, list]) => cfnLint(cfnLintCommand!, list, [region]))).toEqual([]);
    }

    // The declaration is part of the inputs: a second run changes nothing.
    const again = await runObsgen(['generate', '--out', 'out', '--check'], dir);
    expect(again.code).toBe(0);
  }, 120_000);

  it('may be declared in the config instead', async () => {
    const dir = example();
    const declared = readFileSync(join(dir, 'blueprints/ec2-natgateway.types.yaml'), 'utf8').replace(/^#.*\n/gm, '');
    writeFileSync(join(dir, 'obsgen.config.yaml'), `${readFileSync(join(dir, 'obsgen.config.yaml'), 'utf8')}${declared}`);
    // Declared twice (config and folder) is an error; with the folder's file gone, it is the config's.
    const twice = await runObsgen(['validate'], dir);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toMatch(/ec2-natgateway\.types\.yaml:4:9: error: resourceTypes\[0\]\.id: resource type "ec2:natgateway" is also declared at .*obsgen\.config\.yaml:\d+:9/);
    writeFileSync(join(dir, 'blueprints/ec2-natgateway.types.yaml'), '# moved to the config\nresourceTypes: []\n');
    const run = await runObsgen(['generate', '--out', 'out'], dir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(readTree(join(dir, 'out')).get('terraform/alarms-network.tf')).toContain('"AWS/NATGateway"');
  }, 120_000);

  it('a bad declaration stops the run at its place: exit 2, nothing written', async () => {
    const dir = example();
    const file = join(dir, 'blueprints/ec2-natgateway.types.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('      NatGatewayId: ${NatGatewayId}\n', '      NatGatewayId: ${GatewayId}\n'));
    const run = await runObsgen(['generate', '--out', 'out'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `blueprints/ec2-natgateway.types.yaml:13:21: error: resourceTypes[0].dimensions.NatGatewayId: unknown part "\${GatewayId}" (the ARN pattern names \${Partition}, \${Region}, \${Account}, \${NatGatewayId}), at column 1 of the text\nobsgen: nothing was written.\n`,
    );
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('without the declaration, the blueprint names an unknown type and says where to declare it', async () => {
    const dir = example();
    writeFileSync(join(dir, 'blueprints/ec2-natgateway.types.yaml'), 'resourceTypes: []\n');
    const run = await runObsgen(['validate'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'ec2-natgateway.yaml:3:15: error: unknown resource type "ec2:natgateway" (declare it in a *.types.yaml file of a blueprint folder, or under resourceTypes in the config)',
    );
  });
});
