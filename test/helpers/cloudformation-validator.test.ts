import { beforeAll, describe, expect, it } from 'vitest';
import {
  loadSpec,
  validateCloudFormationTemplate,
  validateDashboardBody,
  type TemplateProblem,
  type ValidateOptions,
} from './cloudformation-validator.js';

// Templates are free-form JSON that each test mutates in place; typing every path would obscure the tests.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Template = any;

const ALARM_ARN = 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:obsgen-prod-high-cpu';

const DASHBOARD_BODY = {
  widgets: [
    { type: 'text', x: 0, y: 0, width: 24, height: 2, properties: { markdown: '# Service overview' } },
    {
      type: 'metric',
      x: 0,
      y: 2,
      width: 12,
      height: 6,
      properties: {
        title: 'CPU',
        region: 'us-east-1',
        view: 'timeSeries',
        stat: 'Average',
        period: 300,
        metrics: [
          ['AWS/EC2', 'CPUUtilization', 'InstanceId', 'i-0123456789abcdef0', { id: 'm1' }],
          ['...', 'i-0fedcba9876543210', { id: 'm2', label: 'second instance' }],
          ['.', 'NetworkIn', '.', '.', { yAxis: 'right' }],
          [{ expression: 'm1 + m2', label: 'total', id: 'e1' }],
        ],
        annotations: { horizontal: [{ value: 80, label: 'threshold' }] },
      },
    },
    { type: 'alarm', x: 12, y: 2, width: 12, height: 6, properties: { title: 'Alarms', alarms: [ALARM_ARN] } },
    {
      type: 'log',
      x: 0,
      y: 8,
      width: 24,
      height: 6,
      properties: {
        region: 'us-east-1',
        title: 'Errors',
        view: 'table',
        query: "SOURCE '/obsgen/app' | fields @timestamp, @message | filter @message like /ERROR/",
      },
    },
  ],
};

const TOPIC_OR_NOTHING = { 'Fn::If': ['HasTopic', { Ref: 'AlarmTopicArn' }, { Ref: 'AWS::NoValue' }] };

const VALID: Template = {
  AWSTemplateFormatVersion: '2010-09-09',
  Description: 'obsgen monitoring for the app service',
  Metadata: { Generator: 'obsgen' },
  Parameters: {
    Environment: { Type: 'String', AllowedValues: ['prod', 'staging'], Default: 'prod', Description: 'Deployment stage' },
    AlarmTopicArn: { Type: 'String', Default: '', AllowedPattern: '(arn:aws[a-z-]*:sns:.+)?' },
    RetentionDays: { Type: 'Number', Default: 30, MinValue: 1, MaxValue: 3653 },
  },
  Mappings: {
    Thresholds: { prod: { Cpu: 80 }, staging: { Cpu: 90 } },
  },
  Conditions: {
    IsProd: { 'Fn::Equals': [{ Ref: 'Environment' }, 'prod'] },
    HasTopic: { 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'AlarmTopicArn' }, ''] }] },
    IsProdWithTopic: { 'Fn::And': [{ Condition: 'IsProd' }, { Condition: 'HasTopic' }] },
  },
  Resources: {
    AppLogGroup: {
      Type: 'AWS::Logs::LogGroup',
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: {
        LogGroupName: '/obsgen/app',
        RetentionInDays: { 'Fn::If': ['IsProd', 365, 30] },
        Tags: [{ Key: 'stage', Value: { Ref: 'Environment' } }],
      },
    },
    ErrorMetricFilter: {
      Type: 'AWS::Logs::MetricFilter',
      Properties: {
        LogGroupName: { Ref: 'AppLogGroup' },
        FilterName: 'app-errors',
        FilterPattern: '?ERROR ?Error',
        MetricTransformations: [
          { MetricName: 'AppErrors', MetricNamespace: 'Obsgen/App', MetricValue: '1', DefaultValue: 0, Unit: 'Count' },
        ],
      },
    },
    HighCpuAlarm: {
      Type: 'AWS::CloudWatch::Alarm',
      Properties: {
        AlarmName: { 'Fn::Sub': 'obsgen-${Environment}-high-cpu' },
        AlarmDescription: 'CPU above threshold',
        Namespace: 'AWS/EC2',
        MetricName: 'CPUUtilization',
        Dimensions: [{ Name: 'InstanceId', Value: 'i-0123456789abcdef0' }],
        Statistic: 'Average',
        Period: 300,
        EvaluationPeriods: 3,
        DatapointsToAlarm: 2,
        Threshold: { 'Fn::FindInMap': ['Thresholds', { Ref: 'Environment' }, 'Cpu'] },
        ComparisonOperator: 'GreaterThanThreshold',
        TreatMissingData: 'notBreaching',
        AlarmActions: [TOPIC_OR_NOTHING],
        OKActions: { 'Fn::If': ['HasTopic', [{ Ref: 'AlarmTopicArn' }], { Ref: 'AWS::NoValue' }] },
      },
    },
    ErrorRateAlarm: {
      Type: 'AWS::CloudWatch::Alarm',
      Properties: {
        AlarmName: 'obsgen-app-error-rate',
        Metrics: [
          {
            Id: 'errors',
            ReturnData: false,
            MetricStat: { Metric: { Namespace: 'Obsgen/App', MetricName: 'AppErrors' }, Period: 60, Stat: 'Sum' },
          },
          {
            Id: 'requests',
            ReturnData: false,
            MetricStat: {
              Metric: {
                Namespace: 'AWS/ApplicationELB',
                MetricName: 'RequestCount',
                Dimensions: [{ Name: 'LoadBalancer', Value: 'app/obsgen/0123456789abcdef' }],
              },
              Period: 60,
              Stat: 'Sum',
            },
          },
          // ReturnData omitted: defaults to true, so this is the one returned series.
          { Id: 'rate', Expression: '100 * errors / requests', Label: 'Error rate (%)' },
        ],
        EvaluationPeriods: 5,
        DatapointsToAlarm: 3,
        Threshold: 5,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        TreatMissingData: 'notBreaching',
        AlarmActions: { 'Fn::If': ['IsProdWithTopic', [{ Ref: 'AlarmTopicArn' }], []] },
      },
    },
    ServiceHealth: {
      Type: 'AWS::CloudWatch::CompositeAlarm',
      Properties: {
        AlarmName: 'obsgen-app-health',
        AlarmDescription: 'Any app alarm',
        AlarmRule: { 'Fn::Sub': 'ALARM("${HighCpuAlarm}") OR ALARM("${ErrorRateAlarm}")' },
        AlarmActions: [TOPIC_OR_NOTHING],
      },
    },
    Dashboard: {
      Type: 'AWS::CloudWatch::Dashboard',
      Properties: { DashboardName: 'obsgen-app', DashboardBody: JSON.stringify(DASHBOARD_BODY) },
    },
  },
  Outputs: {
    DashboardName: {
      Description: 'Dashboard name',
      Value: { Ref: 'Dashboard' },
      Export: { Name: { 'Fn::Sub': '${AWS::StackName}-dashboard' } },
    },
    HighCpuAlarmArn: { Value: { 'Fn::GetAtt': ['HighCpuAlarm', 'Arn'] }, Condition: 'IsProd' },
  },
};

function validate(mutate: (t: Template) => void = () => undefined, options?: ValidateOptions): TemplateProblem[] {
  const t = structuredClone(VALID);
  mutate(t);
  return validateCloudFormationTemplate(t, options);
}

/** Asserts the mutation yields a problem at `path` whose message contains `fragment`. */
function expectProblem(mutate: (t: Template) => void, path: string, fragment: string, options?: ValidateOptions): void {
  const problems = validate(mutate, options);
  expect(problems).toContainEqual({ path, message: expect.stringContaining(fragment) });
}

function expectClean(mutate: (t: Template) => void, options?: ValidateOptions): void {
  expect(validate(mutate, options)).toEqual([]);
}

const props = (t: Template, id: string): Template => t.Resources[id].Properties;
const alarm = (t: Template): Template => props(t, 'HighCpuAlarm');
const mathAlarm = (t: Template): Template => props(t, 'ErrorRateAlarm');
const composite = (t: Template): Template => props(t, 'ServiceHealth');
const filter = (t: Template): Template => props(t, 'ErrorMetricFilter');
const transformation = (t: Template): Template => filter(t).MetricTransformations[0];

/** Mutates the dashboard body (parsed from its JSON string) and writes it back. */
function withBody(mutate: (body: Template) => void): (t: Template) => void {
  return (t) => {
    const body = JSON.parse(props(t, 'Dashboard').DashboardBody);
    mutate(body);
    props(t, 'Dashboard').DashboardBody = JSON.stringify(body);
  };
}

const P = {
  alarm: 'Resources.HighCpuAlarm.Properties',
  math: 'Resources.ErrorRateAlarm.Properties',
  composite: 'Resources.ServiceHealth.Properties',
  logGroup: 'Resources.AppLogGroup.Properties',
  filter: 'Resources.ErrorMetricFilter.Properties',
  dashboard: 'Resources.Dashboard.Properties',
  body: 'Resources.Dashboard.Properties.DashboardBody',
};

function logGroups(count: number): Record<string, unknown> {
  return Object.fromEntries(Array.from({ length: count }, (_, i) => [`Group${i}`, { Type: 'AWS::Logs::LogGroup' }]));
}

beforeAll(() => {
  loadSpec(); // load the spec DB once up front so per-test timings stay small
});

describe('valid template', () => {
  it('has no problems', () => {
    expect(validate()).toEqual([]);
  });

  it('does not mutate its input', () => {
    const t = structuredClone(VALID);
    validateCloudFormationTemplate(t);
    expect(t).toEqual(VALID);
  });

  it('rejects a non-object template', () => {
    expect(validateCloudFormationTemplate([])).toEqual([{ path: '(template)', message: expect.stringContaining('must be an object') }]);
  });
});

