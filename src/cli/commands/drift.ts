import { Diagnostics } from '../../diagnostics/diagnostic.js';
import { listAlarms } from '../../aws/alarms.js';
import { describeError } from '../../aws/live-source.js';
import { compareScope, driftReport } from '../../drift/compare.js';
import type { DriftScope } from '../../drift/compare.js';
import { renderDrift } from '../../drift/render.js';
import { configFor } from '../../pipeline/inputs.js';
import type { InputOptions } from '../../pipeline/inputs.js';
import type { CliIo, ExitCode } from '../io.js';
import { EXIT } from '../io.js';
import { sessionFor } from '../../pipeline/live.js';
import { requireManifest } from '../manifest-input.js';
import { diagnosticsJson, printDiagnostics } from '../report.js';

/**
 * `obsgen drift`: the live alarms (DescribeAlarms under obsgen's name prefix, in the manifest's
 * accounts and regions, or those of them `--region` names) against the manifest: missing, unmanaged, changed by hand. Read-only.
 * Exit 1 on drift; 2 when a scope could not be checked.
 */
export async function driftCommand(options: Pick<InputOptions, 'config' | 'out' | 'region' | 'profile'> & { json?: boolean }, io: CliIo): Promise<ExitCode> {
  const diags = new Diagnostics();
  const config = await configFor(options, io.cwd, diags);
  const manifest = config ? requireManifest(config.output.dir, diags) : undefined;
  if (!config || !manifest) {
    printDiagnostics(diags, io);
    return EXIT.failure;
  }
  // What drift checks is what the manifest was generated for: with no regions configured or
  // given, those are its regions (the session needs some to tell which accounts it reaches).
  if (config.source.regions.length === 0) config.source.regions = [...new Set(manifest.scopes.map((s) => s.region))].sort();
  const session = sessionFor(config);
  const prefix = config.naming.prefix;
  // Only the accounts the config can reach (through their roles, or the credentials' own).
  let reachable: Set<string>;
  try {
    reachable = new Set((await session.scopes()).map((s) => s.account));
  } catch (e) {
    diags.error(`cannot tell which account the credentials belong to: ${describeError(e)}`);
    printDiagnostics(diags, io);
    return EXIT.failure;
  }
  const regions = options.region && options.region.length > 0 ? new Set(options.region) : undefined;
  const wanted = manifest.scopes.filter((s) => !regions || regions.has(s.region));
  const scopes: DriftScope[] = [];
  const toCheck = wanted.filter((s) => {
    if (reachable.has(s.account)) return true;
    scopes.push({ account: s.account, region: s.region, checked: false, error: "account not in source.accounts, and not the credentials' own" });
    return false;
  });
  const results = await session.forEachScope(toCheck, 'alarms', (scope, clients, bounds) => {
    const names = [...manifest.alarms, ...manifest.composites].filter((a) => a.account === scope.account && a.region === scope.region).map((a) => a.name);
    return listAlarms(clients, prefix, names, bounds);
  });
  const parts = [];
  for (const r of results) {
    scopes.push({ ...r.scope, checked: r.value !== undefined, ...(r.error ? { error: r.error } : {}) });
    if (r.value) parts.push(compareScope(manifest, r.scope, prefix, r.value));
  }
  scopes.sort((a, b) => (`${a.account}/${a.region}` < `${b.account}/${b.region}` ? -1 : 1));
  for (const s of scopes.filter((x) => !x.checked)) diags.error(`drift could not be checked: ${s.error ?? 'unknown error'}`, { file: `aws:${s.account}/${s.region}` });
  const report = driftReport(scopes, parts);
  const code: ExitCode = diags.hasErrors ? EXIT.failure : report.drift ? EXIT.findings : EXIT.ok;
  if (options.json) {
    io.stdout(`${JSON.stringify({ exitCode: code, ...report, diagnostics: diagnosticsJson(diags, io) }, null, 2)}\n`);
    return code;
  }
  printDiagnostics(diags, io);
  io.stdout(renderDrift(report));
  return code;
}
