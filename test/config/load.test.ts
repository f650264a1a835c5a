import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig, resolveConfig } from '../../src/config/load.js';
import { defaultConfig } from '../../src/config/defaults.js';
import { Diagnostics } from '../../src/diagnostics/diagnostic.js';
import { REPO } from '../helpers/paths.js';
import { positionOf } from '../fixtures/inputs/text-position.js';

const made: string[] = [];
afterAll(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

/** A fresh folder (real path, so comparisons survive symlinked temp dirs) holding `files`. */
function folder(files: Record<string, string> = {}): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'obsgen-config-')));
  made.push(dir);
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

async function load(files: Record<string, string>, explicit?: string) {
  const dir = folder(files);
  const diags = new Diagnostics();
  const config = await loadConfig(explicit, dir, diags);
  return { dir, diags, config };
}

describe('loadConfig: finding the file', () => {
  it('applies the defaults when there is no config file', async () => {
    const { dir, diags, config } = await load({});
    expect(diags.items).toEqual([]);
    expect(config).toBeDefined();
    const d = defaultConfig();
    expect(config!.file).toBeUndefined();
    expect(config!.tags).toEqual(d.tags);
    expect(config!.actions).toEqual(d.actions);
    expect(config!.naming).toEqual(d.naming);
    expect(config!.filters).toEqual({ include: [], exclude: [] });
    expect(config!.blueprints).toEqual({ builtin: true, paths: [] });
    expect(config!.inputs.inventory).toEqual([]);
    expect(config!.logs.retentionDays).toBe(30);
    expect(config!.logs.retentionByEnvironment.size).toBe(0);
    expect(config!.output.targets).toEqual(['cloudformation']);
    expect(config!.output.cloudformation).toEqual({ syntax: 'yaml', maxResourcesPerStack: 500, maxBytesPerStack: 1_000_000 });
    // Config promises absolute paths: the default output folder is under the working directory given.
    expect(config!.output.dir).toBe(path.join(dir, 'generated'));
  });

  it('ignores a package.json without an obsgen key', async () => {
    const { diags, config } = await load({ 'package.json': JSON.stringify({ name: 'x', version: '1.0.0' }) });
    expect(diags.items).toEqual([]);
    expect(config!.file).toBeUndefined();
    expect(config!.output.targets).toEqual(['cloudformation']);
  });

  it('finds obsgen.config.yaml', async () => {
    const { dir, diags, config } = await load({ 'obsgen.config.yaml': 'output:\n  format: terraform\n' });
    expect(diags.items).toEqual([]);
    expect(config!.file).toBe(path.join(dir, 'obsgen.config.yaml'));
    expect(config!.output.targets).toEqual(['terraform']);
  });

  it('finds .obsgenrc.json', async () => {
    const { dir, diags, config } = await load({ '.obsgenrc.json': '{"naming": {"prefix": "acme/"}}' });
    expect(diags.items).toEqual([]);
    expect(config!.file).toBe(path.join(dir, '.obsgenrc.json'));
    expect(config!.naming.prefix).toBe('acme/');
    expect(config!.naming.stackPrefix).toBe('obsgen');
  });

  it('finds package.json#obsgen', async () => {
    const { dir, diags, config } = await load({
      'package.json': JSON.stringify({ name: 'x', obsgen: { tags: { application: 'service' } } }, null, 2),
    });
    expect(diags.items).toEqual([]);
    expect(config!.file).toBe(path.join(dir, 'package.json'));
    expect(config!.tags).toEqual({ application: ['service'], environment: ['env'], defaultApplication: 'unassigned' });
  });

  it('finds obsgen.config.mjs (export default)', async () => {
    const { dir, diags, config } = await load({
      'obsgen.config.mjs': 'export default { output: { format: "both", dir: "out" }, logs: { retentionDays: 90 } };\n',
    });
    expect(diags.items).toEqual([]);
    expect(config!.file).toBe(path.join(dir, 'obsgen.config.mjs'));
    expect(config!.output.targets).toEqual(['cloudformation', 'terraform']);
    expect(config!.output.dir).toBe(path.join(dir, 'out'));
    expect(config!.logs.retentionDays).toBe(90);
  });

  it('validates an obsgen.config.mjs too', async () => {
    const { dir, diags, config } = await load({ 'obsgen.config.mjs': 'export default { outptu: {} };\n' });
    expect(config).toBeUndefined();
    expect(diags.items).toHaveLength(1);
    expect(diags.items[0]).toMatchObject({ severity: 'error', file: path.join(dir, 'obsgen.config.mjs') });
    expect(diags.items[0]!.message).toContain('unknown key "outptu"');
  });

  it('reads the file given with --config, relative to the working directory', async () => {
    const { dir, diags, config } = await load(
      {
        'obsgen.config.yaml': 'output:\n  format: terraform\n',
        'conf/monitoring.yaml': 'output:\n  format: both\n',
      },
      'conf/monitoring.yaml',
    );
    expect(diags.items).toEqual([]);
    expect(config!.file).toBe(path.join(dir, 'conf', 'monitoring.yaml'));
    expect(config!.output.targets).toEqual(['cloudformation', 'terraform']);
  });

  it('reports a --config file that does not exist', async () => {
    const { dir, diags, config } = await load({}, 'missing.yaml');
    expect(config).toBeUndefined();
    expect(diags.hasErrors).toBe(true);
    expect(diags.items[0]).toMatchObject({ severity: 'error', file: path.join(dir, 'missing.yaml') });
  });

  it('resolves relative paths against the config file folder, not the working directory', async () => {
    const { dir, diags, config } = await load(
      {
        'conf/obsgen.config.yaml': [
          'inputs:',
          '  inventory: [inventory/a.json, /abs/b.json]',
          'blueprints:',
          '  paths: [../blueprints]',
          'output:',
          '  dir: ../generated',
          '',
        ].join('\n'),
      },
      'conf/obsgen.config.yaml',
    );
    expect(diags.items).toEqual([]);
    expect(config!.inputs.inventory).toEqual([path.join(dir, 'conf', 'inventory', 'a.json'), '/abs/b.json']);
    expect(config!.blueprints.paths).toEqual([path.join(dir, 'blueprints')]);
    expect(config!.output.dir).toBe(path.join(dir, 'generated'));
  });
});

