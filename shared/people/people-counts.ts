import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { CustomerSummaryQuery } from './customer-schemas';
import { dynamo, tableName } from '../db/client';
import type { CustomerItem } from './customer-items';
import { countsKeys } from './keys';
import { filterLabel, filterLabels } from './people-listing';
import { recordMarker, writeOncePerRecord } from '../db/record-once';
import { transactWrite, type NamedWrite } from '../db/transact';

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
const labelsOf = (item: CustomerItem | undefined) => new Set(item ? filterLabels(item) : []);

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

/** One label's counters moved by `delta`. */
const countsWrite = (tenantId: string, label: string, delta: PeopleCounts): NamedWrite => ({
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
});

export async function applyCountsDelta(tenantId: string, eventId: string, deltas: Map<string, PeopleCounts>): Promise<void> {
  const writes = [...deltas].map(([label, delta]) => countsWrite(tenantId, label, delta));
  // A person with very many flags and clubs needs more than one transaction; each part has its
  // own marker, so a redelivered record applies each part once.
  for (let start = 0; start < writes.length; start += COUNTERS_PER_TRANSACTION) {
    const part = start === 0 ? eventId : `${eventId}#${start / COUNTERS_PER_TRANSACTION}`;
    await writeOncePerRecord(tenantId, 'people-counts', part, writes.slice(start, start + COUNTERS_PER_TRANSACTION));
  }
}

/** A transaction holds at most 100 writes. */
const WRITES_PER_TRANSACTION = 100;

/**
 * Many records' deltas of one tenant, summed: each transaction holds the marker of every record
 * it applies and one update per label with the records' deltas added up, so a backlog of
 * thousands of new people (an import) takes a transaction per ~90 people instead of one per
 * person. A transaction that finds a marker (a record applied before) fails as a whole and
 * throws: the caller then applies the records one by one, and the markers keep each one once.
 */
export async function applyCountsDeltas(tenantId: string, records: readonly { eventId: string; deltas: Map<string, PeopleCounts> }[]): Promise<void> {
  let markers: NamedWrite[] = [];
  let sums = new Map<string, PeopleCounts>();
  const flush = async () => {
    if (markers.length === 0) return;
    await transactWrite([...markers, ...[...sums].filter(([, sum]) => sum.people !== 0 || sum.clubMembers !== 0).map(([label, sum]) => countsWrite(tenantId, label, sum))]);
    markers = [];
    sums = new Map();
  };
  for (const { eventId, deltas } of records) {
    if (deltas.size >= WRITES_PER_TRANSACTION) throw new Error('a record with more labels than a transaction holds goes on its own');
    const newLabels = [...deltas.keys()].filter((label) => !sums.has(label)).length;
    if (markers.length + 1 + sums.size + newLabels > WRITES_PER_TRANSACTION) await flush();
    markers.push(recordMarker(tenantId, 'people-counts', eventId, `marker:${eventId}`));
    for (const [label, delta] of deltas) {
      const sum = sums.get(label) ?? { people: 0, clubMembers: 0 };
      sums.set(label, { people: sum.people + delta.people, clubMembers: sum.clubMembers + delta.clubMembers });
    }
  }
  await flush();
}

/** The counts of the people one filter selects (the tenant's totals without one): one GetItem. */
export async function readCounts(tenantId: string, filter: CustomerSummaryQuery = {}): Promise<PeopleCounts> {
  const result = await dynamo.send(
    new GetCommand({ TableName: tableName, Key: countsKeys.counts(tenantId, filterLabel(filter)) }),
  );
  return { people: Number(result.Item?.people ?? 0), clubMembers: Number(result.Item?.clubMembers ?? 0) };
}