describe('template structure', () => {
  it('flags unknown top-level sections', () => {
    expectProblem((t) => (t.Resource = {}), 'Resource', "did you mean 'Resources'");
  });

  it('checks AWSTemplateFormatVersion', () => {
    expectProblem((t) => (t.Description = 42), 'Description', 'Description must be a string');
    expectProblem((t) => (t.Metadata = 'x'), 'Metadata', 'Metadata must be an object');
    expectProblem((t) => (t.AWSTemplateFormatVersion = '2010-09-10'), 'AWSTemplateFormatVersion', '2010-09-09');
  });

  it('limits Description to 1024 bytes, not characters', () => {
    expectProblem((t) => (t.Description = 'é'.repeat(513)), 'Description', '1026 bytes');
    expectClean((t) => (t.Description = 'é'.repeat(512)));
  });

  it('requires Resources with 1 to 500 entries', () => {
    expectProblem((t) => delete t.Resources, 'Resources', 'required');
    expectProblem((t) => (t.Resources = {}), 'Resources', 'at least one resource');
    expectProblem((t) => (t.Resources = logGroups(501)), 'Resources', '501 resources; the maximum is 500');
    expectClean((t) => {
      t.Resources = logGroups(500);
      t.Outputs = {};
    });
  });

  it('limits Outputs, Parameters and Mappings to 200 each', () => {
    const many = (n: number, make: (i: number) => unknown): Record<string, unknown> =>
      Object.fromEntries(Array.from({ length: n }, (_, i) => [`X${i}`, make(i)]));
    const output = (): unknown => ({ Value: 'x' });
    const param = (): unknown => ({ Type: 'String' });
    const mapping = (): unknown => ({ k: { v: 'x' } });
    expectProblem((t) => (t.Outputs = many(201, output)), 'Outputs', '201 outputs');
    expectProblem((t) => (t.Parameters = { ...t.Parameters, ...many(198, param) }), 'Parameters', '201 parameters');
    expectProblem((t) => (t.Mappings = { ...t.Mappings, ...many(200, mapping) }), 'Mappings', '201 mappings');
    expectClean((t) => {
      t.Outputs = many(200, output);
      t.Parameters = { ...t.Parameters, ...many(197, param) };
      t.Mappings = { ...t.Mappings, ...many(199, mapping) };
    });
  });

  it('checks the template size when templateBytes is given', () => {
    expectProblem(() => undefined, '(template)', '1048577 bytes', { templateBytes: 1_048_577 });
    expectClean(() => undefined, { templateBytes: 1_048_576 });
  });

  it('checks Transform shape and requires the SAM transform for SAM resources', () => {
    const fn = { Type: 'AWS::Serverless::Function', Properties: { Handler: 'index.handler', Runtime: 'nodejs20.x', CodeUri: 's3://b/k' } };
    expectProblem((t) => (t.Resources.Fn = fn), 'Resources.Fn.Type', 'needs the AWS::Serverless-2016-10-31 transform');
    expectClean((t) => {
      t.Transform = 'AWS::Serverless-2016-10-31';
      t.Resources.Fn = fn;
    });
    expectProblem((t) => (t.Transform = [42]), 'Transform[0]', 'macro name');
  });

  it('checks mapping shape', () => {
    const wide = Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`k${i}`, { v: 'x' }]));
    expectProblem((t) => (t.Mappings.Wide = wide), 'Mappings.Wide', 'mapping has 201 keys; the maximum is 200');
    expectProblem((t) => (t.Mappings.Flat = { prod: 'x' }), 'Mappings.Flat.prod', 'second-level keys');
    expectClean((t) => (t.Mappings.Lists = { prod: { Zones: ['a', 'b'], Enabled: true } }));
    expectProblem((t) => (t.Mappings.Thresholds.prod.Cpu = { Ref: 'Environment' }), 'Mappings.Thresholds.prod.Cpu', 'no intrinsic functions');
    expectProblem((t) => (t.Mappings.Empty = {}), 'Mappings.Empty', 'non-empty');
    expectProblem((t) => (t.Mappings['Bad-Name'] = { a: { b: 'c' } }), 'Mappings.Bad-Name', 'alphanumeric');
  });

  it('checks the shape of Rules', () => {
    expectProblem((t) => (t.Rules = []), 'Rules', 'Rules must be an object');
    expectProblem((t) => (t.Rules = { NoAssertions: {} }), 'Rules.NoAssertions', 'Assertions');
    expectProblem((t) => (t.Rules = { R: { Assertions: [{ AssertDescription: 'x' }] } }), 'Rules.R.Assertions[0]', 'needs Assert');
    expectProblem((t) => (t.Rules = { R: { Assertions: [{ Assert: true }], Condition: 'x' } }), 'Rules.R.Condition', "unknown rule property 'Condition'");
    expectClean((t) => (t.Rules = { ProdOnly: { Assertions: [{ Assert: { 'Fn::Contains': [['prod'], { Ref: 'Environment' }] } }] } }));
  });
});

describe('logical IDs', () => {
  it('must be alphanumeric', () => {
    expectProblem((t) => (t.Resources['My-Alarm'] = t.Resources.HighCpuAlarm), 'Resources.My-Alarm', 'alphanumeric');
    expectProblem((t) => (t.Parameters.my_param = { Type: 'String' }), 'Parameters.my_param', 'alphanumeric');
    expectProblem((t) => (t.Outputs['out.put'] = { Value: 'x' }), 'Outputs.out.put', 'alphanumeric');
    expectProblem((t) => (t.Conditions['Is Prod'] = { Condition: 'IsProd' }), 'Conditions.Is Prod', 'alphanumeric');
  });

  it('must be at most 255 characters', () => {
    const id = (n: number): string => 'A'.repeat(n);
    expectProblem((t) => (t.Resources[id(256)] = { Type: 'AWS::Logs::LogGroup' }), `Resources.${id(256)}`, '256 characters');
    expectClean((t) => (t.Resources[id(255)] = { Type: 'AWS::Logs::LogGroup' }));
  });

  it('must be unique across parameters and resources', () => {
    expectProblem((t) => (t.Parameters.Dashboard = { Type: 'String' }), 'Parameters.Dashboard', 'both a parameter and a resource');
  });
});

describe('parameters', () => {
  it('require a Type', () => {
    expectProblem((t) => delete t.Parameters.Environment.Type, 'Parameters.Environment', 'Type is required');
  });

  it('reject unknown types and properties', () => {
    expectProblem((t) => (t.Parameters.Environment.Type = 'Str'), 'Parameters.Environment.Type', 'unknown parameter type');
    expectProblem((t) => (t.Parameters.Environment.AllowedValue = ['x']), 'Parameters.Environment.AllowedValue', "did you mean 'AllowedValues'");
  });

  it.each([
    'String',
    'Number',
    'List<Number>',
    'CommaDelimitedList',
    'AWS::EC2::KeyPair::KeyName',
    'List<AWS::EC2::Subnet::Id>',
    'AWS::SSM::Parameter::Name',
    'AWS::SSM::Parameter::Value<String>',
    'AWS::SSM::Parameter::Value<List<String>>',
    'AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>',
  ])('accept type %s', (type) => {
    expectClean((t) => (t.Parameters.Extra = { Type: type }));
  });

  it('check Default against AllowedValues', () => {
    expectProblem((t) => (t.Parameters.Environment.Default = 'dev'), 'Parameters.Environment.Default', 'not in AllowedValues');
    expectClean((t) => (t.Parameters.Environment.Default = 'staging'));
  });

  it('check Default against AllowedPattern (whole-value match)', () => {
    expectProblem(
      (t) => (t.Parameters.AlarmTopicArn.Default = 'xarn:aws:sns:us-east-1:1:t'),
      'Parameters.AlarmTopicArn.Default',
      'does not match AllowedPattern',
    );
    expectClean((t) => (t.Parameters.AlarmTopicArn.Default = 'arn:aws:sns:us-east-1:123456789012:alerts'));
  });

  it('check Default against MinLength / MaxLength and MinValue / MaxValue', () => {
    expectProblem((t) => (t.Parameters.Environment = { Type: 'String', Default: 'abc', MinLength: 4 }), 'Parameters.Environment.Default', 'MinLength 4');
    expectProblem((t) => (t.Parameters.Environment = { Type: 'String', Default: 'abcde', MaxLength: 4 }), 'Parameters.Environment.Default', 'MaxLength 4');
    expectClean((t) => (t.Parameters.Environment = { Type: 'String', Default: 'prod', MinLength: 4, MaxLength: 4 }));
    expectProblem((t) => (t.Parameters.RetentionDays.Default = 0), 'Parameters.RetentionDays.Default', 'below MinValue');
    expectProblem((t) => (t.Parameters.RetentionDays.Default = 4000), 'Parameters.RetentionDays.Default', 'above MaxValue');
    expectProblem((t) => (t.Parameters.RetentionDays.Default = 'thirty'), 'Parameters.RetentionDays.Default', 'not a number');
  });

  it('apply AllowedValues to each element of a list parameter', () => {
    const list = (d: string): Template => ({ Type: 'CommaDelimitedList', AllowedValues: ['a', 'b'], Default: d });
    expectProblem((t) => (t.Parameters.Letters = list('a,c')), 'Parameters.Letters.Default', "Default 'c' is not in AllowedValues");
    expectClean((t) => (t.Parameters.Letters = list('a,b')));
  });

  it('limit Default to 4096 bytes', () => {
    expectProblem((t) => (t.Parameters.Big = { Type: 'String', Default: 'x'.repeat(4097) }), 'Parameters.Big.Default', '4097 bytes');
    expectClean((t) => (t.Parameters.Big = { Type: 'String', Default: 'x'.repeat(4096) }));
  });

  it('reject an invalid AllowedPattern', () => {
    expectProblem((t) => (t.Parameters.AlarmTopicArn.AllowedPattern = '(unclosed'), 'Parameters.AlarmTopicArn.AllowedPattern', 'not a valid regular expression');
  });

  it('check the types of constraint properties', () => {
    expectProblem((t) => (t.Parameters.AlarmTopicArn.AllowedPattern = ['arn:.*']), 'Parameters.AlarmTopicArn.AllowedPattern', 'must be a string');
    expectProblem((t) => (t.Parameters.Environment.AllowedValues = []), 'Parameters.Environment.AllowedValues', 'non-empty list');
    expectProblem((t) => (t.Parameters.Environment.MaxLength = 'ten'), 'Parameters.Environment.MaxLength', 'must be a number');
    expectProblem((t) => (t.Parameters.Environment.NoEcho = 'yes'), 'Parameters.Environment.NoEcho', 'must be a boolean');
    expectProblem((t) => (t.Parameters.Environment.Default = ['prod']), 'Parameters.Environment.Default', 'string or number');
    expectProblem((t) => (t.Parameters.Environment.Description = 'x'.repeat(4001)), 'Parameters.Environment.Description', '4000 characters');
    expectClean((t) => Object.assign(t.Parameters.Environment, { MaxLength: '10', NoEcho: 'true', Description: 'x'.repeat(4000) }));
  });
});

describe('outputs', () => {
  it('require Value', () => {
    expectProblem((t) => (t.Outputs.DashboardName = 'x'), 'Outputs.DashboardName', 'an output must be an object');
    expectProblem((t) => (t.Outputs.DashboardName.Description = { 'Fn::Sub': 'x' }), 'Outputs.DashboardName.Description', 'must be a literal string');
    expectProblem((t) => (t.Outputs.DashboardName.Export.Name = { 'Fn::GetAZs': '' }), 'Outputs.DashboardName.Export.Name', 'Export Name must be a string');
    expectProblem((t) => (t.Outputs.DashboardName.Condition = ['IsProd']), 'Outputs.DashboardName.Condition', 'must be a condition name');
    expectProblem((t) => delete t.Outputs.DashboardName.Value, 'Outputs.DashboardName', 'Value is required');
  });

  it('limit Description to 1024 bytes', () => {
    expectProblem((t) => (t.Outputs.DashboardName.Description = 'x'.repeat(1025)), 'Outputs.DashboardName.Description', '1025 bytes');
    expectClean((t) => (t.Outputs.DashboardName.Description = 'x'.repeat(1024)));
  });

  it('require Export.Name and unique export names', () => {
    expectProblem((t) => (t.Outputs.DashboardName.Export = {}), 'Outputs.DashboardName.Export', 'needs a Name');
    expectProblem(
      (t) => {
        t.Outputs.A = { Value: 'a', Export: { Name: 'same' } };
        t.Outputs.B = { Value: 'b', Export: { Name: 'same' } };
      },
      'Outputs.B.Export.Name',
      "also exported by output 'A'",
    );
  });

  it('reject list values', () => {
    expectProblem((t) => (t.Outputs.Zones = { Value: { 'Fn::GetAZs': '' } }), 'Outputs.Zones.Value', 'must be a string, got a list');
    expectClean((t) => (t.Outputs.Zones = { Value: { 'Fn::Join': [',', { 'Fn::GetAZs': '' }] } }));
  });

  it('check the output Condition exists', () => {
    expectProblem((t) => (t.Outputs.DashboardName.Value = { 'Fn::If': ['IsProdd', 'a', 'b'] }), 'Outputs.DashboardName.Value.Fn::If[0]', "unknown condition 'IsProdd'");
    expectClean((t) => (t.Outputs.DashboardName.Value = { 'Fn::If': ['IsProd', { Ref: 'Dashboard' }, { Ref: 'AWS::NoValue' }] }));
    expectProblem((t) => (t.Outputs.DashboardName.Exports = {}), 'Outputs.DashboardName.Exports', "did you mean 'Export'");
    expectProblem((t) => (t.Outputs.DashboardName.Export.Value = 'x'), 'Outputs.DashboardName.Export.Value', "unknown Export property 'Value'");
    expectProblem((t) => (t.Outputs.HighCpuAlarmArn.Condition = 'IsProduction'), 'Outputs.HighCpuAlarmArn.Condition', "unknown condition 'IsProduction'");
  });
});

