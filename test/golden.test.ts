import { cpSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runObsgen } from './helpers/cli.js';
import { readTree, tempDir } from './helpers/files.js';
import { REPO } from './helpers/paths.js';

// `generated/` is the committed output of the README's example command. Regenerating it
// (from a copy, so its manifest is the previous run's, exactly as `npm run demo` sees it)
// must change nothing. If this fails on purpose, run `npm run demo` and commit the result.
describe('golden output of the example', () => {
  it('regenerating examples/acme reproduces generated/ byte for byte', async () => {
    const committed = join(REPO, 'generated');
    expect(existsSync(committed), 'generated/ is missing: run `npm run demo`').toBe(true);
    const out = tempDir();
    cpSync(committed, out, { recursive: true });
    const run = await runObsgen(['generate', '--config', 'examples/acme/obsgen.config.yaml', '--out', out, '--quiet'], REPO);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const want = readTree(committed);
    const got = readTree(out);
    expect([...got.keys()]).toEqual([...want.keys()]);
    for (const [path, content] of want) expect(got.get(path), `${path} differs: run \`npm run demo\``).toBe(content);
  });

  it('--check agrees that generated/ is up to date', async () => {
    const run = await runObsgen(['generate', '--config', 'examples/acme/obsgen.config.yaml', '--out', 'generated', '--check'], REPO);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('is up to date');
  });
});
