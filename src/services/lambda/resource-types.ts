import { found, unsupported } from '../service.js';
import type { ResourceType } from '../service.js';

// function:<name>[:<version or alias>]; names are 1-64 of [A-Za-z0-9_-].
const FUNCTION = /^function:([A-Za-z0-9_-]{1,64})(?::([A-Za-z0-9_$-]+))?$/;

/** AWS Lambda function, measured by `FunctionName`. */
export const lambdaFunction: ResourceType = {
  id: 'lambda:function',
  label: 'Lambda function',
  service: 'lambda',
  taggingFilter: 'lambda:function',
  namespace: 'AWS/Lambda',
  docs: { arn: '`function:<name>`', dimensions: 'FunctionName' },
  hintTags: [{ tag: 'obsgen:timeout-ms', description: 'The function timeout in milliseconds; the duration alarm is set relative to it.' }],
  recognise(arn) {
    const m = FUNCTION.exec(arn.resource);
    if (!m) return undefined;
    if (m[2] !== undefined) return unsupported('lambda:function-qualifier', 'a version or alias ARN; obsgen monitors the function itself');
    return found(m[1]!, [['FunctionName', m[1]!]]);
  },
};