describe('resource attributes', () => {
  it('reject unknown resource types', () => {
    expectProblem((t) => (t.Resources.HighCpuAlarm.Type = 'AWS::CloudWatch::Alarms'), 'Resources.HighCpuAlarm.Type', "did you mean 'AWS::CloudWatch::Alarm'");
  });

  it('accept any type in the spec', () => {
    expectClean((t) => (t.Resources.Topic = { Type: 'AWS::SNS::Topic', Properties: { TopicName: 'alerts' } }));
  });

  it('reject unknown resource attribute keys', () => {
    expectProblem((t) => delete t.Resources.AppLogGroup.Type, 'Resources.AppLogGroup.Type', 'resource Type is required');
    expectProblem((t) => (t.Resources.AppLogGroup = 'AWS::Logs::LogGroup'), 'Resources.AppLogGroup', 'a resource must be an object');
    expectProblem((t) => (t.Resources.AppLogGroup.Properties = []), 'Resources.AppLogGroup.Properties', 'Properties must be an object');
    expectProblem((t) => (t.Resources.AppLogGroup.Metadata = 'x'), 'Resources.AppLogGroup.Metadata', 'Metadata must be an object');
    expectProblem((t) => (t.Resources.AppLogGroup.Metadata = { Owner: { Ref: 'Nobody' } }), 'Resources.AppLogGroup.Metadata.Owner.Ref', "unknown parameter, resource or pseudo parameter 'Nobody'");
    expectClean((t) => {
      t.Resources.AppLogGroup.Metadata = { Owner: { Ref: 'Environment' } };
      t.Resources.AppLogGroup.UpdatePolicy = {};
    });
    expectProblem((t) => (t.Resources.AppLogGroup.Propertie = {}), 'Resources.AppLogGroup.Propertie', "did you mean 'Properties'");
  });

  it('check DeletionPolicy and UpdateReplacePolicy values', () => {
    expectProblem((t) => (t.Resources.AppLogGroup.DeletionPolicy = { 'Fn::If': ['IsProd', 'Retain', 'Delete'] }), 'Resources.AppLogGroup.DeletionPolicy', 'must be one of');
    expectClean((t) => {
      t.Transform = ['AWS::LanguageExtensions'];
      t.Resources.AppLogGroup.DeletionPolicy = { 'Fn::If': ['IsProd', 'Retain', 'Delete'] };
    });
    expectProblem((t) => (t.Resources.AppLogGroup.DeletionPolicy = 'Keep'), 'Resources.AppLogGroup.DeletionPolicy', 'must be one of');
    expectProblem(
      (t) => (t.Resources.AppLogGroup.UpdateReplacePolicy = 'RetainExceptOnCreate'),
      'Resources.AppLogGroup.UpdateReplacePolicy',
      'must be one of Delete, Retain, Snapshot',
    );
    expectClean((t) => {
      t.Resources.AppLogGroup.DeletionPolicy = 'RetainExceptOnCreate';
      t.Resources.AppLogGroup.UpdateReplacePolicy = 'Snapshot';
    });
  });

  it('check DependsOn targets', () => {
    expectProblem((t) => (t.Resources.Dashboard.DependsOn = { Ref: 'AppLogGroup' }), 'Resources.Dashboard.DependsOn', 'a logical ID or a list of logical IDs');
    expectProblem((t) => (t.Resources.Dashboard.DependsOn = [{ Ref: 'AppLogGroup' }]), 'Resources.Dashboard.DependsOn[0]', 'must be literal logical IDs');
    expectProblem((t) => (t.Resources.Dashboard.DependsOn = 'Missing'), 'Resources.Dashboard.DependsOn', "unknown resource 'Missing'");
    expectProblem((t) => (t.Resources.Dashboard.DependsOn = ['AppLogGroup', 'Dashboard']), 'Resources.Dashboard.DependsOn[1]', 'itself');
    expectClean((t) => (t.Resources.Dashboard.DependsOn = ['AppLogGroup', 'HighCpuAlarm']));
  });

  it('check the resource Condition exists', () => {
    expectProblem((t) => (t.Resources.Dashboard.Condition = 'IsPrd'), 'Resources.Dashboard.Condition', "unknown condition 'IsPrd'; did you mean 'IsProd'");
    expectClean((t) => (t.Resources.Dashboard.Condition = 'IsProd'));
  });

  it('detect circular dependencies', () => {
    expectProblem(
      (t) => (t.Resources.AppLogGroup.DependsOn = 'ErrorMetricFilter'),
      'Resources.AppLogGroup',
      'circular dependency between resources: AppLogGroup -> ErrorMetricFilter -> AppLogGroup',
    );
  });

  it('check custom resources need a ServiceToken', () => {
    expectProblem((t) => (t.Resources.Custom = { Type: 'Custom::Bad Name!', Properties: { ServiceToken: 'x' } }), 'Resources.Custom.Type', 'must match Custom::');
    expectProblem((t) => (t.Resources.Custom = { Type: 'Custom::Thing', Properties: {} }), 'Resources.Custom.Properties', 'ServiceToken');
    expectClean((t) => {
      t.Resources.Custom = { Type: 'Custom::Thing', Properties: { ServiceToken: 'arn:aws:lambda:us-east-1:123456789012:function:f', Anything: [1] } };
      t.Outputs.Custom = { Value: { 'Fn::GetAtt': ['Custom', 'WhateverTheLambdaReturns'] } };
    });
  });
});

describe('language extensions', () => {
  it('skips Fn::ForEach blocks only when the transform is declared', () => {
    const loop = { 'Fn::ForEach::Groups': ['Name', ['A', 'B'], { 'Group${Name}': { Type: 'AWS::Logs::LogGroup' } }] };
    expectProblem((t) => Object.assign(t.Resources, loop), 'Resources.Fn::ForEach::Groups', 'alphanumeric');
    expectClean((t) => {
      t.Transform = 'AWS::LanguageExtensions';
      Object.assign(t.Resources, loop);
    });
  });
});

describe('properties against the resource schema', () => {
  it('reject unknown properties, suggesting the closest name', () => {
    expectProblem((t) => (alarm(t).Threshhold = 1), `${P.alarm}.Threshhold`, "did you mean 'Threshold'");
  });

  it('require required properties', () => {
    expectProblem((t) => delete filter(t).FilterPattern, P.filter, "missing required property 'FilterPattern'");
  });

  it('reject a string where an integer is expected, but accept numeric strings', () => {
    expectProblem((t) => (alarm(t).EvaluationPeriods = 'three'), `${P.alarm}.EvaluationPeriods`, 'expected integer, got string "three"');
    expectProblem((t) => (alarm(t).EvaluationPeriods = 2.5), `${P.alarm}.EvaluationPeriods`, 'expected integer');
    expectClean((t) => (alarm(t).EvaluationPeriods = '3'));
  });

  it('accept numeric strings for numbers but reject other strings', () => {
    expectProblem((t) => (mathAlarm(t).Threshold = 'five'), `${P.math}.Threshold`, 'expected number');
    expectClean((t) => (mathAlarm(t).Threshold = '5.5'));
  });

  it('reject an object where a list is expected', () => {
    expectProblem((t) => (alarm(t).Dimensions = { Name: 'InstanceId', Value: 'i-1' }), `${P.alarm}.Dimensions`, 'expected list of object (Dimension), got an object');
  });

  it('reject unknown properties in nested type definitions', () => {
    expectProblem(
      (t) => (alarm(t).Dimensions = [{ Nam: 'InstanceId', Value: 'i-1' }]),
      `${P.alarm}.Dimensions[0].Nam`,
      "unknown property 'Nam' for Dimension; did you mean 'Name'",
    );
  });

  it('require required properties in nested type definitions', () => {
    expectProblem((t) => delete mathAlarm(t).Metrics[0].MetricStat.Stat, `${P.math}.Metrics[0].MetricStat`, "missing required property 'Stat' (MetricStat)");
  });

  it('check booleans, accepting "true"/"false"', () => {
    expectProblem((t) => (alarm(t).ActionsEnabled = 'yes'), `${P.alarm}.ActionsEnabled`, 'expected boolean');
    expectClean((t) => (alarm(t).ActionsEnabled = 'false'));
  });

  it('check string allowed values from the spec', () => {
    expectProblem((t) => (props(t, 'AppLogGroup').LogGroupClass = 'COLD'), `${P.logGroup}.LogGroupClass`, "'COLD' is not one of the allowed values");
    expectClean((t) => (props(t, 'AppLogGroup').LogGroupClass = 'INFREQUENT_ACCESS'));
  });

  it('reject a non-string where a string is expected', () => {
    expectProblem((t) => (alarm(t).Dimensions = ['InstanceId=i-1']), `${P.alarm}.Dimensions[0]`, 'expected an object (Dimension), got string');
    expectClean((t) => (alarm(t).Unit = undefined)); // undefined is dropped by JSON.stringify, so it counts as absent
    expectProblem((t) => (alarm(t).Namespace = 5), `${P.alarm}.Namespace`, 'expected string, got number 5');
  });

  it('check json properties accept objects and strings only', () => {
    expectProblem((t) => (props(t, 'AppLogGroup').DataProtectionPolicy = 5), `${P.logGroup}.DataProtectionPolicy`, 'expected json');
    expectClean((t) => (props(t, 'AppLogGroup').DataProtectionPolicy = { Name: 'policy', Version: '2021-06-01', Statement: [] }));
  });

  it('check date-time values are ISO 8601 strings', () => {
    const bucket = (date: unknown): unknown => ({
      Type: 'AWS::S3::Bucket',
      Properties: { LifecycleConfiguration: { Rules: [{ Status: 'Enabled', ExpirationDate: date }] } },
    });
    const at = 'Resources.Bucket.Properties.LifecycleConfiguration.Rules[0].ExpirationDate';
    expectProblem((t) => (t.Resources.Bucket = bucket(20300101)), at, 'expected date-time');
    expectProblem((t) => (t.Resources.Bucket = bucket('next year')), at, 'not an ISO 8601 date-time');
    expectClean((t) => (t.Resources.Bucket = bucket('2030-01-01T00:00:00Z')));
  });

  it('check tags', () => {
    expectProblem((t) => (props(t, 'AppLogGroup').Tags = [{ Key: 'a' }]), `${P.logGroup}.Tags[0]`, "missing required property 'Value'");
    expectProblem((t) => (props(t, 'AppLogGroup').Tags = [{ Key: 'a', Value: 'b', Extra: 1 }]), `${P.logGroup}.Tags[0].Extra`, 'unknown property');
  });

  it('check map values', () => {
    expectProblem((t) => (t.Resources.Nested = { Type: 'AWS::CloudFormation::Stack', Properties: { TemplateURL: 'u', Parameters: ['a'] } }), 'Resources.Nested.Properties.Parameters', 'expected map of string, got a list');
    const stack = (params: unknown): unknown => ({ Type: 'AWS::CloudFormation::Stack', Properties: { TemplateURL: 'https://x/t.json', Parameters: params } });
    expectProblem((t) => (t.Resources.Nested = stack({ A: { nested: true } })), 'Resources.Nested.Properties.Parameters.A', 'expected string, got an object');
    expectClean((t) => (t.Resources.Nested = stack({ A: 'x', B: { Ref: 'Environment' } })));
  });

  it('accept a value matching any alternative of a union type', () => {
    const model = (schema: unknown): unknown => ({ Type: 'AWS::ApiGateway::Model', Properties: { RestApiId: 'abc', Schema: schema } });
    expectClean((t) => (t.Resources.Model = model({ type: 'object' })));
    expectClean((t) => (t.Resources.Model = model('{"type":"object"}')));
    expectProblem((t) => (t.Resources.Model = model(42)), 'Resources.Model.Properties.Schema', 'expected json | string, got number 42');
  });

  it('type-check both Fn::If branches', () => {
    expectProblem(
      (t) => (alarm(t).EvaluationPeriods = { 'Fn::If': ['IsProd', 3, 'three'] }),
      `${P.alarm}.EvaluationPeriods.Fn::If[2]`,
      'expected integer',
    );
    const retention = (t: Template): void => {
      props(t, 'AppLogGroup').RetentionInDays = { 'Fn::If': ['IsProd', 365, 2] };
    };
    expectProblem(retention, `${P.logGroup}.RetentionInDays.Fn::If[2]`, '2 is not one of the allowed values');
    // The Logs limit check sees the same branch through the condition view.
    expectProblem(retention, `${P.logGroup}.RetentionInDays`, '(when IsProd=false)');
  });

  it('flag a required property that AWS::NoValue may remove', () => {
    expectProblem(
      (t) => (composite(t).AlarmRule = { 'Fn::If': ['IsProd', 'ALARM(a)', { Ref: 'AWS::NoValue' }] }),
      `${P.composite}.AlarmRule`,
      'may be removed by AWS::NoValue',
    );
  });

  it('flag intrinsics that return the wrong shape', () => {
    expectProblem((t) => (alarm(t).Namespace = { 'Fn::Split': ['/', 'AWS/EC2'] }), `${P.alarm}.Namespace`, 'Fn::Split returns a list');
    expectProblem((t) => (alarm(t).AlarmActions = { 'Fn::Sub': 'arn' }), `${P.alarm}.AlarmActions`, 'Fn::Sub returns a single value');
    expectProblem(
      (t) => {
        t.Parameters.Topics = { Type: 'CommaDelimitedList' };
        alarm(t).AlarmActions = [{ Ref: 'Topics' }];
      },
      `${P.alarm}.AlarmActions[0]`,
      'Ref returns a list',
    );
    expectClean((t) => {
      t.Parameters.Topics = { Type: 'CommaDelimitedList', Default: '' };
      alarm(t).AlarmActions = { Ref: 'Topics' };
    });
  });
});

