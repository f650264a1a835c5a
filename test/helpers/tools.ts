import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The independent checkers the tests run: real Terraform with the AWS provider from an
 * offline mirror, cfn-lint, and moto_server. Each is found once per test process.
 *
 * In CI (`CI=true`) a missing tool is a failure: the checks they make are the ones nobody here
 * wrote, and a green run without them would prove nothing. Elsewhere the tests that need a
 * tool are skipped, with one line saying how to install it.
 */
export interface Tool {
  /** The command to run. */
  command: string;
  /** Its version, as it reports it. */
  version: string;
}

export interface TerraformTool extends Tool {
  /** A CLI config file that installs providers from the offline mirror only. */
  cliConfig: string;
  /** The provider version the mirror holds. */
  awsProvider: string;
}

const INSTALL: Record<string, string> = {
  terraform:
    'install Terraform 1.11 (https://developer.hashicorp.com/terraform/install) and put hashicorp/aws in a filesystem mirror (terraform providers mirror <dir>)',
  'cfn-lint': 'pip install cfn-lint==1.51.0',
  moto_server: "pip install 'moto[server]==5.2.1'",
};

const found = new Map<string, Tool | string>();

/** The tool, or the reason it is missing; cached. */
function probe<T extends Tool>(name: string, find: () => T | string): T | string {
  if (!found.has(name)) found.set(name, find());
  return found.get(name) as T | string;
}

function versionOf(command: string, args: string[]): string | undefined {
  const r = spawnSync(command, args, { encoding: 'utf8', timeout: 30_000 });
  if (r.error || r.status !== 0) return undefined;
  return (r.stdout || r.stderr).trim().split('\n')[0]!.trim();
}

/** The folder holding `registry.terraform.io/hashicorp/aws/<version>`, searched where mirrors live. */
function findMirror(): { path: string; version: string } | undefined {
  const candidates = [process.env['OBSGEN_TF_MIRROR'], '/opt/tf-plugins', '/usr/share/terraform/plugins', '/usr/local/share/terraform/plugins', join(process.env['HOME'] ?? '/root', '.terraform.d/plugins')];
  for (const root of candidates) {
    if (!root) continue;
    const aws = join(root, 'registry.terraform.io/hashicorp/aws');
    if (!existsSync(aws)) continue;
    const versions = readdirSync(aws).filter((v) => /^\d+\.\d+\.\d+$/.test(v)).sort();
    if (versions.length > 0) return { path: root, version: versions[versions.length - 1]! };
  }
  // The brief's way: any folder named registry.terraform.io up to four levels below /.
  const r = spawnSync('find', ['/', '-maxdepth', '4', '-type', 'd', '-name', 'registry.terraform.io'], { encoding: 'utf8', timeout: 60_000 });
  for (const dir of (r.stdout ?? '').split('\n').filter(Boolean)) {
    const aws = join(dir, 'hashicorp/aws');
    if (!existsSync(aws)) continue;
    const versions = readdirSync(aws).filter((v) => /^\d+\.\d+\.\d+$/.test(v)).sort();
    if (versions.length > 0) return { path: join(dir, '..'), version: versions[versions.length - 1]! };
  }
  return undefined;
}

export function terraformTool(): TerraformTool | string {
  return probe<TerraformTool>('terraform', () => {
    const version = versionOf('terraform', ['version']);
    if (!version) return 'terraform is not on the PATH';
    const mirror = findMirror();
    if (!mirror) return 'no offline provider mirror holding registry.terraform.io/hashicorp/aws was found';
    const text = `provider_installation {\n  filesystem_mirror {\n    path = ${JSON.stringify(mirror.path)}\n  }\n}\ndisable_checkpoint = true\n`;
    // One file per content, kept: every test file (and worker) probes at import, where a folder
    // made per probe leaked whenever the file's tests were all filtered out (vitest -t), since
    // its afterAll then never runs. Written beside its place and renamed, so that workers racing
    // to write it never read half of it.
    const cliConfig = join(tmpdir(), `obsgen-terraform-${createHash('sha256').update(text).digest('hex').slice(0, 16)}.tfrc`);
    if (!existsSync(cliConfig) || readFileSync(cliConfig, 'utf8') !== text) {
      writeFileSync(`${cliConfig}.${process.pid}`, text);
      renameSync(`${cliConfig}.${process.pid}`, cliConfig);
    }
    // From an unpacked mirror `init` symlinks the provider (675 MB) rather than copying it.
    return { command: 'terraform', version, cliConfig, awsProvider: mirror.version };
  });
}

export function cfnLintTool(): Tool | string {
  return probe<Tool>('cfn-lint', () => {
    const version = versionOf('cfn-lint', ['--version']);
    return version ? { command: 'cfn-lint', version } : 'cfn-lint is not on the PATH';
  });
}

export function motoTool(): Tool | string {
  return probe<Tool>('moto_server', () => {
    // moto_server has no --version; the package reports its own.
    const version = versionOf('python3', ['-c', 'import moto; print("moto " + moto.__version__)']);
    const onPath = spawnSync('sh', ['-c', 'command -v moto_server'], { encoding: 'utf8' }).status === 0;
    return onPath && version ? { command: 'moto_server', version } : 'moto_server is not on the PATH';
  });
}

/**
 * What a test file needs: the tool, or (outside CI) a skip reason. In CI a missing tool throws,
 * so the suite fails rather than passing without the check.
 */
export function need<T extends Tool>(name: 'terraform' | 'cfn-lint' | 'moto_server', tool: T | string): { tool?: T; skip: string | false } {
  if (typeof tool !== 'string') {
    announce(name, tool.version + ('awsProvider' in tool ? `, hashicorp/aws ${String(tool.awsProvider)}` : ''));
    return { tool, skip: false };
  }
  const message = `${name}: ${tool}; ${INSTALL[name]}`;
  if (process.env['CI'] === 'true') throw new Error(`${message} (CI requires it)`);
  announce(name, `skipped: ${message}`);
  return { skip: message };
}

const announced = new Set<string>();
function announce(name: string, text: string): void {
  if (announced.has(name)) return;
  announced.add(name);
  process.stderr.write(`[tools] ${name}: ${text}\n`);
}
