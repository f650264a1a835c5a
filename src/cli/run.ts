import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { PACKAGE_VERSION } from '../package-root.js';
import { IAC_TARGETS } from '../targets/registry.js';
import type { CliIo, ExitCode } from './io.js';
import { EXIT, terminalIo } from './io.js';

// Each command's module is loaded when it runs, not before: loading them all (and what they
// import) cost every run, even `--version`, what the one it runs does not need; the AWS SDK,
// which only drift, gameday, snapshot and `--source aws` need, was the largest part (see also
// pipeline/stages.ts, cli/live-report.ts). Measured (CPU of the whole process, median of 3, on
// a loaded 2-CPU machine): `--version` 0.43 -> 0.12 s; `generate` over one resource 1.22 ->
// 0.95 s (with the precompiled built-in blueprints too, src/blueprints/precompiled.ts: 0.57 s
// for both formats, against 1.20 s). `npm run bench` (its start-up part) keeps measuring it.

// `--format` takes a target's id, or `both` for CloudFormation and Terraform.
const FORMATS = [...IAC_TARGETS, 'both'];

// The shortest plan `--max-chars` allows: the title, the summary line, the note and every
// section's title fit in it, so a shortened plan is never longer than asked (plan/render.ts).
const MIN_PLAN_CHARS = 2000;

/** `--max-chars`: a whole number of characters, at least MIN_PLAN_CHARS, or 0 for no limit. */
function planChars(value: string): number {
  if (!/^\d+$/.test(value) || (Number(value) !== 0 && Number(value) < MIN_PLAN_CHARS)) throw new InvalidArgumentError(`a whole number of characters, at least ${MIN_PLAN_CHARS}, or 0 for no limit`);
  return Number(value);
}

