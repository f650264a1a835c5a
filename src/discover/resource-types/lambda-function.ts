import type { ResourceType } from './resource-type.js';

// function:<name>[:<version or alias>]; names are 1-64 of [A-Za-z0-9_-].
const FUNCTION = /^function:([A-Za-z0-9_-]{1,64})(?::([A-Za-z0-9_$-]+))?$/;

/** AWS Lambda function, measured by `FunctionName`. */
export const lambdaFunction: ResourceType = {
  id: 'lambda:function',
  label: 'Lambda function',
  service: 'lambda',
  taggingFilter: 'lambda:function',
  namespace: 'AWS/Lambda',
  recognise(arn) {
    const m = FUNCTION.exec(arn.resource);
    if (!m) return undefined;
    if (m[2] !== undefined) {
      return {
        kind: 'unsupported',
        type: 'lambda:function-qualifier',
        reason: 'a version or alias ARN; obsgen monitors the function itself',
      };
    }
    return { kind: 'resource', name: m[1]!, dimensions: [{ name: 'FunctionName', value: m[1]! }] };
  },
};
