import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { outputFile } from '../../src/emit/files.js';
import type { Manifest } from '../../src/emit/manifest.js';
import { applyWrite, isSafeOutputPath, planWrite } from '../../src/write/output-dir.js';
import { readTree, tempDir } from '../helpers/files.js';

function manifestOwning(paths: string[]): Manifest {
  return { generator: 'obsgen', files: paths.map((path) => ({ path, sha256: '' })) } as unknown as Manifest;
}

describe('planWrite / applyWrite', () => {
  it('writes new files, leaves identical ones, and removes only files the previous run generated', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'cloudformation/a'), { recursive: true });
    writeFileSync(join(dir, 'cloudformation/a/old.yaml'), 'old');
    writeFileSync(join(dir, 'cloudformation/a/same.yaml'), 'same');
    writeFileSync(join(dir, 'notes.md'), 'mine');
    const previous = manifestOwning(['cloudformation/a/old.yaml', 'cloudformation/a/same.yaml']);
    const plan = planWrite(dir, [outputFile('cloudformation/a/same.yaml', 'same'), outputFile('cloudformation/b/new.yaml', 'new')], previous);
    expect(plan.write.map((f) => f.path)).toEqual(['cloudformation/b/new.yaml']);
    expect(plan.remove).toEqual(['cloudformation/a/old.yaml']);
    expect(plan.unchanged).toBe(1);
    applyWrite(dir, plan);
    expect([...readTree(dir).keys()]).toEqual(['cloudformation/a/same.yaml', 'cloudformation/b/new.yaml', 'notes.md']);
  });

  it('removes folders left empty, but never the output folder or folders with other files', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'cloudformation/1/eu'), { recursive: true });
    writeFileSync(join(dir, 'cloudformation/1/eu/s.yaml'), 'x');
    const plan = planWrite(dir, [], manifestOwning(['cloudformation/1/eu/s.yaml']));
    applyWrite(dir, plan);
    expect(existsSync(join(dir, 'cloudformation'))).toBe(false);
    expect(existsSync(dir)).toBe(true);
  });

  it('refuses to overwrite a differing file it did not generate', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'README.md'), 'hand-written');
    const plan = planWrite(dir, [outputFile('README.md', 'generated')], undefined);
    expect(plan.conflicts).toEqual(['README.md']);
    expect(plan.write).toEqual([]);
  });

  it('replaces its own files atomically (no temporary files left behind)', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.yaml'), 'v1');
    applyWrite(dir, planWrite(dir, [outputFile('a.yaml', 'v2')], manifestOwning(['a.yaml'])));
    expect(readFileSync(join(dir, 'a.yaml'), 'utf8')).toBe('v2');
    expect([...readTree(dir).keys()]).toEqual(['a.yaml']);
  });

  it('ignores manifest entries that point outside the output folder', () => {
    const dir = tempDir();
    const outside = join(dir, '..', `victim-${process.pid}.txt`);
    writeFileSync(outside, 'precious');
    const plan = planWrite(dir, [], manifestOwning([`../victim-${process.pid}.txt`, '/etc/passwd']));
    expect(plan.remove).toEqual([]);
    applyWrite(dir, plan);
    expect(readFileSync(outside, 'utf8')).toBe('precious');
  });

  it('accepts only relative, normalised, plain paths', () => {
    for (const ok of ['a.yaml', 'cloudformation/111111111111/eu-west-1/obsgen-alarms-01.yaml', 'obsgen.manifest.json']) expect(isSafeOutputPath(ok)).toBe(true);
    for (const bad of ['', '/abs', '../x', 'a/../b', 'a//b', './a', 'a/.', 'a b', 'a\\b', 'a/']) expect(isSafeOutputPath(bad)).toBe(false);
  });
});
