import { describe, expect, it } from 'vitest';
import { terminalIo } from '../../src/cli/io.js';
import { runObsgen } from '../helpers/cli.js';
import { tempDir } from '../helpers/files.js';

describe('terminalIo: what every command prints goes through one place', () => {
  it('shows control, bidi and separator characters as \\uXXXX, keeps line feeds, and sends its own line clearing raw', () => {
    let out = '';
    let err = '';
    const io = terminalIo({ cwd: '/', isTty: true, stdout: (t) => void (out += t), stderr: (t) => void (err += t) });
    io.stdout('one\u001b[2J\ntwo\u202e\u2028\r\u009b\n');
    io.clearLine!();
    io.stderr('\r\u001b[Knot mine\n');
    expect(out).toBe('one\\u001b[2J\ntwo\\u202e\\u2028\\u000d\\u009b\n');
    expect(err).toBe('\r\u001b[K\\u000d\\u001b[Knot mine\n');
  });

  it('is what the CLI prints through: an argument echoed in an error cannot drive the terminal', async () => {
    const run = await runObsgen(['explain', '--alarm', 'x', '--nope\u001b[2J\u202e'], tempDir());
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("unknown option '--nope\\u001b[2J\\u202e'");
  });
});
