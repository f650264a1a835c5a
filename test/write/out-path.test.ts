import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatDiagnostic, generate } from '../../src/index.js';
import { runObsgen } from '../helpers/cli.js';
import { readTree, tempDir } from '../helpers/files.js';
import { nightsInputs } from '../helpers/nights.js';

// An output path that cannot be a folder: one precise diagnostic at that path, exit 2, nothing
// written anywhere, and never a stack trace or an "internal error". Every command that reads or
// writes the output folder says the same.

const INPUT = ['--config', 'obsgen.config.yaml', '--inventory', 'A.json'];
const COMMANDS = [['generate', ...INPUT], ['generate', '--check', ...INPUT], ['plan', ...INPUT], ['drift', '--config', 'obsgen.config.yaml']];

describe('--out that cannot be an output folder', () => {
  let inputs: string;
  let place: string;
  let links: string;

  beforeAll(() => {
    inputs = nightsInputs();
    place = tempDir();
    writeFileSync(join(place, 'a-file'), 'not a folder\n');
    mkdirSync(join(place, 'folder'));
    // Apart: the trees compared below cannot hold a link to nothing.
    links = tempDir();
    symlinkSync(join(links, 'nowhere'), join(links, 'dangling'));
  });

  const cases: [what: string, out: () => string, message: RegExp][] = [
    ['an existing file', () => join(place, 'a-file'), /a-file: error: is a file, not a folder: the output folder \(--out, or output\.dir in the config\) must be a folder, or a path where one can be made\n/],
    ['a path below a file', () => join(place, 'a-file/sub/out'), /a-file\/sub\/out: error: cannot be made: \S+a-file is a file, not a folder\n/],
    ['a device', () => '/dev/null', /\/dev\/null: error: is not a folder \(a device, socket or pipe\), not a folder/],
    ['a link to nothing', () => join(links, 'dangling'), /dangling: error: is a link to something that does not exist/],
  ];

  for (const [what, out, message] of cases) {
    it(`${what}: a precise diagnostic, exit 2, nothing written`, async () => {
      for (const args of COMMANDS) {
        const before = readTree(place);
        const run = await runObsgen([...args, '--out', out()], inputs);
        expect(run.code, args.join(' ')).toBe(2);
        expect(run.stderr, args.join(' ')).toMatch(message);
        expect(run.stderr, args.join(' ')).not.toMatch(/internal error|\n\s+at /);
        expect(readTree(place)).toEqual(before);
      }
    });
  }

  it('the library entry (write: true) reports it as a diagnostic, and writes nothing', async () => {
    const run = await generate({ cwd: inputs, config: 'obsgen.config.yaml', inventory: ['A.json'], out: join(place, 'a-file'), write: true });
    expect(run.ok).toBe(false);
    expect(run.diagnostics.map(formatDiagnostic)).toEqual([`${join(place, 'a-file')}: error: is a file, not a folder: the output folder (--out, or output.dir in the config) must be a folder, or a path where one can be made`]);
    expect(readFileSync(join(place, 'a-file'), 'utf8')).toBe('not a folder\n');
  });
});
