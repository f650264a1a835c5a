import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FakeLogGroup, FakeRegion, FakeResource } from '../../test/helpers/fake-aws/index.js';
import { startFakeAws } from '../../test/helpers/fake-aws/index.js';
import { syntheticEstate } from '../lib/synthetic-estate.js';

export interface LiveDiscoveryFigure {
  resources: number;
  regions: number;
  /** Calls per `service.Operation`, sorted by name. */
  calls: [operation: string, count: number][];
  /** From the first AWS call to the last. */
  awsSeconds: number;
  /** The whole `obsgen generate` process. */
  seconds: number;
  exitCode: number;
}

const ACCOUNT = '100000000000';
const REGIONS = ['eu-west-1', 'us-east-1', 'ap-southeast-2'];

/**
 * `obsgen generate --source aws` as a user runs it (the built CLI, a child process), against
 * the local endpoint serving one account with `resources` tagged resources over three
 * regions; every Lambda function's log group exists, so the log-group lookup has real work.
 * Metric history is not fetched here (its calls are measured on their own, and a 14-day fetch
 * for every tuned alarm of thousands of resources would measure the fake, not obsgen).
 */
export async function liveDiscovery(cli: string, resources: number): Promise<LiveDiscoveryFigure> {
  const estate = syntheticEstate({ resources, seed: 7, accounts: 1, regions: REGIONS, applications: Math.max(8, Math.round(resources / 250)) });
  const regions: Record<string, FakeRegion> = {};
  for (const region of REGIONS) {
    const text = estate.get(`${ACCOUNT}-${region}.json`);
    const listed = text ? (JSON.parse(text) as { ResourceTagMappingList: FakeResource[] }).ResourceTagMappingList : [];
    const logGroups: FakeLogGroup[] = listed
      .map((r) => /^arn:aws:lambda:[^:]+:\d+:function:([^:]+)$/.exec(r.ResourceARN)?.[1])
      .filter((name): name is string => name !== undefined)
      .map((name) => ({ logGroupName: `/aws/lambda/${name}`, retentionInDays: 30 }));
    regions[region] = { resources: listed, logGroups };
  }
  const fake = await startFakeAws({ baseAccount: ACCOUNT, accounts: { [ACCOUNT]: { regions } } });
  const dir = mkdtempSync(join(tmpdir(), 'obsgen-bench-live-'));
  try {
    writeFileSync(
      join(dir, 'obsgen.config.yaml'),
      [
        'source:',
        '  type: aws',
        `  regions: [${REGIONS.join(', ')}]`,
        'tuning:',
        '  fetchHistory: false',
        'actions:',
        '  critical: "arn:{{partition}}:sns:{{region}}:{{account}}:pager"',
        '',
      ].join('\n'),
    );
    // The SDK's normal chain, pointed at the endpoint with base keys: only AWS_ENDPOINT_URL differs from AWS.
    const env: NodeJS.ProcessEnv = { ...process.env, ...fake.env('eu-west-1'), AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
    delete env['AWS_PROFILE'];
    const started = performance.now();
    const exitCode = await new Promise<number>((resolve, reject) => {
      // Asynchronous: the fake endpoint answers from this process's event loop.
      const child = spawn(process.execPath, [cli, 'generate', '--out', 'out', '--quiet'], { cwd: dir, env, stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('error', reject);
      child.on('exit', (code) => (code === 0 ? resolve(0) : reject(new Error(`generate --source aws exited ${code}: ${stderr.slice(-1000)}`))));
    });
    const seconds = (performance.now() - started) / 1000;
    const counts = new Map<string, number>();
    for (const c of fake.calls) counts.set(`${c.service}.${c.operation}`, (counts.get(`${c.service}.${c.operation}`) ?? 0) + 1);
    const times = fake.calls.map((c) => c.at);
    return {
      resources,
      regions: REGIONS.length,
      calls: [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
      awsSeconds: times.length > 0 ? (Math.max(...times) - Math.min(...times)) / 1000 : 0,
      seconds,
      exitCode,
    };
  } finally {
    await fake.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
