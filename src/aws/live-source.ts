import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { TagFilter } from '@aws-sdk/client-resource-groups-tagging-api';
import type { AwsCredentialIdentityProvider } from '@aws-sdk/types';
import type { ScopeStatus } from '../discover/types.js';
import type { PageBounds } from '../util/paginate.js';
import { clientsFor } from './clients.js';
import type { Clients } from './clients.js';
import { accountCredentials, baseCredentials } from './credentials.js';
import type { AccountTarget } from './credentials.js';
import { Deadlines } from './deadlines.js';
import { enrichListing } from './enrich.js';
import { Limiter } from './limiter.js';
import { listLogGroups } from './log-groups.js';
import type { LogGroupListing } from './log-groups.js';
import { AwsStats } from './stats.js';
import { listResources } from './tagging.js';
import type { Listing } from './tagging.js';

export interface SessionOptions {
  regions: string[];
  profile?: string;
  /** Accounts and their roles; empty: the base credentials' own account. */
  accounts: AccountTarget[];
  /** Scopes (account × region) worked on at once. */
  concurrency: number;
  maxAttempts: number;
  requestTimeoutMs: number;
  /** Most pages one paginated listing may take in a scope. */
  maxPages: number;
  /** Most time spent reading one scope, over all its phases. */
  scopeTimeoutMs: number;
  /** Most time the whole live run may take, from the session's start. */
  runTimeoutMs: number;
}

export interface LiveProgress {
  phase: string;
  scopesDone: number;
  scopesTotal: number;
  resources: number;
  calls: number;
}

export interface ScopeRef {
  account: string;
  region: string;
}

/**
 * A read-only session with AWS: credentials per account (assuming roles where configured),
 * clients per account and region, call statistics, bounded concurrency over scopes, and the
 * bounds every scope's work keeps (pages per listing, the scope's and the run's deadlines).
 */
export class LiveSession {
  readonly stats = new AwsStats();
  private readonly base: AwsCredentialIdentityProvider;
  private readonly clients = new Map<string, Clients>();
  private readonly limiter: Limiter;
  private readonly deadlines: Deadlines;
  private targets: AccountTarget[] = [];

  constructor(
    readonly options: SessionOptions,
    readonly onProgress?: (p: LiveProgress) => void,
  ) {
    this.base = baseCredentials(options.profile);
    this.limiter = new Limiter(Math.max(1, options.concurrency));
    this.deadlines = new Deadlines({ scopeTimeoutMs: options.scopeTimeoutMs, runTimeoutMs: options.runTimeoutMs });
  }

  /** Bounds for work outside a scope's turn (one look-up by `gameday`): the run's deadline only. */
  runBounds(): PageBounds {
    return { maxPages: this.options.maxPages, signal: this.deadlines.runSignal };
  }

  /** Every account × region to look at (the credentials' own account when none is configured). */
  async scopes(): Promise<ScopeRef[]> {
    if (this.targets.length === 0) {
      this.targets = this.options.accounts.length > 0 ? this.options.accounts : [{ id: await this.callerAccount() }];
    }
    return this.targets.flatMap((t) => this.options.regions.map((region) => ({ account: t.id!, region })));
  }

  /** The clients of one scope (created once). */
  clientsOf(scope: ScopeRef): Clients {
    const key = `${scope.account}/${scope.region}`;
    let c = this.clients.get(key);
    if (!c) {
      const target = this.targets.find((t) => t.id === scope.account) ?? { id: scope.account };
      c = clientsFor({
        region: scope.region,
        credentials: accountCredentials(this.base, target, scope.region),
        stats: this.stats,
        maxAttempts: this.options.maxAttempts,
        requestTimeoutMs: this.options.requestTimeoutMs,
      });
      this.clients.set(key, c);
    }
    return c;
  }