describe('intrinsic functions', () => {
  it('Ref must target a parameter, resource or pseudo parameter', () => {
    expectProblem((t) => (alarm(t).Namespace = { Ref: ['Environment'] }), `${P.alarm}.Namespace.Ref`, 'Ref takes a logical ID');
    expectProblem((t) => (alarm(t).Namespace = { Ref: 'Enviroment' }), `${P.alarm}.Namespace.Ref`, "unknown parameter, resource or pseudo parameter 'Enviroment'; did you mean 'Environment'");
    expectClean((t) => (alarm(t).Namespace = { Ref: 'AWS::StackName' }));
  });

  it('Fn::If must name an existing condition', () => {
    expectProblem((t) => (alarm(t).Period = { 'Fn::If': [{ Condition: 'IsProd' }, 60, 300] }), `${P.alarm}.Period.Fn::If[0]`, 'must be a condition name string');
    expectProblem((t) => (alarm(t).Period = { 'Fn::If': ['IsProduction', 60, 300] }), `${P.alarm}.Period.Fn::If[0]`, "unknown condition 'IsProduction'");
    expectProblem((t) => (alarm(t).Period = { 'Fn::If': ['IsProd', 60] }), `${P.alarm}.Period.Fn::If`, 'takes [conditionName');
  });

  it('Fn::Sub names must resolve', () => {
    expectProblem((t) => (alarm(t).AlarmName = { 'Fn::Sub': 'obsgen-${Stage}-cpu' }), `${P.alarm}.AlarmName.Fn::Sub`, "unknown name '${Stage}'");
    expectClean((t) => (alarm(t).AlarmName = { 'Fn::Sub': ['${Prefix}-${AWS::Region}-${!Literal}-${AppLogGroup}', { Prefix: { Ref: 'Environment' } }] }));
  });

  it('Fn::Sub resource attributes must exist', () => {
    expectProblem(
      (t) => {
        t.Resources.Vpc = { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } };
        alarm(t).AlarmDescription = { 'Fn::Sub': '${Vpc.CidrBlockAssociations}' };
      },
      `${P.alarm}.AlarmDescription.Fn::Sub`,
      "cannot substitute list attribute '${Vpc.CidrBlockAssociations}'",
    );
    expectProblem(
      (t) => (t.Conditions.Bad = { 'Fn::Equals': [{ 'Fn::Sub': '${HighCpuAlarm.Arn}' }, 'x'] }),
      'Conditions.Bad.Fn::Equals[0].Fn::Sub',
      "Conditions cannot reference resource 'HighCpuAlarm'",
    );
    expectProblem((t) => (alarm(t).AlarmDescription = { 'Fn::Sub': 'see ${AppLogGroup.Name}' }), `${P.alarm}.AlarmDescription.Fn::Sub`, "has no attribute 'Name'");
    expectClean((t) => (alarm(t).AlarmDescription = { 'Fn::Sub': 'see ${AppLogGroup.Arn}' }));
  });

  it('Fn::Sub cannot substitute list parameters', () => {
    expectProblem((t) => (alarm(t).AlarmDescription = { 'Fn::Sub': '${AWS::NotificationARNs}' }), `${P.alarm}.AlarmDescription.Fn::Sub`, 'cannot substitute ${AWS::NotificationARNs}');
    expectProblem((t) => (alarm(t).AlarmDescription = { 'Fn::Sub': ['${A}', { A: ['x'] }] }), `${P.alarm}.AlarmDescription.Fn::Sub[1].A`, "variable 'A' must be a string");
    expectProblem((t) => (alarm(t).AlarmDescription = { 'Fn::Sub': [{ Ref: 'Environment' }, {}] }), `${P.alarm}.AlarmDescription.Fn::Sub[0]`, 'must be a literal string');
    expectProblem((t) => (alarm(t).AlarmDescription = { 'Fn::Sub': 42 }), `${P.alarm}.AlarmDescription.Fn::Sub`, 'takes a string or [string, {variables}]');
    expectProblem(
      (t) => {
        t.Parameters.Topics = { Type: 'CommaDelimitedList' };
        alarm(t).AlarmDescription = { 'Fn::Sub': '${Topics}' };
      },
      `${P.alarm}.AlarmDescription.Fn::Sub`,
      'cannot substitute list parameter',
    );
  });

  it('Fn::GetAtt must name an existing resource and attribute', () => {
    expectProblem((t) => (t.Outputs.HighCpuAlarmArn.Value = { 'Fn::GetAtt': ['HighCpuAlarm', 'AlarmArn'] }), 'Outputs.HighCpuAlarmArn.Value.Fn::GetAtt', "has no attribute 'AlarmArn'; valid attributes: Arn");
    expectProblem((t) => (t.Outputs.HighCpuAlarmArn.Value = { 'Fn::GetAtt': ['Dashboard', 'Arn'] }), 'Outputs.HighCpuAlarmArn.Value.Fn::GetAtt', 'has no attributes');
    expectProblem((t) => (t.Outputs.HighCpuAlarmArn.Value = { 'Fn::GetAtt': ['NoSuchAlarm', 'Arn'] }), 'Outputs.HighCpuAlarmArn.Value.Fn::GetAtt', "unknown resource 'NoSuchAlarm'");
    expectClean((t) => (t.Outputs.HighCpuAlarmArn.Value = { 'Fn::GetAtt': 'HighCpuAlarm.Arn' }));
    expectProblem((t) => (t.Outputs.HighCpuAlarmArn.Value = { 'Fn::GetAtt': ['HighCpuAlarm', ['Arn']] }), 'Outputs.HighCpuAlarmArn.Value.Fn::GetAtt[1]', 'must be a string or a Ref');
    expectProblem((t) => (t.Outputs.HighCpuAlarmArn.Value = { 'Fn::GetAtt': ['HighCpuAlarm'] }), 'Outputs.HighCpuAlarmArn.Value.Fn::GetAtt', 'takes [logicalId, attributeName]');
    expectProblem((t) => (t.Outputs.HighCpuAlarmArn.Value = { 'Fn::GetAtt': [{ Ref: 'X' }, 'Arn'] }), 'Outputs.HighCpuAlarmArn.Value.Fn::GetAtt', 'must be a literal logical ID');
    expectClean((t) => {
      t.Parameters.AttrName = { Type: 'String', Default: 'Arn' };
      t.Resources.Nested = { Type: 'AWS::CloudFormation::Stack', Properties: { TemplateURL: 'https://x/t.json' } };
      t.Outputs.HighCpuAlarmArn.Value = { 'Fn::GetAtt': ['HighCpuAlarm', { Ref: 'AttrName' }] };
      t.Outputs.NestedOut = { Value: { 'Fn::GetAtt': ['Nested', 'Outputs.Something'] } };
    });
  });

  it('rejects unknown intrinsic functions', () => {
    expectClean((t) => (alarm(t).Namespace = { 'Fn::Transform': { Name: 'MyMacro', Parameters: {} } }));
    expectProblem((t) => (alarm(t).Namespace = { 'Fn::Transform': 'MyMacro' }), `${P.alarm}.Namespace.Fn::Transform`, 'takes {Name, Parameters}');
    expectProblem((t) => (alarm(t).Namespace = { 'Fn::Concat': ['a', 'b'] }), `${P.alarm}.Namespace.Fn::Concat`, "unknown intrinsic function 'Fn::Concat'");
  });

  it('checks Fn::Join, Fn::Select, Fn::Split, Fn::GetAZs, Fn::Base64 and Fn::Cidr shapes', () => {
    expectProblem((t) => (alarm(t).Namespace = { 'Fn::Join': [{ Ref: 'Environment' }, ['a']] }), `${P.alarm}.Namespace.Fn::Join[0]`, 'delimiter must be a literal string');
    expectProblem((t) => (alarm(t).Namespace = { 'Fn::Join': ['', { 'Fn::Sub': 'a' }] }), `${P.alarm}.Namespace.Fn::Join[1]`, 'needs a list, but Fn::Sub returns a single value');
    expectProblem((t) => (alarm(t).Namespace = { 'Fn::Select': [0] }), `${P.alarm}.Namespace.Fn::Select`, 'takes [index, list]');
    expectProblem((t) => (alarm(t).Namespace = { 'Fn::Select': [0, { 'Fn::Split': [','] }] }), `${P.alarm}.Namespace.Fn::Select[1].Fn::Split`, 'takes [delimiter, string]');
    expectProblem((t) => (alarm(t).Namespace = { 'Fn::Base64': { 'Fn::GetAZs': '' } }), `${P.alarm}.Namespace.Fn::Base64`, 'must be a string, but Fn::GetAZs returns a list');
    expectProblem((t) => (alarm(t).Namespace = { 'Fn::Join': ['/', 'AWS/EC2'] }), `${P.alarm}.Namespace.Fn::Join[1]`, 'Fn::Join needs a list');
    expectProblem((t) => (alarm(t).Namespace = { 'Fn::Join': ['/'] }), `${P.alarm}.Namespace.Fn::Join`, 'takes [delimiter');
    expectProblem((t) => (alarm(t).Namespace = { 'Fn::Select': [-1, ['a']] }), `${P.alarm}.Namespace.Fn::Select[0]`, 'non-negative integer');
    expectProblem((t) => (alarm(t).Namespace = { 'Fn::Select': [2, ['a', 'b']] }), `${P.alarm}.Namespace.Fn::Select[0]`, 'out of range');
    expectProblem((t) => (alarm(t).Namespace = { 'Fn::Select': ['0', { 'Fn::Split': [{ Ref: 'Environment' }, 'a'] }] }), `${P.alarm}.Namespace.Fn::Select[1].Fn::Split[0]`, 'delimiter must be a literal string');
    expectProblem((t) => (alarm(t).Namespace = { 'Fn::Base64': ['a'] }), `${P.alarm}.Namespace.Fn::Base64`, 'must be a string');
    expectProblem((t) => (t.Outputs.Cidr = { Value: { 'Fn::Select': [0, { 'Fn::Cidr': ['10.0.0.0/16', 4] }] } }), 'Outputs.Cidr.Value.Fn::Select[1].Fn::Cidr', 'takes [ipBlock, count, cidrBits]');
    expectProblem((t) => (alarm(t).Namespace = { 'Fn::Select': [0, { 'Fn::GetAZs': ['us-east-1'] }] }), `${P.alarm}.Namespace.Fn::Select[1].Fn::GetAZs`, 'must be a string');
    expectProblem((t) => (alarm(t).Namespace = { 'Fn::Join': ['', [{ 'Fn::GetAZs': '' }]] }), `${P.alarm}.Namespace.Fn::Join[1][0]`, 'list elements must be strings');
    expectClean((t) => {
      alarm(t).Namespace = { 'Fn::Join': ['/', ['AWS', { 'Fn::Select': ['0', { 'Fn::Split': ['-', 'EC2-x'] }] }]] };
      alarm(t).AlarmDescription = { 'Fn::Base64': { 'Fn::Select': [0, { 'Fn::GetAZs': { Ref: 'AWS::Region' } }] } };
      t.Outputs.Cidr = { Value: { 'Fn::Select': [0, { 'Fn::Cidr': ['10.0.0.0/16', 4, 8] }] } };
    });
  });

  it('checks Fn::FindInMap mapping and keys', () => {
    expectProblem((t) => (alarm(t).Threshold = { 'Fn::FindInMap': ['Thresholds', 'prod'] }), `${P.alarm}.Threshold.Fn::FindInMap`, 'takes [MapName, TopLevelKey, SecondLevelKey]');
    expectProblem((t) => (alarm(t).Threshold = { 'Fn::FindInMap': ['Threshold', 'prod', 'Cpu'] }), `${P.alarm}.Threshold.Fn::FindInMap[0]`, "unknown mapping 'Threshold'");
    expectProblem((t) => (alarm(t).Threshold = { 'Fn::FindInMap': ['Thresholds', 'dev', 'Cpu'] }), `${P.alarm}.Threshold.Fn::FindInMap[1]`, "has no key 'dev'");
    expectProblem((t) => (alarm(t).Threshold = { 'Fn::FindInMap': ['Thresholds', 'prod', 'Memory'] }), `${P.alarm}.Threshold.Fn::FindInMap[2]`, "has no key 'Memory'");
    expectClean((t) => (alarm(t).Threshold = { 'Fn::FindInMap': ['Thresholds', 'staging', 'Cpu'] }));
    const withDefault = { 'Fn::FindInMap': ['Thresholds', 'dev', 'Cpu', { DefaultValue: 95 }] };
    expectProblem((t) => (alarm(t).Threshold = withDefault), `${P.alarm}.Threshold.Fn::FindInMap[3]`, 'needs the AWS::LanguageExtensions transform');
    expectClean((t) => {
      t.Transform = 'AWS::LanguageExtensions';
      alarm(t).Threshold = withDefault;
    });
    expectProblem((t) => (alarm(t).Dimensions = { 'Fn::FindInMap': ['Thresholds', 'prod', 'Cpu'] }), `${P.alarm}.Dimensions`, 'Fn::FindInMap returns a single value');
  });

  it('Fn::ImportValue cannot depend on resources', () => {
    expectProblem((t) => (alarm(t).Namespace = { 'Fn::ImportValue': { 'Fn::Sub': '${AppLogGroup}-ns' } }), `${P.alarm}.Namespace.Fn::ImportValue.Fn::Sub`, 'Fn::ImportValue cannot reference resource');
    expectClean((t) => (alarm(t).Namespace = { 'Fn::ImportValue': { 'Fn::Sub': '${AWS::StackName}-ns' } }));
  });

  it('condition functions are only allowed in Conditions', () => {
    expectProblem((t) => (alarm(t).ActionsEnabled = { 'Fn::Equals': ['a', 'b'] }), `${P.alarm}.ActionsEnabled.Fn::Equals`, 'only be used in the Conditions section');
  });

  it('language-extension functions need the transform', () => {
    expectProblem((t) => (alarm(t).EvaluationPeriods = { 'Fn::Length': [1, 2] }), `${P.alarm}.EvaluationPeriods.Fn::Length`, 'needs the AWS::LanguageExtensions transform');
    expectClean((t) => {
      t.Transform = 'AWS::LanguageExtensions';
      alarm(t).EvaluationPeriods = { 'Fn::Length': [1, 2] };
    });
  });
});

