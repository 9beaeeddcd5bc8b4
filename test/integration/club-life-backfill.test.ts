import { describe, expect, it } from '@jest/globals';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '../../shared/db/client';
import { LEGACY_PAUSE_DUE_PARTITION, membershipKeys } from '../../shared/clubs/keys';
import { isoDate } from '../../shared/clock';
import { moveDueKeys } from '../../scripts/backfill-club-life';
import { call, newTenant } from '../support/invoke';
import { clubsFactory } from '../support/factories/clubs';

/**
 * `scripts/backfill-club-life.ts`, its first part: paused memberships written when every
 * winery's pauses waited under one due key (`DUE#PAUSE`) move to their day's shard, a page at a
 * time, with nothing else of them changed.
 */
const tenantId = newTenant('club-life-backfill');
const { staffer, club, person, join } = clubsFactory(tenantId);

describe('scripts/backfill-club-life.ts: due keys', () => {
  it('moves every paused membership off the old shared due key to its day and shard, leaving its version', async () => {
    const reserve = await club({ name: 'Reserve' });
    const people = await Promise.all([person(), person(), person()]);
    const memberships = await Promise.all(people.map((p) => join(p.id, reserve)));
    const keys = people.map((p, i) => membershipKeys.membership(tenantId, p.id, memberships[i]!.id));
    for (const [i, p] of people.entries()) {
      const paused = await call('POST', `/v1/customers/${p.id}/memberships/${memberships[i]!.id}/pause`, { as: staffer, body: { until: '2093-01-01' } });
      expect(paused.status).toBe(200);
    }
    const read = (key: { pk: string; sk: string }) => dynamo.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true })).then((r) => r.Item!);
    const before = await Promise.all(keys.map(read));
    // As the old code left them: under the one key, without their due day.
    for (const key of keys) {
      await dynamo.send(
        new UpdateCommand({
          TableName: tableName,
          Key: key,
          UpdateExpression: 'SET gsi2pk = :legacy, gsi2sk = :sk REMOVE nextDueOn',
          ExpressionAttributeValues: { ':legacy': LEGACY_PAUSE_DUE_PARTITION, ':sk': `2093-01-01#${key.sk}` },
        }),
      );
    }

    expect(await moveDueKeys(isoDate())).toBeGreaterThanOrEqual(3);
    const after = await Promise.all(keys.map(read));
    after.forEach((item, i) => {
      expect(item).toMatchObject({ gsi2pk: before[i]!.gsi2pk, gsi2sk: before[i]!.gsi2sk, nextDueOn: '2093-01-01', version: before[i]!.version });
      expect(item.gsi2pk).not.toBe(LEGACY_PAUSE_DUE_PARTITION);
    });
    // Nothing is left to move.
    expect(await moveDueKeys(isoDate())).toBe(0);
  });
});
