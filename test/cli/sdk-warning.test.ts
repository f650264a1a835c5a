import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/files.js';
import { startMoto } from '../helpers/moto.js';
import { BIN } from '../helpers/paths.js';

/** The CLI as a process (the program the package installs), with this environment; stderr and the exit code. */
function obsgen(args: string[], cwd: string, env: Record<string, string | undefined>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

/*
 * A live run of the installed program (the bundle: its live source and the SDK are loaded only
 * by live runs). Under Node.js 20 the AWS SDK prints a NodeVersionSupportWarning on every live run. The CLI
 * turns off that one warning through the SDK's own switch, unless the user set it. (Under
 * Node.js 22 or later the SDK prints nothing either way.)
 */
describe('the AWS SDK Node.js version warning', () => {
  it('is not printed by a live run unless the user asks for it', async () => {
    const moto = await startMoto();
    try {
      const dir = tempDir();
      writeFileSync(join(dir, 'obsgen.config.yaml'), 'source:\n  type: aws\n  regions: [eu-west-1]\ntuning: { fetchHistory: false }\n');
      const env: Record<string, string | undefined> = { ...process.env, ...moto.env('eu-west-1') };
      delete env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'];
      delete env['AWS_PROFILE'];
      const run = await obsgen(['inventory'], dir, env);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).toMatch(/^aws: 1 scopes \(1 complete\)/m);
      expect(run.stderr).not.toContain('NodeVersionSupportWarning');
      expect(run.stderr).not.toContain('Warning');

      // The user's own setting wins: asked for, the SDK's warning is printed (by Node.js before 22).
      const asked = await obsgen(['inventory'], dir, { ...env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'false' });
      expect(asked.code).toBe(0);
      if (Number(process.versions.node.split('.')[0]) < 22) expect(asked.stderr).toContain('NodeVersionSupportWarning');
    } finally {
      await moto.stop();
    }
  }, 60_000);
});