describe('conditions', () => {
  it('must be condition functions', () => {
    expectProblem((t) => (t.Conditions.Bad = { Condition: ['IsProd'] }), 'Conditions.Bad.Condition', 'takes a condition name');
    // Fn::Equals may nest other condition functions.
    expectProblem((t) => (t.Conditions.Bad = { 'Fn::Equals': [{ 'Fn::Not': [{ Condition: 'Nope' }] }, 'true'] }), 'Conditions.Bad.Fn::Equals[0].Fn::Not[0].Condition', "unknown condition 'Nope'");
    expectProblem((t) => (t.Conditions.Bad = { Ref: 'Environment' }), 'Conditions.Bad', 'a condition must be Fn::Equals');
    expectProblem((t) => (t.Conditions.Bad = { 'Fn::And': [{ Condition: 'IsProd' }] }), 'Conditions.Bad.Fn::And', '2 to 10 conditions');
    expectProblem((t) => (t.Conditions.Bad = { 'Fn::Not': [{ Condition: 'Nope' }] }), 'Conditions.Bad.Fn::Not[0].Condition', "unknown condition 'Nope'");
    expectProblem((t) => (t.Conditions.Bad = { 'Fn::Equals': ['a'] }), 'Conditions.Bad.Fn::Equals', 'exactly two values');
    expectProblem((t) => (t.Conditions.Bad = { 'Fn::Equals': [{ a: 1, b: 2 }, 'x'] }), 'Conditions.Bad.Fn::Equals[0]', 'got an object');
    expectProblem((t) => (t.Conditions.Bad = { 'Fn::Not': [{ Condition: 'IsProd' }, { Condition: 'HasTopic' }] }), 'Conditions.Bad.Fn::Not', 'exactly one condition');
    expectClean((t) => (t.Conditions.Any = { 'Fn::Or': [{ Condition: 'IsProd' }, { 'Fn::Equals': [{ 'Fn::Select': [0, { 'Fn::Split': [',', 'a,b'] }] }, 'a'] }] }));
  });

  it('cannot reference resources', () => {
    expectProblem((t) => (t.Conditions.Bad = { 'Fn::Equals': [{ 'Fn::GetAtt': ['HighCpuAlarm', 'Arn'] }, 'x'] }), 'Conditions.Bad.Fn::Equals[0].Fn::GetAtt', 'Conditions cannot use Fn::GetAtt');
    expectProblem((t) => (t.Conditions.Bad = { 'Fn::Equals': [{ Ref: 'AppLogGroup' }, 'x'] }), 'Conditions.Bad.Fn::Equals[0].Ref', 'Conditions cannot reference resource');
  });

  it('cannot be circular', () => {
    expectProblem(
      (t) => {
        t.Conditions.A = { 'Fn::Not': [{ Condition: 'B' }] };
        t.Conditions.B = { 'Fn::Not': [{ Condition: 'A' }] };
      },
      'Conditions.A',
      'circular condition reference: A -> B -> A',
    );
  });
});

