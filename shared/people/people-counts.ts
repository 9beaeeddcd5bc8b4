import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { filterLabel, filterLabels } from './people-search';
import type { CustomerSummaryQuery } from './customer-schemas';
import { dynamo, tableName } from '../db/client';
import type { CustomerItem } from './customer-items';
import { countsKeys } from './keys';
import { listedPerson } from './people-listing';
import { writeOncePerRecord } from '../db/record-once';
import type { NamedWrite } from '../db/transact';

/**
 * The dashboard counts, kept by the `people-counts` consumer rather than counted on read: one
 * counter item per filter label of the people list (`ALL`: the tenant's totals; `FLAG#…`,
 * `CLASS#…`, `CLUB#…`), each adjusted once per stream record. `GET /v1/customers/summary` is
 * one GetItem, with or without a filter.
 */
export interface PeopleCounts {
  people: number;
  clubMembers: number;
}

/** A transaction holds at most 100 writes: the marker and 99 counters. */
const COUNTERS_PER_TRANSACTION = 99;

const isMember = (item: CustomerItem | undefined) => (item?.clubIds ?? []).length > 0;
const labelsOf = (item: CustomerItem | undefined) => new Set(item ? filterLabels(listedPerson(item)) : []);

/** How each label's counts move with one profile change; labels that do not move are left out. */
export function countsDelta(oldItem: CustomerItem | undefined, newItem: CustomerItem | undefined): Map<string, PeopleCounts> {
  const before = labelsOf(oldItem);
  const after = labelsOf(newItem);
  const deltas = new Map<string, PeopleCounts>();
  for (const label of new Set([...before, ...after])) {
    const was = before.has(label);
    const is = after.has(label);
    const delta = {
      people: Number(is) - Number(was),
      clubMembers: Number(is && isMember(newItem)) - Number(was && isMember(oldItem)),
    };
    if (delta.people !== 0 || delta.clubMembers !== 0) deltas.set(label, delta);
  }
  return deltas;
}

export async function applyCountsDelta(tenantId: string, eventId: string, deltas: Map<string, PeopleCounts>): Promise<void> {
  const writes: NamedWrite[] = [...deltas].map(([label, delta]) => ({
    name: `counts ${label}`,
    write: {
      Update: {
        TableName: tableName,
        Key: countsKeys.counts(tenantId, label),
        UpdateExpression: 'ADD people :people, clubMembers :clubMembers SET #type = :type',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: { ':people': delta.people, ':clubMembers': delta.clubMembers, ':type': 'counts' },
      },
    },
  }));
  // A person with very many flags and clubs needs more than one transaction; each part has its
  // own marker, so a redelivered record applies each part once.
  for (let start = 0; start < writes.length; start += COUNTERS_PER_TRANSACTION) {
    const part = start === 0 ? eventId : `${eventId}#${start / COUNTERS_PER_TRANSACTION}`;
    await writeOncePerRecord(tenantId, 'people-counts', part, writes.slice(start, start + COUNTERS_PER_TRANSACTION));
  }
}

/** The counts of the people one filter selects (the tenant's totals without one): one GetItem. */
export async function readCounts(tenantId: string, filter: CustomerSummaryQuery = {}): Promise<PeopleCounts> {
  const result = await dynamo.send(
    new GetCommand({ TableName: tableName, Key: countsKeys.counts(tenantId, filterLabel(filter)) }),
  );
  return { people: Number(result.Item?.people ?? 0), clubMembers: Number(result.Item?.clubMembers ?? 0) };
}
