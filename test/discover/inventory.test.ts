import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../src/diagnostics/diagnostic.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { buildInventory } from '../../src/discover/build-inventory.js';
import { parseInventoryText } from '../../src/discover/inventory-file.js';
import type { TagMapping } from '../../src/discover/inventory-file.js';
import { positionOf } from '../fixtures/inputs/text-position.js';

const FILE = 'inventory/acme.json';
const ACCOUNT = '123456789012';
const FN = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:checkout`;
const FN2 = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:api`;
const QUEUE = `arn:aws:sqs:eu-west-1:${ACCOUNT}:orders.fifo`;
const TABLE = `arn:aws:dynamodb:eu-west-1:${ACCOUNT}:table/orders`;

/** Reads and builds in one go, as the CLI does. */
function load(text: string, file = FILE) {
  const diags = new Diagnostics();
  const mappings = parseInventoryText(file, text, diags);
  const inventory = buildInventory(mappings, diags);
  return { diags, mappings, inventory };
}

function errors(diags: Diagnostics): Diagnostic[] {
  return diags.items.filter((d) => d.severity === 'error');
}

/** Exactly the shape `aws resourcegroupstaggingapi get-resources` prints (deliberately unsorted). */
const LISTING = `{
    "ResourceTagMappingList": [
        {
            "ResourceARN": "${TABLE}",
            "Tags": [
                {
                    "Key": "app",
                    "Value": "shop"
                },
                {
                    "Key": "env",
                    "Value": "prod"
                }
            ]
        },
        {
            "ResourceARN": "${QUEUE}",
            "Tags": []
        },
        {
            "ResourceARN": "${FN}"
        },
        {
            "ResourceARN": "arn:aws:ec2:us-east-1:${ACCOUNT}:instance/i-0123456789abcdef0",
            "Tags": [
                {
                    "Key": "Name",
                    "Value": "bastion"
                }
            ],
            "ComplianceDetails": {
                "NoncompliantKeys": [],
                "KeysWithNoncompliantValues": [],
                "ComplianceStatus": true
            }
        },
        {
            "ResourceARN": "arn:aws:lambda:us-east-1:${ACCOUNT}:function:checkout:live",
            "Tags": []
        }
    ],
    "PaginationToken": ""
}
`;

describe('parseInventoryText + buildInventory: a valid listing', () => {
  it('reads the get-resources shape without diagnostics', () => {
    const { diags, mappings } = load(LISTING);
    expect(diags.items).toEqual([]);
    expect(mappings.map((m) => m.arn)).toEqual([
      TABLE,
      QUEUE,
      FN,
      `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/i-0123456789abcdef0`,
      `arn:aws:lambda:us-east-1:${ACCOUNT}:function:checkout:live`,
    ]);
    expect(mappings.map((m) => m.index)).toEqual([0, 1, 2, 3, 4]);
    expect(mappings.every((m) => m.file === FILE)).toBe(true);
    expect(mappings[0]!.tags).toEqual([
      ['app', 'shop'],
      ['env', 'prod'],
    ]);
    expect(mappings[1]!.tags).toEqual([]);
    expect(mappings[2]!.tags).toEqual([]);
  });

  it('sorts resources by ARN and fills in type, name, namespace and dimensions', () => {
    const { inventory } = load(LISTING);
    expect(inventory.resources.map((r) => r.arn)).toEqual([TABLE, FN, QUEUE]);
    const [table, fn, queue] = inventory.resources;
    expect(table).toMatchObject({
      partition: 'aws',
      account: ACCOUNT,
      region: 'eu-west-1',
      service: 'dynamodb',
      type: 'dynamodb:table',
      name: 'orders',
      namespace: 'AWS/DynamoDB',
      dimensions: [{ name: 'TableName', value: 'orders' }],
      origin: { file: FILE, index: 0 },
    });
    expect([...table!.tags]).toEqual([
      ['app', 'shop'],
      ['env', 'prod'],
    ]);
    expect(fn).toMatchObject({ type: 'lambda:function', name: 'checkout', dimensions: [{ name: 'FunctionName', value: 'checkout' }], origin: { index: 2 } });
    expect(fn!.tags.size).toBe(0);
    expect(queue).toMatchObject({ type: 'sqs:queue', name: 'orders.fifo', dimensions: [{ name: 'QueueName', value: 'orders.fifo' }] });
    expect(queue!.tags.size).toBe(0);
  });

  it('lists unknown services and unsupported forms as uncovered, with reasons, sorted by ARN', () => {
    const { inventory } = load(LISTING);
    expect(inventory.uncovered.map((u) => [u.arn, u.type])).toEqual([
      [`arn:aws:ec2:us-east-1:${ACCOUNT}:instance/i-0123456789abcdef0`, 'ec2:instance'],
      [`arn:aws:lambda:us-east-1:${ACCOUNT}:function:checkout:live`, 'lambda:function-qualifier'],
    ]);
    expect(inventory.uncovered[0]!.reason).toBe('resource type ec2:instance is not supported');
    expect(inventory.uncovered[0]!.tags.get('Name')).toBe('bastion');
    expect(inventory.uncovered[0]!.origin).toEqual({ file: FILE, index: 3 });
    expect(inventory.uncovered[1]!.reason).toMatch(/version or alias/);
  });

  it('records one complete scope per account and region, sorted', () => {
    const { inventory } = load(LISTING);
    expect(inventory.scopes).toEqual([
      { partition: 'aws', account: ACCOUNT, region: 'eu-west-1', complete: true },
      { partition: 'aws', account: ACCOUNT, region: 'us-east-1', complete: true },
    ]);
  });

  it('accepts an empty listing', () => {
    const { diags, inventory } = load('{"ResourceTagMappingList": []}');
    expect(diags.items).toEqual([]);
    expect(inventory).toEqual({ resources: [], uncovered: [], scopes: [], existingLogGroups: [] });
  });

  it('accepts a non-empty PaginationToken', () => {
    const { diags, mappings } = load(`{"ResourceTagMappingList": [{"ResourceARN": "${FN}"}], "PaginationToken": "abc"}`);
    expect(diags.items).toEqual([]);
    expect(mappings).toHaveLength(1);
  });
});

