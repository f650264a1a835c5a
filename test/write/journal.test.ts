import { existsSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JOURNAL_FILE, readJournal, recoverInterruptedCommit, stagingOf } from '../../src/write/journal.js';
import type { Journal } from '../../src/write/journal.js';
import { OutputFolderError } from '../../src/write/errors.js';
import { readTree, tempDir } from '../helpers/files.js';

// The journal's recovery, on folders laid out by hand as a killed commit leaves them.

const PID = 999_999_999;

function journal(entries: Journal['entries']): Journal {
  return { journal: 'obsgen-commit', version: 1, pid: PID, entries };
}

/** A folder whose commit was killed before the commit point: the staged manifest is still staged. */
function interrupted(j: Journal): string {
  const dir = tempDir();
  mkdirSync(stagingOf(dir, PID), { recursive: true });
  writeFileSync(join(stagingOf(dir, PID), 'obsgen.manifest.json'), '{"new":true}\n');
  writeFileSync(join(dir, 'obsgen.manifest.json'), '{"old":true}\n');
  writeFileSync(join(dir, JOURNAL_FILE), JSON.stringify(j));
  return dir;
}

describe('recovering an interrupted commit', () => {
  it('puts set-aside files back and deletes the files the commit created', () => {
    const dir = interrupted(
      journal([
        { path: 'a.yaml', write: true, existed: true, sha256: 'x' },
        // sha256 of "new\n"
        { path: 'sub/b.yaml', write: true, existed: false, sha256: '7aa7a5359173d05b63cfd682e3c38487f3cb4f7f1d60659fe59fab1505977d4c' },
        { path: 'gone.yaml', write: false, existed: true },
      ]),
    );
    writeFileSync(join(dir, 'a.yaml'), 'new\n');
    writeFileSync(join(dir, `.a.yaml.obsgen-old-${PID}`), 'old a\n');
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub/b.yaml'), 'new\n');
    writeFileSync(join(dir, `.gone.yaml.obsgen-old-${PID}`), 'old gone\n');
    expect(recoverInterruptedCommit(dir)).toBe('rolled back');
    expect(readTree(dir)).toEqual(
      new Map([
        ['a.yaml', 'old a\n'],
        ['gone.yaml', 'old gone\n'],
        ['obsgen.manifest.json', '{"old":true}\n'],
      ]),
    );
  });

  it('leaves a file at a created path alone when it is no longer what the commit wrote', () => {
    const dir = interrupted(journal([{ path: 'b.yaml', write: true, existed: false, sha256: '7aa7a5359173d05b63cfd682e3c38487f3cb4f7f1d60659fe59fab1505977d4c' }]));
    writeFileSync(join(dir, 'b.yaml'), 'written by someone else since\n');
    recoverInterruptedCommit(dir);
    expect(readFileSync(join(dir, 'b.yaml'), 'utf8')).toBe('written by someone else since\n');
    expect(existsSync(join(dir, JOURNAL_FILE))).toBe(false);
  });

  it('finishes a commit that passed its commit point', () => {
    const dir = interrupted(journal([{ path: 'a.yaml', write: true, existed: true, sha256: 'x' }]));
    // The staged manifest was renamed into place.
    writeFileSync(join(dir, 'obsgen.manifest.json'), readFileSync(join(stagingOf(dir, PID), 'obsgen.manifest.json')));
    writeFileSync(join(dir, 'a.yaml'), 'new\n');
    writeFileSync(join(dir, `.a.yaml.obsgen-old-${PID}`), 'old a\n');
    unlinkSync(join(stagingOf(dir, PID), 'obsgen.manifest.json'));
    expect(recoverInterruptedCommit(dir)).toBe('completed');
    expect(readTree(dir)).toEqual(
      new Map([
        ['a.yaml', 'new\n'],
        ['obsgen.manifest.json', '{"new":true}\n'],
      ]),
    );
  });

  it('refuses a journal that points outside the folder, and touches nothing', () => {
    const dir = interrupted(journal([{ path: '../victim.txt', write: false, existed: true }]));
    const victim = join(dir, '..', 'victim.txt');
    writeFileSync(join(dir, `.victim.txt.obsgen-old-${PID}`), 'x');
    expect(() => readJournal(dir)).toThrow(OutputFolderError);
    expect(() => recoverInterruptedCommit(dir)).toThrow(/not a commit journal obsgen wrote/);
    expect(existsSync(victim)).toBe(false);
    expect(existsSync(join(dir, JOURNAL_FILE))).toBe(true);
  });

  it('refuses a journal with entries that are not paths', () => {
    const dir = interrupted(journal([{ path: undefined as unknown as string, write: false, existed: true }]));
    expect(() => recoverInterruptedCommit(dir)).toThrow(/not a commit journal obsgen wrote/);
  });
});
