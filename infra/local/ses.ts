import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { LocalStackError, assertPortFree } from './dynamodb-local';

/**
 * The local SES endpoint: `aws-ses-v2-local` in a child process. It accepts the SES v1 and v2
 * send APIs, keeps every message, lists them on its web page (`/`) and as JSON (`GET /store`).
 * Functions reach it through `SES_ENDPOINT`.
 */

export interface LocalSes {
  /** `http://127.0.0.1:<port>`: the mail page, and the endpoint the SES client uses. */
  readonly url: string;
  readonly process: ChildProcess;
  stop(): Promise<void>;
}

const cliPath = createRequire(import.meta.url).resolve('aws-ses-v2-local/dist/cli.js');

/** Starts aws-ses-v2-local on 127.0.0.1:`port` and resolves once it answers its health check. */
export async function startLocalSes(options: { port: number; timeoutMs?: number }): Promise<LocalSes> {
  await assertPortFree(options.port, 'SES_PORT');
  const url = `http://127.0.0.1:${options.port}`;
  const child = spawn(process.execPath, [cliPath, '--host', '127.0.0.1', '--port', String(options.port)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += String(chunk)));
  child.stderr?.on('data', (chunk) => (output += String(chunk)));

  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new LocalStackError(`Local SES exited (${code}): ${output.trim()}`))),
  );
  exited.catch(() => undefined);
  try {
    await Promise.race([waitForHealth(url, options.timeoutMs ?? 15_000), exited]);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }

  return {
    url,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}

async function waitForHealth(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(`${url}/health-check`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new LocalStackError(`Local SES did not answer at ${url} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
