import { expect } from '@jest/globals';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '../../../shared/db/client';
import { call, type Caller } from '../invoke';
import { deliver } from '../streams';

/**
 * Test data for segments, made through the API as staff would make it, and the consumers that
 * keep them fed with the records DynamoDB Local's stream produced: clubs' class assignment and
 * order statistics (which the rules read), then memberships, then the background counts (each
 * step of a count wakes the next, so they go round until every segment is counted).
 */
export async function createSegment(as: Caller, body: Record<string, unknown>): Promise<{ id: string; version: number }> {
  const created = await call('POST', '/v1/segments', { as, body: { name: 'A segment', ...body } });
  expect(created.status).toBe(201);
  return created.body;
}

const FEEDERS = ['class-assignment', 'person-stats', 'segment-membership', 'segment-counting'] as const;

/** Background jobs of the tenant's segments still running (counts, refreshes, removals). */
async function jobsRunning(tenantId: string): Promise<number> {
  const result = await dynamo.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :jobs)',
      ExpressionAttributeValues: { ':pk': `T#${tenantId}`, ':jobs': 'SEGMENT-COUNT#' },
      ConsistentRead: true,
    }),
  );
  return result.Count ?? 0;
}

/** Runs the consumers segments depend on until every segment of the tenant is counted, no job runs, and nothing moves. */
export async function settleSegments(as: Caller, rounds = 12): Promise<void> {
  for (let round = 1; round <= rounds; round += 1) {
    for (const consumer of FEEDERS) expect({ consumer, failures: (await deliver(consumer, as.tenantId)).batchItemFailures }).toEqual({ consumer, failures: [] });
    if (round < 2) continue;
    const segments = await allSegments(as);
    if (segments.every((segment) => segment.countedAt !== null) && (await jobsRunning(as.tenantId)) === 0) return;
  }
  throw new Error('Segments were not counted after the consumers ran');
}

export async function allSegments(as: Caller): Promise<{ id: string; name: string; count: number | null; countedAt: string | null; version: number }[]> {
  const listed = await call('GET', '/v1/segments?limit=100', { as });
  expect(listed.status).toBe(200);
  return listed.body.items;
}
