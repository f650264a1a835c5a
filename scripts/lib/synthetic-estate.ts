import { ARN_MAKERS } from './arn-makers.js';
import { pick, seededRandom } from './random.js';

/** Options for a synthetic estate. */
export interface EstateOptions {
  resources: number;
  seed?: number;
  accounts?: number;
  regions?: readonly string[];
  applications?: number;
  /**
   * The supported types to draw from, cycled through in order (a type listed 4 times of 10 is
   * 40% of the supported resources); every supported type when absent.
   */
  types?: readonly string[];
}

interface Mapping {
  ResourceARN: string;
  Tags: { Key: string; Value: string }[];
}


const WORDS = ['orders', 'payments', 'catalog', 'search', 'users', 'billing', 'events', 'reports', 'inventory', 'shipping', 'auth', 'media'];
const ROLES = ['api', 'worker', 'handler', 'sync', 'ingest', 'export', 'cron', 'router'];
const ENVS = ['prod', 'staging', 'dev'];
const TEAMS = ['payments', 'discovery', 'platform', 'growth', 'data'];

/**
 * A seeded estate in the AWS CLI `get-resources` format, one listing per account and region
 * (file name → JSON text). It spans every type in ARN_MAKERS, several applications,
 * environments and teams, with some untagged resources, some override tags and some
 * resources of unsupported types, as a real account has.
 */
export function syntheticEstate(options: EstateOptions): Map<string, string> {
  const random = seededRandom(options.seed ?? 42);
  const accounts = Array.from({ length: options.accounts ?? 2 }, (_, i) => String(100000000000 + i * 111111111));
  const regions = options.regions ?? ['eu-west-1', 'us-east-1'];
  const apps = Array.from({ length: options.applications ?? 8 }, (_, i) => `${WORDS[i % WORDS.length]}${i >= WORDS.length ? `-${i}` : ''}`);
  const types = options.types ? [...options.types] : Object.keys(ARN_MAKERS).sort();
  for (const t of types) if (!ARN_MAKERS[t]) throw new Error(`no ARN maker for ${t}`);
  const listings = new Map<string, Mapping[]>();

  for (let i = 0; i < options.resources; i++) {
    const account = pick(random, accounts);
    const region = pick(random, regions);
    const app = pick(random, apps);
    const env = pick(random, ENVS);
    const name = `${app}-${pick(random, ROLES)}-${env}-${i.toString(36).padStart(4, '0')}`;
    const roll = random();
    let arn: string;
    let tags: Mapping['Tags'];
    if (roll < 0.03) {
      // Types obsgen does not support are listed too, and must be reported, not dropped.
      arn = `arn:aws:ssm:${region}:${account}:parameter/${name}`;
      tags = [{ Key: 'app', Value: app }];
    } else {
      const type = types[i % types.length]!;
      const made = ARN_MAKERS[type]!(account, region, name);
      arn = made.arn;
      // Hint tags (a REST API's name, a target group's load balancer) come with the resource.
      const hints = Object.entries(made.tags ?? {}).map(([Key, Value]) => ({ Key, Value }));
      tags = roll < 0.08 ? hints : [
        ...hints,
        { Key: 'app', Value: app },
        { Key: 'env', Value: env },
        { Key: 'team', Value: pick(random, TEAMS) },
        { Key: 'cost-center', Value: `cc-${Math.floor(random() * 90) + 10}` },
      ];
      if (roll > 0.97 && type === 'lambda:function') tags.push({ Key: 'obsgen:threshold:errors', Value: String(Math.floor(random() * 10) + 1) });
    }
    const file = `${account}-${region}.json`;
    const list = listings.get(file) ?? [];
    list.push({ ResourceARN: arn, Tags: tags });
    listings.set(file, list);
  }
  const out = new Map<string, string>();
  for (const file of [...listings.keys()].sort()) {
    out.set(file, `${JSON.stringify({ ResourceTagMappingList: listings.get(file) }, null, 2)}\n`);
  }
  return out;
}
