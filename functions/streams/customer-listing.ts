import type { CustomerItem } from '../../shared/people/customer-items';
import { applyListingChanges, syncListingEntries } from '../../shared/people/people-listing';
import { streamHandler, type StreamChange } from '../../shared/streams/stream-handler';

const asPerson = (item: Record<string, unknown> | undefined) => item as CustomerItem | undefined;

/**
 * Keeps each person's entries in the people listings in step with their profile
 * (`shared/people/people-listing.ts`): a batch at once, each person's images in it in stream
 * order, the writes in BatchWriteItem requests; nothing for a change of no listed field.
 * A batch that fails as a whole goes record by record.
 */
export const handler = streamHandler(
  'customer-listing',
  (change) => syncListingEntries(asPerson(change.oldItem), asPerson(change.newItem)),
  {
    together: async (changes) => {
      const byPerson = new Map<string, StreamChange[]>();
      for (const change of changes) {
        const person = asPerson(change.newItem ?? change.oldItem);
        if (person) byPerson.set(person.pk, [...(byPerson.get(person.pk) ?? []), change]);
      }
      await applyListingChanges([...byPerson.values()].map((records) => records.flatMap((record) => [asPerson(record.oldItem), asPerson(record.newItem)])));
    },
  },
);