/** Runs the CLI with arguments (without `node obsgen`); resolves to the exit code. */
export async function runCli(argv: readonly string[], streams: CliIo): Promise<ExitCode> {
  // Everything printed goes through this one place (see terminalIo).
  const io = terminalIo(streams);
  let code: ExitCode = EXIT.ok;
  const program = new Command('obsgen')
    .description('Turn tagged AWS resources into CloudWatch monitoring as code (CloudFormation or Terraform).')
    .version(PACKAGE_VERSION, '-V, --version')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError('(run with --help for usage)');

  const config = () => new Option('-c, --config <file>', 'config file (default: searched in the working directory)');
  const inventory = () => new Option('-i, --inventory <file...>', 'inventory files: output of `aws resourcegroupstaggingapi get-resources`');
  const json = () => new Option('--json', 'machine-readable output on stdout');
  const live = (cmd: Command) =>
    cmd
      .addOption(new Option('--source <source>', 'files (inventory files) or aws (the live account, read-only)').choices(['files', 'aws']))
      .option('--region <region...>', 'regions to discover with --source aws')
      .option('--profile <name>', 'AWS profile (default: the SDK chain: environment, SSO, instance role)')
      .option('--snapshot <dir>', 'read a folder written by `obsgen snapshot` instead');

  live(program
    .command('generate'))
    .description('generate monitoring as code into the output folder')
    .addOption(inventory())
    .option('--log-groups <file...>', 'existing log groups: output of `aws logs describe-log-groups` (imported, not created)')
    .option('--metrics <file...>', 'metric history for threshold tuning (schemas/metric-history.schema.json, .json or .json.gz)')
    .addOption(config())
    .option('-o, --out <dir>', 'output folder (default: generated)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(FORMATS))
    .addOption(new Option('--syntax <syntax>', 'CloudFormation syntax').choices(['yaml', 'json']))
    .option('--check', 'write nothing; exit 1 when the output folder differs from what would be generated')
    .option('--allow-removals', 'proceed even when the run removes more alarms than the guards allow')
    .option('--strict', 'a problem with one resource\'s tags (a malformed obsgen: tag, a tag a template reads but the resource lacks) is an error: exit 2, nothing written')
    .addOption(json())
    .option('-q, --quiet', 'no summary')
    .option('--plan-markdown <file>', 'also write the plan of this run into <file>, as `plan --markdown` prints it (a nightly job then runs once)')
    .option('--plan-json <file>', 'also write the plan of this run into <file>, as `plan --json` prints it')
    .addOption(new Option('--max-chars <n>', 'with --plan-markdown: as for `plan --max-chars` (default 60000; 0: no limit)').argParser(planChars))
    .action(async (opts) => {
      const { generateCommand } = await import('./commands/generate.js');
      code = await generateCommand(opts, io);
    });

  live(program
    .command('plan'))
    .description('show what generate would change, against the manifest in the output folder (writes nothing)')
    .addOption(inventory())
    .option('--log-groups <file...>', 'existing log groups (as for generate)')
    .option('--metrics <file...>', 'metric history for threshold tuning (as for generate)')
    .addOption(config())
    .option('-o, --out <dir>', 'output folder whose manifest is the previous run (default: generated)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(FORMATS))
    .addOption(new Option('--syntax <syntax>', 'CloudFormation syntax').choices(['yaml', 'json']))
    .option('--allow-removals', 'do not stop when the run removes more alarms than the guards allow')
    .option('--strict', 'a problem with one resource\'s tags (a malformed obsgen: tag, a tag a template reads but the resource lacks) is an error: exit 2, nothing written')
    .addOption(json().conflicts('markdown'))
    .option('--markdown', 'Markdown, for a pull-request body')
    .addOption(new Option('--max-chars <n>', 'list changes up to this many characters and count the rest (default with --markdown: 60000, under GitHub\'s limit for a pull-request body; 0: no limit)').argParser(planChars).conflicts('json'))
    .action(async (opts) => {
      const { planCommand } = await import('./commands/plan.js');
      code = await planCommand(opts, io);
    });

  program
    .command('validate')
    .description('check the config and blueprints (no inventory needed)')
    .addOption(config())
    .addOption(json())
    .action(async (opts) => {
      const { validateCommand } = await import('./commands/validate.js');
      code = await validateCommand(opts, io);
    });

  live(program
    .command('inventory'))
    .description('list resources, the blueprints that match them, and those not monitored with the reason')
    .option('--all-resource-types', 'with --source aws, list every resource type, not only those with blueprints')
    .addOption(inventory())
    .addOption(config())
    .addOption(json())
    .action(async (opts) => {
      const { inventoryCommand } = await import('./commands/inventory.js');
      code = await inventoryCommand(opts, io);
    });

  live(program
    .command('explain'))
    .description('explain tuned thresholds: history, policy, reason and backtest (same inputs as generate)')
    .option('--alarm <id>', 'one alarm, by stable id or name')
    .addOption(inventory())
    .option('--log-groups <file...>', 'existing log groups (as for generate)')
    .option('--metrics <file...>', 'metric history for threshold tuning')
    .addOption(config())
    .option('-o, --out <dir>', 'output folder whose manifest holds the previous thresholds (default: generated)')
    .addOption(json())
    .action(async (opts) => {
      const { explainCommand } = await import('./commands/explain.js');
      code = await explainCommand(opts, io);
    });

  program
    .command('drift')
    .description('compare the live alarms with the manifest: missing, unmanaged, changed by hand (read-only; exit 1 on drift)')
    .addOption(config())
    .option('-o, --out <dir>', 'output folder whose manifest says what was generated (default: generated)')
    .option('--region <region...>', 'only these regions of the manifest')
    .option('--profile <name>', 'AWS profile (default: the SDK chain)')
    .addOption(json())
    .action(async (opts) => {
      const { driftCommand } = await import('./commands/drift.js');
      code = await driftCommand(opts, io);
    });

  program
    .command('gameday')
    .description('put one generated alarm into ALARM to test its notification path (dry run unless --yes)')
    .requiredOption('--alarm <id>', 'the alarm, by stable id or name (from the manifest)')
    .option('--yes', 'really call SetAlarmState (needs cloudwatch:SetAlarmState)')
    .addOption(config())
    .option('-o, --out <dir>', 'output folder whose manifest lists the generated alarms (default: generated)')
    .option('--profile <name>', 'AWS profile (default: the SDK chain)')
    .addOption(json())
    .action(async (opts) => {
      const { gamedayCommand } = await import('./commands/gameday.js');
      code = await gamedayCommand(opts, io);
    });

  program
    .command('snapshot')
    .description('read the live account(s) and freeze what was seen into files, for offline runs (--snapshot)')
    .requiredOption('-o, --out <dir>', 'folder to write')
    .option('--region <region...>', 'regions to discover')
    .option('--profile <name>', 'AWS profile (default: the SDK chain)')
    .option('--all-resource-types', 'list every resource type, not only those with blueprints')
    .addOption(config())
    .option('-q, --quiet', 'no summary')
    .action(async (opts) => {
      const { snapshotCommand } = await import('./commands/snapshot.js');
      code = await snapshotCommand(opts, io);
    });

  program
    .command('blueprints')
    .description('print the catalogue of blueprints in use (alarms, thresholds, sources) as Markdown')
    .addOption(config())
    .action(async (opts) => {
      const { blueprintsCommand } = await import('./commands/blueprints.js');
      code = await blueprintsCommand(opts, io);
    });

  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end here too, successfully.
      return e.exitCode === 0 ? EXIT.ok : EXIT.failure;
    }
    io.stderr(`obsgen: internal error: ${(e as Error).stack ?? String(e)}\n`);
    return EXIT.failure;
  }
  return code;
}