describe('AWS::CloudWatch::Alarm limits', () => {
  it('AlarmName is 1–255 characters without control characters', () => {
    expectProblem((t) => (alarm(t).AlarmName = ''), `${P.alarm}.AlarmName`, 'AlarmName must be 1–255 characters, got 0');
    expectProblem((t) => (alarm(t).AlarmName = 'a'.repeat(256)), `${P.alarm}.AlarmName`, 'got 256');
    expectProblem((t) => (alarm(t).AlarmName = 'bad\u0007name'), `${P.alarm}.AlarmName`, 'control characters');
    expectProblem((t) => (alarm(t).AlarmName = 'bad\u007fname'), `${P.alarm}.AlarmName`, 'control characters');
    expectClean((t) => (alarm(t).AlarmName = 'ü'.repeat(255)));
  });

  it('AlarmDescription is at most 1024 characters', () => {
    expectProblem((t) => (alarm(t).AlarmDescription = 'x'.repeat(1025)), `${P.alarm}.AlarmDescription`, '0–1024 characters, got 1025');
    expectClean((t) => (alarm(t).AlarmDescription = 'x'.repeat(1024)));
  });

  it.each(['AlarmActions', 'OKActions', 'InsufficientDataActions'])('%s has at most 5 entries', (key) => {
    const arns = (n: number): string[] => Array.from({ length: n }, (_, i) => `arn:aws:sns:us-east-1:123456789012:t${i}`);
    expectProblem((t) => (alarm(t)[key] = arns(6)), `${P.alarm}.${key}`, `${key} has 6 entries; the maximum is 5`);
    expectClean((t) => (alarm(t)[key] = arns(5)));
  });

  it('counts actions left after AWS::NoValue removal', () => {
    const arns = (n: number): string[] => Array.from({ length: n }, (_, i) => `arn:aws:sns:us-east-1:123456789012:t${i}`);
    expectClean((t) => (alarm(t).AlarmActions = [...arns(4), TOPIC_OR_NOTHING]));
    expect(validate((t) => (alarm(t).AlarmActions = [...arns(5), TOPIC_OR_NOTHING]))).toEqual([
      { path: `${P.alarm}.AlarmActions`, message: 'AlarmActions has 6 entries; the maximum is 5 (when HasTopic=true)' },
    ]);
  });

  it('Period is 10, 20, 30 or a multiple of 60', () => {
    expectProblem((t) => (alarm(t).Period = 45), `${P.alarm}.Period`, 'Period 45 is invalid');
    expectProblem((t) => (alarm(t).Period = 0), `${P.alarm}.Period`, 'Period 0 is invalid');
    for (const period of [10, 20, 30, 60, 120, '300']) expectClean((t) => (alarm(t).Period = period));
  });

  it('checks literal Fn::If branches, naming the condition', () => {
    expect(validate((t) => (alarm(t).Period = { 'Fn::If': ['IsProd', 45, 60] }))).toEqual([
      { path: `${P.alarm}.Period`, message: 'Period 45 is invalid; use 10, 20, 30 or a positive multiple of 60 (when IsProd=true)' },
    ]);
  });

  it('Period × EvaluationPeriods is at most one day (seven days for hourly periods)', () => {
    expectProblem((t) => Object.assign(alarm(t), { Period: 300, EvaluationPeriods: 289 }), `${P.alarm}.Period`, '86700s exceeds 86400s');
    expectClean((t) => Object.assign(alarm(t), { Period: 300, EvaluationPeriods: 288 }));
    expectProblem((t) => Object.assign(alarm(t), { Period: 3600, EvaluationPeriods: 169 }), `${P.alarm}.Period`, 'exceeds 604800s');
    expectClean((t) => Object.assign(alarm(t), { Period: 3600, EvaluationPeriods: 168 }));
  });

  it('uses each MetricStat Period for metric-math alarms', () => {
    expectProblem(
      (t) => Object.assign(mathAlarm(t), { EvaluationPeriods: 145, DatapointsToAlarm: 1, Metrics: [{ Id: 'q', Expression: 'SELECT AVG(CPUUtilization) FROM "AWS/EC2"', Period: 600 }] }),
      `${P.math}.Metrics[0].Period`,
      '87000s exceeds 86400s',
    );
    expectProblem(
      (t) => Object.assign(mathAlarm(t), { EvaluationPeriods: 1441, DatapointsToAlarm: 1 }),
      `${P.math}.Metrics[0].MetricStat.Period`,
      '86460s exceeds 86400s',
    );
    expectClean((t) => Object.assign(mathAlarm(t), { EvaluationPeriods: 1440, DatapointsToAlarm: 1 }));
  });

  it('EvaluationPeriods is at least 1 and required', () => {
    expectProblem((t) => Object.assign(alarm(t), { EvaluationPeriods: 0, DatapointsToAlarm: undefined }), `${P.alarm}.EvaluationPeriods`, 'at least 1');
    expectProblem((t) => delete alarm(t).EvaluationPeriods, P.alarm, "missing 'EvaluationPeriods'");
  });

  it('DatapointsToAlarm is between 1 and EvaluationPeriods', () => {
    expectProblem((t) => (alarm(t).DatapointsToAlarm = 4), `${P.alarm}.DatapointsToAlarm`, 'between 1 and EvaluationPeriods (3)');
    expectProblem((t) => (alarm(t).DatapointsToAlarm = 0), `${P.alarm}.DatapointsToAlarm`, 'between 1 and EvaluationPeriods');
    expectClean((t) => (alarm(t).DatapointsToAlarm = 3));
  });

  it('ComparisonOperator is a known operator and required', () => {
    expectProblem((t) => (alarm(t).ComparisonOperator = 'GreaterThan'), `${P.alarm}.ComparisonOperator`, "'GreaterThan' is not one of");
    expectProblem((t) => delete alarm(t).ComparisonOperator, P.alarm, "missing 'ComparisonOperator'");
    for (const op of ['GreaterThanOrEqualToThreshold', 'LessThanThreshold', 'LessThanOrEqualToThreshold']) {
      expectClean((t) => (alarm(t).ComparisonOperator = op));
    }
  });

  it('TreatMissingData is breaching, notBreaching, ignore or missing', () => {
    expectProblem((t) => (alarm(t).TreatMissingData = 'NotBreaching'), `${P.alarm}.TreatMissingData`, "'NotBreaching' is not one of");
    for (const v of ['breaching', 'ignore', 'missing']) expectClean((t) => (alarm(t).TreatMissingData = v));
  });

  it('Statistic is one of the five basic statistics', () => {
    expectProblem((t) => (alarm(t).Statistic = 'Avg'), `${P.alarm}.Statistic`, "'Avg' is not one of");
    for (const s of ['SampleCount', 'Sum', 'Minimum', 'Maximum']) expectClean((t) => (alarm(t).Statistic = s));
  });

  it.each(['p90', 'p99.9', 'p0', 'p100', 'tm99', 'tc90', 'ts99', 'wm99', 'IQM', 'PR(10:50)', 'PR(:300)', 'TM(2%:98%)', 'TC(:90%)', 'WM(10%:)', 'TS(100:2000)'])(
    'ExtendedStatistic accepts %s',
    (stat) => {
      expectClean((t) => {
        delete alarm(t).Statistic;
        alarm(t).ExtendedStatistic = stat;
      });
    },
  );

  it.each(['p101', 'P99', 'p-1', 'tm', 'TM(:)', 'TM(2%:120%)', 'average', 'p99.12345678901'])('ExtendedStatistic rejects %s', (stat) => {
    expectProblem(
      (t) => {
        delete alarm(t).Statistic;
        alarm(t).ExtendedStatistic = stat;
      },
      `${P.alarm}.ExtendedStatistic`,
      'not a valid percentile statistic',
    );
  });

  it('a single-metric alarm needs exactly one of Statistic and ExtendedStatistic', () => {
    expectProblem((t) => (alarm(t).ExtendedStatistic = 'p99'), P.alarm, 'either Statistic or ExtendedStatistic, not both');
    expectProblem((t) => delete alarm(t).Statistic, P.alarm, 'needs Statistic or ExtendedStatistic');
  });

  it('a single-metric alarm needs MetricName, Namespace and Period', () => {
    expectProblem((t) => delete alarm(t).MetricName, P.alarm, "missing 'MetricName'");
    expectProblem((t) => delete alarm(t).Namespace, P.alarm, "missing 'Namespace'");
    expectProblem((t) => delete alarm(t).Period, P.alarm, "missing 'Period'");
  });

  it('an alarm uses a single metric or Metrics, not both and not neither', () => {
    expectProblem((t) => (mathAlarm(t).MetricName = 'Errors'), P.math, 'cannot also set MetricName');
    expectProblem((t) => delete mathAlarm(t).Metrics, P.math, 'needs either MetricName + Namespace');
  });

  it('Threshold is required unless ThresholdMetricId is set', () => {
    expectClean((t) => (mathAlarm(t).Threshold = 0));
    expectProblem((t) => delete mathAlarm(t).Threshold, P.math, "missing 'Threshold'");
  });

  it('exempts PromQL alarms (EvaluationCriteria) from metric, threshold and operator requirements', () => {
    expectClean((t) => {
      t.Resources.PromAlarm = {
        Type: 'AWS::CloudWatch::Alarm',
        Properties: { AlarmName: 'prom', EvaluationCriteria: { PromQLCriteria: { Query: 'up == 0', PendingPeriod: 60 } } },
      };
    });
  });

  it('accepts an anomaly-detection alarm and checks its ThresholdMetricId', () => {
    const anomaly = (t: Template): void => {
      const p = mathAlarm(t);
      delete p.Threshold;
      p.ThresholdMetricId = 'band';
      p.ComparisonOperator = 'LessThanLowerOrGreaterThanUpperThreshold';
      p.Metrics = [
        { Id: 'm1', ReturnData: true, MetricStat: { Metric: { Namespace: 'AWS/EC2', MetricName: 'CPUUtilization' }, Period: 300, Stat: 'Average' } },
        { Id: 'band', Expression: 'ANOMALY_DETECTION_BAND(m1, 2)' },
      ];
    };
    expectClean(anomaly);
    expectProblem((t) => (anomaly(t), mathAlarm(t).Metrics.push({ Id: 'm2', Expression: 'm1 * 2' })), `${P.math}.Metrics`, 'found 2');
    expectProblem((t) => (anomaly(t), (mathAlarm(t).ThresholdMetricId = 'bands')), `${P.math}.ThresholdMetricId`, "'bands' does not match any Metrics Id");
    expectProblem((t) => (anomaly(t), (mathAlarm(t).Threshold = 1)), `${P.math}.Threshold`, 'cannot be combined with ThresholdMetricId');
    expectProblem((t) => (anomaly(t), (mathAlarm(t).ComparisonOperator = 'GreaterThanThreshold')), `${P.math}.ComparisonOperator`, 'anomaly detection alarm');
    expectProblem((t) => (alarm(t).ComparisonOperator = 'GreaterThanUpperThreshold'), `${P.alarm}.ComparisonOperator`, 'only valid for anomaly detection');
  });

  it('Dimensions: at most 30, names and values 1–255 characters', () => {
    const dims = (n: number): unknown[] => Array.from({ length: n }, (_, i) => ({ Name: `D${i}`, Value: 'v' }));
    expectProblem((t) => (alarm(t).Dimensions = dims(31)), `${P.alarm}.Dimensions`, '31 dimensions; the maximum is 30');
    expectClean((t) => (alarm(t).Dimensions = dims(30)));
    expectProblem((t) => (alarm(t).Dimensions = [{ Name: 'InstanceId', Value: '' }]), `${P.alarm}.Dimensions[0].Value`, '1–255 characters, got 0');
    expectProblem((t) => (alarm(t).Dimensions = [{ Name: 'n'.repeat(256), Value: 'v' }]), `${P.alarm}.Dimensions[0].Name`, 'got 256');
  });

  it('Unit is a CloudWatch unit', () => {
    expectProblem((t) => (alarm(t).EvaluateLowSampleCountPercentile = 'skip'), `${P.alarm}.EvaluateLowSampleCountPercentile`, "'skip' is not one of: evaluate, ignore");
    expectProblem((t) => (alarm(t).MetricName = 'm'.repeat(256)), `${P.alarm}.MetricName`, 'got 256');
    expectProblem((t) => (alarm(t).Namespace = ''), `${P.alarm}.Namespace`, 'got 0');
    expectProblem((t) => (alarm(t).Unit = 'Percentage'), `${P.alarm}.Unit`, "'Percentage' is not one of");
    expectClean((t) => (alarm(t).Unit = 'Percent'));
  });

  it('Metrics: at most 20 entries and 10 MetricStat entries', () => {
    const stat = (i: number): unknown => ({ Id: `m${i}`, ReturnData: false, MetricStat: { Metric: { Namespace: 'N', MetricName: 'M' }, Period: 60, Stat: 'Sum' } });
    const expr = (i: number): unknown => ({ Id: `e${i}`, ReturnData: false, Expression: 'm0' });
    const metrics = (stats: number, exprs: number): unknown[] => [
      ...Array.from({ length: stats }, (_, i) => stat(i)),
      ...Array.from({ length: exprs }, (_, i) => expr(i)),
      { Id: 'result', Expression: 'SUM(METRICS())' },
    ];
    expectProblem((t) => (mathAlarm(t).Metrics = metrics(10, 10)), `${P.math}.Metrics`, 'Metrics has 21 entries; the maximum is 20');
    expectProblem((t) => (mathAlarm(t).Metrics = metrics(11, 0)), `${P.math}.Metrics`, '11 MetricStat entries');
    expectClean((t) => (mathAlarm(t).Metrics = metrics(10, 9)));
  });

  it('Metrics: Ids are unique and start with a lowercase letter', () => {
    expectProblem((t) => (mathAlarm(t).Metrics[1].Id = 'errors'), `${P.math}.Metrics[1].Id`, "duplicate metric Id 'errors'");
    expectProblem((t) => (mathAlarm(t).Metrics[0].Id = 'Errors'), `${P.math}.Metrics[0].Id`, 'must start with a lowercase letter');
    expectProblem((t) => (mathAlarm(t).Metrics[0].Id = 'err-ors'), `${P.math}.Metrics[0].Id`, 'must start with a lowercase letter');
  });

  it('Metrics: exactly one entry returns data, and omitted ReturnData means true', () => {
    expectProblem((t) => delete mathAlarm(t).Metrics[0].ReturnData, `${P.math}.Metrics`, 'found 2');
    expectProblem((t) => (mathAlarm(t).Metrics[0].ReturnData = 'yes'), `${P.math}.Metrics[0].ReturnData`, 'expected boolean');
    expectProblem((t) => (mathAlarm(t).Metrics[2].ReturnData = false), `${P.math}.Metrics`, 'found 0');
    expectClean((t) => (mathAlarm(t).Metrics[2].ReturnData = 'true'));
  });

  it('Metrics: each entry has exactly one of Expression or MetricStat', () => {
    expectProblem((t) => (mathAlarm(t).Metrics[2].MetricStat = mathAlarm(t).Metrics[0].MetricStat), `${P.math}.Metrics[2]`, 'found both');
    expectProblem((t) => delete mathAlarm(t).Metrics[2].Expression, `${P.math}.Metrics[2]`, 'found neither');
  });

  it('Metrics: Expression is at most 1024 characters', () => {
    expectProblem((t) => (mathAlarm(t).Metrics[2].Expression = `errors${' '.repeat(1019)}`), `${P.math}.Metrics[2].Expression`, 'got 1025');
    expectClean((t) => (mathAlarm(t).Metrics[2].Expression = `errors${' '.repeat(1018)}`));
  });

  it('Metrics: MetricStat Period, Stat and Unit follow the same rules', () => {
    expectProblem((t) => delete mathAlarm(t).Metrics[0].MetricStat.Metric.MetricName, `${P.math}.Metrics[0].MetricStat.Metric`, "missing 'MetricName'");
    expectProblem((t) => (mathAlarm(t).Metrics[1].MetricStat.Metric.Dimensions[0].Value = ''), `${P.math}.Metrics[1].MetricStat.Metric.Dimensions[0].Value`, 'got 0');
    expectProblem((t) => (mathAlarm(t).Metrics[2].Period = 45), `${P.math}.Metrics[2].Period`, 'Period 45 is invalid');
    expectProblem((t) => (mathAlarm(t).Metrics = []), `${P.math}.Metrics`, 'must not be empty');
    expectProblem((t) => (mathAlarm(t).Metrics[0].MetricStat.Metric.MetricName = ''), `${P.math}.Metrics[0].MetricStat.Metric.MetricName`, 'got 0');
    expectProblem((t) => (mathAlarm(t).Metrics[0].MetricStat.Metric.Namespace = 'n'.repeat(256)), `${P.math}.Metrics[0].MetricStat.Metric.Namespace`, 'got 256');
    expectProblem((t) => (mathAlarm(t).Metrics[0].MetricStat.Period = 90), `${P.math}.Metrics[0].MetricStat.Period`, 'MetricStat Period 90 is invalid');
    expectProblem((t) => (mathAlarm(t).Metrics[0].MetricStat.Stat = 'Total'), `${P.math}.Metrics[0].MetricStat.Stat`, "Stat 'Total' is not a CloudWatch statistic");
    expectProblem((t) => (mathAlarm(t).Metrics[0].MetricStat.Unit = 'count'), `${P.math}.Metrics[0].MetricStat.Unit`, "'count' is not one of");
    expectClean((t) => Object.assign(mathAlarm(t).Metrics[0].MetricStat, { Period: 10, Stat: 'p99', Unit: 'Count' }));
  });
});