describe('loadConfig: errors with positions', () => {
  it('takes output.browseUrl as a folder: a trailing / is added', async () => {
    const { diags, config } = await load({ 'obsgen.config.yaml': 'output:\n  browseUrl: https://github.com/acme/infra/blob/main/generated\n' });
    expect(diags.items).toEqual([]);
    expect(config!.output.browseUrl).toBe('https://github.com/acme/infra/blob/main/generated/');
  });

  for (const [url, problem] of [
    ['http://github.com/acme/infra/blob/main/generated/', 'is not an https URL'],
    ['github.com/acme/infra', 'is not an https URL'],
    ['https://wiki.example.com/view?page=generated/', 'has a query or fragment'],
    ['https://wiki.example.com/generated/#top', 'has a query or fragment'],
  ]) {
    it(`reports output.browseUrl ${JSON.stringify(url)} at its place`, async () => {
      const text = `output:\n  browseUrl: "${url}"\n`;
      const { dir, diags, config } = await load({ 'obsgen.config.yaml': text });
      expect(config).toBeUndefined();
      expect(diags.items).toHaveLength(1);
      expect(diags.items[0]).toMatchObject({ severity: 'error', file: path.join(dir, 'obsgen.config.yaml'), ...positionOf(text, `"${url}"`) });
      expect(diags.items[0]!.message).toContain(problem);
    });
  }

  it('reports an unknown top-level key at the key', async () => {
    const text = 'output:\n  format: terraform\noutptu:\n  dir: x\n';
    const { dir, diags, config } = await load({ 'obsgen.config.yaml': text });
    expect(config).toBeUndefined();
    expect(diags.items).toHaveLength(1);
    expect(diags.items[0]).toMatchObject({ severity: 'error', file: path.join(dir, 'obsgen.config.yaml'), ...positionOf(text, 'outptu') });
    expect(diags.items[0]!.message).toContain('unknown key "outptu"');
  });

  it('reports an unknown nested key at the key', async () => {
    const text = 'output:\n  format: terraform\n  dri: out\n';
    const { dir, diags, config } = await load({ 'obsgen.config.yaml': text });
    expect(config).toBeUndefined();
    expect(diags.items).toHaveLength(1);
    expect(diags.items[0]).toMatchObject({ severity: 'error', file: path.join(dir, 'obsgen.config.yaml'), ...positionOf(text, 'dri') });
    expect(diags.items[0]!.message).toContain('unknown key "dri"');
  });

  it('lists the keys that are allowed where an unknown key was found', async () => {
    const { diags } = await load({ 'obsgen.config.yaml': 'output:\n  dri: out\n' });
    expect(diags.items).toHaveLength(1);
    // schema-errors.ts means to append "(expected one of: dir, targets, format, cloudformation)".
    expect(diags.items[0]!.message).toContain('expected one of: dir, targets, format, cloudformation');
  });

  it('reports an unknown key in package.json#obsgen at its position in package.json', async () => {
    const text = JSON.stringify({ name: 'x', obsgen: { output: { formt: 'yaml' } } }, null, 2);
    const { dir, diags, config } = await load({ 'package.json': text });
    expect(config).toBeUndefined();
    expect(diags.items).toHaveLength(1);
    expect(diags.items[0]).toMatchObject({ severity: 'error', file: path.join(dir, 'package.json'), ...positionOf(text, '"formt"') });
  });

  it('reports a wrong type at the value', async () => {
    const text = 'output:\n  format: 3\n';
    const { dir, diags, config } = await load({ 'obsgen.config.yaml': text });
    expect(config).toBeUndefined();
    expect(diags.items).toHaveLength(1);
    expect(diags.items[0]).toMatchObject({ severity: 'error', file: path.join(dir, 'obsgen.config.yaml'), ...positionOf(text, '3') });
    expect(diags.items[0]!.message).toContain('output.format');
  });

  it('takes output targets as a list, or format as their shorthand, not both', async () => {
    expect((await load({ 'obsgen.config.yaml': 'output:\n  targets: [terraform, cloudformation]\n' })).config!.output.targets).toEqual(['terraform', 'cloudformation']);
    const text = 'output:\n  targets: [terraform]\n  format: both\n';
    const { diags, config } = await load({ 'obsgen.config.yaml': text });
    expect(config).toBeUndefined();
    expect(diags.items).toEqual([expect.objectContaining({ severity: 'error', message: 'give output.targets or its shorthand output.format, not both', ...positionOf(text, 'both') })]);
  });

  it('reports a string where a list is expected, at the value', async () => {
    const text = 'inputs:\n  inventory: inventory.json\n';
    const { diags, config } = await load({ 'obsgen.config.yaml': text });
    expect(config).toBeUndefined();
    expect(diags.items).toHaveLength(1);
    expect(diags.items[0]).toMatchObject({ severity: 'error', ...positionOf(text, 'inventory.json') });
  });

  it('reports a retention that CloudWatch Logs does not allow', async () => {
    const text = 'logs:\n  retentionDays: 31\n';
    const { diags, config } = await load({ 'obsgen.config.yaml': text });
    expect(config).toBeUndefined();
    expect(diags.items.length).toBeGreaterThanOrEqual(1);
    expect(diags.items.every((d) => d.severity === 'error' && d.line === 2 && d.column === positionOf(text, '31').column)).toBe(true);
  });

  it('reports invalid YAML in a --config file with its position', async () => {
    const text = 'output:\n  dir: out: more\n';
    const { dir, diags, config } = await load({ 'obsgen.config.yaml': text }, 'obsgen.config.yaml');
    expect(config).toBeUndefined();
    expect(diags.hasErrors).toBe(true);
    expect(diags.items[0]).toMatchObject({ severity: 'error', file: path.join(dir, 'obsgen.config.yaml'), ...positionOf(text, 'out: more') });
  });

  it('reports invalid YAML in a discovered config file with its file and position', async () => {
    const text = 'output:\n  dir: out: more\n';
    const { dir, diags, config } = await load({ 'obsgen.config.yaml': text });
    expect(config).toBeUndefined();
    expect(diags.hasErrors).toBe(true);
    expect(diags.items[0]).toMatchObject({ severity: 'error', file: path.join(dir, 'obsgen.config.yaml'), ...positionOf(text, 'out: more') });
  });

  it('reports invalid JSON in a discovered .obsgenrc.json with its file and position', async () => {
    const text = '{\n  "output": {"dir": "out",}\n}\n';
    const { dir, diags, config } = await load({ '.obsgenrc.json': text });
    expect(config).toBeUndefined();
    expect(diags.items[0]).toMatchObject({ severity: 'error', file: path.join(dir, '.obsgenrc.json'), ...positionOf(text, '}') });
  });

  it('reports an unclosed flow sequence at the end of the file', async () => {
    const text = 'inputs:\n  inventory: [a.json\n';
    const { dir, diags, config } = await load({ 'obsgen.config.yaml': text }, 'obsgen.config.yaml');
    expect(config).toBeUndefined();
    expect(diags.items[0]).toMatchObject({ severity: 'error', file: path.join(dir, 'obsgen.config.yaml'), line: 3, column: 1 });
  });

  it('reports an invalid Handlebars template in actions.critical at that entry', async () => {
    const text = 'actions:\n  warning: "arn:aws:sns:{{region}}:{{account}}:warn"\n  critical: "arn:{{region"\n';
    const { dir, diags, config } = await load({ 'obsgen.config.yaml': text });
    expect(config).toBeUndefined();
    expect(diags.items).toHaveLength(1);
    expect(diags.items[0]).toMatchObject({
      severity: 'error',
      file: path.join(dir, 'obsgen.config.yaml'),
      path: 'actions.critical',
      ...positionOf(text, '"arn:{{region"'),
    });
    expect(diags.items[0]!.message).toMatch(/^template: /);
  });

  it('takes a list of action ARNs per severity, and reports a bad one at its entry', async () => {
    const ok = await load({ 'obsgen.config.yaml': 'actions:\n  critical: ["arn:aws:sns:{{region}}:{{account}}:pager", "arn:aws:sns:{{region}}:{{account}}:chat"]\n  warning: ""\n' });
    expect(ok.diags.items).toEqual([]);
    expect(ok.config!.actions).toMatchObject({ critical: ['arn:aws:sns:{{region}}:{{account}}:pager', 'arn:aws:sns:{{region}}:{{account}}:chat'], warning: [], info: [], declared: true });

    const text = 'actions:\n  critical:\n    - "arn:aws:sns:{{region}}:{{account}}:pager"\n    - "arn:{{region"\n';
    const bad = await load({ 'obsgen.config.yaml': text });
    expect(bad.config).toBeUndefined();
    expect(bad.diags.items).toEqual([expect.objectContaining({ severity: 'error', path: 'actions.critical[1]', ...positionOf(text, '"arn:{{region"') })]);
  });

  it('refuses more than 5 actions for one severity (CloudWatch\'s limit per alarm state)', async () => {
    const six = Array.from({ length: 6 }, (_, i) => `"arn:aws:sns:eu-west-1:123456789012:t${i}"`).join(', ');
    const { diags, config } = await load({ 'obsgen.config.yaml': `actions:\n  warning: [${six}]\n` });
    expect(config).toBeUndefined();
    expect(diags.items.map((d) => d.message)).toEqual(['actions.warning: must NOT have more than 5 items']);
  });

  it('reports a partial in naming.alarmName', async () => {
    const text = 'naming:\n  alarmName: "{{> evil}}"\n';
    const { diags, config } = await load({ 'obsgen.config.yaml': text });
    expect(config).toBeUndefined();
    expect(diags.items[0]).toMatchObject({ severity: 'error', path: 'naming.alarmName', ...positionOf(text, '"{{> evil}}"') });
  });

  it('reports a variable naming.alarmName cannot use once, at the template (not once per alarm at the blueprints)', async () => {
    const text = 'naming:\n  alarmName: "{{aap}}-{{alarm.id}}"\n';
    const { dir, diags, config } = await load({ 'obsgen.config.yaml': text });
    expect(config).toBeUndefined();
    expect(diags.items).toEqual([
      {
        severity: 'error',
        message: 'template: unknown variable "aap" (the template can use resource, tags, app, env, prefix, alarm), at line 1, column 3 of the template',
        file: path.join(dir, 'obsgen.config.yaml'),
        path: 'naming.alarmName',
        ...positionOf(text, '"{{aap}}'),
      },
    ]);
  });

  it('reports a field the resource or alarm does not have in naming.alarmName', async () => {
    const text = 'naming:\n  alarmName: "{{resource.name}}/{{#if env}}{{env}}/{{/if}}{{alarm.severty}}"\n';
    const { diags } = await load({ 'obsgen.config.yaml': text });
    expect(diags.items.map((d) => d.message)).toEqual(['template: unknown variable "alarm.severty" (alarm has id, title, severity, threshold), at line 1, column 47 of the template']);
  });

  it('reports a variable an action ARN template cannot use at validate time', async () => {
    const text = 'actions:\n  critical: "arn:{{partition}}:sns:{{region}}:{{acount}}:page"\n';
    const { diags, config } = await load({ 'obsgen.config.yaml': text });
    expect(config).toBeUndefined();
    expect(diags.items.map((d) => [d.path, d.message])).toEqual([
      ['actions.critical', 'template: unknown variable "acount" (the template can use partition, account, region), at line 1, column 36 of the template'],
    ]);
  });

  it('accepts every variable of the alarm context in naming.alarmName, and data below tags', async () => {
    const text = 'naming:\n  alarmName: "{{prefix}}{{app}}{{env}}{{tags.team}}{{resource.dimensions.QueueName}}{{#each tags}}{{@key}}{{this}}{{/each}}{{lookup tags \'x y\'}}/{{alarm.id}}"\n';
    const { diags, config } = await load({ 'obsgen.config.yaml': text });
    expect(diags.items).toEqual([]);
    expect(config).toBeDefined();
  });

  it('accepts valid action templates', async () => {
    const { diags, config } = await load({
      'obsgen.config.yaml': 'actions:\n  critical: "arn:{{partition}}:sns:{{region}}:{{account}}:page"\n  notifyOnOk: false\n',
    });
    expect(diags.items).toEqual([]);
    expect(config!.actions).toEqual({
      critical: ['arn:{{partition}}:sns:{{region}}:{{account}}:page'],
      warning: [],
      info: [],
      application: [],
      notifyOnOk: false,
      declared: true,
    });
  });

  it('takes a tag key, or a list of its spellings, for the application and environment', async () => {
    const { diags, config } = await load({ 'obsgen.config.yaml': 'tags:\n  application: [app, Application]\n  environment: Environment\n' });
    expect(diags.items).toEqual([]);
    expect(config!.tags).toEqual({ application: ['app', 'Application'], environment: ['Environment'], defaultApplication: 'unassigned' });
    expect(config!.actions.declared).toBe(false);
    const empty = await load({ 'obsgen.config.yaml': 'tags:\n  application: []\n' });
    expect(empty.config).toBeUndefined();
    expect(empty.diags.items.map((d) => d.message)).toEqual(['tags.application: must NOT have fewer than 1 items']);
  });

  it('an action set to "" is declared: no action, on purpose', async () => {
    const { config } = await load({ 'obsgen.config.yaml': 'actions:\n  critical: ""\n' });
    expect(config!.actions).toMatchObject({ critical: [], declared: true });
  });
});

