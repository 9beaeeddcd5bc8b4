import { getItems, itemAt } from '../db/batch-get';
import { queryPage, type PageRequest } from '../db/cursor';
import { NotFoundError } from '../errors';
import type { CustomerItem } from '../people/customer-items';
import type { CustomerListItem, ListCustomersQuery } from '../people/customer-schemas';
import { customerKeys } from '../people/keys';
import { toCustomerListItem } from '../people/people-list';
import { segmentKeys } from './keys';

/**
 * A segment's people, as the people list shows them: the segment's entries are one partition on
 * gsi1 (by name) and gsi4 (by customer number), so a page is one Query for the ids in the order
 * asked, then one BatchGetItem of those people's profiles with the segment itself (a deleted
 * segment is a 404, whatever entries its removal has not reached yet). Two requests a page (three
 * at `limit=100`: a BatchGetItem takes 100 keys).
 */
const SORTS = {
  name: { IndexName: 'gsi1', pk: 'gsi1pk', ScanIndexForward: true },
  number: { IndexName: 'gsi4', pk: 'gsi4pk', ScanIndexForward: false },
  newest: { IndexName: 'gsi4', pk: 'gsi4pk', ScanIndexForward: false },
} as const;

export type SegmentSort = keyof typeof SORTS;

/**
 * One page of a segment's people's ids, in the order asked (`order` reads a sort the other way);
 * the cursor opens only for this segment, sort and direction.
 */
export async function segmentPeopleIds(tenantId: string, segmentId: string, sort: SegmentSort, page: PageRequest, order?: 'asc' | 'desc') {
  const { IndexName, pk, ScanIndexForward } = SORTS[sort];
  const forward = order ? order === 'asc' : ScanIndexForward;
  const result = await queryPage<{ customerId: string }>(
    tenantId,
    `segment-people\n${segmentId}\n${sort}\n${forward ? 'asc' : 'desc'}`,
    {
      IndexName,
      KeyConditionExpression: `${pk} = :segment`,
      ExpressionAttributeValues: { ':segment': segmentKeys.members(tenantId, segmentId) },
      ScanIndexForward: forward,
      ProjectionExpression: 'customerId',
    },
    page,
  );
  return { ids: result.items.map((item) => item.customerId), nextCursor: result.nextCursor };
}

/** `GET /v1/customers?segmentId=`: a page of the segment's people as list items. */
export async function listSegmentPeople(
  tenantId: string,
  segmentId: string,
  query: Pick<ListCustomersQuery, 'sort' | 'order' | 'limit' | 'cursor'>,
): Promise<{ items: CustomerListItem[]; nextCursor: string | null }> {
  const { ids, nextCursor } = await segmentPeopleIds(tenantId, segmentId, query.sort, query, query.order);
  const segmentKey = segmentKeys.segment(tenantId, segmentId);
  const items = await getItems([segmentKey, ...ids.map((id) => customerKeys.profile(tenantId, id))]);
  if (!itemAt(items, segmentKey)) throw new NotFoundError('segment');
  const people = new Map((items.filter((item) => item.type === 'customer') as unknown as CustomerItem[]).map((person) => [person.id, person]));
  // Someone gone since their entry was read is left out.
  return { items: ids.flatMap((id) => (people.has(id) ? [toCustomerListItem(people.get(id)!)] : [])), nextCursor };
}
