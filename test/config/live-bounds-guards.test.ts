import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { LIVE_BOUNDS } from '../../src/config/defaults.js';
import { Diagnostics } from '../../src/diagnostics/diagnostic.js';
import { positionOf } from '../fixtures/inputs/text-position.js';

const made: string[] = [];
afterAll(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

async function load(text: string) {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'obsgen-config-')));
  made.push(dir);
  fs.writeFileSync(path.join(dir, 'obsgen.config.yaml'), text);
  const diags = new Diagnostics();
  const config = await loadConfig(undefined, dir, diags);
  return { file: path.join(dir, 'obsgen.config.yaml'), diags, config };
}

describe('config: the live source\'s bounds', () => {
  it('has defaults: 1,000 pages, 10 minutes a scope, 30 minutes a run', async () => {
    const { diags, config } = await load('');
    expect(diags.items).toEqual([]);
    expect(config!.source).toMatchObject({ maxPages: 1000, scopeTimeoutSeconds: 600, runTimeoutSeconds: 1800 });
    expect(LIVE_BOUNDS).toEqual({ maxPages: 1000, scopeTimeoutSeconds: 600, runTimeoutSeconds: 1800 });
  });

  it('takes them from the file, fractions of a second included', async () => {
    const { diags, config } = await load('source:\n  maxPages: 5\n  scopeTimeoutSeconds: 1.5\n  runTimeoutSeconds: 2\n');
    expect(diags.items).toEqual([]);
    expect(config!.source).toMatchObject({ maxPages: 5, scopeTimeoutSeconds: 1.5, runTimeoutSeconds: 2 });
  });

  const bad: [string, string, string][] = [
    ['source:\n  maxPages: 0\n', '0', 'source.maxPages'],
    ['source:\n  maxPages: 2.5\n', '2.5', 'source.maxPages'],
    ['source:\n  scopeTimeoutSeconds: 0\n', '0', 'source.scopeTimeoutSeconds'],
    ['source:\n  runTimeoutSeconds: -5\n', '-5', 'source.runTimeoutSeconds'],
    ['source:\n  runTimeoutSeconds: "30m"\n', '"30m"', 'source.runTimeoutSeconds'],
  ];
  for (const [text, value, key] of bad) {
    it(`reports ${key}: ${value} at the value`, async () => {
      const { file, diags, config } = await load(text);
      expect(config).toBeUndefined();
      expect(diags.items.length).toBeGreaterThanOrEqual(1);
      for (const d of diags.items) expect(d).toMatchObject({ severity: 'error', file, ...positionOf(text, value) });
      expect(diags.items[0]!.message).toContain(key);
    });
  }

  it("reports a scope deadline longer than the run's at the scope's", async () => {
    const text = 'source:\n  runTimeoutSeconds: 60\n  scopeTimeoutSeconds: 600\n';
    const { file, diags, config } = await load(text);
    expect(config).toBeUndefined();
    expect(diags.items).toEqual([
      expect.objectContaining({ severity: 'error', file, ...positionOf(text, '600'), message: "a scope's deadline (600 s) is longer than the run's (source.runTimeoutSeconds: 60 s)" }),
    ]);
  });
});

describe('config: the removal guards', () => {
  it('has guards.maxRemovedLogGroups, 0 by default, and reports a bad one at the value', async () => {
    expect((await load('')).config!.guards).toEqual({ maxRemovedAlarms: 50, maxRemovedShare: 0.2, maxRemovedLogGroups: 0 });
    expect((await load('guards:\n  maxRemovedLogGroups: 3\n')).config!.guards.maxRemovedLogGroups).toBe(3);
    const text = 'guards:\n  maxRemovedLogGroups: -1\n';
    const { file, diags, config } = await load(text);
    expect(config).toBeUndefined();
    expect(diags.items[0]).toMatchObject({ severity: 'error', file, ...positionOf(text, '-1') });
    expect(diags.items[0]!.message).toContain('guards.maxRemovedLogGroups');
  });
});
