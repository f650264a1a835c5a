import { describe, expect, it } from 'vitest';
import { parseArn } from '../../src/services/arn.js';

describe('parseArn', () => {
  it.each([
    [
      'arn:aws:lambda:us-east-1:123456789012:function:checkout',
      { partition: 'aws', service: 'lambda', region: 'us-east-1', account: '123456789012', resource: 'function:checkout' },
    ],
    [
      'arn:aws-cn:sqs:cn-north-1:123456789012:orders',
      { partition: 'aws-cn', service: 'sqs', region: 'cn-north-1', account: '123456789012', resource: 'orders' },
    ],
    [
      'arn:aws-us-gov:dynamodb:us-gov-west-1:123456789012:table/orders',
      { partition: 'aws-us-gov', service: 'dynamodb', region: 'us-gov-west-1', account: '123456789012', resource: 'table/orders' },
    ],
  ])('parses %s', (text, expected) => {
    expect(parseArn(text)).toEqual(expected);
  });

  it('parses an S3 bucket ARN with empty region and account', () => {
    expect(parseArn('arn:aws:s3:::my-bucket')).toEqual({
      partition: 'aws',
      service: 's3',
      region: '',
      account: '',
      resource: 'my-bucket',
    });
  });

  it('parses an S3 object ARN with slashes in the resource', () => {
    expect(parseArn('arn:aws:s3:::my-bucket/path/to/key.json')?.resource).toBe('my-bucket/path/to/key.json');
  });

  it('keeps colons and slashes after the fifth colon in the resource', () => {
    expect(parseArn('arn:aws:lambda:eu-west-1:123456789012:function:checkout:live')?.resource).toBe('function:checkout:live');
    expect(parseArn('arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/x:*')?.resource).toBe('log-group:/aws/lambda/x:*');
    expect(parseArn('arn:aws:dynamodb:eu-west-1:123456789012:table/orders/stream/2024-01-01T00:00:00.000')?.resource).toBe(
      'table/orders/stream/2024-01-01T00:00:00.000',
    );
  });

  it('accepts exactly 2048 characters', () => {
    const prefix = 'arn:aws:s3:::';
    const text = prefix + 'a'.repeat(2048 - prefix.length);
    expect(text).toHaveLength(2048);
    expect(parseArn(text)?.resource).toHaveLength(2048 - prefix.length);
  });

  it.each([
    ['empty', ''],
    ['not starting with arn:', 'urn:aws:lambda:us-east-1:123456789012:function:x'],
    ['ARN in upper case', 'ARN:aws:lambda:us-east-1:123456789012:function:x'],
    ['leading text', 'x arn:aws:lambda:us-east-1:123456789012:function:x'],
    ['a plain instance id', 'i-12345'],
    ['too few parts (no resource)', 'arn:aws:lambda:us-east-1:123456789012'],
    ['too few parts (empty resource)', 'arn:aws:lambda:us-east-1:123456789012:'],
    ['too few parts (four)', 'arn:aws:lambda:us-east-1'],
    ['unknown partition', 'arn:gcp:lambda:us-east-1:123456789012:function:x'],
    ['newline in resource', 'arn:aws:lambda:us-east-1:123456789012:function:x\n'],
    ['newline in the middle', 'arn:aws:lambda:us-east-1:123456789012:function:x\ny'],
    ['NUL character', 'arn:aws:lambda:us-east-1:123456789012:function:x\u0000'],
    ['tab', 'arn:aws:lambda:us-east-1:123456789012:function:x\ty'],
    ['space', 'arn:aws:lambda:us-east-1:123456789012:function:x y'],
    ['DEL character', 'arn:aws:lambda:us-east-1:123456789012:function:x\u007f'],
    ['escape character', 'arn:aws:lambda:us-east-1:123456789012:function:\u001b[31mx'],
    ['unicode line separator', 'arn:aws:lambda:us-east-1:123456789012:function:x\u2028y'],
    ['no-break space', 'arn:aws:ec2:us-east-1:123456789012:instance/i-1\u00a0x'],
    ['C1 control character NEL', 'arn:aws:ec2:us-east-1:123456789012:instance/i-1\u0085x'],
    ['C1 control character CSI', 'arn:aws:ec2:us-east-1:123456789012:instance/i-1\u009b2J'],
    ['over 2048 characters', 'arn:aws:s3:::' + 'a'.repeat(2048 - 'arn:aws:s3:::'.length + 1)],
    ['11-digit account', 'arn:aws:lambda:us-east-1:12345678901:function:x'],
    ['13-digit account', 'arn:aws:lambda:us-east-1:1234567890123:function:x'],
    ['account with letters', 'arn:aws:lambda:us-east-1:12345678901a:function:x'],
    ['uppercase service', 'arn:aws:Lambda:us-east-1:123456789012:function:x'],
    ['empty service', 'arn:aws::us-east-1:123456789012:function:x'],
    ['uppercase region', 'arn:aws:lambda:US-EAST-1:123456789012:function:x'],
  ])('rejects %s', (_label, text) => {
    expect(parseArn(text)).toBeUndefined();
  });
});
