import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { PROJECT_ROOT, freePort } from '../../infra/local/dynamodb-local';
import type { StaffGroup } from '../../infra/local/local-identity';
import { READY_LINE } from '../../infra/local/start';
import { eventually } from './eventually';

/**
 * `npm start` as a real child process, for e2e tests: the same command a developer runs
 * (`node --import tsx infra/local/start.ts --in-memory`, what `npm start` runs), on free ports, against the test run's DynamoDB Local
 * with a table of its own.
 */

export interface ExitStatus {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface SpawnedStack {
  readonly child: ChildProcess;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  readonly exited: Promise<ExitStatus>;
}

/** Spawns the start script with these environment changes (`undefined` removes a variable). */
export function spawnLocalStack(env: Record<string, string | undefined>): SpawnedStack {
  const childEnv: NodeJS.ProcessEnv = { ...process.env };
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) delete childEnv[name];
    else childEnv[name] = value;
  }
  const child = spawn(process.execPath, ['--import', 'tsx', 'infra/local/start.ts', '--in-memory'], {
    cwd: PROJECT_ROOT,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += String(chunk)));
  child.stderr?.on('data', (chunk) => (output += String(chunk)));
  const exited = new Promise<ExitStatus>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return { child, output: () => output, exited };
}

export interface LocalStackProcess {
  readonly apiUrl: string;
  readonly sesUrl: string;
  readonly tableName: string;
  /** The pid of the stack's Node process, the one a terminal's Ctrl-C reaches. */
  readonly pid: number;
  output(): string;
  /** A staff token from `POST /local/token`. */
  token(tenantId: string, groups?: StaffGroup[], sub?: string, name?: string): Promise<string>;
  /** Sends `signal` (default SIGTERM) and resolves with how the process ended. */
  stop(signal?: NodeJS.Signals): Promise<ExitStatus>;
}

export interface LocalStackProcessOptions {
  /** Let the stack start its own DynamoDB Local instead of using the test run's. */
  readonly ownDynamoDb?: boolean;
  readonly readyTimeoutMs?: number;
}

/** Attempts at starting when a port was taken between being found free and being bound. */
const START_ATTEMPTS = 3;

/**
 * Starts the local stack and resolves once it prints its ready line. A port found free can be
 * taken before the stack binds it (by another test's stack, or a port the stack picks for itself):
 * the stack then exits with EADDRINUSE, and is started again on other ports.
 */
export async function startLocalStackProcess(options: LocalStackProcessOptions = {}): Promise<LocalStackProcess> {
  for (let attempt = 1; ; attempt += 1) {
    const port = await freePort();
    const sesPort = await freePort();
    const tableName = `e2e-${randomUUID().slice(0, 8)}`;
    const dynamo = options.ownDynamoDb
      ? { DYNAMODB_ENDPOINT: undefined, DYNAMODB_PORT: String(await freePort()) }
      : { DYNAMODB_ENDPOINT: process.env.DYNAMODB_ENDPOINT };
    const stack = spawnLocalStack({ PORT: String(port), SES_PORT: String(sesPort), TABLE_NAME: tableName, ...dynamo });
    try {
      await waitForReady(stack, options.readyTimeoutMs ?? 90_000);
    } catch (error) {
      if (attempt < START_ATTEMPTS && stack.output().includes('EADDRINUSE')) continue;
      throw error;
    }
    return runningStack(stack, port, sesPort, tableName);
  }
}

function runningStack(stack: SpawnedStack, port: number, sesPort: number, tableName: string): LocalStackProcess {
  const apiUrl = `http://127.0.0.1:${port}`;
  return {
    apiUrl,
    sesUrl: `http://127.0.0.1:${sesPort}`,
    tableName,
    pid: stack.child.pid ?? -1,
    output: stack.output,
    async token(tenantId, groups, sub, name) {
      const response = await fetch(`${apiUrl}/local/token`, { method: 'POST', body: JSON.stringify({ tenantId, groups, sub, name }) });
      if (response.status !== 200) throw new Error(`POST /local/token answered ${response.status}: ${await response.text()}`);
      return ((await response.json()) as { token: string }).token;
    },
    stop: (signal = 'SIGTERM') => stopProcessTree(stack, signal),
  };
}

async function waitForReady(stack: SpawnedStack, timeoutMs: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      finish();
      void stopProcessTree(stack, 'SIGTERM');
      reject(new Error(`The local stack was not ready within ${timeoutMs} ms:\n${stack.output()}`));
    }, timeoutMs);
    const onData = () => {
      if (!stack.output().includes(READY_LINE)) return;
      finish();
      resolve();
    };
    const onExit = (code: number | null) => {
      finish();
      reject(new Error(`The local stack exited (${code}) before it was ready:\n${stack.output()}`));
    };
    const finish = () => {
      clearTimeout(timer);
      stack.child.stdout?.off('data', onData);
      stack.child.off('exit', onExit);
    };
    stack.child.stdout?.on('data', onData);
    stack.child.once('exit', onExit);
  });
}

/**
 * Signals the stack and waits for it to end. Whatever it leaves running is killed afterwards, so
 * a failing test never leaks processes; tests that check for orphans look before that (see
 * `descendantPids`).
 */
async function stopProcessTree(stack: SpawnedStack, signal: NodeJS.Signals): Promise<ExitStatus> {
  const pid = stack.child.pid;
  if (pid === undefined || stack.child.exitCode !== null || stack.child.signalCode !== null) return stack.exited;
  const descendants = descendantPids(pid);
  stack.child.kill(signal);
  const killer = setTimeout(() => stack.child.kill('SIGKILL'), 20_000);
  const status = await stack.exited;
  clearTimeout(killer);
  // Give the stack's own shutdown a moment to reap its children before forcing the issue.
  await eventually(() => !descendants.some(isRunning), { timeoutMs: 5_000 }).catch(() => descendants.filter(isRunning).forEach((child) => process.kill(child, 'SIGKILL')));
  return status;
}

/** Every process below `pid` (children, grandchildren, ...). */
export function descendantPids(pid: number): number[] {
  const table = execFileSync('ps', ['-e', '-o', 'pid=,ppid='], { encoding: 'utf8' });
  const children = new Map<number, number[]>();
  for (const line of table.trim().split('\n')) {
    const [child, parent] = line.trim().split(/\s+/).map(Number);
    if (child === undefined || parent === undefined) continue;
    children.set(parent, [...(children.get(parent) ?? []), child]);
  }
  const found: number[] = [];
  const queue = [pid];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    for (const child of children.get(next) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

/** The command line of a process, or '' when it is gone. */
export function commandOf(pid: number): string {
  try {
    return execFileSync('ps', ['-o', 'args=', '-p', String(pid)], { encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
}

/** Whether a process exists and is not a zombie waiting to be reaped. */
export function isRunning(pid: number): boolean {
  try {
    const state = execFileSync('ps', ['-o', 'stat=', '-p', String(pid)], { encoding: 'utf8' }).trim();
    return state !== '' && !state.startsWith('Z');
  } catch {
    return false; // ps exits non-zero when there is no such process
  }
}


export { eventually };
