import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * moto_server (moto 5.2.1, on every build machine: see DESIGN.md), an independent
 * implementation of the AWS wire protocols, on a free local port. For what moto can produce
 * (real pagination, well-formed empty answers); moto-proxy.ts adds faults and what moto lacks,
 * and the hand-written fake (fake-aws/) serves what neither can (listings moto cannot make;
 * slow, endless or malformed answers; see fake-aws/index.ts).
 */
export interface Moto {
  url: string;
  /** Environment that points the SDK at it (any keys; moto's account is 123456789012). */
  env(region: string): Record<string, string>;
  /** A form-encoded awsQuery call (e.g. SQS CreateQueue) signed for `service` in `region`. */
  query(service: string, region: string, params: Record<string, string>): Promise<string>;
  stop(): Promise<void>;
}

export const MOTO_ACCOUNT = '123456789012';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function waitUntilUp(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`moto_server exited with ${child.exitCode}`);
    try {
      const r = await fetch(`${url}/moto-api/`);
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('moto_server did not start within 30 s');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Starts a fresh moto_server (its state is its own); `stop` ends that process. */
export async function startMoto(): Promise<Moto> {
  const port = await freePort();
  const child = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitUntilUp(url, child);
  } catch (e) {
    child.kill();
    throw e;
  }
  return {
    url,
    env: (region) => ({ AWS_ENDPOINT_URL: url, AWS_REGION: region, AWS_ACCESS_KEY_ID: 'AKIAMOTOEXAMPLE', AWS_SECRET_ACCESS_KEY: 'moto' }),
    async query(service, region, params) {
      const r = await fetch(`${url}/`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          // moto routes by the SigV4 credential scope; it does not check the signature.
          authorization: `AWS4-HMAC-SHA256 Credential=AKIAMOTOEXAMPLE/20260101/${region}/${service}/aws4_request, SignedHeaders=host, Signature=0`,
        },
        body: new URLSearchParams(params).toString(),
      });
      const text = await r.text();
      if (!r.ok) throw new Error(`moto ${service} ${params['Action']}: ${r.status} ${text.slice(0, 200)}`);
      return text;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill();
      }),
  };
}
