import { randomBytes } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  ensureTable,
  freePort,
  localDynamoClient,
  startDynamoDbLocal,
  type DynamoDbLocal,
} from '../infra/local/dynamodb-local';

/**
 * The bench's own DynamoDB Local (in memory, on a free port) and table. The environment the
 * functions read at import time is set here, before anything under `shared/` or `functions/`
 * is imported (run.ts imports those only dynamically, after this).
 */
export interface LocalTable {
  readonly endpoint: string;
  readonly tableName: string;
  /** A client of its own for seeding: its requests never reach the meter on the app's client. */
  readonly seedClient: DynamoDBClient;
  /** DynamoDB Local's process id (its CPU time is read from /proc while seeding). */
  readonly pid: number | undefined;
  stop(): Promise<void>;
}

export function setFunctionEnvironment(tableName: string, endpoint?: string): void {
  process.env.TABLE_NAME = tableName;
  if (endpoint) process.env.DYNAMODB_ENDPOINT = endpoint;
  process.env.AWS_REGION ??= 'us-east-1';
  process.env.CURSOR_SECRET = randomBytes(32).toString('base64url');
  // As deployed: production mode, and no log lines inside the timed calls.
  process.env.NODE_ENV = 'production';
  process.env.LOG_LEVEL = process.env.BENCH_LOG_LEVEL ?? 'SILENT';
}

/** A local SES (aws-ses-v2-local) on a free port, for the functions that send email (`SES_ENDPOINT`). */
export async function startBenchSes(): Promise<{ stop(): Promise<void> }> {
  const { startLocalSes } = await import('../infra/local/ses');
  const ses = await startLocalSes({ port: await freePort() });
  process.env.SES_ENDPOINT = ses.url;
  return ses;
}

export async function startLocalTable(): Promise<LocalTable> {
  const tableName = `bench-${randomBytes(3).toString('hex')}`;
  const dynamoDb: DynamoDbLocal = await startDynamoDbLocal({ port: await freePort(), inMemory: true });
  // Whatever ends this process, DynamoDB Local goes with it.
  const kill = () => {
    if (dynamoDb.process.exitCode === null && dynamoDb.process.signalCode === null) dynamoDb.process.kill('SIGKILL');
  };
  process.once('exit', kill);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      kill();
      process.exit(130);
    });
  }
  const seedClient = localDynamoClient(dynamoDb.endpoint);
  await ensureTable(seedClient, tableName);
  setFunctionEnvironment(tableName, dynamoDb.endpoint);
  return {
    endpoint: dynamoDb.endpoint,
    tableName,
    seedClient,
    pid: dynamoDb.process.pid,
    stop: async () => {
      seedClient.destroy();
      await dynamoDb.stop();
      process.off('exit', kill);
    },
  };
}