describe('logs.retentionByEnvironment is a Map', () => {
  it('keeps __proto__ as an ordinary environment name (YAML)', async () => {
    const { diags, config } = await load({
      'obsgen.config.yaml': 'logs:\n  retentionByEnvironment:\n    __proto__: 7\n    prod: 365\n',
    });
    expect(diags.items).toEqual([]);
    const map = config!.logs.retentionByEnvironment;
    expect(map).toBeInstanceOf(Map);
    expect(map.get('__proto__')).toBe(7);
    expect(map.get('prod')).toBe(365);
    expect(map.size).toBe(2);
    expect(map.get('constructor')).toBeUndefined();
    expect(map.get('toString')).toBeUndefined();
  });

  it('keeps __proto__ as an ordinary environment name (JSON)', async () => {
    const { diags, config } = await load({ '.obsgenrc.json': '{"logs": {"retentionByEnvironment": {"__proto__": 14}}}' });
    expect(diags.items).toEqual([]);
    expect(config!.logs.retentionByEnvironment.get('__proto__')).toBe(14);
    expect(config!.logs.retentionByEnvironment.size).toBe(1);
  });

  it('does not read Object.prototype for environments that are not configured', () => {
    const config = resolveConfig({ logs: { retentionByEnvironment: { prod: 365 } } });
    const map = config.logs.retentionByEnvironment;
    for (const env of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf']) expect(map.get(env)).toBeUndefined();
    expect(map.get('prod')).toBe(365);
  });

  it('reports a bad retention for an environment named __proto__', async () => {
    const text = 'logs:\n  retentionByEnvironment:\n    __proto__: 8\n';
    const { diags, config } = await load({ 'obsgen.config.yaml': text });
    expect(config).toBeUndefined();
    expect(diags.items.length).toBeGreaterThanOrEqual(1);
    expect(diags.items[0]).toMatchObject({ severity: 'error', ...positionOf(text, '8') });
  });
});

describe('resolveConfig', () => {
  it('applies every default to an empty object', () => {
    const config = resolveConfig({});
    const d = defaultConfig();
    expect(config.file).toBeUndefined();
    expect(config.tags).toEqual(d.tags);
    expect(config.actions).toEqual(d.actions);
    expect(config.naming).toEqual(d.naming);
    expect(config.filters).toEqual({ include: [], exclude: [] });
    expect(config.output.dir).toBe(path.resolve('generated'));
    expect(path.isAbsolute(config.output.dir)).toBe(true);
  });

  it('merges partial sections with the defaults', () => {
    const config = resolveConfig({
      tags: { application: 'service' },
      naming: { prefix: 'acme/' },
      output: { cloudformation: { syntax: 'json' } },
      filters: { exclude: [{ tag: 'temporary' }] },
    });
    expect(config.tags).toEqual({ application: ['service'], environment: ['env'], defaultApplication: 'unassigned' });
    expect(config.naming.prefix).toBe('acme/');
    expect(config.naming.alarmName).toBe(defaultConfig().naming.alarmName);
    expect(config.output.cloudformation).toEqual({ syntax: 'json', maxResourcesPerStack: 500, maxBytesPerStack: 1_000_000 });
    expect(config.filters).toEqual({ include: [], exclude: [{ tag: 'temporary' }] });
  });

  it('resolves paths against the folder of the given file', () => {
    const config = resolveConfig({ inputs: { inventory: ['a.json'] }, output: { dir: 'out' } }, '/repo/conf/obsgen.config.yaml');
    expect(config.file).toBe('/repo/conf/obsgen.config.yaml');
    expect(config.inputs.inventory).toEqual(['/repo/conf/a.json']);
    expect(config.output.dir).toBe('/repo/conf/out');
  });

  it('does not share mutable state between calls', () => {
    const a = resolveConfig({});
    a.filters.include.push({ tag: 'x' });
    a.inputs.inventory.push('/x');
    const b = resolveConfig({});
    expect(b.filters.include).toEqual([]);
    expect(b.inputs.inventory).toEqual([]);
  });
});

describe('the config schema', () => {
  it('takes tuning policies in exactly the blueprint schema’s form (one definition, copied; a change to one is made to both)', () => {
    const schema = (name: string) => JSON.parse(fs.readFileSync(path.join(REPO, 'schemas', name), 'utf8')) as { definitions: Record<string, unknown> };
    expect(schema('config.schema.json').definitions.tuning).toEqual(schema('blueprint.schema.json').definitions.tuning);
  });
});
