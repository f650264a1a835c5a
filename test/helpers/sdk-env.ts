/**
 * Points the AWS SDK of this process (and so obsgen run in-process) at a local endpoint, exactly
 * as a user would at AWS: only the environment differs. Returns the function that restores the
 * environment as it was.
 */
export function pointSdkAt(env: Record<string, string>): () => void {
  const saved = { ...process.env };
  Object.assign(process.env, env, { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' });
  delete process.env['AWS_PROFILE'];
  return () => {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  };
}
