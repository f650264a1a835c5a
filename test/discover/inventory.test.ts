import { describe, expect, it } from 'vitest';
import { Diagnostics, formatDiagnostic } from '../../src/diagnostics/diagnostic.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { buildInventory } from '../../src/discover/build-inventory.js';
import { parseInventoryText } from '../../src/discover/inventory-file.js';
import type { TagMapping } from '../../src/discover/inventory-file.js';
import { hintTags, RESOURCE_TYPES } from '../../src/services/registry.js';
import { DISABLE_TAG, MONITOR_TAG, SEVERITY_TAG_PREFIX, THRESHOLD_TAG_PREFIX } from '../../src/match/overrides.js';
import { SAMPLE_ACCOUNT, SAMPLE_REGION, SAMPLES } from '../fixtures/inputs/resource-samples.js';
import { positionOf } from '../fixtures/inputs/text-position.js';

const FILE = 'inventory/acme.json';
const ACCOUNT = '123456789012';
const FN = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:checkout`;
const FN2 = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:api`;
const QUEUE = `arn:aws:sqs:eu-west-1:${ACCOUNT}:orders.fifo`;
const TABLE = `arn:aws:dynamodb:eu-west-1:${ACCOUNT}:table/orders`;
// EC2 instances are supported now; a volume is not.
const VOLUME = `arn:aws:ec2:us-east-1:${ACCOUNT}:volume/vol-0123456789abcdef0`;

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
            "ResourceARN": "${VOLUME}",
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

/** The same listing as `aws resourcegroupstaggingapi get-resources --output yaml` prints it. */
const LISTING_YAML = `ResourceTagMappingList:
- ResourceARN: ${TABLE}
  Tags:
  - Key: app
    Value: shop
  - Key: env
    Value: prod
- ResourceARN: ${QUEUE}
  Tags: []
- ResourceARN: ${FN}
  Tags:
  - Key: obsgen:threshold:errors
    Value: '600'
`;

describe('parseInventoryText: --output yaml', () => {
  it('reads the YAML the AWS CLI prints as it reads the JSON', () => {
    const { diags, mappings, inventory } = load(LISTING_YAML, 'inventory/acme.yaml');
    expect(diags.items).toEqual([]);
    expect(mappings.map((m) => [m.arn, m.tags])).toEqual([
      [TABLE, [['app', 'shop'], ['env', 'prod']]],
      [QUEUE, []],
      [FN, [['obsgen:threshold:errors', '600']]],
    ]);
    expect(inventory.resources.map((r) => r.arn)).toEqual([TABLE, FN, QUEUE]);
  });

  it('reports a problem in YAML at its line and column', () => {
    const text = LISTING_YAML.replace("Value: '600'", 'Value: 600');
    const { diags } = load(text, 'inventory/acme.yaml');
    expect(diags.items.map(formatDiagnostic)).toEqual([`inventory/acme.yaml:${positionOf(text, '600').line}:${positionOf(text, '600').column}: error: ResourceTagMappingList[2].Tags[0].Value: must be string`]);
  });
});

