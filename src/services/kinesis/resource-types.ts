import { found } from '../service.js';
import type { ResourceType } from '../service.js';

const STREAM = /^stream\/([A-Za-z0-9_.-]{1,128})$/;

/** A Kinesis data stream, measured by `StreamName`. */
export const kinesisStream: ResourceType = {
  id: 'kinesis:stream',
  label: 'Kinesis data stream',
  service: 'kinesis',
  taggingFilter: 'kinesis:stream',
  namespace: 'AWS/Kinesis',
  docs: { arn: '`stream/<name>`', dimensions: 'StreamName' },
  recognise(arn) {
    const m = STREAM.exec(arn.resource);
    return m ? found(m[1]!, [['StreamName', m[1]!]]) : undefined;
  },
};
