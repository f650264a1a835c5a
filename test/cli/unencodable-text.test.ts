import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runObsgen } from '../helpers/cli.js';
import { readTree, tempDir } from '../helpers/files.js';
import { REPO } from '../helpers/paths.js';
import { manifestIn } from '../helpers/manifest.js';

/*
 * A lone surrogate (`"\ud800"` in JSON) has no UTF-8 form. In a tag, which anyone who can tag
 * writes, it is a finding about that one resource; in the config or a blueprint, which the
 * platform team writes, an error at its place. Never "internal error: URIError", never text
 * replaced silently in the output.
 */

const ACCOUNT = '123456789012';
const ORDERS = `arn:aws:sqs:eu-west-1:${ACCOUNT}:orders`;
const BILLING = `arn:aws:sqs:eu-west-1:${ACCOUNT}:billing`;

/** An inventory whose `orders` queue has the application tag `api` + a lone surrogate (as JSON spells it). */
function folder(config = ''): string {
  const dir = tempDir();
  writeFileSync(
    join(dir, 'inv.json'),
    `{"ResourceTagMappingList": [
  {"ResourceARN": "${ORDERS}", "Tags": [{"Key": "app", "Value": "api\\ud800"}]},
  {"ResourceARN": "${BILLING}", "Tags": [{"Key": "app", "Value": "billing"}]}
]}
`,
  );
  writeFileSync(join(dir, 'obsgen.config.yaml'), config);
  return dir;
}

describe('a tag no output can hold', () => {
  // `{{app}}` in alarm names put the tag into the console link of MONITORING.md: URIError.
  it.each([
    ['the default names', ''],
    ['alarm names made from the application tag', 'naming:\n  alarmName: "{{app}}/{{resource.name}}/{{alarm.id}}"\n'],
  ])('with %s: a warning naming the ARN and tag, the other resources generated (exit 1)', async (_, config) => {
    const dir = folder(config);
    const run = await runObsgen(['generate', '--config', 'obsgen.config.yaml', '--inventory', 'inv.json', '--out', 'out', '--format', 'both'], dir);
    expect(run.stderr).not.toContain('internal error');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `${ORDERS} (tag "app"): warning: the tag's value is not valid Unicode text (a lone surrogate, U+D800, at character 4), which no output can hold; this resource is not monitored until it is fixed`,
    );
    const manifest = manifestIn(join(dir, 'out'));
    expect(manifest.resources.map((r) => r.arn)).toEqual([BILLING]);
    expect(manifest.unmonitored).toContainEqual({ arn: ORDERS, type: 'sqs:queue', reason: 'tag "app" has a value that is not valid Unicode text' });
    // Nothing of it reached a file, not even as a replacement character.
    for (const [path, text] of readTree(join(dir, 'out'))) {
      expect(text.includes('\uFFFD') || text.includes('\\ud800'), path).toBe(false);
    }
  });

  it('obsgen inventory lists the resource as not monitored, with the reason', async () => {
    const run = await runObsgen(['inventory', '--inventory', 'inv.json', '--json'], folder());
    expect(run.code).toBe(1);
    const listed = JSON.parse(run.stdout) as { unmonitored: { arn: string; reason: string }[] };
    expect(listed.unmonitored).toContainEqual(expect.objectContaining({ arn: ORDERS, reason: 'tag "app" has a value that is not valid Unicode text' }));
  });
});

describe('platform files: a lone surrogate is an error at its place (exit 2, nothing written)', () => {
  it('in the config', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'obsgen.config.json'), '{\n  "tags": {"application": "team\\udfff"}\n}\n');
    const run = await runObsgen(['generate', '--config', 'obsgen.config.json', '--inventory', 'inv.json', '--out', 'out'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('obsgen.config.json:2:27: error: tags.application: not valid Unicode text (a lone surrogate, U+DFFF, at character 5), which no output can hold');
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('in a blueprint', async () => {
    const dir = folder('blueprints:\n  paths: [bp]\n');
    mkdirSync(join(dir, 'bp'));
    const blueprint = readFileSync(join(REPO, 'src/services/sqs/sqs-queue.yaml'), 'utf8').replace('title: Age of oldest message', 'title: "Age of oldest message \\ud800"');
    writeFileSync(join(dir, 'bp/sqs-queue.yaml'), blueprint);
    const run = await runObsgen(['generate', '--config', 'obsgen.config.yaml', '--inventory', 'inv.json', '--out', 'out'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/bp\/sqs-queue\.yaml:\d+:12: error: alarms\[0\]\.title: not valid Unicode text \(a lone surrogate, U\+D800, at character 23\), which no output can hold/);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });
});
