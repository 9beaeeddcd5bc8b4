import { batchWrite, type BatchWrite } from '../db/batch-write';
import type { CustomerItem } from './customer-items';
import { listingKeys } from './keys';
import { nameSortKey, numberSortKey, searchText, searchWords, wordText } from './people-search';

/**
 * The people listings: what the people list, its filters and its search read, kept apart from
 * the profile by the `customer-listing` stream consumer (so they trail a write by a moment).
 * This module is the one place that says which labels a person is listed under and what an entry
 * holds; `people-list.ts` reads them, `people-counts.ts` counts by the same filter labels.
 *
 * A person has one entry per label, each an item of its own whose key is where it is read:
 *
 *   label        partition (pk)                 sort key (sk)                 number order (gsi4)
 *   ALL          T#<t>#L#ALL                     <last>␁<first>␁<id>           T#<t>#L#ALL, <number>
 *   FLAG#<key>   T#<t>#L#FLAG#<key>              <last>␁<first>␁<id>           same partition, <number>
 *   CLASS#<id>   T#<t>#L#CLASS#<id>  (own or effective class)                  "
 *   CLUB#<id>    T#<t>#L#CLUB#<id>   (an active or paused membership)          "
 *   W#<c>        T#<t>#L#W#<c>                   <word>␁<last>␁<first>␁<id>    –
 *
 * `W#<c>` are the *word entries*: one per search word of the person (`people-search.ts`: the
 * words of the names, the email, the phone three ways, the number), in the partition of the
 * word's first character, so a search for any prefix is one range of one partition
 * (the key range of the keys that start with the word: `prefixCondition`), read in the order of
 * the word, then by name.
 *
 * Every entry is slim: the person's id and number and their search words (so a search with
 * several words, or with a filter, keeps only the entries whose person every word finds). The
 * list item itself is read from the profiles of the page's people (one BatchGetItem), so a
 * change of what a list *shows* (age verified, club member, class, a flag's title…) writes no
 * entry at all. An entry is written again only when its key or what it holds changes: a name
 * change moves every entry (the name is in every sort key); an email or phone change replaces
 * the words that changed and rewrites the others (they hold the words); a flag, class or club
 * adds or removes that entry only.
 */
export type ListingEntry = {
  pk: string;
  sk: string;
  type: 'listing';
  customerId: string;
  customerNumber: number;
  /**
   * The person's search words as one text (` smith john john@example.com #1042 `), for searches
   * of several words and searches within a filter: DynamoDB's filter of a read (`matchesAllFilter`)
   * and the service's check of each entry (`entryWords`).
   */
  searchText: string;
  /** The same words as a list, in entries written before they held `searchText`. */
  words?: string[];
  /** Number order (`sort=number|newest`) of the labels lists read without `q`. */
  gsi4pk?: string;
  gsi4sk?: string;
};

/** What a person's labels depend on. */
export type ListedPerson = Pick<
  CustomerItem,
  'tenantId' | 'id' | 'customerNumber' | 'firstName' | 'lastName' | 'email' | 'phone' | 'flags' | 'customerClassId' | 'effectiveClassId' | 'clubIds' | 'mergedNumbers'
>;

/** The labels of the filters (and `ALL`): what lists without `q` read, and what the counts are kept by. */
export function filterLabels(person: Pick<ListedPerson, 'flags' | 'customerClassId' | 'effectiveClassId' | 'clubIds'>): string[] {
  const labels = new Set<string>(['ALL']);
  for (const flag of person.flags ?? []) labels.add(`FLAG#${flag}`);
  for (const classId of new Set([person.customerClassId, person.effectiveClassId])) {
    if (classId) labels.add(`CLASS#${classId}`);
  }
  for (const clubId of person.clubIds ?? []) labels.add(`CLUB#${clubId}`);
  return [...labels];
}

