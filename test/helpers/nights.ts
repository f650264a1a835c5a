import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readTree, tempDir } from './files.js';
import { BIN } from './paths.js';

/*
 * Three nights of a small account, for tests that run the built CLI as a process (to kill it,
 * or to run two at once): night A, then B (a threshold tag, an application gone, a new one in
 * a new region: files changed, removed and added), then C (the files B added, changed again).
 * Both targets, so the output has a `terraform/` subfolder.
 */

const fn = (name: string, region = 'eu-west-1') => `arn:aws:lambda:${region}:123456789012:function:${name}`;
const queue = 'arn:aws:sqs:eu-west-1:123456789012:q-a';
const tags = (t: Record<string, string>) => Object.entries(t).map(([Key, Value]) => ({ Key, Value }));
const inventory = (resources: [arn: string, t: Record<string, string>][]) => `${JSON.stringify({ ResourceTagMappingList: resources.map(([ResourceARN, t]) => ({ ResourceARN, Tags: tags(t) })) }, null, 1)}\n`;

export const NIGHTS = {
  A: inventory([
    [fn('fn-a'), { app: 'shop' }],
    [queue, { app: 'shop' }],
    [fn('old'), { app: 'legacy' }],
  ]),
  B: inventory([
    [fn('fn-a'), { app: 'shop', 'obsgen:threshold:errors': '5' }],
    [queue, { app: 'shop' }],
    [fn('fn-b', 'us-east-1'), { app: 'pay' }],
  ]),
  C: inventory([
    [fn('fn-a'), { app: 'shop', 'obsgen:threshold:errors': '7' }],
    [queue, { app: 'shop' }],
    [fn('fn-b', 'us-east-1'), { app: 'pay', 'obsgen:threshold:errors': '9' }],
  ]),
} as const;
export type Night = keyof typeof NIGHTS;

/** Files a user keeps in the output folder (a git checkout, a Terraform module with its own files). */
export const USER_FILES: Record<string, string> = {
  'notes.md': 'kept by hand\n',
  'terraform/backend.tf': 'terraform {\n  backend "s3" {}\n}\n',
  'monitoring/extra.md': '# Ours\n',
};

/** A folder with the config and each night's inventory. */
export function nightsInputs(): string {
  const dir = tempDir('obsgen-nights-');
  // No alarm actions, on purpose (said with ""): these nights are about the output folder.
  writeFileSync(join(dir, 'obsgen.config.yaml'), 'tags: { application: app }\noutput: { format: both }\nactions: { critical: "" }\n');
  for (const [night, text] of Object.entries(NIGHTS)) writeFileSync(join(dir, `${night}.json`), text);
  return dir;
}

/**
 * Where each write test starts: the inputs folder, and an output folder holding the user's
 * files and night A's output.
 */
export async function afterNightA(): Promise<{ inputs: string; out: string }> {
  const inputs = nightsInputs();
  const out = tempDir();
  addUserFiles(out);
  const run = await generateNight(inputs, 'A', out);
  if (run.code !== 0) throw new Error(`night A exited ${run.code}: ${run.stderr}`);
  return { inputs, out };
}

/** Writes the user's files into an output folder. */
export function addUserFiles(out: string): void {
  for (const [path, text] of Object.entries(USER_FILES)) {
    mkdirSync(join(out, path, '..'), { recursive: true });
    writeFileSync(join(out, path), text);
  }
}

export interface ProcessRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  pid: number;
}

/** Runs the built CLI as its own process (`node <bin>`), with extra environment. */
export function runProcess(args: string[], cwd: string, env: Record<string, string> = {}, onSpawn?: (pid: number) => void): Promise<ProcessRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('spawn', () => onSpawn?.(child.pid!));
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr, pid: child.pid! }));
  });
}

/** `obsgen generate` of one night into `out`. */
export function generateNight(inputs: string, night: Night, out: string, env: Record<string, string> = {}, onSpawn?: (pid: number) => void): Promise<ProcessRun> {
  return runProcess(['generate', '--config', 'obsgen.config.yaml', '--inventory', `${night}.json`, '--out', out, '--allow-removals', '--quiet'], inputs, env, onSpawn);
}

/** A copy of a folder, to run on without touching the original. */
export function copyOf(dir: string): string {
  const copy = tempDir('obsgen-copy-');
  cpSync(dir, copy, { recursive: true });
  return copy;
}

/** Files in an output folder that are obsgen's own working files (lock, journal, staging, set-aside copies). */
export const WORKING_FILE = /(^|\/)\.obsgen-|\.obsgen-(old|tmp)-/;

/**
 * Why an output folder is not exactly what its manifest says plus the user's files: files
 * missing or with another hash, files that are neither, working files left behind. Empty when it is.
 */
export function manifestMismatches(out: string): string[] {
  const tree = readTree(out);
  const manifest = JSON.parse(tree.get('obsgen.manifest.json') ?? '{"files":[]}') as { files: { path: string; sha256: string }[] };
  const problems: string[] = [];
  const listed = new Map(manifest.files.map((f) => [f.path, f.sha256]));
  listed.set('obsgen.manifest.json', '');
  for (const [path, sha] of listed) {
    const text = tree.get(path);
    if (text === undefined) problems.push(`missing ${path}`);
    else if (sha !== '' && createHash('sha256').update(text).digest('hex') !== sha) problems.push(`hash of ${path}`);
  }
  for (const [path, text] of tree) {
    if (listed.has(path)) continue;
    if (USER_FILES[path] === undefined) problems.push(`unexpected ${path}`);
    else if (USER_FILES[path] !== text) problems.push(`user file changed: ${path}`);
  }
  for (const path of Object.keys(USER_FILES)) if (!tree.has(path)) problems.push(`user file gone: ${path}`);
  return problems;
}

/** The folder's files, without obsgen's working files. */
export function visibleTree(out: string): Map<string, string> {
  return new Map([...readTree(out)].filter(([path]) => !WORKING_FILE.test(path)));
}

/** The manifest text of a folder. */
export function manifestOf(out: string): string {
  return readFileSync(join(out, 'obsgen.manifest.json'), 'utf8');
}
