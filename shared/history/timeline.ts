import type * as z from '../schemas/zod';
import { queryPage, type PageRequest } from '../db/cursor';
import { assertCustomerExists } from '../people/customer-exists';
import { timelineKeys } from './keys';
import type { TimelineEntry as TimelineEntrySchema } from './history-schemas';

/**
 * A person's timeline is index gsi3: any item written with `timelineFields(...)` appears on it,
 * newest first, so a kind added later (orders, certificates, …) needs no change here.
 */
export type TimelineEntry = z.infer<typeof TimelineEntrySchema>;

/** Spread into an item to put it on its person's timeline. */
export function timelineFields(tenantId: string, customerId: string, entry: TimelineEntry) {
  return {
    ...timelineKeys.entry(tenantId, customerId, entry.at, entry.refId),
    timeline: entry,
  };
}

export async function listTimeline(
  tenantId: string,
  customerId: string,
  page: PageRequest,
): Promise<{ items: TimelineEntry[]; nextCursor: string | null }> {
  const result = await queryPage(
    tenantId,
    `timeline\n${customerId}`,
    {
      IndexName: 'gsi3',
      KeyConditionExpression: 'gsi3pk = :pk',
      ExpressionAttributeValues: { ':pk': timelineKeys.partition(tenantId, customerId) },
      ScanIndexForward: false,
    },
    page,
  );
  if (result.items.length === 0 && !page.cursor) await assertCustomerExists(tenantId, customerId);
  return { items: result.items.map((item) => item.timeline as TimelineEntry), nextCursor: result.nextCursor };
}
