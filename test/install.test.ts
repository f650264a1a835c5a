import { spawnSync } from 'node:child_process';
import type { SpawnSyncReturns } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTree, tempDir } from './helpers/files.js';
import { BIN, REPO } from './helpers/paths.js';
import { manifestFromFiles } from './helpers/manifest.js';

// #19 item 1: a stranger installs obsgen as the README says and follows "Using it on your
// account" in an empty folder of their own. The package is made with `npm pack` and installed
// from the tarball into a fresh project, exactly the files and dependencies a user gets. With
// no network here, the dependencies come from npm's cache, pinned by this repository's lock
// file: the lock of a fresh project is this one's production part, which is exactly the tree
// npm resolves for the package as a dependency. (`npm install -g` would resolve them from the
// registry; installed into a project, the package, its files and its dependencies are the same.)
// The AWS CLI is a stand-in printing what the two commands print for examples/acme's
// production account in eu-west-1.

const PKG = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { name: string; version: string; license: string; bin: Record<string, string>; engines: Record<string, string>; dependencies: Record<string, string> };
const LOCK = JSON.parse(readFileSync(join(REPO, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean; devOptional?: boolean }> };
const INVENTORY = join(REPO, 'examples/acme/inventory/prod-eu-west-1.json');
const LOG_GROUPS = join(REPO, 'examples/acme/log-groups/prod-eu-west-1.json');

const FAKE_AWS = `#!/bin/sh
# Stand-in for the AWS CLI: what the walkthrough's two commands print.
case "$1 $2" in
  "resourcegroupstaggingapi get-resources") cat "${INVENTORY}" ;;
  "logs describe-log-groups") cat "${LOG_GROUPS}" ;;
  *) echo "fake aws: not part of the walkthrough: $*" >&2; exit 2 ;;
esac
`;

/** The environment a user's shell has: npm's own variables from `npm test` left out, `extra` first on the PATH. */
function userEnv(...extra: string[]): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) && k !== 'INIT_CWD'));
  return { ...env, PATH: [...extra, process.env.PATH ?? ''].join(delimiter) };
}

function run(command: string, args: string[], cwd: string, env = userEnv()): SpawnSyncReturns<string> {
  return spawnSync(command, args, { cwd, env, encoding: 'utf8', timeout: 120_000 });
}

/** The first `sh` block after a README heading. */
function readmeBlock(heading: string): string {
  const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
  const at = readme.indexOf(`\n## ${heading}\n`);
  expect(at, `README section "${heading}"`).toBeGreaterThan(0);
  const block = /```sh\n([\s\S]*?)```/.exec(readme.slice(at));
  return block![1]!;
}

/** Packs the package and installs the tarball into a fresh project; the folder holding the `obsgen` command. */
function install(root: string): string {
  expect(existsSync(BIN), 'run npm run build').toBe(true);
  // --ignore-scripts: `npm test` has built dist/ already; rebuilding it here would rewrite it
  // under the tests that run the built CLI.
  const pack = run('npm', ['pack', '--ignore-scripts', '--pack-destination', root], REPO);
  expect(pack.status, pack.stderr).toBe(0);
  const tarball = pack.stdout.trim().split('\n').pop()!;
  expect(tarball).toBe(`${PKG.name}-${PKG.version}.tgz`);
  const project = join(root, 'project');
  mkdirSync(project);
  cpSync(join(root, tarball), join(project, tarball));
  const dependency = `file:${tarball}`;
  const integrity = `sha512-${createHash('sha512').update(readFileSync(join(project, tarball))).digest('base64')}`;
  const packages: Record<string, unknown> = {
    '': { name: 'walkthrough', dependencies: { [PKG.name]: dependency } },
    [`node_modules/${PKG.name}`]: { version: PKG.version, resolved: dependency, integrity, license: PKG.license, dependencies: PKG.dependencies, bin: PKG.bin, engines: PKG.engines },
  };
  for (const [path, entry] of Object.entries(LOCK.packages)) if (path !== '' && !entry.dev && !entry.devOptional) packages[path] = entry;
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'walkthrough', private: true, dependencies: { [PKG.name]: dependency } }));
  writeFileSync(join(project, 'package-lock.json'), JSON.stringify({ name: 'walkthrough', lockfileVersion: 3, requires: true, packages }));
  const ci = run('npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund'], project);
  expect(ci.status, ci.stderr).toBe(0);
  return join(project, 'node_modules', '.bin');
}