describe('parseInventoryText + buildInventory: a valid listing', () => {
  it('reads the get-resources shape without diagnostics', () => {
    const { diags, mappings } = load(LISTING);
    expect(diags.items).toEqual([]);
    expect(mappings.map((m) => m.arn)).toEqual([
      TABLE,
      QUEUE,
      FN,
      VOLUME,
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

  it('lists unsupported resource types and forms as uncovered, with reasons, sorted by ARN', () => {
    const { inventory } = load(LISTING);
    expect(inventory.uncovered.map((u) => [u.arn, u.type])).toEqual([
      [VOLUME, 'ec2:volume'],
      [`arn:aws:lambda:us-east-1:${ACCOUNT}:function:checkout:live`, 'lambda:function-qualifier'],
    ]);
    expect(inventory.uncovered[0]!.reason).toBe('resource type ec2:volume is not supported');
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

describe('buildInventory: text no output can hold costs only its resource', () => {
  // JSON can spell a lone surrogate; it has no UTF-8 form, so no file or API call can carry it.
  const listingOf = (mappings: unknown[]) => `{"ResourceTagMappingList": ${JSON.stringify(mappings)}}`.replace(/LONE/g, '\\ud800');
  const warnings = (diags: Diagnostics) => diags.items.filter((d) => d.severity === 'warning');

  it('a tag value: a warning naming the ARN and tag, the resource not monitored, the others are', () => {
    const { diags, inventory } = load(listingOf([
      { ResourceARN: FN, Tags: [{ Key: 'app', Value: 'apiLONE' }] },
      { ResourceARN: FN2, Tags: [{ Key: 'app', Value: 'api' }] },
    ]));
    expect(errors(diags)).toEqual([]);
    expect(warnings(diags)).toEqual([
      {
        severity: 'warning',
        arn: FN,
        tag: 'app',
        message: "the tag's value is not valid Unicode text (a lone surrogate, U+D800, at character 4), which no output can hold; this resource is not monitored until it is fixed",
      },
    ]);
    expect(inventory.resources.map((r) => r.arn)).toEqual([FN2]);
    expect(inventory.uncovered.map((u) => [u.arn, u.type, u.reason])).toEqual([[FN, 'lambda:function', 'tag "app" has a value that is not valid Unicode text']]);
  });

  it('a tag key, named as JSON spells it', () => {
    const { diags, inventory } = load(listingOf([{ ResourceARN: QUEUE, Tags: [{ Key: 'teamLONE', Value: 'x' }] }]));
    expect(warnings(diags).map(formatDiagnostic)).toEqual([
      `${QUEUE} (tag "team\\ud800"): warning: the tag's key is not valid Unicode text (a lone surrogate, U+D800, at character 5), which no output can hold; this resource is not monitored until it is fixed`,
    ]);
    expect(inventory.uncovered.map((u) => u.reason)).toEqual(['tag "team\\ud800" has a key that is not valid Unicode text']);
  });

  it('an ARN', () => {
    const arn = `${TABLE}LONE`;
    const { diags, inventory } = load(listingOf([{ ResourceARN: arn }, { ResourceARN: TABLE }]));
    expect(warnings(diags).map((d) => [d.arn, d.tag, d.message])).toEqual([
      [`${TABLE}\ud800`, undefined, `the ARN is not valid Unicode text (a lone surrogate, U+D800, at character ${TABLE.length + 1}), which no output can hold; this resource is not monitored until it is fixed`],
    ]);
    expect(inventory.resources.map((r) => r.arn)).toEqual([TABLE]);
    expect(inventory.uncovered.map((u) => [u.type, u.reason])).toEqual([['dynamodb:table', 'the ARN is not valid Unicode text']]);
  });

  it('accepts characters outside the Basic Multilingual Plane (a surrogate pair)', () => {
    const { diags, inventory } = load(listingOf([{ ResourceARN: FN, Tags: [{ Key: 'app', Value: 'shop \ud83d\ude00' }] }]));
    expect(diags.items).toEqual([]);
    expect(inventory.resources[0]!.tags.get('app')).toBe('shop 😀');
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

  it('reads an ARN with spaces around it, as the AWS CLI documentation\'s own sample has one', () => {
    // From the AWS CLI reference of `get-resources`, example output, as printed there.
    const text = `{
    "ResourceTagMappingList": [
        {
            "ResourceARN": " ${FN}",
            "Tags": [
                {
                    "Key": "Environment",
                    "Value": "Production"
                }
            ]
        },
        {"ResourceARN": "${QUEUE}\\t "}
    ]
}`;
    const { diags, inventory } = load(text);
    expect(diags.items).toEqual([]);
    expect(inventory.resources.map((r) => r.arn)).toEqual([FN, QUEUE]);
    expect(inventory.resources.find((r) => r.arn === FN)!.name).toBe('checkout');
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

type Entry = [arn: string, tags?: Record<string, string>];

/** A get-resources listing of these ARNs and tags. */
function listing(...entries: Entry[]): string {
  return JSON.stringify(
    {
      ResourceTagMappingList: entries.map(([arn, tags = {}]) => ({
        ResourceARN: arn,
        Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
      })),
    },
    null,
    2,
  );
}

/** Several files read into one inventory, as the CLI does with a directory of listings. */
function loadFiles(files: Record<string, string>) {
  const diags = new Diagnostics();
  const mappings = Object.entries(files).flatMap(([file, text]) => parseInventoryText(file, text, diags));
  return { diags, inventory: buildInventory(mappings, diags) };
}

const BUCKET = 'arn:aws:s3:::acme-assets';
const REST_STAGE = 'arn:aws:apigateway:eu-west-1::/restapis/a1b2c3d4e5/stages/prod';
const HTTP_API = 'arn:aws:apigateway:eu-west-1::/apis/f6g7h8i9j0';
const DISTRIBUTION = `arn:aws:cloudfront::${ACCOUNT}:distribution/EDFDVBD6EXAMPLE`;
const EU_FN = `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:checkout`;
const API_NAME = { 'obsgen:api-name': 'orders-api' };

describe('buildInventory: one resource of every registered type', () => {
  const text = listing(...Object.values(SAMPLES).map((s): Entry => [s.arn, s.tags]));

  it('recognises every sample, with its account, region, namespace, dimensions and attributes', () => {
    const { diags, inventory } = load(text);
    expect(diags.items).toEqual([]);
    expect(inventory.uncovered).toEqual([]);
    expect(inventory.resources).toHaveLength(RESOURCE_TYPES.length);
    for (const [id, sample] of Object.entries(SAMPLES)) {
      const r = inventory.resources.find((x) => x.arn === sample.arn);
      expect(r, id).toMatchObject({
        partition: 'aws',
        account: SAMPLE_ACCOUNT,
        region: sample.extra?.region ?? SAMPLE_REGION,
        type: id,
        name: sample.name,
        namespace: sample.extra?.namespace ?? sample.namespace,
        dimensions: sample.dimensions,
        attributes: sample.extra?.attributes ?? {},
      });
    }
  });

  it('records the listing region and us-east-1 (CloudFront) as scopes', () => {
    expect(load(text).inventory.scopes).toEqual([
      { partition: 'aws', account: SAMPLE_ACCOUNT, region: SAMPLE_REGION, complete: true },
      { partition: 'aws', account: SAMPLE_ACCOUNT, region: 'us-east-1', complete: true },
    ]);
  });
});

describe('buildInventory: ARNs a registered type rejects', () => {
  it('does not claim in the reason that the registered type is unsupported', () => {
    const rejected = [
      `arn:aws:kinesis:eu-west-1:${ACCOUNT}:stream/clicks/consumer/app:1700000000`,
      `arn:aws:ec2:eu-west-1:${ACCOUNT}:instance/i-0123`,
    ];
    const { inventory } = load(listing(...rejected.map((a): Entry => [a])));
    expect(inventory.resources).toEqual([]);
    expect(inventory.uncovered).toHaveLength(2);
    const registered = RESOURCE_TYPES.map((t) => t.id);
    const misleading = inventory.uncovered.filter((u) => registered.some((id) => u.reason === `resource type ${id} is not supported`));
    expect(misleading.map((u) => u.reason)).toEqual([]);
  });
});

describe('buildInventory: ARNs without an account or a region', () => {
  it('gives an S3 bucket and API Gateway APIs the account and region of the other resources in the file', () => {
    const { diags, inventory } = load(listing([EU_FN], [BUCKET], [REST_STAGE, API_NAME], [HTTP_API], [TABLE]));
    expect(diags.items).toEqual([]);
    expect(inventory.uncovered).toEqual([]);
    const byArn = new Map(inventory.resources.map((r) => [r.arn, r]));
    expect(byArn.get(BUCKET)).toMatchObject({ account: ACCOUNT, region: 'eu-west-1', type: 's3:bucket', dimensions: [{ name: 'BucketName', value: 'acme-assets' }] });
    expect(byArn.get(REST_STAGE)).toMatchObject({ account: ACCOUNT, region: 'eu-west-1', type: 'apigateway:rest-stage', name: 'orders-api/prod' });
    expect(byArn.get(HTTP_API)).toMatchObject({ account: ACCOUNT, region: 'eu-west-1', type: 'apigateway:api' });
    // The ARN itself is kept as listed.
    expect(byArn.get(BUCKET)!.arn).toBe(BUCKET);
    expect(inventory.scopes).toEqual([{ partition: 'aws', account: ACCOUNT, region: 'eu-west-1', complete: true }]);
  });

  it('keeps the region an API Gateway ARN does carry', () => {
    const stage = 'arn:aws:apigateway:eu-central-1::/restapis/a1b2c3d4e5/stages/prod';
    const { inventory } = load(listing([EU_FN], [TABLE], [stage, API_NAME]));
    expect(inventory.resources.find((r) => r.arn === stage)).toMatchObject({ account: ACCOUNT, region: 'eu-central-1' });
  });

  it('takes the account and region most resources of the file have', () => {
    const other = '210987654321';
    const { inventory } = load(listing([`arn:aws:sqs:us-east-1:${other}:stray`], [BUCKET], [EU_FN], [TABLE]));
    expect(inventory.resources.find((r) => r.arn === BUCKET)).toMatchObject({ account: ACCOUNT, region: 'eu-west-1' });
  });

  it('counts unsupported resources of the file too', () => {
    const { inventory } = load(listing([BUCKET], [VOLUME]));
    expect(inventory.resources.map((r) => [r.arn, r.account, r.region])).toEqual([[BUCKET, ACCOUNT, 'us-east-1']]);
    expect(inventory.scopes).toEqual([{ partition: 'aws', account: ACCOUNT, region: 'us-east-1', complete: true }]);
  });

  it('lists an S3 bucket alone in its file as uncovered, with a reason naming the file', () => {
    const { diags, inventory } = load(listing([BUCKET, { team: 'web' }]));
    expect(diags.items).toEqual([]);
    expect(inventory.resources).toEqual([]);
    expect(inventory.scopes).toEqual([]);
    expect(inventory.uncovered).toHaveLength(1);
    expect(inventory.uncovered[0]).toMatchObject({ arn: BUCKET, type: 's3:bucket', origin: { file: FILE, index: 0 } });
    expect(inventory.uncovered[0]!.reason).toMatch(/no account/);
    expect(inventory.uncovered[0]!.reason).toContain(FILE);
    expect(inventory.uncovered[0]!.tags.get('team')).toBe('web');
  });

  it('lists an API Gateway stage alone in its file as uncovered: no account', () => {
    const { inventory } = load(listing([REST_STAGE, API_NAME]));
    expect(inventory.resources).toEqual([]);
    expect(inventory.uncovered.map((u) => [u.arn, u.type])).toEqual([[REST_STAGE, 'apigateway:rest-stage']]);
    expect(inventory.uncovered[0]!.reason).toMatch(/no account/);
  });

  it('lists an S3 bucket whose file has only global resources as uncovered: no region', () => {
    const { inventory } = load(listing([BUCKET], [DISTRIBUTION], [`arn:aws:iam::${ACCOUNT}:role/deployer`]));
    expect(inventory.resources.map((r) => r.arn)).toEqual([DISTRIBUTION]);
    expect(inventory.uncovered.find((u) => u.arn === BUCKET)).toMatchObject({ type: 's3:bucket', reason: expect.stringMatching(/no region/) as unknown as string });
  });

  it('does not take the account and region from another file', () => {
    const { inventory } = loadFiles({ 'a.json': listing([EU_FN], [TABLE]), 'b.json': listing([BUCKET]) });
    expect(inventory.resources.map((r) => r.arn)).toEqual([TABLE, EU_FN]);
    expect(inventory.uncovered).toHaveLength(1);
    expect(inventory.uncovered[0]).toMatchObject({ arn: BUCKET, origin: { file: 'b.json', index: 0 } });
    expect(inventory.uncovered[0]!.reason).toContain('b.json');
  });

  it('gives the same bucket name in two files the scope of each', () => {
    const other = '210987654321';
    const { inventory } = loadFiles({
      'a.json': listing([EU_FN], [BUCKET]),
      'b.json': listing([`arn:aws:lambda:us-east-1:${other}:function:x`], ['arn:aws:s3:::other-assets']),
    });
    expect(inventory.resources.filter((r) => r.type === 's3:bucket').map((r) => [r.arn, r.account, r.region])).toEqual([
      [BUCKET, ACCOUNT, 'eu-west-1'],
      ['arn:aws:s3:::other-assets', other, 'us-east-1'],
    ]);
  });
});

describe('buildInventory: CloudFront', () => {
  it('puts a distribution in us-east-1 whatever region its file is of', () => {
    const { diags, inventory } = load(listing([EU_FN], [DISTRIBUTION], [TABLE]));
    expect(diags.items).toEqual([]);
    expect(inventory.resources.find((r) => r.arn === DISTRIBUTION)).toMatchObject({
      account: ACCOUNT,
      region: 'us-east-1',
      type: 'cloudfront:distribution',
      namespace: 'AWS/CloudFront',
      dimensions: [
        { name: 'DistributionId', value: 'EDFDVBD6EXAMPLE' },
        { name: 'Region', value: 'Global' },
      ],
    });
    expect(inventory.scopes.map((s) => s.region)).toEqual(['eu-west-1', 'us-east-1']);
  });

  it('puts a distribution alone in its file in us-east-1, with the account of its ARN', () => {
    const { inventory } = load(listing([DISTRIBUTION]));
    expect(inventory.uncovered).toEqual([]);
    expect(inventory.resources.map((r) => [r.arn, r.account, r.region])).toEqual([[DISTRIBUTION, ACCOUNT, 'us-east-1']]);
    expect(inventory.scopes).toEqual([{ partition: 'aws', account: ACCOUNT, region: 'us-east-1', complete: true }]);
  });
});

describe('buildInventory: CloudFront in other partitions', () => {
  it('puts a distribution of the China partition in cn-northwest-1, where its metrics are', () => {
    const arn = `arn:aws-cn:cloudfront::${ACCOUNT}:distribution/EDFDVBD6EXAMPLE`;
    const { diags, inventory } = load(listing([arn], [`arn:aws-cn:sqs:cn-north-1:${ACCOUNT}:q`]));
    expect(diags.items).toEqual([]);
    expect(inventory.resources.find((r) => r.arn === arn)).toMatchObject({ partition: 'aws-cn', account: ACCOUNT, region: 'cn-northwest-1' });
    expect(inventory.scopes.map((s) => [s.partition, s.region])).toEqual([
      ['aws-cn', 'cn-north-1'],
      ['aws-cn', 'cn-northwest-1'],
    ]);
  });

  it('lists a distribution of a partition without CloudFront metrics as not monitored, with the reason', () => {
    const arn = `arn:aws-us-gov:cloudfront::${ACCOUNT}:distribution/EDFDVBD6EXAMPLE`;
    const { diags, inventory } = load(listing([arn]));
    expect(diags.items).toEqual([]);
    expect(inventory.resources).toEqual([]);
    expect(inventory.uncovered.map((u) => [u.arn, u.type, u.reason])).toEqual([[arn, 'cloudfront:distribution', 'obsgen does not know which region holds CloudFront metrics in partition aws-us-gov']]);
  });
});

describe('buildInventory: an ARN whose partition does not hold its region', () => {
  const warnings = (diags: Diagnostics) => diags.items.filter((d) => d.severity === 'warning');

  it.each([
    [`arn:aws:sqs:cn-north-1:${ACCOUNT}:orders`, 'aws', 'cn-north-1', 'aws-cn'],
    [`arn:aws-cn:sqs:us-east-1:${ACCOUNT}:orders`, 'aws-cn', 'us-east-1', 'aws'],
    [`arn:aws-us-gov:lambda:eu-west-1:${ACCOUNT}:function:checkout`, 'aws-us-gov', 'eu-west-1', 'aws'],
  ])('%s is a finding about that resource; the others are monitored', (arn, partition, region, regionPartition) => {
    const good = `arn:${regionPartition}:sqs:${region}:${ACCOUNT}:payments`;
    const { diags, inventory } = load(listing([arn], [good]));
    expect(errors(diags)).toEqual([]);
    expect(warnings(diags)).toEqual([
      { severity: 'warning', arn, message: `the ARN is in partition ${partition}, but region ${region} is in partition ${regionPartition}; this resource is not monitored until it is fixed` },
    ]);
    expect(inventory.resources.map((r) => r.arn)).toEqual([good]);
    expect(inventory.uncovered.map((u) => [u.arn, u.reason])).toEqual([[arn, `partition ${partition} does not hold region ${region}`]]);
    expect(inventory.scopes).toEqual([{ partition: regionPartition, account: ACCOUNT, region, complete: true }]);
  });

  it('an S3 bucket takes the region of its file, and so must be of that region\'s partition', () => {
    const bucket = 'arn:aws:s3:::acme-assets';
    const { diags, inventory } = load(listing([bucket], [`arn:aws-cn:sqs:cn-north-1:${ACCOUNT}:q`]));
    expect(warnings(diags).map((d) => [d.arn, d.message])).toEqual([
      [bucket, `the ARN is in partition aws, but region cn-north-1 (that of the other resources in ${FILE}) is in partition aws-cn; this resource is not monitored until it is fixed`],
    ]);
    expect(inventory.resources.map((r) => r.partition)).toEqual(['aws-cn']);
  });

  it('keeps a region no partition is known to hold (a region newer than obsgen) as it is', () => {
    const arn = `arn:aws:sqs:xx-future-1:${ACCOUNT}:q`;
    const { diags, inventory } = load(listing([arn]));
    expect(diags.items).toEqual([]);
    expect(inventory.resources.map((r) => [r.partition, r.region])).toEqual([['aws', 'xx-future-1']]);
  });
});

describe('buildInventory: hint tags', () => {
  const TG = `arn:aws:elasticloadbalancing:eu-west-1:${ACCOUNT}:targetgroup/web-tg/fedcba9876543210`;
  const LB = `arn:aws:elasticloadbalancing:eu-west-1:${ACCOUNT}:loadbalancer/net/edge/0123456789abcdef`;

  it('uses the load balancer tag for the dimension and the namespace', () => {
    const { inventory } = load(listing([TG, { 'obsgen:load-balancer': LB }]));
    expect(inventory.resources[0]).toMatchObject({
      type: 'elasticloadbalancing:targetgroup',
      namespace: 'AWS/NetworkELB',
      dimensions: [
        { name: 'TargetGroup', value: 'targetgroup/web-tg/fedcba9876543210' },
        { name: 'LoadBalancer', value: 'net/edge/0123456789abcdef' },
      ],
      attributes: { loadBalancerType: 'network' },
    });
  });

  it('lists resources whose hint tag is missing or bogus as uncovered, with reasons naming the tag', () => {
    const { diags, inventory } = load(listing([TG, { 'obsgen:load-balancer': 'app/web/0123456789abcdef"\n${evil}' }], [REST_STAGE], [EU_FN]));
    expect(diags.items).toEqual([]);
    expect(inventory.resources.map((r) => r.arn)).toEqual([EU_FN]);
    expect(inventory.uncovered.map((u) => [u.arn, u.type])).toEqual([
      [REST_STAGE, 'apigateway:rest-stage'],
      [TG, 'elasticloadbalancing:targetgroup'],
    ]);
    expect(inventory.uncovered[0]!.reason).toContain('obsgen:api-name');
    expect(inventory.uncovered[1]!.reason).toContain('obsgen:load-balancer');
  });
});

describe('hintTags()', () => {
  it('lists each documented tag once, with exactly the types that declare it', () => {
    expect(hintTags().map((h) => [h.tag, h.types])).toEqual([
      ['obsgen:timeout-ms', ['lambda:function']],
      ['obsgen:api-name', ['apigateway:rest-stage']],
      ['obsgen:api-protocol', ['apigateway:api']],
      ['obsgen:load-balancer', ['elasticloadbalancing:targetgroup']],
      ['obsgen:log-group', ['states:stateMachine']],
      ['obsgen:s3-request-metrics-filter', ['s3:bucket']],
    ]);
  });

  it('agrees with the hint tags each registered type declares, and describes each', () => {
    const tags = hintTags();
    expect(new Set(tags.map((h) => h.tag)).size).toBe(tags.length);
    for (const h of tags) {
      expect(h.description.length, h.tag).toBeGreaterThan(0);
      expect(h.types).toEqual(RESOURCE_TYPES.filter((t) => t.hintTags?.some((x) => x.tag === h.tag)).map((t) => t.id));
    }
    const declared = new Set(RESOURCE_TYPES.flatMap((t) => (t.hintTags ?? []).map((h) => h.tag)));
    expect(tags.map((h) => h.tag).sort()).toEqual([...declared].sort());
  });

  it('does not collide with the override tags', () => {
    for (const { tag } of hintTags()) {
      expect(tag.startsWith('obsgen:'), tag).toBe(true);
      expect([MONITOR_TAG, DISABLE_TAG]).not.toContain(tag);
      expect(tag.startsWith(THRESHOLD_TAG_PREFIX) || tag.startsWith(SEVERITY_TAG_PREFIX), tag).toBe(false);
    }
  });

  it('returns a fresh list each time, so callers cannot change the registry', () => {
    const first = hintTags();
    first[0]!.types.push('x:y');
    first.pop();
    expect(hintTags()).toHaveLength(6);
    expect(hintTags()[0]!.types).toEqual(['lambda:function']);
  });
});
