import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cosmiconfig } from 'cosmiconfig';
// Not in cosmiconfig's index: where it looks for its own options.
import { metaSearchPlaces } from 'cosmiconfig/dist/defaults.js';
import { afterAll, describe, expect, it } from 'vitest';
import { COSMICONFIG_META_PLACES, CONFIG_SEARCH_PLACES, searchedDataFile } from '../../src/config/search.js';

const made: string[] = [];
afterAll(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

/** A fresh folder holding `files` (a name ending in `/` is a folder). */
function folder(files: Record<string, string>): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'obsgen-search-')));
  made.push(dir);
  for (const [name, text] of Object.entries(files)) {
    if (name.endsWith('/')) fs.mkdirSync(path.join(dir, name), { recursive: true });
    else {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), text);
    }
  }
  return dir;
}

/** What cosmiconfig's search finds there, as obsgen configures it (the file, or null). */
async function cosmiconfigFinds(dir: string): Promise<string | null> {
  const found = await cosmiconfig('obsgen', { searchPlaces: CONFIG_SEARCH_PLACES, searchStrategy: 'none', cache: false }).search(dir);
  return found?.filepath ?? null;
}

// Each folder, and what the search without cosmiconfig answers: a file name, 'none', or
// undefined where it leaves the search to cosmiconfig.
const CASES: [string, Record<string, string>, string | undefined][] = [
  ['no config', {}, 'none'],
  ['a YAML config', { 'obsgen.config.yaml': 'output:\n  format: terraform\n' }, 'obsgen.config.yaml'],
  ['the first of two', { 'obsgen.config.yml': 'a: 1\n', '.obsgenrc.json': '{}' }, 'obsgen.config.yml'],
  ['an empty file is skipped', { 'obsgen.config.yaml': ' \n\n', '.obsgenrc.json': '{"a": 1}' }, '.obsgenrc.json'],
  ['only empty files', { 'obsgen.config.json': '', '.obsgenrc.yaml': '\n' }, 'none'],
  ['a folder where a file would be', { 'obsgen.config.yaml/': '', '.obsgenrc': 'a: 1\n' }, '.obsgenrc'],
  ['a package.json without the key', { 'package.json': '{"name": "x"}', '.obsgenrc.yml': 'a: 1\n' }, '.obsgenrc.yml'],
  ['a package.json with the key', { 'package.json': '{"obsgen": {"naming": {"prefix": "p/"}}}', 'obsgen.config.yaml': 'a: 1\n' }, undefined],
  ['a package.json that is not JSON', { 'package.json': '{', 'obsgen.config.yaml': 'a: 1\n' }, undefined],
  ['a JavaScript config first', { 'obsgen.config.js': 'export default {};\n', '.obsgenrc.json': '{}' }, undefined],
  ['a JavaScript config after an empty one', { 'obsgen.config.json': '', 'obsgen.config.cjs': 'module.exports = {};\n' }, undefined],
  ['invalid YAML is still the file found', { 'obsgen.config.yaml': 'a: [\n' }, 'obsgen.config.yaml'],
];

describe('searching the working directory for the config without cosmiconfig', () => {
  it.each(CASES)('%s', async (_name, files, expected) => {
    const dir = folder(files);
    const answer = searchedDataFile(dir);
    expect(answer).toBe(expected === undefined || expected === 'none' ? expected : path.join(dir, expected));
    if (answer === undefined) return;
    // Where it answers, cosmiconfig finds the same file (invalid text aside: it then throws, as
    // parsing the file it found; obsgen reports the file's own parse errors, with positions).
    if (!files['obsgen.config.yaml']?.includes('[')) expect(await cosmiconfigFinds(dir)).toBe(answer === 'none' ? null : answer);
  });

  it('looks for cosmiconfig\'s own options where cosmiconfig does', () => {
    expect([...COSMICONFIG_META_PLACES].sort()).toEqual([...(metaSearchPlaces as string[])].sort());
  });

  it('leaves the search to cosmiconfig when its own options are in the working directory', () => {
    const dir = folder({ 'obsgen.config.yaml': 'a: 1\n' });
    const meta = folder({ '.config/config.yaml': 'cosmiconfig:\n  searchPlaces: [other.yaml]\n' });
    const withKey = folder({ 'package.json': '{"cosmiconfig": {}}' });
    const withoutKey = folder({ 'package.json': '{"name": "x"}' });
    const before = process.cwd();
    try {
      process.chdir(meta);
      expect(searchedDataFile(dir)).toBeUndefined();
      process.chdir(withKey);
      expect(searchedDataFile(dir)).toBeUndefined();
      process.chdir(withoutKey);
      expect(searchedDataFile(dir)).toBe(path.join(dir, 'obsgen.config.yaml'));
    } finally {
      process.chdir(before);
    }
  });
});
