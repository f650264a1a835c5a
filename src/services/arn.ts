/** The parts of an Amazon Resource Name. `resource` keeps everything after the fifth colon. */
export interface Arn {
  partition: string;
  service: string;
  region: string;
  account: string;
  resource: string;
}

const ARN = /^arn:(aws(?:-[a-z]+)*):([a-z0-9][a-z0-9-]*):([a-z0-9-]*):(\d{12}|aws|):(.+)$/;

/** Parses an ARN, or returns undefined when the text is not one. */
export function parseArn(text: string): Arn | undefined {
  // ARNs never contain whitespace or control characters; refusing them keeps hostile input out.
  // eslint-disable-next-line no-control-regex
  if (text.length > 2048 || /[\s\u0000-\u001f\u007f-\u009f]/.test(text)) return undefined;
  const m = ARN.exec(text);
  if (!m) return undefined;
  return { partition: m[1]!, service: m[2]!, region: m[3]!, account: m[4]!, resource: m[5]! };
}
