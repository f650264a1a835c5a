import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/files.js';
import { BIN, REPO } from '../helpers/paths.js';

/*
 * What a run loads is most of what a small run costs (issue #21: a one-resource run spent 28%
 * of its CPU loading every command and the AWS SDK). The built CLI runs here with a module hook
 * that lists every module it resolves: dist/cli/main.js, whose modules are ours one by one, and
 * the bundle the package installs (BIN), whose chunks are not named after them.
 */
function loadedBy(args: string[], main = join(REPO, 'dist/cli/main.js')): { code: number | null; urls: string[] } {
  const dir = tempDir();
  writeFileSync(join(dir, 'hooks.mjs'), "import { appendFileSync } from 'node:fs';\nexport async function resolve(specifier, context, next) {\n  const r = await next(specifier, context);\n  appendFileSync(process.env.LOADED_LIST, `${r.url}\\n`);\n  return r;\n}\n");
  writeFileSync(join(dir, 'register.mjs'), "import { register } from 'node:module';\nregister(new URL('./hooks.mjs', import.meta.url));\n");
  writeFileSync(
    join(dir, 'inventory.json'),
    JSON.stringify({ ResourceTagMappingList: [{ ResourceARN: 'arn:aws:lambda:eu-west-1:123456789012:function:orders', Tags: [{ Key: 'app', Value: 'orders' }] }] }),
  );
  writeFileSync(join(dir, 'obsgen.config.yaml'), 'inputs:\n  inventory: [inventory.json]\nactions:\n  critical: ""\n');
  const list = join(dir, 'loaded.txt');
  const r = spawnSync(process.execPath, ['--import', join(dir, 'register.mjs'), main, ...args], { cwd: dir, env: { ...process.env, LOADED_LIST: list }, encoding: 'utf8' });
  return { code: r.status, urls: existsSync(list) ? readFileSync(list, 'utf8').trim().split('\n') : [] };
}

describe('the CLI loads what the command it runs needs', () => {
  it('--version loads no command', () => {
    const { code, urls } = loadedBy(['--version']);
    expect(code).toBe(0);
    expect(urls.some((u) => u.endsWith('/dist/cli/run.js'))).toBe(true);
    expect(urls.filter((u) => u.includes('/dist/cli/commands/'))).toEqual([]);
  });

  it('a file-based generate loads its own command and not the AWS SDK', () => {
    const { code, urls } = loadedBy(['generate', '--out', 'out', '--quiet']);
    expect(code).toBe(0);
    expect(urls.filter((u) => u.includes('/dist/cli/commands/')).map((u) => u.slice(u.lastIndexOf('/') + 1))).toEqual(['generate.js']);
    expect(urls.filter((u) => u.includes('/@aws-sdk/') || u.includes('/dist/aws/live-source.js'))).toEqual([]);
  });

  it('a file-based inventory does not load the AWS SDK either', () => {
    const { code, urls } = loadedBy(['inventory']);
    expect(code).toBe(0);
    expect(urls.filter((u) => u.includes('/@aws-sdk/'))).toEqual([]);
  });

  it('the installed bundle loads a few files of ours, and no AWS SDK for a file-based run', () => {
    const ours = (urls: string[]) => new Set(urls.filter((u) => u.startsWith('file:') && u.includes('/dist/') && !u.includes('/node_modules/')));
    const version = loadedBy(['--version'], BIN);
    expect(version.code).toBe(0);
    const run = loadedBy(['generate', '--out', 'out', '--quiet'], BIN);
    expect(run.code).toBe(0);
    expect([...ours(run.urls)].every((u) => u.includes('/dist/bin/'))).toBe(true);
    // A command's chunk is loaded only by the command: --version loads fewer files than generate.
    expect(ours(version.urls).size).toBeLessThan(ours(run.urls).size);
    // What the bundle is for: a fraction of the files dist/cli/main.js loads for the same run.
    expect(ours(run.urls).size * 5).toBeLessThan(ours(loadedBy(['generate', '--out', 'out', '--quiet']).urls).size);
    expect(run.urls.filter((u) => u.includes('/@aws-sdk/'))).toEqual([]);
    expect(loadedBy(['inventory'], BIN).urls.filter((u) => u.includes('/@aws-sdk/'))).toEqual([]);
  });
});
