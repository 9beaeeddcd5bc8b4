import { afterEach, describe, expect, it } from '@jest/globals';
import { DynamoDBClient, ProvisionedThroughputExceededException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient, type AwsStub } from 'aws-sdk-client-mock';
import { dynamo, tableName } from '../../shared/db/client';
import { membershipItem, type MembershipItem } from '../../shared/clubs/club-items';
import { dueKeys, membershipKeys } from '../../shared/clubs/keys';
import { runMembershipDueWork } from '../../shared/clubs/membership-due';
import { withIndexKeys } from '../../shared/clubs/membership-repository';
import { newTenant } from '../support/invoke';

/**
 * The scheduled due work (`shared/db/due-work.ts`) on a busy day, against DynamoDB Local. Faults
 * DynamoDB Local never raises are put in with `aws-sdk-client-mock`: throttling of reads and of
 * transactions, and one membership whose write keeps failing; every other command runs for real
 * (through a second client). Days are in 2094, a year no other test file's job runs in.
 */
const direct = DynamoDBDocumentClient.from(
  new DynamoDBClient({
    endpoint: process.env.DYNAMODB_ENDPOINT,
    region: process.env.AWS_REGION ?? 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  }),
  { marshallOptions: { removeUndefinedValues: true } },
);

let stub: AwsStub<any, any, any> | undefined;
afterEach(() => {
  stub?.restore();
  stub = undefined;
});

/** Not a fault: another writer that goes first, then the command goes through. */
class RivalFirst {
  constructor(readonly write: () => Promise<unknown>) {}
}

/**
 * Every command goes through to DynamoDB Local, unless `fault` answers an error for it first
 * (or a rival write to make before it).
 */
function injectFaults(fault: (command: string, input: any) => Error | RivalFirst | undefined): void {
  stub = mockClient(dynamo as any);
  for (const [name, Command] of Object.entries({ QueryCommand, TransactWriteCommand, PutCommand, GetCommand })) {
    stub.on(Command as any).callsFake(async (input: any) => {
      const injected = fault(name, input);
      if (injected instanceof RivalFirst) await injected.write();
      else if (injected) throw injected;
      return direct.send(new (Command as any)(input));
    });
  }
}

const throttled = () => new ProvisionedThroughputExceededException({ message: 'Rate of requests exceeds the allowed throughput.', $metadata: {} });
const throttledTransaction = () =>
  new TransactionCanceledException({ message: 'Transaction cancelled', $metadata: {}, CancellationReasons: [{ Code: 'None' }, { Code: 'ThrottlingError' }] });

/** `count` memberships of one tenant paused until `day`, written straight to the table. */
async function pausedUntil(day: string, count: number): Promise<MembershipItem[]> {
  const tenantId = newTenant('due');
  const at = '2094-01-01T00:00:00.000Z';
  const items = Array.from({ length: count }, (_, n) =>
    withIndexKeys(
      membershipItem({
        ...membershipKeys.membership(tenantId, `C${n}`, `M${n}`),
        type: 'membership', tenantId, customerId: `C${n}`, id: `M${n}`, clubId: 'club', classId: 'class', clubName: 'Gold',
        variantId: null, variantName: null, ownerId: null, status: 'paused', shippingPreference: 'ship', pickupLocation: null,
        pausedFrom: '2094-01-01', pausedUntil: day, joinedAt: at, version: 1, createdAt: at, updatedAt: at,
        updatedBy: { kind: 'system', id: 'test', name: null },
      }),
      '2094-01-01',
    ),
  );
  for (let i = 0; i < items.length; i += 25) {
    await direct.send(new BatchWriteCommand({ RequestItems: { [tableName]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) } }));
  }
  return items;
}

const statusOf = async (item: MembershipItem) =>
  ((await direct.send(new GetCommand({ TableName: tableName, Key: { pk: item.pk, sk: item.sk }, ConsistentRead: true }))).Item as MembershipItem);

const run = (now: string, options: { timeLeftMs?: () => number; bite?: number; shardsInParallel?: number } = {}) =>
  runMembershipDueWork({ now: new Date(now), timeLeftMs: () => 300_000, bite: 7, itemsPerSecondPerShard: 1000, ...options });