  /**
   * Runs `work` for every scope with bounded concurrency, within the scope's deadline and the
   * run's: `bounds` carries the page cap and the signal every call passes on. A scope whose
   * work throws, breaks a bound or runs out of time is recorded as failed with the reason
   * (name and message only; a deadline says which one); the others carry on.
   */
  async forEachScope<T>(
    scopes: readonly ScopeRef[],
    phase: string,
    work: (scope: ScopeRef, clients: Clients, bounds: PageBounds) => Promise<T>,
  ): Promise<{ scope: ScopeRef; value?: T; error?: string }[]> {
    let done = 0;
    const report = () => this.onProgress?.({ phase, scopesDone: done, scopesTotal: scopes.length, resources: this.resources, calls: this.stats.totalCalls });
    return Promise.all(
      scopes.map(async (scope) => {
        try {
          const value = await this.limiter.run(
            () => this.deadlines.within(`${scope.account}/${scope.region}`, (signal) => work(scope, this.clientsOf(scope), { maxPages: this.options.maxPages, signal })),
            // A scope still waiting for its turn when the run's deadline passes is not read at all.
            this.deadlines.runSignal,
          );
          return { scope, value };
        } catch (e) {
          return { scope, error: describeError(e) };
        } finally {
          done++;
          report();
        }
      }),
    );
  }

  /** Resources seen so far, for progress. */
  resources = 0;

  private async callerAccount(): Promise<string> {
    const sts = new STSClient({ region: this.options.regions[0] ?? 'us-east-1', credentials: this.base });
    const id = await sts.send(new GetCallerIdentityCommand({}), { abortSignal: this.deadlines.runSignal });
    if (!id.Account) throw new Error('STS GetCallerIdentity returned no account');
    return id.Account;
  }
}

/** What resource discovery saw: listings of the complete scopes, and every scope's status. */
export interface DiscoveredResources {
  listings: (ScopeRef & { listing: Listing })[];
  scopes: ScopeStatus[];
}

/**
 * Lists every scope's tagged resources (and enriches them). A scope that fails (access denied,
 * region not enabled, timeouts after retries, a bound hit, a malformed answer) is incomplete
 * and its partial data is dropped.
 */
export async function discoverResources(session: LiveSession, filters: { resourceTypeFilters?: string[]; tagFilters?: TagFilter[]; enrich: boolean }): Promise<DiscoveredResources> {
  const scopes = await session.scopes();
  const results = await session.forEachScope(scopes, 'resources', async (scope, clients, bounds) => {
    let seen = 0;
    try {
      const listing = await listResources(clients, {
        ...(filters.resourceTypeFilters ? { resourceTypeFilters: filters.resourceTypeFilters } : {}),
        ...(filters.tagFilters ? { tagFilters: filters.tagFilters } : {}),
        bounds,
        onPage: (n) => {
          session.resources += n - seen;
          seen = n;
        },
      });
      if (filters.enrich) await enrichListing({ client: clients.client, bounds }, listing);
      return listing;
    } catch (e) {
      session.resources -= seen;
      throw e;
    }
  });
  return {
    listings: sortScopes(results.flatMap((r) => (r.value ? [{ ...r.scope, listing: r.value }] : []))),
    scopes: sortScopes(results.map((r) => ({ partition: partitionOf(r.scope.region), ...r.scope, complete: r.error === undefined, ...(r.error ? { error: r.error } : {}) }))),
  };
}

/** Existing log groups under the given prefixes, per scope; a failure marks the scope incomplete. */
export async function discoverLogGroups(
  session: LiveSession,
  prefixes: ReadonlyMap<string, string[]>,
): Promise<{ listings: (ScopeRef & { listing: LogGroupListing })[]; failed: (ScopeRef & { error: string })[] }> {
  const scopes = [...prefixes.keys()].map((k) => {
    const [account, region] = k.split('/') as [string, string];
    return { account, region };
  });
  const results = await session.forEachScope(scopes, 'log groups', (scope, clients, bounds) =>
    listLogGroups(clients, prefixes.get(`${scope.account}/${scope.region}`) ?? [], { ...scope, partition: partitionOf(scope.region) }, bounds),
  );
  return {
    listings: sortScopes(results.flatMap((r) => (r.value ? [{ ...r.scope, listing: r.value }] : []))),
    failed: results.flatMap((r) => (r.error ? [{ ...r.scope, error: r.error }] : [])),
  };
}

function sortScopes<T extends ScopeRef>(items: T[]): T[] {
  return items.sort((a, b) => (a.account < b.account ? -1 : a.account > b.account ? 1 : a.region < b.region ? -1 : a.region > b.region ? 1 : 0));
}

/** The partition of a region (China and GovCloud regions have their own). */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** An error's name and message, never its request details (which could hold credentials). */
export function describeError(e: unknown): string {
  const err = e as { name?: string; message?: string };
  const message = (err.message ?? String(e)).split('\n')[0]!.slice(0, 300);
  return err.name && err.name !== 'Error' ? `${err.name}: ${message}` : message;
}