/** The label of the one filter a list or count reads (`ALL` without one). */
export function filterLabel(filter: { flag?: string; classId?: string; clubId?: string }): string {
  if (filter.flag) return `FLAG#${filter.flag}`;
  if (filter.classId) return `CLASS#${filter.classId}`;
  if (filter.clubId) return `CLUB#${filter.clubId}`;
  return 'ALL';
}

/** The word entries' label: the partition of the word's first character. */
export const wordLabel = (text: string) => `W#${text.slice(0, 1)}`;

/** Where a word entry of `text` sorts: by the word, then by name. */
export const wordSortKey = (text: string, nameKey: string) => `${text}\u0001${nameKey}`;

/** Every listing entry of a person. */
export function listingEntries(person: ListedPerson): ListingEntry[] {
  const words = searchWords({ ...person, phone: person.phone ?? null });
  const nameKey = nameSortKey(person);
  const base = { type: 'listing' as const, customerId: person.id, customerNumber: person.customerNumber, searchText: searchText(words) };
  const filters = filterLabels(person).map((label): ListingEntry => {
    const partition = listingKeys.partition(person.tenantId, label);
    return { pk: partition, sk: nameKey, ...base, gsi4pk: partition, gsi4sk: numberSortKey(person) };
  });
  const texts = [...new Set(words.map(wordText))];
  const wordEntries = texts.map(
    (text): ListingEntry => ({ pk: listingKeys.partition(person.tenantId, wordLabel(text)), sk: wordSortKey(text, nameKey), ...base }),
  );
  return [...filters, ...wordEntries];
}

const keyOf = (entry: { pk: string; sk: string }) => `${entry.pk}\u0000${entry.sk}`;

/**
 * The writes a person's changes mean for the listings, from their images in stream order (the
 * item before the first change, then after each): the entries of the last image that any earlier
 * image lacks or holds otherwise are put, the entries of any earlier image the last one lacks are
 * deleted; equal entries are not written. Every image counts, not only the first, because the
 * listings may already stand at any of them (records delivered again after a retry).
 */
export function listingChanges(images: readonly (ListedPerson | undefined)[]): { put: ListingEntry[]; remove: { pk: string; sk: string }[] } {
  const last = images.at(-1);
  const after = last ? listingEntries(last) : [];
  const kept = new Set(after.map(keyOf));
  const earlier = images.slice(0, -1).map((image) => new Map((image ? listingEntries(image) : []).map((entry) => [keyOf(entry), JSON.stringify(entry)])));
  const removed = new Map<string, { pk: string; sk: string }>();
  for (const entries of earlier) {
    for (const [key, json] of entries) {
      if (kept.has(key)) continue;
      const { pk, sk } = JSON.parse(json) as ListingEntry;
      removed.set(key, { pk, sk });
    }
  }
  return {
    put: after.filter((entry) => earlier.some((entries) => entries.get(keyOf(entry)) !== JSON.stringify(entry))),
    remove: [...removed.values()],
  };
}

/**
 * Brings the listings in line with changes of many people at once: for each person their images
 * in stream order (`listingChanges`), all the writes in BatchWriteItem requests. Plain puts and deletes: an entry is a fact about the person's state,
 * written again with the same content when a batch is delivered again, and a later record of
 * the same person always comes after (Lambda retries a shard from the failed record on).
 */
export async function applyListingChanges(people: readonly (readonly (ListedPerson | undefined)[])[]): Promise<void> {
  const writes: BatchWrite[] = [];
  for (const images of people) {
    const { put, remove } = listingChanges(images);
    for (const Key of remove) writes.push({ DeleteRequest: { Key } });
    for (const Item of put) writes.push({ PutRequest: { Item } });
  }
  await batchWrite(writes);
}

/** The listings after one person's change (a record on its own). */
export const syncListingEntries = (oldItem: ListedPerson | undefined, newItem: ListedPerson | undefined) => applyListingChanges([[oldItem, newItem]]);