describe('AWS::CloudWatch::CompositeAlarm limits', () => {
  it('AlarmName, AlarmDescription and actions follow the alarm rules', () => {
    expectProblem((t) => (composite(t).AlarmName = 'x'.repeat(256)), `${P.composite}.AlarmName`, 'got 256');
    expectProblem((t) => (composite(t).AlarmName = 'tab\there'), `${P.composite}.AlarmName`, 'control characters');
    expectProblem((t) => (composite(t).AlarmDescription = 'x'.repeat(1025)), `${P.composite}.AlarmDescription`, 'got 1025');
    expectProblem((t) => (composite(t).OKActions = Array(6).fill('arn:aws:sns:us-east-1:123456789012:t')), `${P.composite}.OKActions`, '6 entries');
  });

  it('AlarmRule is 1–10240 characters', () => {
    expectProblem((t) => (composite(t).AlarmRule = ''), `${P.composite}.AlarmRule`, 'got 0');
    const long = (n: number): string => `ALARM("${'a'.repeat(n - 9)}")`;
    expectProblem((t) => (composite(t).AlarmRule = long(10_241)), `${P.composite}.AlarmRule`, 'got 10241');
    expectClean((t) => (composite(t).AlarmRule = long(10_240)));
  });

  it('AlarmRule has balanced parentheses and closed quotes', () => {
    expectProblem((t) => (composite(t).AlarmRule = '(ALARM("a") OR ALARM("b")'), `${P.composite}.AlarmRule`, 'unbalanced parentheses');
    expectProblem((t) => (composite(t).AlarmRule = 'ALARM("a")) OR (ALARM("b")'), `${P.composite}.AlarmRule`, 'unbalanced parentheses');
    expectProblem((t) => (composite(t).AlarmRule = 'ALARM("a) OR ALARM("b")'), `${P.composite}.AlarmRule`, 'not a valid rule expression');
    expectProblem((t) => (composite(t).AlarmRule = 'ALARM("a") OR ALARM("b)'), `${P.composite}.AlarmRule`, 'unterminated double-quoted alarm reference');
  });

  it.each(['ALARM("a") AND', 'ALARMS("a")', 'ALARM("a") XOR ALARM("b")', 'ALARM()', 'ALARM("a") ALARM("b")', 'AT_LEAST(x, ALARM, ("a"))'])(
    'AlarmRule rejects %s',
    (rule) => {
      expectProblem((t) => (composite(t).AlarmRule = rule), `${P.composite}.AlarmRule`, 'not a valid rule expression');
    },
  );

  it.each([
    'ALARM(CPUUtilizationTooHigh) AND NOT ALARM(DeploymentInProgress)',
    'ALARM("arn:aws:cloudwatch:us-east-1:123456789012:alarm:a b") OR OK("c")',
    '(ALARM("a") OR INSUFFICIENT_DATA("b")) AND NOT (OK("c") OR FALSE)',
    'TRUE',
    'AT_LEAST(2, ALARM, ("a", "b", "c"))',
    'AT_LEAST(50%, NOT OK, (a, b))',
  ])('AlarmRule accepts %s', (rule) => {
    expectClean((t) => (composite(t).AlarmRule = rule));
  });

  it('AlarmRule references at most 100 distinct alarms', () => {
    const rule = (n: number): string => Array.from({ length: n }, (_, i) => `ALARM("a${i}")`).join(' OR ');
    expectProblem((t) => (composite(t).AlarmRule = rule(101)), `${P.composite}.AlarmRule`, 'references 101 alarms');
    expectClean((t) => (composite(t).AlarmRule = `${rule(100)} OR OK("a0")`));
  });

  it('AlarmRule built with Fn::Sub or Fn::Join is parsed with placeholders', () => {
    expectProblem((t) => (composite(t).AlarmRule = { 'Fn::Sub': 'ALARM("${HighCpuAlarm}") OR (ALARM("${ErrorRateAlarm}")' }), `${P.composite}.AlarmRule`, 'unbalanced');
    expectClean((t) => (composite(t).AlarmRule = { 'Fn::Join': ['', ['ALARM(', { Ref: 'HighCpuAlarm' }, ') OR ', { 'Fn::Sub': 'OK("${ErrorRateAlarm}")' }]] }));
  });
});

describe('AWS::Logs::LogGroup limits', () => {
  it('LogGroupName is 1–512 characters of [.-_/#A-Za-z0-9]', () => {
    expectProblem((t) => (props(t, 'AppLogGroup').LogGroupName = '/obsgen/app:errors'), `${P.logGroup}.LogGroupName`, 'may only contain');
    expectProblem((t) => (props(t, 'AppLogGroup').LogGroupName = 'a'.repeat(513)), `${P.logGroup}.LogGroupName`, 'got 513');
    expectProblem((t) => (props(t, 'AppLogGroup').LogGroupName = ''), `${P.logGroup}.LogGroupName`, 'got 0');
    expectClean((t) => (props(t, 'AppLogGroup').LogGroupName = `/aws/lambda/My_func-1.#${'a'.repeat(489)}`));
  });

  it('RetentionInDays is one of the supported values', () => {
    expectProblem((t) => (props(t, 'AppLogGroup').RetentionInDays = 2), `${P.logGroup}.RetentionInDays`, '2 is not one of the allowed values');
    expectProblem((t) => (props(t, 'AppLogGroup').RetentionInDays = '2'), `${P.logGroup}.RetentionInDays`, 'is not one of the allowed values');
    for (const days of [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653]) {
      expectClean((t) => (props(t, 'AppLogGroup').RetentionInDays = days));
    }
  });
});

describe('AWS::Logs::MetricFilter limits', () => {
  it('FilterPattern is at most 1024 characters', () => {
    expectProblem((t) => (filter(t).FilterPattern = 'x'.repeat(1025)), `${P.filter}.FilterPattern`, 'got 1025');
    expectClean((t) => (filter(t).FilterPattern = 'x'.repeat(1024)));
    expectClean((t) => (filter(t).FilterPattern = ''));
  });

  it('has exactly one MetricTransformations entry', () => {
    expectProblem((t) => filter(t).MetricTransformations.push({ ...transformation(t), MetricName: 'Other' }), `${P.filter}.MetricTransformations`, 'exactly 1');
    expectProblem((t) => (filter(t).MetricTransformations = []), `${P.filter}.MetricTransformations`, 'got 0');
  });

  it('has at most 3 dimensions, and no DefaultValue with dimensions', () => {
    const dims = (n: number): unknown[] => Array.from({ length: n }, (_, i) => ({ Key: `k${i}`, Value: `$.v${i}` }));
    expectProblem(
      (t) => Object.assign(transformation(t), { Dimensions: dims(4), DefaultValue: undefined }),
      `${P.filter}.MetricTransformations[0].Dimensions`,
      '4 dimensions; the maximum is 3',
    );
    expectProblem((t) => (transformation(t).Dimensions = dims(1)), `${P.filter}.MetricTransformations[0].DefaultValue`, 'cannot be combined with Dimensions');
    expectClean((t) => Object.assign(transformation(t), { Dimensions: dims(3), DefaultValue: undefined }));
  });

  it('MetricName and MetricNamespace are non-empty', () => {
    expectProblem((t) => (transformation(t).MetricName = 'cost$'), `${P.filter}.MetricTransformations[0].MetricName`, "must not contain ':', '*' or '$'");
    expectProblem((t) => (transformation(t).MetricValue = ''), `${P.filter}.MetricTransformations[0].MetricValue`, 'MetricValue must be 1–100 characters');
    expectProblem((t) => (filter(t).LogGroupName = '/bad group'), `${P.filter}.LogGroupName`, 'may only contain');
    expectProblem((t) => (transformation(t).MetricName = ''), `${P.filter}.MetricTransformations[0].MetricName`, 'got 0');
    expectProblem((t) => (transformation(t).MetricNamespace = ''), `${P.filter}.MetricTransformations[0].MetricNamespace`, 'got 0');
    expectProblem((t) => (transformation(t).MetricNamespace = 'Obsgen:App'), `${P.filter}.MetricTransformations[0].MetricNamespace`, "must not contain ':'");
  });

  it('FilterName is 1–512 characters without : or *', () => {
    expectProblem((t) => (filter(t).FilterName = 'app:errors'), `${P.filter}.FilterName`, "must not contain ':' or '*'");
    expectProblem((t) => (filter(t).FilterName = 'app*'), `${P.filter}.FilterName`, "must not contain ':' or '*'");
    expectProblem((t) => (filter(t).FilterName = 'f'.repeat(513)), `${P.filter}.FilterName`, 'got 513');
    expectProblem((t) => (filter(t).FilterName = ''), `${P.filter}.FilterName`, 'got 0');
    expectClean((t) => (filter(t).FilterName = 'f'.repeat(512)));
  });

  it('at most 100 metric filters per log group in the template', () => {
    const addFilters = (n: number) => (t: Template): void => {
      for (let i = 1; i < n; i++) {
        t.Resources[`Filter${i}`] = structuredClone(t.Resources.ErrorMetricFilter);
        // Half refer to the group by Ref, half by its literal name: both count against the same group.
        if (i % 2 === 0) t.Resources[`Filter${i}`].Properties.LogGroupName = '/obsgen/app';
      }
    };
    expectProblem(addFilters(101), 'Resources.Filter100.Properties.LogGroupName', "log group '/obsgen/app' has more than 100 metric filters");
    expectClean(addFilters(100));
  });
});

