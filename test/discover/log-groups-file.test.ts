import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../src/diagnostics/diagnostic.js';
import { parseLogGroupsText } from '../../src/discover/log-groups-file.js';

/** As `aws logs describe-log-groups --output yaml` prints it. */
const YAML = `logGroups:
- arn: arn:aws:logs:eu-west-1:111111111111:log-group:/aws/lambda/checkout-api:*
  creationTime: 1735689600000
  logGroupArn: arn:aws:logs:eu-west-1:111111111111:log-group:/aws/lambda/checkout-api
  logGroupClass: STANDARD
  logGroupName: /aws/lambda/checkout-api
  metricFilterCount: 0
  retentionInDays: 7
  storedBytes: 1048576
`;

describe('parseLogGroupsText', () => {
  it('reads describe-log-groups --output yaml as it reads the JSON', () => {
    const diags = new Diagnostics();
    const groups = parseLogGroupsText('log-groups.yaml', YAML, diags);
    expect(diags.items).toEqual([]);
    expect(groups).toEqual([{ account: '111111111111', region: 'eu-west-1', name: '/aws/lambda/checkout-api', retentionDays: 7 }]);
    const json = new Diagnostics();
    expect(parseLogGroupsText('log-groups.json', JSON.stringify({ logGroups: [{ arn: 'arn:aws:logs:eu-west-1:111111111111:log-group:/aws/lambda/checkout-api:*', logGroupName: '/aws/lambda/checkout-api', retentionInDays: 7 }] }), json)).toEqual(groups);
    expect(json.items).toEqual([]);
  });
});
