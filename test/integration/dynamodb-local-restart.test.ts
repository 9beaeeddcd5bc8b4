import { afterAll, describe, expect, it } from '@jest/globals';
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureTable, freePort, localDynamoClient, superviseDynamoDbLocal, type SupervisedDynamoDbLocal } from '../../infra/local/dynamodb-local';
import { eventually } from '../support/eventually';

describe('npm start keeps DynamoDB Local running', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'dynamodb-restart-'));
  const lines: string[] = [];
  let dynamo: SupervisedDynamoDbLocal | undefined;

  afterAll(async () => {
    await dynamo?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('restarts it when it is killed, says so, and keeps the data on disk', async () => {
    const tableName = 'restart-test';
    dynamo = await superviseDynamoDbLocal({ port: await freePort(), inMemory: false, dataDir, tableName, log: (line) => lines.push(line) });
    const client = localDynamoClient(dynamo.endpoint);
    try {
      // The supervisor creates the table on restarts; the first start is the caller's job.
      await ensureTable(client, tableName);
      await client.send(new PutItemCommand({ TableName: tableName, Item: { pk: { S: 'T#x' }, sk: { S: 'kept' } } }));

      const first = dynamo.process();
      first.kill('SIGKILL');

      await eventually(() => dynamo!.restarts() === 1, { timeoutMs: 45_000, intervalMs: 250 });
      expect(dynamo.process().pid).not.toBe(first.pid);
      // Started, as always, without its telemetry: no metrics client, no attempt to reach AWS.
      expect(readFileSync(`/proc/${dynamo.process().pid}/cmdline`, 'utf8').split('\0')).toContain('-disableTelemetry');
      expect(lines.join('\n')).toMatch(/DynamoDB Local stopped on its own and was restarted/);
      const read = await client.send(new GetItemCommand({ TableName: tableName, Key: { pk: { S: 'T#x' }, sk: { S: 'kept' } } }));
      expect(read.Item?.sk?.S).toBe('kept');
    } finally {
      client.destroy();
    }
  }, 120_000);
});