describe('AWS::CloudWatch::Dashboard limits', () => {
  it('DashboardName is at most 255 characters of [A-Za-z0-9_-]', () => {
    expectProblem((t) => (props(t, 'Dashboard').DashboardName = 'obsgen app'), `${P.dashboard}.DashboardName`, 'may only contain');
    expectProblem((t) => (props(t, 'Dashboard').DashboardName = 'd'.repeat(256)), `${P.dashboard}.DashboardName`, 'got 256');
    expectClean((t) => (props(t, 'Dashboard').DashboardName = `A-z_0${'d'.repeat(250)}`));
  });

  it('DashboardBody must be JSON with a widgets array', () => {
    expectProblem((t) => (props(t, 'Dashboard').DashboardBody = '{"widgets": [}'), P.body, 'not valid JSON');
    expectProblem((t) => (props(t, 'Dashboard').DashboardBody = '[]'), P.body, 'must be a JSON object, got a list');
    expectProblem((t) => (props(t, 'Dashboard').DashboardBody = '{"widget": []}'), `${P.body}.widgets`, 'needs a widgets array');
    expectProblem((t) => (props(t, 'Dashboard').DashboardBody = '{"widget": []}'), `${P.body}.widget`, "did you mean 'widgets'");
  });

  it('has at most 500 widgets', () => {
    const texts = (n: number): unknown[] => Array.from({ length: n }, () => ({ type: 'text', properties: { markdown: 'x' } }));
    expectProblem(withBody((b) => (b.widgets = texts(501))), `${P.body}.widgets`, '501 widgets; the maximum is 500');
    expectClean(withBody((b) => (b.widgets = texts(500))));
  });

  it('widget type is metric, text, log, alarm or explorer', () => {
    expectProblem(withBody((b) => (b.widgets[0].type = 'markdown')), `${P.body}.widgets[0].type`, 'must be one of metric, text, log, alarm, explorer');
    expectClean(withBody((b) => b.widgets.push({ type: 'explorer', x: 0, y: 14, width: 24, height: 15, properties: { metrics: [] } })));
  });

  it('widget geometry fits the 24-column grid', () => {
    expectProblem(withBody((b) => (b.widgets[0].width = 25)), `${P.body}.widgets[0].width`, 'integer 1–24');
    expectProblem(withBody((b) => (b.widgets[0].width = 0)), `${P.body}.widgets[0].width`, 'integer 1–24');
    expectProblem(withBody((b) => (b.widgets[3].height = 1001)), `${P.body}.widgets[3].height`, 'integer 1–1000');
    expectProblem(withBody((b) => (b.widgets[0].x = -1)), `${P.body}.widgets[0].x`, 'integer 0–23');
    expectProblem(withBody((b) => (b.widgets[0].y = 1.5)), `${P.body}.widgets[0].y`, 'must be an integer');
    expectProblem(withBody((b) => Object.assign(b.widgets[2], { x: 13 })), `${P.body}.widgets[2]`, 'x (13) + width (12) exceeds the 24-column grid');
    expectClean(withBody((b) => Object.assign(b.widgets[3], { height: 1000 })));
  });

  it('widgets must not overlap', () => {
    expectProblem(withBody((b) => (b.widgets[2].x = 11)), `${P.body}.widgets[2]`, 'overlaps widgets[1]');
    expectProblem(withBody((b) => (b.widgets[3].y = 7)), `${P.body}.widgets[3]`, 'overlaps widgets[1]');
    // Touching edges is fine; unplaced widgets are auto-positioned by CloudWatch.
    expectClean(withBody((b) => b.widgets.push({ type: 'text', x: 0, y: 14, width: 6, height: 1, properties: { markdown: 'x' } })));
    expectClean(withBody((b) => b.widgets.push({ type: 'text', properties: { markdown: 'x' } })));
  });

  it('metric widgets have at most 500 metrics each and 2500 per dashboard', () => {
    const metrics = (n: number): unknown[] => Array.from({ length: n }, (_, i) => ['AWS/EC2', 'CPUUtilization', 'InstanceId', `i-${i}`]);
    const widget = (n: number, y: number): unknown => ({ type: 'metric', x: 0, y, width: 24, height: 6, properties: { region: 'us-east-1', metrics: metrics(n) } });
    expectProblem(withBody((b) => (b.widgets = [widget(501, 0)])), `${P.body}.widgets[0].properties.metrics`, '501 metrics in one widget');
    expectProblem(withBody((b) => (b.widgets = [0, 1, 2, 3, 4, 5].map((i) => widget(i === 5 ? 1 : 500, i * 6)))), `${P.body}.widgets`, '2501 metrics on the dashboard');
    expectClean(withBody((b) => (b.widgets = [0, 1, 2, 3, 4].map((i) => widget(500, i * 6)))));
  });

  it('metric rows are [Namespace, MetricName, dimension pairs..., options?]', () => {
    const setMetrics = (rows: unknown[]) => withBody((b) => (b.widgets[1].properties.metrics = rows));
    const at = `${P.body}.widgets[1].properties.metrics`;
    expectProblem(setMetrics([['AWS/EC2', 'CPUUtilization', 'InstanceId']]), `${at}[0]`, 'got 3 strings');
    expectProblem(setMetrics([['AWS/EC2']]), `${at}[0]`, 'got 1 strings');
    expectProblem(setMetrics(['AWS/EC2']), `${at}[0]`, 'non-empty array');
    expectProblem(setMetrics([['...', 'i-1']]), `${at}[0]`, "'...' repeats the previous metric, but there is none");
    expectProblem(setMetrics([['AWS/EC2', 'CPUUtilization'], ['.', '.', '.', 'x']]), `${at}[1][2]`, "'.' at position 2 has no value");
    expectProblem(setMetrics([['AWS/EC2', 'CPUUtilization', { colour: '#ff0000' }]]), `${at}[0][2].colour`, "did you mean 'color'");
    expectProblem(setMetrics([['AWS/EC2', 'CPUUtilization', { stat: 'Mean' }]]), `${at}[0][2].stat`, "stat 'Mean' is not a CloudWatch statistic");
    expectProblem(setMetrics([['AWS/EC2', 'CPUUtilization', { id: 'M1' }]]), `${at}[0][2].id`, 'lowercase letter');
    expectProblem(setMetrics([['AWS/EC2', { expression: 'm1' }]]), `${at}[0]`, 'only the expression object');
    expectProblem(setMetrics([['AWS/EC2', 5]]), `${at}[0][1]`, 'metric rows are');
    expectClean(setMetrics([['AWS/EC2', 'CPUUtilization', { stat: 'p99', yAxis: 'left', color: '#ff0000', visible: false }], ['.', 'NetworkOut']]));
  });

  it('region is a string when present', () => {
    expectProblem(withBody((b) => (b.widgets[1].properties.title = ['CPU'])), `${P.body}.widgets[1].properties.title`, 'title must be a string');
    expectProblem(withBody((b) => (b.widgets[1].properties.region = 1)), `${P.body}.widgets[1].properties.region`, 'region must be a string');
  });

  it('alarm widgets list 1–100 alarm ARNs', () => {
    const arns = (n: number): string[] => Array.from({ length: n }, (_, i) => `${ALARM_ARN}-${i}`);
    const at = `${P.body}.widgets[2].properties.alarms`;
    expectProblem(withBody((b) => (b.widgets[2].properties.alarms = [])), at, 'non-empty alarms list');
    expectProblem(withBody((b) => (b.widgets[2].properties.alarms = ['obsgen-prod-high-cpu'])), `${at}[0]`, 'not a CloudWatch alarm ARN');
    expectProblem(withBody((b) => (b.widgets[2].properties.alarms = arns(101))), at, '101 alarms; the maximum is 100');
    expectClean(withBody((b) => (b.widgets[2].properties.alarms = arns(100))));
    expectClean(withBody((b) => (b.widgets[2].properties.alarms = ['arn:aws-us-gov:cloudwatch:us-gov-west-1:123456789012:alarm:x'])));
  });

  it('widgets are objects with known keys and properties', () => {
    expectProblem(withBody((b) => (b.widgets[0] = 'text')), `${P.body}.widgets[0]`, 'must be an object');
    expectProblem(withBody((b) => (b.widgets[0].props = {})), `${P.body}.widgets[0].props`, "unknown widget key 'props'");
    expectProblem(withBody((b) => delete b.widgets[0].properties), `${P.body}.widgets[0]`, 'needs properties');
    expectProblem(withBody((b) => (b.widgets[0].properties = 'x')), `${P.body}.widgets[0].properties`, 'must be an object');
  });

  it('metric widgets need a metrics list or an alarm annotation', () => {
    expectProblem(withBody((b) => (b.widgets[1].properties.annotations = { horizontal: { value: 1 } })), `${P.body}.widgets[1].properties.annotations.horizontal`, 'must be a list');
    expectProblem(withBody((b) => (b.widgets[1].properties.annotations = { alarms: ALARM_ARN })), `${P.body}.widgets[1].properties.annotations.alarms`, 'must be a list of alarm ARNs');
    const at = `${P.body}.widgets[1].properties`;
    expectProblem(withBody((b) => delete b.widgets[1].properties.metrics), `${at}.metrics`, 'needs a metrics list');
    expectProblem(withBody((b) => (b.widgets[1].properties.metrics = {})), `${at}.metrics`, 'must be a list of metric arrays');
    expectProblem(withBody((b) => (b.widgets[1].properties.annotations = [])), `${at}.annotations`, 'must be an object');
    expectProblem(
      withBody((b) => (b.widgets[1].properties = { region: 'us-east-1', annotations: { alarms: [ALARM_ARN, ALARM_ARN] } })),
      `${at}.annotations.alarms`,
      '2 alarms; the maximum is 1',
    );
    expectClean(withBody((b) => (b.widgets[1].properties = { region: 'us-east-1', annotations: { alarms: [ALARM_ARN] } })));
  });

  it('metric rows: shorthand, options and dimension limits', () => {
    const setMetrics = (rows: unknown[]) => withBody((b) => (b.widgets[1].properties.metrics = rows));
    const at = `${P.body}.widgets[1].properties.metrics`;
    expectProblem(setMetrics([['N', 'M'], ['...', 'a', 'b', 'c']]), `${at}[1]`, 'more values than the metric it repeats');
    expectProblem(setMetrics([[{ label: 'x' }]]), `${at}[0]`, 'must be an expression object');
    expectProblem(setMetrics([['N', 'M', { yAxis: 'top' }]]), `${at}[0][2].yAxis`, "'left' or 'right'");
    expectProblem(setMetrics([[{ expression: 42 }]]), `${at}[0][0].expression`, 'must be a string');
    const dims = (n: number): string[] => Array.from({ length: n }, (_, i) => [`d${i}`, 'v']).flat();
    expectProblem(setMetrics([['N', 'M', ...dims(31)]]), `${at}[0]`, '31 dimensions; the maximum is 30');
    expectClean(setMetrics([['N', 'M', ...dims(30)]]));
  });

  it('alarm ARNs must be strings', () => {
    expectProblem(withBody((b) => (b.widgets[2].properties.alarms = [{ arn: ALARM_ARN }])), `${P.body}.widgets[2].properties.alarms[0]`, 'must be a string');
  });

  it('skips values injected wholesale by Fn::Join', () => {
    expectClean((t) => (props(t, 'Dashboard').DashboardBody = { 'Fn::Join': ['', ['{"widgets":', { Ref: 'Environment' }, '}']] }));
    expectClean((t) => (props(t, 'Dashboard').DashboardBody = { 'Fn::Join': ['', ['{"widgets":[', { Ref: 'Environment' }, ']}']] }));
    expectProblem(
      (t) => (props(t, 'Dashboard').DashboardBody = { 'Fn::Join': ['', ['{"widgets":[', { Ref: 'Environment' }, ',{"type":"txt","properties":{}}]}']] }),
      `${P.body}.widgets[1].type`,
      'must be one of',
    );
  });

  it('text widgets need markdown; log widgets need a query', () => {
    expectProblem(withBody((b) => delete b.widgets[0].properties.markdown), `${P.body}.widgets[0].properties.markdown`, 'markdown string');
    expectProblem(withBody((b) => delete b.widgets[3].properties.query), `${P.body}.widgets[3].properties.query`, 'query string');
  });

  it('horizontal annotations have numeric values', () => {
    const at = `${P.body}.widgets[1].properties.annotations.horizontal[0]`;
    expectProblem(withBody((b) => (b.widgets[1].properties.annotations.horizontal = [{ value: '80' }])), at, 'numeric value');
    expectClean(withBody((b) => (b.widgets[1].properties.annotations.horizontal = [[{ value: 10 }, { value: 20, label: 'band' }]])));
  });

  it('validates bodies built with Fn::Sub, treating substitutions as unknown values', () => {
    const body = (width: string): Template => ({
      'Fn::Sub': `{"widgets":[{"type":"metric","x":0,"y":0,"width":${width},"height":6,"properties":{"region":"\${AWS::Region}","metrics":[["AWS/EC2","CPUUtilization","InstanceId","\${Environment}"]]}},{"type":"alarm","x":12,"y":0,"width":12,"height":6,"properties":{"alarms":["\${HighCpuAlarm.Arn}"]}}]}`,
    });
    expectClean((t) => (props(t, 'Dashboard').DashboardBody = body('12')));
    expectClean((t) => (props(t, 'Dashboard').DashboardBody = body('${Environment}')));
    expectProblem((t) => (props(t, 'Dashboard').DashboardBody = body('13')), `${P.body}.widgets[1]`, 'overlaps widgets[0]');
  });

  it('validateDashboardBody works on its own for strings and objects', () => {
    expect(validateDashboardBody(DASHBOARD_BODY)).toEqual([]);
    expect(validateDashboardBody(JSON.stringify(DASHBOARD_BODY))).toEqual([]);
    expect(validateDashboardBody('nope')).toEqual([{ path: '', message: expect.stringContaining('not valid JSON') }]);
    expect(validateDashboardBody({ widgets: [{ type: 'text', width: 30, properties: { markdown: '' } }] })).toEqual([
      { path: 'widgets[0].width', message: 'widget width must be an integer 1–24, got number 30' },
    ]);
  });
});

describe('limits across resources', () => {
  it('log group and dashboard names are unique', () => {
    expectProblem((t) => (t.Resources.Other = { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: '/obsgen/app' } }), 'Resources.Other.Properties.LogGroupName', "also used by 'AppLogGroup'");
    expectProblem((t) => (t.Resources.Other = structuredClone(t.Resources.Dashboard)), 'Resources.Other.Properties.DashboardName', "also used by 'Dashboard'");
    expectClean((t) => (t.Resources.Other = { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: '/obsgen/other' } }));
  });

  it('alarm names are unique across alarms and composite alarms', () => {
    expectProblem((t) => (composite(t).AlarmName = 'obsgen-app-error-rate'), `${P.composite}.AlarmName`, "also used by 'ErrorRateAlarm'");
    // Resources under different conditions never coexist.
    expectClean((t) => {
      composite(t).AlarmName = 'obsgen-app-error-rate';
      t.Resources.ServiceHealth.Condition = 'IsProd';
    });
  });
});
