import type { ActionTarget } from '../config/types.js';
import { BURN_RATES } from '../match/slo-alarms.js';
import type { BurnPair } from '../match/slo-alarms.js';
import { alarmNamespace } from '../resolve/identity.js';
import type { PreviousNames } from '../resolve/types.js';
import { groupBy } from '../util/group.js';
import { assignNames } from '../util/name-registry.js';
import { ALARM_NAME_MAX, applicationKey, safeAlarmName, withPageLink, withSuffix } from './names.js';
import type { AlarmModel, CompositeAlarmModel } from './types.js';

/** What an SLO composite notifies: pages for the fast and slow burns, a ticket for the slowest. */
const NOTICES: readonly { id: 'page' | 'ticket'; pairs: readonly BurnPair[]; target: ActionTarget }[] = [
  { id: 'page', pairs: ['fast', 'slow'], target: 'critical' },
  { id: 'ticket', pairs: ['ticket'], target: 'warning' },
];

const quote = (name: string) => `ALARM(${JSON.stringify(name)})`;

/**
 * The composite alarms of each resource's objectives: per objective, one that pages (critical
 * actions) when a fast or slow burn pair has both windows in ALARM, and one that opens a ticket
 * (warning actions) for the slowest pair. Each pair is `ALARM(long) AND ALARM(short)`: the
 * budget burned over the long window and is still burning. They live with the application's
 * composite alarm (its stack, its Terraform file), after the alarms they name.
 */
export function buildSloComposites(alarms: readonly AlarmModel[], previous: PreviousNames, taken: readonly string[], linkOf: (app: string) => string | undefined): CompositeAlarmModel[] {
  const out: CompositeAlarmModel[] = [];
  const exact = new Set<string>();
  const groups = groupBy(
    alarms.filter((a) => a.slo),
    (a) => `${a.unit}/${a.slo!.kind}`,
  );
  for (const group of groups.values()) {
    const first = group[0]!;
    const { kind, objective, thresholdMs } = first.slo!;
    const windowOf = (pair: BurnPair, role: 'long' | 'short') => group.find((a) => a.slo!.pair === pair && a.slo!.role === role);
    for (const notice of NOTICES) {
      const pairs = notice.pairs.map((p) => ({ rate: BURN_RATES.find((r) => r.pair === p)!, long: windowOf(p, 'long'), short: windowOf(p, 'short') })).filter((p) => p.long && p.short);
      if (pairs.length === 0) continue;
      const clause = (p: (typeof pairs)[number]) => `${quote(p.long!.name)} AND ${quote(p.short!.name)}`;
      const rule = pairs.length === 1 ? clause(pairs[0]!) : pairs.map((p) => `(${clause(p)})`).join(' OR ');
      const suffix = `slo-${kind}-${notice.id}`;
      const id = `${first.id.slice(0, first.id.lastIndexOf('/'))}/${suffix}`;
      const longName = pairs[0]!.long!.name;
      const from = `slo-${kind}-`;
      const rawName = longName.includes(from) ? `${longName.slice(0, longName.lastIndexOf(from))}${suffix}` : `${longName}-${notice.id}`;
      if (safeAlarmName(rawName) === rawName) exact.add(id);
      const what = kind === 'availability' ? `${objective}% of requests succeed` : `${objective}% of requests take ${thresholdMs} ms or less`;
      const burns = pairs.map((p) => `${p.rate.burn}× (${p.rate.share})`).join(' or ');
      out.push({
        id,
        unit: applicationKey(first.scope, first.resource.app),
        scope: first.scope,
        app: first.resource.app,
        name: safeAlarmName(rawName),
        description: withPageLink(
          `${notice.id === 'page' ? 'Pages' : 'Opens a ticket'}: the objective that ${what} over 30 days, for ${first.resource.arn}, is burning its error budget ${burns}, over a long window and still in the short one. Managed by obsgen.`,
          linkOf(first.resource.app),
        ),
        rule,
        children: pairs.flatMap((p) => [p.long!.name, p.short!.name]),
        target: notice.target,
        slo: { kind, notice: notice.id, resource: first.resource.arn },
      });
    }
  }
  const names = assignNames(
    out.map((c) => ({ name: c.name, namespace: alarmNamespace(c.scope), identity: c.id, exact: exact.has(c.id) })),
    { taken, incumbents: previous.composites, disambiguate: (name, hash) => withSuffix(name, `-${hash}`, ALARM_NAME_MAX) },
  );
  return out.map((c) => ({ ...c, name: names.get(c.id)! }));
}
