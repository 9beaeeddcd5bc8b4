import type { CustomerItem } from '../../shared/people/customer-items';
import { applyCountsDelta, applyCountsDeltas, countsDelta } from '../../shared/people/people-counts';
import { streamHandler, type StreamChange } from '../../shared/streams/stream-handler';

/** What a record means for the counts: its tenant and how each label moves. */
function deltasOf(change: StreamChange) {
  const oldItem = change.oldItem as CustomerItem | undefined;
  const newItem = change.newItem as CustomerItem | undefined;
  return { tenantId: (newItem ?? oldItem)?.tenantId, eventId: change.eventId, deltas: countsDelta(oldItem, newItem) };
}

/**
 * Keeps the dashboard counts per filter label: people, and people with a live club membership.
 * A batch is summed per tenant and applied in a few transactions (an import's backlog drains
 * fast); a batch that cannot be (a record applied before) goes record by record.
 */
export const handler = streamHandler(
  'people-counts',
  async (change) => {
    const { tenantId, eventId, deltas } = deltasOf(change);
    if (tenantId) await applyCountsDelta(tenantId, eventId, deltas);
  },
  {
    together: async (changes) => {
      const byTenant = new Map<string, { eventId: string; deltas: ReturnType<typeof countsDelta> }[]>();
      for (const { tenantId, eventId, deltas } of changes.map(deltasOf)) {
        if (tenantId && deltas.size > 0) byTenant.set(tenantId, [...(byTenant.get(tenantId) ?? []), { eventId, deltas }]);
      }
      for (const [tenantId, records] of byTenant) await applyCountsDeltas(tenantId, records);
    },
  },
);
