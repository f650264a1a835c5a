import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic, generate } from '../src/index.js';
import { readTree, tempDir } from './helpers/files.js';
import { REPO } from './helpers/paths.js';

const CONFIG = 'examples/acme/obsgen.config.yaml';

describe('the library entry (import { generate } from "obsgen")', () => {
  it('generates the example in memory, exactly what the CLI wrote to generated/, and writes nothing', async () => {
    const before = readTree(join(REPO, 'generated'));
    const run = await generate({ cwd: REPO, config: CONFIG, out: 'generated' });
    expect(run.diagnostics.map(formatDiagnostic)).toEqual([]);
    expect(run.ok).toBe(true);
    expect(run.files.map((f) => f.path)).toEqual([...before.keys()].sort((a, b) => Number(a === 'obsgen.manifest.json') - Number(b === 'obsgen.manifest.json') || (a < b ? -1 : 1)));
    for (const f of run.files) expect(f.content, f.path).toBe(before.get(f.path));
    expect(run.model!.alarms.length).toBe(run.manifest!.alarms.length);
    expect(readTree(join(REPO, 'generated'))).toEqual(before);
  });

  it('writes the output folder with write: true, and a second run changes nothing', async () => {
    const out = tempDir();
    const first = await generate({ cwd: REPO, config: CONFIG, out, write: true });
    expect(first.ok).toBe(true);
    expect(first.files).toEqual([]);
    expect(first.written!.write.length).toBe(readTree(out).size);
    const second = await generate({ cwd: REPO, config: CONFIG, out, write: true });
    expect(second.written).toMatchObject({ write: [], remove: [] });
  });

  it('reports bad input as diagnostics at file:line:col, and writes nothing', async () => {
    const dir = tempDir();
    cpSync(join(REPO, 'examples/acme'), dir, { recursive: true });
    const config = join(dir, 'obsgen.config.yaml');
    writeFileSync(config, readFileSync(config, 'utf8').replace('retentionDays: 30', 'retentionDays: 31'));
    const run = await generate({ cwd: dir, config: 'obsgen.config.yaml', out: 'out', write: true });
    expect(run.ok).toBe(false);
    expect(run.diagnostics.map(formatDiagnostic).join('\n')).toMatch(/obsgen\.config\.yaml:\d+:\d+: error: logs\.retentionDays/);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('resolves by the package name, through package.json exports, to the built entry and its types', () => {
    expect(existsSync(join(REPO, 'dist/index.js')) && existsSync(join(REPO, 'dist/index.d.ts')), 'run npm run build').toBe(true);
    const script = `import { generate } from 'obsgen'; const r = await generate({ config: '${CONFIG}', out: 'generated' }); console.log(JSON.stringify({ ok: r.ok, files: r.files.length }));`;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: REPO, encoding: 'utf8' });
    expect(child.stderr).toBe('');
    expect(JSON.parse(child.stdout)).toEqual({ ok: true, files: readTree(join(REPO, 'generated')).size });
  });
});
