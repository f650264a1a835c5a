import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../src/diagnostics/diagnostic.js';
import { parseArn } from '../../src/services/arn.js';
import { ResourceTypes } from '../../src/services/catalog.js';
import { parseTypesFile } from '../../src/services/declared-types-file.js';
import { positionOf } from '../fixtures/inputs/text-position.js';

/*
 * Resource types a platform team declares (`*.types.yaml`, or the config's resourceTypes): what
 * they recognise, and every problem a declaration can have, as `file:line:col` diagnostics at
 * the offending key.
 */

const FILE = '/blueprints/network.types.yaml';

const NAT = `resourceTypes:
  - id: ec2:natgateway
    label: NAT gateway
    arn: arn:\${Partition}:ec2:\${Region}:\${Account}:natgateway/\${NatGatewayId}
    parts:
      NatGatewayId: nat-[0-9a-f]{8,17}
    name: \${NatGatewayId}
    namespace: AWS/NATGateway
    dimensions:
      NatGatewayId: \${NatGatewayId}
    example:
      arn: arn:aws:ec2:eu-west-1:123456789012:natgateway/nat-0123456789abcdef0
      name: nat-0123456789abcdef0
      dimensions: { NatGatewayId: nat-0123456789abcdef0 }
`;

function declare(text: string): { types: ResourceTypes; diags: Diagnostics } {
  const diags = new Diagnostics();
  const types = ResourceTypes.BUILTIN.declare(parseTypesFile(FILE, text, diags), diags);
  return { types, diags };
}

/** The one error a declaration gives, with its position. */
function oneError(text: string) {
  const { diags } = declare(text);
  expect(diags.items).toHaveLength(1);
  const [d] = diags.items;
  return { severity: d!.severity, message: d!.message, path: d!.path, line: d!.line, column: d!.column };
}

describe('a declared resource type', () => {
  it('recognises its ARNs: name, namespace and dimensions from the named parts', () => {
    const { types, diags } = declare(NAT);
    expect(diags.items).toEqual([]);
    const found = types.recognise(parseArn('arn:aws:ec2:eu-west-1:111111111111:natgateway/nat-0a1b2c3d4e5f60718')!, new Map());
    expect(found?.type).toMatchObject({ id: 'ec2:natgateway', label: 'NAT gateway', service: 'ec2', namespace: 'AWS/NATGateway', taggingFilter: 'ec2:natgateway' });
    expect(found?.recognition).toEqual({ kind: 'resource', name: 'nat-0a1b2c3d4e5f60718', dimensions: [{ name: 'NatGatewayId', value: 'nat-0a1b2c3d4e5f60718' }] });
    // A part's own pattern is the whole of what it matches; built-in types still come first.
    expect(types.recognise(parseArn('arn:aws:ec2:eu-west-1:111111111111:natgateway/igw-0a1b2c3d')!, new Map())).toBeUndefined();
    expect(types.recognise(parseArn('arn:aws:ec2:eu-west-1:111111111111:instance/i-0123456789abcdef0')!, new Map())?.type.id).toBe('ec2:instance');
    expect(types.get('ec2:natgateway')?.label).toBe('NAT gateway');
    expect(ResourceTypes.BUILTIN.get('ec2:natgateway')).toBeUndefined();
  });

  it('may take a namespace and dimensions from several parts', () => {
    const text = NAT.replace('natgateway/${NatGatewayId}', 'natgateway/${Gateway}/${Shard}')
      .replace('NatGatewayId: nat-[0-9a-f]{8,17}', 'Gateway: nat-[0-9a-f]{8,17}')
      .replace('name: ${NatGatewayId}', 'name: ${Gateway}-${Shard}')
      .replace('namespace: AWS/NATGateway', 'namespace: Custom/${Region}')
      .replace('      NatGatewayId: ${NatGatewayId}\n', '      NatGatewayId: ${Gateway}\n      Shard: ${Shard}\n')
      .replace('natgateway/nat-0123456789abcdef0\n', 'natgateway/nat-0123456789abcdef0/s1\n')
      .replace('name: nat-0123456789abcdef0', 'name: nat-0123456789abcdef0-s1')
      .replace('{ NatGatewayId: nat-0123456789abcdef0 }', '{ NatGatewayId: nat-0123456789abcdef0, Shard: s1 }');
    const { types, diags } = declare(text);
    expect(diags.items).toEqual([]);
    expect(types.recognise(parseArn('arn:aws:ec2:us-east-1:111111111111:natgateway/nat-0a1b2c3d/s2')!, new Map())?.recognition).toEqual({
      kind: 'resource',
      name: 'nat-0a1b2c3d-s2',
      dimensions: [{ name: 'NatGatewayId', value: 'nat-0a1b2c3d' }, { name: 'Shard', value: 's2' }],
      namespace: 'Custom/us-east-1',
    });
  });
});