describe('buildInventory: duplicates', () => {
  it('drops a repeated ARN with the same tags (in any order) silently', () => {
    const text = JSON.stringify({
      ResourceTagMappingList: [
        { ResourceARN: FN, Tags: [{ Key: 'a', Value: '1' }, { Key: 'b', Value: '2' }] },
        { ResourceARN: FN, Tags: [{ Key: 'b', Value: '2' }, { Key: 'a', Value: '1' }] },
      ],
    });
    const { diags, inventory } = load(text);
    expect(diags.items).toEqual([]);
    expect(inventory.resources.map((r) => r.arn)).toEqual([FN]);
    expect(inventory.resources[0]!.origin.index).toBe(0);
  });

  it('drops the same listing read from two files silently', () => {
    const text = JSON.stringify({ ResourceTagMappingList: [{ ResourceARN: FN, Tags: [{ Key: 'a', Value: '1' }] }] });
    const diags = new Diagnostics();
    const mappings = [...parseInventoryText('a.json', text, diags), ...parseInventoryText('b.json', text, diags)];
    const inventory = buildInventory(mappings, diags);
    expect(diags.items).toEqual([]);
    expect(inventory.resources).toHaveLength(1);
  });

  it('reports a repeated ARN with different tags as an error at the second entry', () => {
    const text = `{"ResourceTagMappingList": [
  {"ResourceARN": "${FN}", "Tags": [{"Key": "app", "Value": "shop"}]},
  {"ResourceARN": "${FN}", "Tags": [{"Key": "app", "Value": "other"}]}
]}`;
    const { diags } = load(text);
    const errs = errors(diags);
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatchObject({ severity: 'error', file: FILE, ...positionOf(text, `"${FN}"`, 2) });
    expect(errs[0]!.message).toContain(FN);
    expect(errs[0]!.message).toContain('different tags');
  });

  it('reports a repeated ARN whose second entry has no tags as an error', () => {
    const text = `{"ResourceTagMappingList": [
  {"ResourceARN": "${FN}", "Tags": [{"Key": "app", "Value": "shop"}]},
  {"ResourceARN": "${FN}"}
]}`;
    const { diags } = load(text);
    expect(errors(diags)).toHaveLength(1);
    expect(errors(diags)[0]).toMatchObject({ file: FILE, ...positionOf(text, `"${FN}"`, 2) });
  });

  it('reports duplicate tag keys at the second key', () => {
    const text = `{"ResourceTagMappingList": [
  {"ResourceARN": "${FN}", "Tags": [
    {"Key": "app", "Value": "shop"},
    {"Key": "env", "Value": "prod"},
    {"Key": "app", "Value": "shop"}
  ]}
]}`;
    const { diags, inventory } = load(text);
    const errs = errors(diags);
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatchObject({ severity: 'error', file: FILE, ...positionOf(text, '"app"', 2) });
    expect(errs[0]!.message).toContain('duplicate tag key "app"');
    expect(inventory.resources).toEqual([]);
  });
});

