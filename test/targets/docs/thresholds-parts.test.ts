/**
 * THRESHOLDS.md at scale. With metric history, a large estate tunes tens of thousands of alarms
 * (about 330 bytes a row): a single THRESHOLDS.md of megabytes, which a code host's Markdown view
 * does not render. Past `PAGE_LIMITS.bytes` its table continues on parts, as the application
 * pages do. Here the limit is lowered so that the example's 189 rows need several parts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGE_LIMITS } from '../../../src/targets/docs/monitoring.js';
import { runObsgen } from '../../helpers/cli.js';
import { readTree, tempDir } from '../../helpers/files.js';
import { renderMarkdown } from '../../helpers/markdown-check.js';
import { REPO } from '../../helpers/paths.js';

const LIMIT = 20_000;
const example = ['generate', '--config', 'examples/acme/obsgen.config.yaml', '--quiet'];
/** The table rows of a THRESHOLDS page: one per alarm, its id in code first. */
const rows = (text: string) => text.split('\n').filter((l) => l.startsWith('| `'));

describe('THRESHOLDS.md larger than a Markdown view renders', () => {
  const bytes = PAGE_LIMITS.bytes;
  // Made in beforeAll, not when the file is collected: a run whose filter skips every test here
  // never runs afterAll, which removes it.
  let out: string;
  let tree: Map<string, string>;
  let parts: string[];
  // The whole table: the same first run without the lowered limit. (Not generated/THRESHOLDS.md,
  // which `npm run demo` writes over its previous output: its reasons name the previous run's
  // thresholds where a first run names the defaults.)
  let whole: string;
  beforeAll(async () => {
    const unsplit = tempDir();
    expect((await runObsgen([...example, '--out', unsplit], REPO)).code).toBe(0);
    whole = readFileSync(join(unsplit, 'THRESHOLDS.md'), 'utf8');
    out = tempDir();
    PAGE_LIMITS.bytes = LIMIT;
    expect((await runObsgen([...example, '--out', out], REPO)).code).toBe(0);
    tree = readTree(out);
    parts = [...tree.keys()].filter((p) => p.startsWith('monitoring/thresholds/')).sort((a, b) => Number(/(\d+)\.md$/.exec(a)![1]) - Number(/(\d+)\.md$/.exec(b)![1]));
  });
  afterAll(() => void (PAGE_LIMITS.bytes = bytes));

  it('continues its table on parts within the limit, every row once and in order', () => {
    expect(Buffer.byteLength(whole)).toBeGreaterThan(3 * LIMIT);
    expect(parts).toEqual(parts.map((_, i) => `monitoring/thresholds/${i + 1}.md`));
    expect(parts.length).toBeGreaterThanOrEqual(3);
    const index = tree.get('THRESHOLDS.md')!;
    for (const page of [index, ...parts.map((p) => tree.get(p)!)]) expect(Buffer.byteLength(page)).toBeLessThanOrEqual(LIMIT);
    expect(parts.flatMap((p) => rows(tree.get(p)!))).toEqual(rows(whole));
    expect(rows(index)).toHaveLength(0);
    // What the columns mean and the counts stay on THRESHOLDS.md, as they were.
    expect(index.slice(0, index.indexOf('The table of'))).toBe(whole.slice(0, whole.indexOf('| alarm | default |')));
  });

  it('lists the parts with the alarms each holds, linking both ways to files that exist', () => {
    const index = tree.get('THRESHOLDS.md')!;
    const listed = index.split('\n').filter((l) => /^\| \[\d+\]\(monitoring\/thresholds\/\d+\.md\) \|/.test(l));
    expect(listed).toHaveLength(parts.length);
    listed.forEach((line, i) => {
      const [, count, first, last] = line.split(' | ');
      const own = rows(tree.get(parts[i]!)!);
      expect(Number(count)).toBe(own.length);
      expect(own[0]!.startsWith(`| ${first} |`)).toBe(true);
      expect(own.at(-1)!.startsWith(`| ${last!.replace(/ \|$/, '')} |`)).toBe(true);
    });
    for (const p of parts) {
      const html = renderMarkdown(tree.get(p)!);
      // A table a reader sees: its header and one row per alarm (micromark, GFM).
      expect((html.match(/<tr>/g) ?? []).length).toBe(rows(tree.get(p)!).length + 1);
      const back = [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!);
      expect(back).toContain('../../THRESHOLDS.md');
      for (const href of back.filter((h) => !/^[a-z]+:/.test(h))) expect(existsSync(join(out, 'monitoring/thresholds', href))).toBe(true);
    }
  });

  it('is one file again, as generated, when it fits; the parts are removed', async () => {
    PAGE_LIMITS.bytes = bytes;
    const again = await runObsgen([...example, '--out', out], REPO);
    expect(again.code).toBe(0);
    expect(readFileSync(join(out, 'THRESHOLDS.md'), 'utf8')).toBe(whole);
    for (const p of parts) expect(existsSync(join(out, p))).toBe(false);
  });
});
