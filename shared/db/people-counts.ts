import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from './client';
import type { CustomerItem } from './customer-items';
import { tenantKeys } from './keys';
import { writeOncePerRecord } from './record-once';

/**
 * The dashboard counts per tenant, kept by the `people-counts` consumer rather than counted on
 * read: one item, adjusted once per stream record.
 */
export interface PeopleCounts {
  people: number;
  clubMembers: number;
}

const isMember = (item: CustomerItem | undefined) => (item?.clubIds ?? []).length > 0;

export function countsDelta(oldItem: CustomerItem | undefined, newItem: CustomerItem | undefined): PeopleCounts {
  return {
    people: (newItem ? 1 : 0) - (oldItem ? 1 : 0),
    clubMembers: (isMember(newItem) ? 1 : 0) - (isMember(oldItem) ? 1 : 0),
  };
}

export async function applyCountsDelta(tenantId: string, eventId: string, delta: PeopleCounts): Promise<void> {
  if (delta.people === 0 && delta.clubMembers === 0) return;
  await writeOncePerRecord(tenantId, 'people-counts', eventId, [
    {
      name: 'counts',
      write: {
        Update: {
          TableName: tableName,
          Key: tenantKeys.counts(tenantId),
          UpdateExpression: 'ADD people :people, clubMembers :clubMembers SET #type = :type',
          ExpressionAttributeNames: { '#type': 'type' },
          ExpressionAttributeValues: { ':people': delta.people, ':clubMembers': delta.clubMembers, ':type': 'counts' },
        },
      },
    },
  ]);
}

export async function readCounts(tenantId: string): Promise<PeopleCounts> {
  const result = await dynamo.send(new GetCommand({ TableName: tableName, Key: tenantKeys.counts(tenantId) }));
  return { people: Number(result.Item?.people ?? 0), clubMembers: Number(result.Item?.clubMembers ?? 0) };
}