describe('buildInventory: tags are a Map', () => {
  it('keeps __proto__, constructor and toString as ordinary tag keys without polluting prototypes', () => {
    const text = JSON.stringify({
      ResourceTagMappingList: [
        {
          ResourceARN: FN,
          Tags: [
            { Key: '__proto__', Value: '{"polluted": "yes"}' },
            { Key: 'constructor', Value: 'ctor' },
            { Key: 'toString', Value: 'str' },
          ],
        },
      ],
    });
    const { diags, inventory } = load(text);
    expect(diags.items).toEqual([]);
    const tags = inventory.resources[0]!.tags;
    expect(tags).toBeInstanceOf(Map);
    expect(tags.get('__proto__')).toBe('{"polluted": "yes"}');
    expect(tags.get('constructor')).toBe('ctor');
    expect(tags.get('toString')).toBe('str');
    expect(tags.size).toBe(3);
    expect(tags.get('hasOwnProperty')).toBeUndefined();
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
    expect(typeof Object.prototype.toString).toBe('function');
  });
});

describe('parseInventoryText: bad input', () => {
  function only(text: string) {
    const { diags, mappings, inventory } = load(text);
    expect(mappings).toEqual([]);
    expect(inventory.resources).toEqual([]);
    return errors(diags);
  }

  it('reports a trailing comma at the closing brace', () => {
    const text = `{
  "ResourceTagMappingList": [
    {"ResourceARN": "${FN}"},
  ]
}`;
    const errs = only(text);
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatchObject({ severity: 'error', file: FILE, ...positionOf(text, ']') });
    expect(errs[0]!.message).toMatch(/^invalid JSON/);
  });

  it('reports a truncated file at its end', () => {
    const text = `{
  "ResourceTagMappingList": [
    {"ResourceARN": "${FN}", "Tags": [{"Key": "app", "Val`;
    const errs = only(text);
    expect(errs).toHaveLength(1);
    expect(errs[0]!.message).toMatch(/^invalid JSON/);
    expect(errs[0]).toMatchObject({ severity: 'error', file: FILE, line: 3 });
    // Somewhere on the last line, at or after the unterminated string.
    expect(errs[0]!.column).toBeGreaterThanOrEqual(positionOf(text, '"Val').column);
  });

  it('reports an empty file', () => {
    const errs = only('');
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatchObject({ severity: 'error', file: FILE, line: 1, column: 1 });
  });

  it('reports a JSON array instead of the object, as not an inventory', () => {
    const text = `[{"ResourceARN": "${FN}"}]`;
    const errs = only(text);
    expect(errs.length).toBeGreaterThanOrEqual(1);
    expect(errs.every((e) => e.file === FILE && e.line === 1 && e.column === 1)).toBe(true);
    expect(errs.some((e) => e.message.includes('must be object'))).toBe(true);
    expect(errs.some((e) => e.message.startsWith('not an inventory'))).toBe(true);
  });

  it('reports a misspelled ResourceTagMappingList at the key, and says it is not an inventory', () => {
    const text = `{
  "ResourceTagMapingList": [
    {"ResourceARN": "${FN}"}
  ]
}`;
    const errs = only(text);
    const unknown = errs.find((e) => e.message.includes('unknown key "ResourceTagMapingList"'));
    expect(unknown).toMatchObject({ severity: 'error', file: FILE, ...positionOf(text, '"ResourceTagMapingList"') });
    const missing = errs.find((e) => e.message.includes('missing required key "ResourceTagMappingList"'));
    expect(missing).toMatchObject({ severity: 'error', file: FILE, line: 1, column: 1 });
    const notInventory = errs.find((e) => e.message.startsWith('not an inventory'));
    expect(notInventory).toMatchObject({ severity: 'error', file: FILE, line: 1, column: 1 });
    expect(notInventory!.message).toContain('aws resourcegroupstaggingapi get-resources');
  });

  it('reports an unknown key inside a mapping at that key', () => {
    const text = `{
  "ResourceTagMappingList": [
    {"ResourceARN": "${FN}"},
    {"ResourceARN": "${FN2}", "ResourceType": "lambda:function"}
  ]
}`;
    const errs = only(text);
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatchObject({ severity: 'error', file: FILE, ...positionOf(text, '"ResourceType"') });
    expect(errs[0]!.message).toContain('unknown key "ResourceType"');
    expect(errs[0]!.message).toContain('ResourceTagMappingList[1]');
    // A listing with a real ResourceTagMappingList is an inventory with a mistake, not something else.
    expect(errs.some((e) => e.message.startsWith('not an inventory'))).toBe(false);
  });

  it('reports a Tag without Value at that tag', () => {
    const text = `{
  "ResourceTagMappingList": [
    {"ResourceARN": "${FN}", "Tags": [
      {"Key": "app", "Value": "shop"},
      {"Key": "env"}
    ]}
  ]
}`;
    const errs = only(text);
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatchObject({ severity: 'error', file: FILE, ...positionOf(text, '{"Key": "env"}') });
    expect(errs[0]!.message).toContain('missing required key "Value"');
  });

  it('reports a 129-character tag key at the key value', () => {
    const key = 'k'.repeat(129);
    const text = `{
  "ResourceTagMappingList": [
    {"ResourceARN": "${FN}", "Tags": [{"Key": "${key}", "Value": "v"}]}
  ]
}`;
    const errs = only(text);
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatchObject({ severity: 'error', file: FILE, ...positionOf(text, `"${key}"`) });
    expect(errs[0]!.message).toContain('ResourceTagMappingList[0].Tags[0].Key');
  });

  it('accepts a 128-character tag key and a 256-character value', () => {
    const text = JSON.stringify({ ResourceTagMappingList: [{ ResourceARN: FN, Tags: [{ Key: 'k'.repeat(128), Value: 'v'.repeat(256) }] }] });
    const { diags, inventory } = load(text);
    expect(diags.items).toEqual([]);
    expect(inventory.resources[0]!.tags.get('k'.repeat(128))).toBe('v'.repeat(256));
  });

  it('reports a 257-character tag value', () => {
    const text = `{"ResourceTagMappingList": [{"ResourceARN": "${FN}", "Tags": [{"Key": "k", "Value": "${'v'.repeat(257)}"}]}]}`;
    const errs = only(text);
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatchObject({ severity: 'error', file: FILE, ...positionOf(text, '"vvv') });
  });

  it('reports a ResourceARN that is not an ARN at its value', () => {
    const text = `{
  "ResourceTagMappingList": [
    {"ResourceARN": "${FN}"},
    {"ResourceARN": "i-12345"}
  ]
}`;
    const { diags, inventory } = load(text);
    const errs = errors(diags);
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatchObject({ severity: 'error', file: FILE, ...positionOf(text, '"i-12345"') });
    expect(errs[0]!.message).toBe('not an ARN: "i-12345"');
    // The good entry is still read.
    expect(inventory.resources.map((r) => r.arn)).toEqual([FN]);
  });

  it('reports an ARN with a control character without echoing it raw', () => {
    const text = JSON.stringify({ ResourceTagMappingList: [{ ResourceARN: `${FN}\u001b[2J` }] });
    const { diags } = load(text);
    const errs = errors(diags);
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatchObject({ file: FILE, line: 1 });
    expect(errs[0]!.message).not.toContain('\u001b');
  });

  it('reports a describe-log-groups output as not an inventory', () => {
    const text = `{
    "logGroups": [
        {
            "logGroupName": "/aws/lambda/checkout",
            "creationTime": 1700000000000,
            "metricFilterCount": 0,
            "arn": "arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/aws/lambda/checkout:*",
            "storedBytes": 0
        }
    ]
}`;
    const errs = only(text);
    expect(errs.find((e) => e.message.includes('unknown key "logGroups"'))).toMatchObject({
      severity: 'error',
      file: FILE,
      ...positionOf(text, '"logGroups"'),
    });
    expect(errs.find((e) => e.message.startsWith('not an inventory'))).toMatchObject({ severity: 'error', file: FILE, line: 1, column: 1 });
  });
});

describe('TagMapping positions', () => {
  it('can locate any entry of the listing', () => {
    const diags = new Diagnostics();
    const mappings: TagMapping[] = parseInventoryText(FILE, LISTING, diags);
    expect(mappings[2]!.doc.locate(['ResourceTagMappingList', 2, 'ResourceARN'])).toEqual(positionOf(LISTING, `"${FN}"`));
  });
});