describe('The scheduled due work on a busy day', () => {
  it('spreads one day over its shards, each key a day and a shard', async () => {
    const items = await pausedUntil('2094-02-01', 64);
    const partitions = new Set(items.map((item) => item.gsi2pk));
    expect(partitions.size).toBeGreaterThan(8);
    for (const partition of partitions) expect(dueKeys.partitionsOf('2094-02-01')).toContain(partition);
  });

  it('finishes the day though reads and writes are throttled, retrying with backoff', async () => {
    const items = await pausedUntil('2094-05-02', 60);
    let transactions = 0;
    const queried = new Set<string>();
    injectFaults((command, input) => {
      // The first read of each shard is throttled, and two transactions of every five.
      if (command === 'QueryCommand' && input.IndexName === 'gsi2' && !queried.has(input.ExpressionAttributeValues[':due'])) {
        queried.add(input.ExpressionAttributeValues[':due']);
        return throttled();
      }
      if (command === 'TransactWriteCommand') {
        transactions += 1;
        if (transactions % 5 === 1) return throttled();
        if (transactions % 5 === 3) return throttledTransaction();
      }
      return undefined;
    });

    const result = await run('2094-05-02T00:10:00Z');

    expect(result).toMatchObject({ today: '2094-05-02', done: 60, failed: 0, finished: true });
    expect(result.throttleRetries).toBeGreaterThanOrEqual(16 + 20);
    stub!.restore();
    stub = undefined;
    for (const item of items) expect(await statusOf(item)).toMatchObject({ status: 'active', pausedUntil: null, version: 2 });
  });

  it('goes on past a membership whose write keeps failing, and does it in the next run', async () => {
    const items = await pausedUntil('2094-06-03', 20);
    const broken = items[7]!;
    injectFaults((command, input) =>
      command === 'TransactWriteCommand' && input.TransactItems.some((w: any) => w.Put?.Item?.sk === broken.sk && w.Put.Item.pk === broken.pk)
        ? new Error('Something broke')
        : undefined,
    );
    const first = await run('2094-06-03T00:10:00Z');
    expect(first).toMatchObject({ done: 19, failed: 1, finished: true });
    stub!.restore();
    stub = undefined;
    expect((await statusOf(broken)).status).toBe('paused');
    // The day is not marked drained: the next run (a day later) finds it and finishes it.
    const next = await run('2094-06-04T02:00:00Z');
    expect(next.days).toContain('2094-06-03');
    expect(next).toMatchObject({ done: 1, failed: 0 });
    expect((await statusOf(broken)).status).toBe('active');
  });

  it('does what is due though the membership changed after the index showed it (a rename in between)', async () => {
    const items = await pausedUntil('2094-08-06', 3);
    const renamed = items[1]!;
    let renames = 0;
    injectFaults((command, input) => {
      // Just before the job's write of this membership, another writer changes it (its club's
      // new name, as the class-assignment consumer writes it): the version the job read is gone.
      if (command === 'TransactWriteCommand' && renames === 0 && input.TransactItems.some((w: any) => w.Put?.Item?.pk === renamed.pk && w.Put.Item.sk === renamed.sk)) {
        renames += 1;
        return new RivalFirst(() =>
          direct.send(
            new UpdateCommand({
              TableName: tableName,
              Key: { pk: renamed.pk, sk: renamed.sk },
              UpdateExpression: 'SET clubName = :name, #v = #v + :one',
              ExpressionAttributeNames: { '#v': 'version' },
              ExpressionAttributeValues: { ':name': 'Gold Reserve', ':one': 1 },
            }),
          ),
        );
      }
      return undefined;
    });
    const result = await run('2094-08-06T00:10:00Z');
    stub!.restore();
    stub = undefined;
    expect(renames).toBe(1);
    expect(result).toMatchObject({ done: 3, skipped: 0, failed: 0 });
    expect(await statusOf(renamed)).toMatchObject({ status: 'active', clubName: 'Gold Reserve', version: 3 });
  });

  it('stops when its time runs out, and the next run carries on where it stopped', async () => {
    const items = await pausedUntil('2094-07-05', 30);
    let writes = 0;
    injectFaults((command) => {
      if (command === 'TransactWriteCommand') writes += 1;
      return undefined;
    });
    // Time runs out after 10 writes (Lambda's remaining time drops under the run's reserve).
    const first = await run('2094-07-05T00:10:00Z', { timeLeftMs: () => (writes >= 10 ? 1_000 : 300_000), bite: 1, shardsInParallel: 2 });
    expect(first.finished).toBe(false);
    expect(first.done).toBeGreaterThanOrEqual(10);
    expect(first.done).toBeLessThan(30);
    const second = await run('2094-07-05T00:25:00Z');
    expect(second).toMatchObject({ finished: true, failed: 0 });
    expect(first.done + second.done).toBe(30);
    stub!.restore();
    stub = undefined;
    for (const item of items) expect((await statusOf(item)).version).toBe(2);
    // Each resume's timeline line is written once.
    const events = await direct.send(
      new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk AND begins_with(sk, :h)', ExpressionAttributeValues: { ':pk': items[0]!.pk, ':h': 'H#MEMBERSHIP#' } }),
    );
    expect(events.Items).toHaveLength(1);
  });
});
