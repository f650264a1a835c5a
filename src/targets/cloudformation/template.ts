import type { ActionsOf } from '../../config/actions.js';
import type { ActionTarget } from '../../config/types.js';
import { ACTIONS_ENABLED_PARAMETER, actionCondition, actionParameter } from './resources.js';
import { basename } from 'node:path';
import type { FileContent, FileRecord } from '../files.js';
import { serializeEntry, serializeTemplate } from './serialize.js';
import type { TemplateSyntax } from './serialize.js';
import type { StackLayout } from './stacks.js';

const ACTION_ORDER: readonly ActionTarget[] = ['critical', 'warning', 'info', 'application'];

// An alarm action: an SNS topic, a Lambda function, an SSM OpsItem or incident plan, an EC2
// action, or an Auto Scaling policy ARN. On a list parameter, each entry must match; the
// empty entry is what an empty list parameter holds.
const ACTION_ARN_PATTERN = '^(arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:[0-9]*:.+)?$';

/**
 * For a stack holding log groups that already exist: the template and the
 * `--resources-to-import` file of the IMPORT change set that brings them into the stack
 * before its first deployment (an IMPORT change set may contain nothing else).
 */
export function importFiles<F extends FileRecord>(stack: StackLayout, syntax: TemplateSyntax, templateFile: string, put: (path: string, render: () => FileContent) => F): F[] {
  if (!stack.units.some((u) => u.unit.hasImports)) return [];
  const base = templateFile.replace(/\.(yaml|json)$/, '');
  const imports = () => stack.units.flatMap((u) => u.unit.entries().imports);
  const header = {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: `obsgen: imports existing log groups into stack ${stack.name} (IMPORT change set; then deploy ${basename(templateFile)}).`,
  };
  const toImport = () => imports().map((i) => ({ ResourceType: 'AWS::Logs::LogGroup', LogicalResourceId: i.logicalId, ResourceIdentifier: { LogGroupName: i.logGroupName } }));
  return [
    put(`${base}.import.${syntax === 'json' ? 'json' : 'yaml'}`, () =>
      serializeTemplate(syntax, header, [['Resources', imports().map((i) => serializeEntry(syntax, i.logicalId, i.asImported))]]),
    ),
    put(`${base}.resources-to-import.json`, () => `${JSON.stringify(toImport(), null, 2)}\n`),
  ];
}

/** Assembles one stack's template, as pieces of text, from its units' pre-serialised entries. */
export function stackTemplate(stack: StackLayout, actions: ActionsOf, syntax: TemplateSyntax): string[] {
  const used = new Set<ActionTarget>();
  for (const u of stack.units) for (const t of u.unit.entries().actions) used.add(t);
  const targets = ACTION_ORDER.filter((t) => used.has(t));

  const parameters: Record<string, unknown> = {};
  const conditions: Record<string, unknown> = {};
  if (targets.length > 0) {
    parameters[ACTIONS_ENABLED_PARAMETER] = {
      Type: 'String',
      AllowedValues: ['true', 'false'],
      Default: 'true',
      Description: 'Set to false to keep the alarms but silence all their actions (e.g. during a migration).',
    };
  }
  for (const t of targets) {
    // A list, as the Terraform module's alarm_actions takes: several topics (a pager and a
    // chat channel) per severity. An empty list parameter is one empty string, so the
    // condition joins the entries to tell "none" apart.
    parameters[actionParameter(t)] = {
      Type: 'CommaDelimitedList',
      Default: actions.render(t, stack.scope).join(','),
      AllowedPattern: ACTION_ARN_PATTERN,
      Description: `Action ARNs (e.g. SNS topics), comma-separated, at most 5, for ${t === 'application' ? 'application composite alarms' : `${t} alarms`}; empty for none.`,
    };
    conditions[actionCondition(t)] = { 'Fn::Not': [{ 'Fn::Equals': [{ 'Fn::Join': ['', { Ref: actionParameter(t) }] }, ''] }] };
  }

  const header: Record<string, unknown> = {
    AWSTemplateFormatVersion: '2010-09-09',
    Description:
      `obsgen monitoring for account ${stack.scope.account}, region ${stack.scope.region} (stack ${stack.name}). ` +
      'Generated: change blueprints, config or tags and regenerate; do not edit.',
    ...(targets.length > 0 ? { Parameters: parameters, Conditions: conditions } : {}),
  };
  return serializeTemplate(syntax, header, [
    ['Resources', stack.units.flatMap((u) => u.unit.entries().resources)],
    ['Outputs', stack.units.flatMap((u) => u.unit.entries().outputs)],
  ]);
}
