import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readTree } from '../helpers/files.js';
import { afterNightA, copyOf, generateNight, manifestMismatches } from '../helpers/nights.js';

// An output folder obsgen cannot finish writing: a precise diagnostic, exit 2, and the folder
// exactly as it was. Never a stack trace or an "internal error".

// Root ignores permissions: there, the failure a read-only folder causes is made by a failpoint.
const root = process.getuid?.() === 0;

describe('a write that fails half-way through the commit', () => {
  let inputs: string;
  let nightA: string;

  beforeAll(async () => {
    ({ inputs, out: nightA } = await afterNightA());
  });

  it.skipIf(root)('a read-only terraform/ subfolder: EACCES, everything already renamed is put back, exit 2', async () => {
    const out = copyOf(nightA);
    const before = readTree(out);
    chmodSync(join(out, 'terraform'), 0o555);
    try {
      const run = await generateNight(inputs, 'B', out);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/terraform\/[\w.-]+: error: cannot write this file: EACCES: permission denied; the output folder was put back as it was\n/);
      expect(run.stderr).not.toContain('internal error');
      expect(readTree(out)).toEqual(before);
    } finally {
      chmodSync(join(out, 'terraform'), 0o755);
    }
    expect((await generateNight(inputs, 'B', out)).code).toBe(0);
    expect(manifestMismatches(out)).toEqual([]);
  });

  // The same failure, made by a failpoint wherever the permissions cannot make it: the 12th of
  // 17 files set aside, once 11 were set aside and most of them replaced; then a failing move.
  for (const point of ['commit.aside:12:eacces', 'commit.move:15:eacces', 'commit.manifest:1:eacces']) {
    it(`an EACCES at ${point}: everything already renamed is put back, exit 2`, async () => {
      const out = copyOf(nightA);
      const before = readTree(out);
      const run = await generateNight(inputs, 'B', out, { OBSGEN_FAILPOINT: point });
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/: error: cannot write this file: EACCES: permission denied \(failpoint [\w.:]+\); the output folder was put back as it was\n/);
      expect(run.stderr).toContain('obsgen: nothing was written.');
      expect(run.stderr).not.toContain('internal error');
      expect(readTree(out)).toEqual(before);
      expect((await generateNight(inputs, 'C', out)).code).toBe(0);
      expect(manifestMismatches(out)).toEqual([]);
    });
  }

  it('a file that cannot be staged (EACCES) stops the run with the file named, nothing written', async () => {
    const out = copyOf(nightA);
    const before = readTree(out);
    const run = await generateNight(inputs, 'B', out, { OBSGEN_FAILPOINT: 'stage:3:eacces' });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/: error: cannot stage this file: EACCES: permission denied \(failpoint stage:3\); nothing was changed\n/);
    expect(run.stderr).not.toContain('internal error');
    expect(readTree(out)).toEqual(before);
  });
});
