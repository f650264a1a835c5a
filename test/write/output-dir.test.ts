import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// A folder on another filesystem than the temp folder, where this machine has one (tmpfs).
const otherFilesystem = existsSync('/dev/shm') && statSync('/dev/shm').dev !== statSync(tmpdir()).dev ? '/dev/shm' : undefined;
import { outputFile } from '../../src/targets/files.js';
import type { Manifest } from '../../src/state/manifest.js';
import { isSafeOutputPath, OutputDir } from '../../src/write/output-dir.js';
import { readTree, tempDir } from '../helpers/files.js';

function manifestOwning(paths: string[]): Manifest {
  return { generator: 'obsgen', files: paths.map((path) => ({ path, sha256: '' })) } as unknown as Manifest;
}

// Every run puts its manifest last; its rename into place is the commit point.
const MANIFEST = 'obsgen.manifest.json';
function putManifest(folder: OutputDir, text = '{}\n'): void {
  folder.put(MANIFEST, text);
}

describe('OutputDir', () => {
  it('writes new files, leaves identical ones, and removes only files the previous run generated', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'cloudformation/a'), { recursive: true });
    writeFileSync(join(dir, 'cloudformation/a/old.yaml'), 'old');
    writeFileSync(join(dir, 'cloudformation/a/same.yaml'), 'same');
    writeFileSync(join(dir, 'notes.md'), 'mine');
    const folder = new OutputDir(dir, manifestOwning(['cloudformation/a/old.yaml', 'cloudformation/a/same.yaml']), 'write');
    folder.put('cloudformation/a/same.yaml', 'same');
    folder.put('cloudformation/b/new.yaml', ['n', 'e', 'w']);
    putManifest(folder);
    // Nothing changes in the folder before the commit.
    expect([...readTree(dir).keys()].filter((p) => !p.startsWith('.obsgen-staging-'))).toEqual(['cloudformation/a/old.yaml', 'cloudformation/a/same.yaml', 'notes.md']);
    const plan = folder.commit();
    expect(plan).toEqual({ write: ['cloudformation/b/new.yaml', MANIFEST], remove: ['cloudformation/a/old.yaml'], conflicts: [], unchanged: 1, lineEndings: [] });
    expect(readTree(dir)).toEqual(
      new Map([
        ['cloudformation/a/same.yaml', 'same'],
        ['cloudformation/b/new.yaml', 'new'],
        ['notes.md', 'mine'],
        [MANIFEST, '{}\n'],
      ]),
    );
  });

  it('records what each file is, as the in-memory sink does', () => {
    const folder = new OutputDir(tempDir(), undefined, 'compare');
    const content = ['é · ', '😀', '\n'];
    const { bytes: _bytes, content: _text, ...expected } = outputFile('a.md', content);
    expect(folder.put('a.md', content)).toEqual(expected);
    expect(expected.size).toBe(Buffer.byteLength(content.join('')));
  });

  it('compares and stages large files chunk by chunk: a difference anywhere, or in length, is a change', () => {
    const dir = tempDir();
    const big = 'line of text · é 😀\n'.repeat(200_000); // ~4.6 MB: several chunks
    const cases: [name: string, before: string, after: string[]][] = [
      ['same.txt', big, [big]],
      ['late-change.txt', big, [big.slice(0, 3_000_000), 'CHANGED', big.slice(3_000_007)]],
      ['early-change.txt', big, ['X', big.slice(1)]],
      ['shorter.txt', big, [big.slice(0, 2_500_000)]],
      ['longer.txt', big, [big, 'and more\n']],
      ['emptied.txt', big, []],
      ['was-empty.txt', '', [big]],
      // Line endings converted after it was written (Git's core.autocrlf): named as such, from
      // the first line on or only after 3 MB (another chunk); a change of text is not.
      ['crlf.txt', big.replaceAll('\n', '\r\n'), [big]],
      ['crlf-late.txt', big.slice(0, 3_000_000) + big.slice(3_000_000).replaceAll('\n', '\r\n'), [big]],
    ];
    for (const [name, before] of cases) writeFileSync(join(dir, name), before);
    const folder = new OutputDir(dir, manifestOwning(cases.map(([name]) => name)), 'write');
    for (const [name, , after] of cases) {
      const { bytes: _bytes, content: _text, ...expected } = outputFile(name, after);
      expect(folder.put(name, after)).toEqual(expected);
    }
    putManifest(folder);
    expect(folder.commit()).toEqual({ write: [...cases.slice(1).map(([name]) => name), MANIFEST].sort(), remove: [], conflicts: [], unchanged: 1, lineEndings: ['crlf-late.txt', 'crlf.txt'] });
    expect(readTree(dir)).toEqual(new Map([...cases.map(([name, , after]): [string, string] => [name, after.join('')]), [MANIFEST, '{}\n']]));
  });

  it('stages nothing for a differing file it may not replace, nor when only comparing', () => {
    const dir = tempDir();
    const big = 'x'.repeat(3_000_000);
    writeFileSync(join(dir, 'hand.txt'), big);
    writeFileSync(join(dir, 'own.txt'), big);
    const folder = new OutputDir(dir, undefined, 'write');
    folder.put('hand.txt', [big.slice(0, 2_000_000), 'y']);
    expect(folder.changes().conflicts).toEqual(['hand.txt']);
    expect(readdirSync(dir).filter((name) => name.startsWith('.obsgen-staging-'))).toEqual([]);
    folder.discard();
    const comparing = new OutputDir(dir, manifestOwning(['own.txt']), 'compare');
    comparing.put('own.txt', [big, 'y']);
    expect(comparing.changes()).toMatchObject({ write: ['own.txt'], conflicts: [] });
    expect(readdirSync(dir).sort()).toEqual(['hand.txt', 'own.txt']);
  });

  it('refuses to put a file where the folder has a folder', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'a.yaml'));
    const folder = new OutputDir(dir, manifestOwning(['a.yaml']), 'write');
    expect(() => folder.put('a.yaml', 'x')).toThrow(/a\.yaml exists and is not a file/);
    folder.discard();
  });

  it('removes folders left empty, but never the output folder or folders with other files', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'cloudformation/1/eu'), { recursive: true });
    writeFileSync(join(dir, 'cloudformation/1/eu/s.yaml'), 'x');
    const folder = new OutputDir(dir, manifestOwning(['cloudformation/1/eu/s.yaml']), 'write');
    putManifest(folder);
    folder.commit();
    expect(existsSync(join(dir, 'cloudformation'))).toBe(false);
    expect(existsSync(dir)).toBe(true);
  });

  it('refuses to overwrite a differing file it did not generate', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'README.md'), 'hand-written');
    const folder = new OutputDir(dir, undefined, 'write');
    folder.put('README.md', 'generated');
    expect(folder.changes()).toMatchObject({ conflicts: ['README.md'], write: [] });
    expect(() => folder.commit()).toThrow(/conflicts/);
    folder.discard();
    expect(readTree(dir)).toEqual(new Map([['README.md', 'hand-written']]));
  });

  it('replaces its own files atomically (no temporary files left behind)', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.yaml'), 'v1');
    const folder = new OutputDir(dir, manifestOwning(['a.yaml']), 'write');
    folder.put('a.yaml', 'v2');
    putManifest(folder);
    folder.commit();
    expect(readFileSync(join(dir, 'a.yaml'), 'utf8')).toBe('v2');
    expect(readdirSync(dir).sort()).toEqual(['a.yaml', MANIFEST]);
  });

  it('leaves the folder as it was when discarded, and removes a folder it created', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.yaml'), 'v1');
    const folder = new OutputDir(dir, manifestOwning(['a.yaml', 'gone.yaml']), 'write');
    folder.put('a.yaml', 'v2');
    folder.put('b/c.yaml', 'new');
    folder.discard();
    expect(readTree(dir)).toEqual(new Map([['a.yaml', 'v1']]));

    const fresh = join(tempDir(), 'out');
    const created = new OutputDir(fresh, undefined, 'write');
    created.put('x/y.yaml', 'new');
    created.discard();
    expect(existsSync(fresh)).toBe(false);
  });

  it.skipIf(otherFilesystem === undefined)('replaces files in a subfolder that lives on another filesystem', () => {
    const dir = tempDir();
    const elsewhere = mkdtempSync(join(otherFilesystem!, 'obsgen-test-'));
    try {
      writeFileSync(join(elsewhere, 'a.tf'), 'v1');
      symlinkSync(elsewhere, join(dir, 'terraform'));
      const folder = new OutputDir(dir, manifestOwning(['terraform/a.tf']), 'write');
      folder.put('terraform/a.tf', 'v2');
      folder.put('terraform/b.tf', 'new');
      putManifest(folder);
      folder.commit();
      expect(readFileSync(join(elsewhere, 'a.tf'), 'utf8')).toBe('v2');
      expect(readdirSync(elsewhere).sort()).toEqual(['a.tf', 'b.tf']);
      expect(readdirSync(dir).sort()).toEqual([MANIFEST, 'terraform']);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('only compares in compare mode', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.yaml'), 'v1');
    writeFileSync(join(dir, 'same.yaml'), 'same');
    const folder = new OutputDir(dir, manifestOwning(['a.yaml', 'same.yaml', 'old.yaml']), 'compare');
    folder.put('a.yaml', 'v2');
    folder.put('same.yaml', 'same');
    folder.put('n.yaml', 'new');
    expect(folder.changes()).toEqual({ write: ['a.yaml', 'n.yaml'], remove: [], conflicts: [], unchanged: 1, lineEndings: [] });
    expect(() => folder.commit()).toThrow(/compare/);
    expect(readTree(dir)).toEqual(
      new Map([
        ['a.yaml', 'v1'],
        ['same.yaml', 'same'],
      ]),
    );
  });

  it('clears the staging folder an interrupted run left, not that of a running one', () => {
    const dir = tempDir();
    mkdirSync(join(dir, '.obsgen-staging-999999999/cloudformation'), { recursive: true });
    writeFileSync(join(dir, '.obsgen-staging-999999999/cloudformation/x.yaml'), 'half');
    mkdirSync(join(dir, `.obsgen-staging-${process.ppid}`));
    const folder = new OutputDir(dir, undefined, 'write');
    putManifest(folder);
    folder.commit();
    expect(readdirSync(dir).sort()).toEqual([`.obsgen-staging-${process.ppid}`, MANIFEST]);
  });

  it('ignores manifest entries that point outside the output folder', () => {
    const dir = tempDir();
    const outside = join(dir, '..', `victim-${process.pid}.txt`);
    writeFileSync(outside, 'precious');
    const folder = new OutputDir(dir, manifestOwning([`../victim-${process.pid}.txt`, '/etc/passwd']), 'write');
    expect(folder.changes().remove).toEqual([]);
    putManifest(folder);
    folder.commit();
    expect(readFileSync(outside, 'utf8')).toBe('precious');
  });

  it('refuses a generated path outside the folder, in the staging folder, or twice', () => {
    const folder = new OutputDir(tempDir(), undefined, 'compare');
    expect(() => folder.put('../x', 'x')).toThrow(/unsafe output path/);
    expect(() => folder.put('.obsgen-staging-1/x', 'x')).toThrow(/unsafe output path/);
    folder.put('a', 'x');
    expect(() => folder.put('a', 'x')).toThrow(/twice/);
  });

  it('accepts only relative, normalised, plain paths', () => {
    for (const ok of ['a.yaml', 'cloudformation/111111111111/eu-west-1/obsgen-alarms-01.yaml', 'obsgen.manifest.json']) expect(isSafeOutputPath(ok)).toBe(true);
    for (const bad of ['', '/abs', '../x', 'a/../b', 'a//b', './a', 'a/.', 'a b', 'a\\b', 'a/']) expect(isSafeOutputPath(bad)).toBe(false);
  });
});
