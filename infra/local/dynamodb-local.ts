import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  ResourceNotFoundException,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { keyAttributeNames, tableDefinition } from '../../shared/db/table';

/**
 * DynamoDB Local: Amazon's own engine. Its jar is on no package registry by itself; the npm
 * package `amplify-dynamodb-simulator` ships it unchanged in `emulator/`. We fetch that package
 * with the npm client (`npm pack`, so none of its runtime dependencies enter the project), keep
 * only `emulator/`, and cache it under `.local/`.
 */
export const SIMULATOR_PACKAGE = 'amplify-dynamodb-simulator@2.9.30';
export const PROJECT_ROOT = resolve(import.meta.dirname, '../..');
export const LOCAL_DIR = join(PROJECT_ROOT, '.local');
const EMULATOR_DIR = join(LOCAL_DIR, 'dynamodb-local');

export class LocalStackError extends Error {}

/** Says plainly what to do when Java is missing. */
export function assertJava(): void {
  const result = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (result.error || result.status !== 0) {
    throw new LocalStackError(
      'Java was not found. DynamoDB Local needs Java 17 or newer: install it (Debian: `apt-get install openjdk-17-jre-headless`) ' +
        'or point DYNAMODB_ENDPOINT at a running DynamoDB.',
    );
  }
}

/** Fails with a clear message when a port is taken. */
export async function assertPortFree(port: number, what: string): Promise<void> {
  await new Promise<void>((resolvePort, reject) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new LocalStackError(
          error.code === 'EADDRINUSE'
            ? `Port ${port} (${what}) is already in use. Stop what uses it or choose another port.`
            : `Cannot listen on port ${port} (${what}): ${error.message}`,
        ),
      ),
    );
    server.listen(port, '127.0.0.1', () => server.close(() => resolvePort()));
  });
}

/** A port free on 127.0.0.1 now, outside the range outgoing connections take theirs from. */
export async function freePort(): Promise<number> {
  for (let attempt = 0; ; attempt += 1) {
    const port = LISTEN_PORTS.from + Math.floor(Math.random() * (LISTEN_PORTS.to - LISTEN_PORTS.from));
    if (await bindable(port)) return port;
    if (attempt === 50) throw new Error(`No free port between ${LISTEN_PORTS.from} and ${LISTEN_PORTS.to}`);
  }
}

/**
 * Where free ports are picked: below Linux's ephemeral range (32768 and up), from which the
 * system hands out the local ports of outgoing connections. A port picked there can be taken by
 * some connection between the check and the server binding it (EADDRINUSE, seen under load).
 */
const LISTEN_PORTS = { from: 20_000, to: 32_000 };

function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** Downloads (once) and returns the folder holding `DynamoDBLocal.jar`. */
export function ensureDynamoDbLocal(): string {
  const jar = join(EMULATOR_DIR, 'DynamoDBLocal.jar');
  if (existsSync(jar)) return EMULATOR_DIR;
  mkdirSync(LOCAL_DIR, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), 'dynamodb-local-'));
  try {
    const pack = spawnSync('npm', ['pack', SIMULATOR_PACKAGE, '--silent', '--pack-destination', work], {
      encoding: 'utf8',
      cwd: work,
    });
    const tarball = pack.stdout.trim().split('\n').pop();
    if (pack.status !== 0 || !tarball) {
      throw new LocalStackError(`Could not fetch ${SIMULATOR_PACKAGE} with npm: ${pack.stderr.trim()}`);
    }
    const untar = spawnSync('tar', ['xzf', join(work, tarball), '-C', work, 'package/emulator'], { encoding: 'utf8' });
    if (untar.status !== 0) throw new LocalStackError(`Could not unpack DynamoDB Local: ${untar.stderr.trim()}`);
    rmSync(EMULATOR_DIR, { recursive: true, force: true });
    renameSync(join(work, 'package', 'emulator'), EMULATOR_DIR);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return EMULATOR_DIR;
}