describe('a declaration that is not sound is an error at its place', () => {
  const at = (text: string, needle: string) => positionOf(text, needle);

  it('a key the schema does not know, or a missing one', () => {
    const text = NAT.replace('    namespace: AWS/NATGateway\n', '    namespce: AWS/NATGateway\n');
    const { diags } = declare(text);
    expect(diags.items.map((d) => [d.message, d.line, d.column])).toEqual([
      ['resourceTypes[0]: missing required key "namespace"', 2, 5],
      [expect.stringMatching(/^resourceTypes\[0\]: unknown key "namespce"/), ...Object.values(at(text, 'namespce'))],
    ]);
  });

  it('a "${" that is not closed', () => {
    const text = NAT.replace('natgateway/${NatGatewayId}', 'natgateway/${NatGatewayId');
    expect(oneError(text)).toEqual({ severity: 'error', message: 'a "${" is not closed by "}", at column 54 of the text', path: 'resourceTypes[0].arn', ...at(text, 'arn:${Partition}') });
  });

  it('a service that is not written out', () => {
    const text = NAT.replace(':ec2:${Region}', ':${Service}:${Region}');
    expect(oneError(text)).toMatchObject({ message: 'the service (third field) must be written out, e.g. "ec2", not "${Service}", at column 18 of the text', path: 'resourceTypes[0].arn' });
  });

  it('a name, namespace or dimension that uses a part the ARN pattern does not name', () => {
    const text = NAT.replace('      NatGatewayId: ${NatGatewayId}\n    example', '      NatGatewayId: ${NatGatewayID}\n    example');
    expect(oneError(text)).toEqual({
      severity: 'error',
      message: 'unknown part "${NatGatewayID}" (the ARN pattern names ${Partition}, ${Region}, ${Account}, ${NatGatewayId}), at column 1 of the text',
      path: 'resourceTypes[0].dimensions.NatGatewayId',
      ...at(text, '${NatGatewayID}'),
    });
  });

  it("a part's regular expression that is invalid, or names no part", () => {
    expect(oneError(NAT.replace('nat-[0-9a-f]{8,17}', 'nat-[0-9a-f'))).toMatchObject({ message: expect.stringMatching(/^invalid regular expression: /), path: 'resourceTypes[0].parts.NatGatewayId' });
    const text = NAT.replace('      NatGatewayId: nat-[0-9a-f]{8,17}\n', '      NatGatewayId: nat-[0-9a-f]{8,17}\n      Gateway: nat-.*\n');
    expect(oneError(text)).toEqual({ severity: 'error', message: 'the ARN pattern has no part "${Gateway}"', path: 'resourceTypes[0].parts.Gateway', ...at(text, 'nat-.*') });
  });

  it('an id that is built in, or declared twice', () => {
    const builtin = NAT.replace('id: ec2:natgateway', 'id: ec2:instance');
    expect(oneError(builtin)).toEqual({ severity: 'error', message: 'resource type "ec2:instance" is built in; give the declared one another id', path: 'resourceTypes[0].id', ...at(builtin, 'ec2:instance') });
    const twice = `${NAT}${NAT.replace('resourceTypes:\n', '')}`;
    const second = twice.lastIndexOf('ec2:natgateway');
    const { diags } = declare(twice);
    expect(diags.items.map((d) => [d.message, d.line])).toEqual([[`resource type "ec2:natgateway" is also declared at ${FILE}:2:9`, twice.slice(0, second).split('\n').length]]);
  });

  it('an example the type does not recognise, or not as it says', () => {
    const other = NAT.replace('arn:aws:ec2:eu-west-1:123456789012:natgateway/nat-0123456789abcdef0', 'arn:aws:ec2:eu-west-1:123456789012:natgateway/ngw-1');
    expect(oneError(other)).toMatchObject({
      message: 'the example ARN does not match the ARN pattern arn:${Partition}:ec2:${Region}:${Account}:natgateway/${NatGatewayId}',
      path: 'resourceTypes[0].example.arn',
    });
    const name = NAT.replace('      name: nat-0123456789abcdef0', '      name: nat-0123');
    expect(oneError(name)).toEqual({ severity: 'error', message: 'the example\'s name is "nat-0123456789abcdef0", not "nat-0123"', path: 'resourceTypes[0].example.name', ...at(name, 'nat-0123\n') });
    const dims = NAT.replace('{ NatGatewayId: nat-0123456789abcdef0 }', '{ GatewayId: nat-0123456789abcdef0 }');
    expect(oneError(dims)).toMatchObject({ message: 'the example\'s dimensions are NatGatewayId=nat-0123456789abcdef0, not GatewayId=nat-0123456789abcdef0', path: 'resourceTypes[0].example.dimensions' });
  });

  it('a type a built-in one would shadow: its example is recognised as the built-in type first', () => {
    const text = NAT.replace('id: ec2:natgateway', 'id: ec2:server')
      .replace('natgateway/${NatGatewayId}', 'instance/${NatGatewayId}')
      .replace('nat-[0-9a-f]{8,17}', 'i-[0-9a-f]{17}')
      .replace('natgateway/nat-0123456789abcdef0', 'instance/i-0123456789abcdef0')
      .replace('name: nat-0123456789abcdef0', 'name: i-0123456789abcdef0')
      .replace('{ NatGatewayId: nat-0123456789abcdef0 }', '{ NatGatewayId: i-0123456789abcdef0 }');
    expect(oneError(text)).toMatchObject({ message: 'the example ARN is recognised as ec2:instance (built in) first, so this type would never see one', path: 'resourceTypes[0].example.arn' });
  });
});