describe('the README: install, then "Using it on your account", from an empty folder', () => {
  it('installs from npm pack output; the walkthrough writes generated/, imports the log groups that exist, and is not stopped', () => {
    const started = Date.now();
    const root = tempDir('obsgen-install-');
    const bin = install(root);
    const installed = Date.now();
    const fakeAws = join(root, 'aws-cli');
    mkdirSync(fakeAws);
    writeFileSync(join(fakeAws, 'aws'), FAKE_AWS);
    chmodSync(join(fakeAws, 'aws'), 0o755);
    const env = userEnv(bin, fakeAws);
    expect(run('obsgen', ['--version'], root, env).stdout.trim()).toBe(PKG.version);

    // The walkthrough, as the README writes it, in an empty folder.
    const work = join(root, 'work');
    mkdirSync(work);
    writeFileSync(join(root, 'walkthrough.sh'), readmeBlock('Using it on your account'));
    const walk = run('bash', ['-e', join(root, 'walkthrough.sh')], work, env);
    const walked = Date.now();
    expect(walk.stderr).toBe('');
    expect(walk.status).toBe(0);
    expect(walk.stdout).toMatch(/^obsgen: \d+ resources monitored/);
    expect(readdirSync(work).sort()).toEqual(['generated', 'inventory-eu-west-1.json', 'log-groups-eu-west-1.json', 'obsgen.config.yaml']);

    // Log groups that already exist are imported, not created.
    const out = readTree(join(work, 'generated'));
    const manifest = manifestFromFiles(out);
    expect(manifest.alarms.length).toBeGreaterThan(0);
    // Every alarm notifies, but info ones and the windows of an SLO (its composite alarms do).
    const sloWindow = /\/slo-(availability|latency)-\d+[mhd]$/;
    expect(manifest.alarms.filter((a) => !(a.actions.length > 0 || a.severity === 'info' || sloWindow.test(a.id))).map((a) => a.id)).toEqual([]);
    const sloComposites = manifest.composites.filter((c) => /\/slo-(availability|latency)-(page|ticket)$/.test(c.id));
    expect(sloComposites.length).toBeGreaterThan(0);
    expect(sloComposites.filter((c) => c.actions.length === 0).map((c) => c.id)).toEqual([]);
    const existing = (JSON.parse(readFileSync(LOG_GROUPS, 'utf8')) as { logGroups: { logGroupName: string }[] }).logGroups.map((g) => g.logGroupName);
    const generatedExisting = manifest.logGroups.filter((l) => existing.includes(l.name));
    expect(generatedExisting.length).toBeGreaterThan(0);
    expect(generatedExisting.filter((l) => !l.exists)).toEqual([]);
    // In whichever stacks hold them.
    const toImport = [...out]
      .filter(([path]) => /^cloudformation\/111111111111\/eu-west-1\/[^/]+\.resources-to-import\.json$/.test(path))
      .flatMap(([, text]) => JSON.parse(text) as { ResourceIdentifier: { LogGroupName: string } }[]);
    expect(toImport.map((r) => r.ResourceIdentifier.LogGroupName).sort()).toEqual(generatedExisting.map((l) => l.name).sort());

    // The library entry of the installed package.
    const library = run(process.execPath, ['--input-type=module', '-e', "import { generate } from 'obsgen'; const r = await generate({ cwd: process.argv[1], inventory: ['inventory-eu-west-1.json'], logGroups: ['log-groups-eu-west-1.json'], out: 'generated' }); console.log(r.ok, r.files.length);", work], join(root, 'project'), env);
    expect(library.stderr).toBe('');
    expect(library.stdout.trim()).toBe(`true ${out.size}`);

    console.info(`[install] npm pack + npm ci of the tarball: ${((installed - started) / 1000).toFixed(1)} s; the walkthrough: ${((walked - installed) / 1000).toFixed(1)} s`);
  }, 180_000);

  it('in the clone, where generated/ holds the demo, the README\'s folder of its own is what keeps the first run from the removal guard', () => {
    const text = readFileSync(join(REPO, 'README.md'), 'utf8').replace(/\s+/g, ' ');
    const folder = /In the clone, give it a folder of its own: `--out ([^`]+)`/.exec(text)?.[1];
    expect(folder, 'the README says which folder to use in the clone').toBeDefined();
    const clone = tempDir('obsgen-clone-');
    cpSync(join(REPO, 'generated'), join(clone, 'generated'), { recursive: true });
    // A stranger's account: the example's production listing, moved to an account of their own.
    for (const [from, to] of [[INVENTORY, 'inventory-eu-west-1.json'], [LOG_GROUPS, 'log-groups-eu-west-1.json']] as const) {
      writeFileSync(join(clone, to), readFileSync(from, 'utf8').replaceAll('111111111111', '999999999999'));
    }
    writeFileSync(join(clone, 'obsgen.config.yaml'), 'actions:\n  critical: "arn:{{partition}}:sns:{{region}}:{{account}}:pager"\n');
    const cli = BIN;
    expect(existsSync(cli), 'run npm run build').toBe(true);
    const step = ['generate', '--inventory', 'inventory-eu-west-1.json', '--log-groups', 'log-groups-eu-west-1.json'];
    const demo = readTree(join(clone, 'generated'));
    const over = run(process.execPath, [cli, ...step], clone);
    expect(over.status).toBe(2);
    expect(over.stderr).toMatch(/would remove \d+ of \d+/);
    // The guard says why, rather than only suggesting --allow-removals.
    expect(over.stderr).toContain("error: the output folder holds the monitoring of other accounts and regions (111111111111/eu-west-1, 111111111111/us-east-1, 222222222222/eu-west-1) than this run read (999999999999/eu-west-1, 999999999999/us-east-1): another estate's output, such as obsgen's demo? Give this one a folder of its own with --out\n");
    const own = run(process.execPath, [cli, ...step, '--out', folder!], clone);
    expect(own.stderr).toBe('');
    expect(own.status).toBe(0);
    expect(readTree(join(clone, 'generated'))).toEqual(demo);
  }, 120_000);
});