export interface DynamoDbLocal {
  readonly endpoint: string;
  readonly process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * The command line of DynamoDB Local (`npm start`, the tests and the bench all start it here).
 * `-disableTelemetry`: by default it sets up a metrics client at start and records every
 * operation for it, CPU spent for nothing on a machine that reaches no AWS endpoint (and must not try).
 * The parallel collector with a young generation of 1 GiB: DynamoDB Local makes garbage at every
 * item it writes, and the default collector (G1) spent a fifth of its CPU keeping up with an
 * import and its consumers; the parallel one collects in short pauses and nothing between them
 * (README § The stream consumers during an import).
 */
export function dynamoDbLocalArgs(dir: string, options: { port: number; inMemory: boolean; dataDir: string }): string[] {
  return [
    `-Djava.library.path=${join(dir, 'DynamoDBLocal_lib')}`,
    '-XX:+UseParallelGC',
    '-Xmx2g',
    '-Xmn1g',
    '-jar',
    join(dir, 'DynamoDBLocal.jar'),
    '-port',
    String(options.port),
    '-sharedDb',
    '-disableTelemetry',
    ...(options.inMemory ? ['-inMemory'] : ['-dbPath', options.dataDir]),
  ];
}

/** Starts DynamoDB Local on 127.0.0.1 and resolves once it answers. */
export async function startDynamoDbLocal(options: { port: number; inMemory: boolean; dataDir?: string }): Promise<DynamoDbLocal> {
  assertJava();
  await assertPortFree(options.port, 'DYNAMODB_PORT');
  const dir = ensureDynamoDbLocal();
  const dataDir = options.dataDir ?? join(LOCAL_DIR, 'data');
  if (!options.inMemory) mkdirSync(dataDir, { recursive: true });
  const args = dynamoDbLocalArgs(dir, { port: options.port, inMemory: options.inMemory, dataDir });
  const child = spawn('java', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += String(chunk)));
  child.stderr?.on('data', (chunk) => (output += String(chunk)));
  const endpoint = `http://127.0.0.1:${options.port}`;
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new LocalStackError(`DynamoDB Local exited (${code}): ${output.trim()}`))),
  );
  exited.catch(() => undefined);
  await Promise.race([waitForDynamoDb(endpoint), exited]);
  return {
    endpoint,
    process: child,
    stop: () =>
      new Promise<void>((resolveStop) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolveStop();
        child.once('exit', () => resolveStop());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}

export interface SupervisedDynamoDbLocal {
  readonly endpoint: string;
  /** The running process (a new one after each restart). */
  readonly process: () => ChildProcess;
  /** How many times it was restarted after dying on its own. */
  readonly restarts: () => number;
  stop(): Promise<void>;
}

/**
 * DynamoDB Local that comes back when it dies (a crash, the OOM killer, a stray `kill`):
 * a developer's `npm start` keeps serving instead of stopping. It restarts on the same port
 * (so every client's endpoint stays right) after a short pause that grows with each quick
 * failure, recreates the table when it is missing (in-memory data is gone with the process;
 * on disk it is kept), and says so through `log`. After `maxRestarts` failures within a
 * minute it gives up and calls `onGiveUp`: something is wrong that a restart will not mend.
 */
export async function superviseDynamoDbLocal(options: {
  port: number;
  inMemory: boolean;
  dataDir?: string;
  tableName: string;
  log: (line: string) => void;
  onGiveUp?: (reason: string) => void;
  maxRestarts?: number;
}): Promise<SupervisedDynamoDbLocal> {
  const maxRestarts = options.maxRestarts ?? 5;
  let current = await startDynamoDbLocal(options);
  let stopped = false;
  let restarts = 0;
  const recentFailures: number[] = [];

  const restart = async (): Promise<void> => {
    for (;;) {
      if (stopped) return;
      const at = Date.now();
      recentFailures.push(at);
      while (recentFailures.length > 0 && recentFailures[0]! < at - 60_000) recentFailures.shift();
      if (recentFailures.length > maxRestarts) {
        const reason = `DynamoDB Local died ${recentFailures.length} times within a minute; not restarting it again.`;
        options.log(reason);
        options.onGiveUp?.(reason);
        return;
      }
      await new Promise((resolveWait) => setTimeout(resolveWait, 250 * 2 ** (recentFailures.length - 1)));
      if (stopped) return;
      try {
        await assertPortFree(options.port, 'DYNAMODB_PORT').catch(async () => {
          // The dead process's socket may linger for a moment.
          await new Promise((resolveWait) => setTimeout(resolveWait, 1000));
        });
        current = await startDynamoDbLocal(options);
        const client = localDynamoClient(current.endpoint);
        try {
          await ensureTable(client, options.tableName);
        } finally {
          client.destroy();
        }
        restarts += 1;
        options.log(
          `DynamoDB Local stopped on its own and was restarted on ${current.endpoint}` +
            (options.inMemory ? ' (in memory: its data was lost, the table is new).' : ' (data kept on disk).'),
        );
        watch(current.process);
        return;
      } catch (error) {
        options.log(`DynamoDB Local could not be restarted yet: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  };
  const watch = (child: ChildProcess) =>
    child.once('exit', () => {
      if (!stopped) void restart();
    });
  watch(current.process);

  return {
    endpoint: current.endpoint,
    process: () => current.process,
    restarts: () => restarts,
    stop: async () => {
      stopped = true;
      await current.stop();
    },
  };
}

export function localDynamoClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
}

async function waitForDynamoDb(endpoint: string, timeoutMs = 60_000): Promise<void> {
  const client = localDynamoClient(endpoint);
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        return;
      } catch (error) {
        if (Date.now() > deadline) throw new LocalStackError(`DynamoDB Local did not answer at ${endpoint}: ${String(error)}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  } finally {
    client.destroy();
  }
}

/** Creates the table from the shared table definition, unless it exists. */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<void> {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return;
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  const def = tableDefinition;
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: keyAttributeNames(def).map((name) => ({ AttributeName: name, AttributeType: 'S' })),
      KeySchema: [
        { AttributeName: def.partitionKey, KeyType: 'HASH' },
        { AttributeName: def.sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: def.globalIndexes.map((index) => ({
        IndexName: index.name,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
      StreamSpecification: { StreamEnabled: true, StreamViewType: def.streamView },
    }),
  );
  await waitUntilTableExists({ client, maxWaitTime: 60 }, { TableName: tableName });
  await client.send(
    new UpdateTimeToLiveCommand({
      TableName: tableName,
      TimeToLiveSpecification: { AttributeName: def.timeToLiveAttribute, Enabled: true },
    }),
  );
}
