import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '../db/client';
import { getItems } from '../db/batch-get';
import { openCursor, prefixCondition, sealCursor } from '../db/cursor';
import type { CustomerListItem, ListCustomersQuery } from './customer-schemas';
import { isClubMember, needsAgeVerification, type CustomerItem } from './customer-items';
import { NO_ORDERS } from './person-stats';
import { customerKeys, listingKeys } from './keys';
import { filterLabel, wordLabel, type ListingEntry } from './people-listing';
import { matchesAll, matchesAllFilter, nationalDigits, normalizeText, numberSortKey, phoneDigits, queryWords, rangeWord, wordMatches, wordsOfText, wordText } from './people-search';
import { ValidationError } from '../errors';

/**
 * `GET /v1/customers` (and the export's pages): a page of the people listings
 * (`people-listing.ts`), then the page's people read from their profiles (one BatchGetItem), so
 * a list shows what the profile says now. How a page is found:
 *
 * - **No `q`**: the partition of the filter (`ALL` without one), in the table by name or on
 *   gsi4 by number (either way round, `order`): one Query with `Limit`. A second filter is
 *   checked on the profiles read.
 * - **`q`, by name**: the range of the query's longest word in the word entries, read in the
 *   order of the word, then by name (`smith` lists the Smiths by first name, then Smithers…);
 *   the other words and the duplicates (a person whose email begins with the same word) are
 *   left out as the range is read. A page holds `limit` people whenever that many exist.
 * - **`q`, by number or newest**: a first bite of the everyone list by number, keeping the
 *   people the words find (a common word fills the page from it); when it does not, the range
 *   of the query's longest word, read whole when it fits one 1 MB page (~5 000 slim entries)
 *   and sorted; only a word both rare among everyone and too common for one page goes on
 *   through everyone by number. So `mar` or `john smith` by number is one Query and the
 *   profiles, or two Queries and the profiles.
 * - **`q` with a filter**: the filter's partition in the order asked, keeping the people the
 *   words find.
 *
 * Reads on until the page is full or the list ends, at most `MAX_READS` Queries a page (a
 * bound that only a rare combination within a big winery can reach: then the page comes back
 * short with its cursor). A filtered read (several words, or a word within a filter) asks first
 * for `READ_AHEAD` entries, which is enough when matches are dense (`jo sm`); when they are sparse
 * (`john smith` among 4 000 Smiths) each further Query reads as much as DynamoDB gives at once
 * (1 MB, ~5 000 slim entries), so a page is full in a few requests however big the winery.
 */
const MAX_READS = 6;
/** Entries the first filtered read asks for: matches can be dense, and a read is billed by size. */
const READ_AHEAD = 200;

type Position = Record<string, unknown>;
/** How far one read of a list goes: at most `reads` Queries (`MAX_READS`), the first a bite of `READ_AHEAD` entries unless `bite` is false. */
interface ReadOptions {
  reads?: number;
  bite?: boolean;
}
type Sort = ListCustomersQuery['sort'];
interface Page {
  ids: string[];
  /** Profiles already read to check a filter. */
  profiles: Map<string, CustomerItem>;
  next: Position | undefined;
}

/** What a cursor carries: how the page was found (`i` a partition, `w` a word range, `s` a small range sorted) and where to go on. */
type CursorState = { m: 'i' | 'w'; k: Position } | { m: 's'; after: number };

export function toCustomerListItem(item: CustomerItem): CustomerListItem {
  return {
    id: item.id,
    customerNumber: item.customerNumber,
    firstName: item.firstName,
    lastName: item.lastName,
    email: item.email,
    phone: item.phone ?? null,
    flags: [...(item.flags ?? [])],
    customerClassId: item.customerClassId ?? null,
    effectiveClassId: item.effectiveClassId ?? null,
    isClubMember: isClubMember(item),
    needsAgeVerification: needsAgeVerification(item),
    stats: { ...NO_ORDERS, ...item.stats },
    createdAt: item.createdAt,
  };
}

/** Which people a page of the list holds, in order, and where the next page starts. */
export async function listCustomerIds(
  tenantId: string,
  query: ListCustomersQuery,
): Promise<{ ids: string[]; profiles: Map<string, CustomerItem>; nextCursor: string | null }> {
  const words = query.q ? queryWords(query.q) : [];
  const facets = (['flag', 'classId', 'clubId'] as const).filter((name) => query[name] !== undefined);
  // `order` reads a sort the other way round; a reversed list is a list of its own for cursors.
  const ascending = (query.order ?? (query.sort === 'name' ? 'asc' : 'desc')) === 'asc';
  const direction = ascending === (query.sort === 'name') ? '' : ' reversed';
  const listId = `people\n${query.sort}${direction}\n${words.join(' ')}\n${facets.map((name) => `${name}=${query[name]}`).join('&')}`;
  const state = await openListCursor(tenantId, listId, query, words, facets);
  const others = facets.slice(1).map((name) => ({ name, value: query[name]! }));
  const from = (mode: 'i' | 'w') => (state?.m === mode ? state.k : undefined);
  const answer = async (page: Page, next: CursorState | undefined) => ({
    ids: page.ids,
    profiles: page.profiles,
    nextCursor: await sealCursor(tenantId, listId, next),
  });

  if (words.length === 0 || facets.length > 0) {
    const label = filterLabel(facets[0] ? { [facets[0]]: query[facets[0]] } : {});
    const page = await readPartition(tenantId, label, query.sort, ascending, query.limit, from('i'), words, others);
    return answer(page, page.next && { m: 'i', k: page.next });
  }
  if (query.sort === 'name') {
    const page = await readWordRange(tenantId, words, ascending, query.limit, from('w'));
    return answer(page, page.next && { m: 'w', k: page.next });
  }
  // By number: going on through everyone, or through a range sorted whole, as the first page did.
  if (state?.m === 'i') {
    const page = await readPartition(tenantId, 'ALL', query.sort, ascending, query.limit, state.k, words, []);
    return answer(page, page.next && { m: 'i', k: page.next });
  }
  const sortedPage = (sorted: { ids: string[]; after: number | undefined }) =>
    answer({ ids: sorted.ids, profiles: new Map(), next: undefined }, sorted.after === undefined ? undefined : { m: 's', after: sorted.after });
  if (state?.m === 's') {
    const sorted = await readWholeRange(tenantId, words, ascending, query.limit, state.after);
    if (sorted) return sortedPage(sorted);
    // The range outgrew one Query since the first page: on through everyone by number, from the last number shown.
    const page = await readPartition(tenantId, 'ALL', query.sort, ascending, query.limit, await positionAtNumber(tenantId, 'ALL', numberSortKey({ customerNumber: state.after })), words, []);
    return answer(page, page.next && { m: 'i', k: page.next });
  }
  // A first page: a bite of everyone (enough for a common word), else the word's range sorted whole, else everyone on.
  const bite = await readPartition(tenantId, 'ALL', query.sort, ascending, query.limit, undefined, words, [], { reads: 1 });
  if (bite.ids.length === query.limit || !bite.next) return answer(bite, bite.next && { m: 'i', k: bite.next });
  const sorted = await readWholeRange(tenantId, words, ascending, query.limit, undefined);
  if (sorted) return sortedPage(sorted);
  const rest = await readPartition(tenantId, 'ALL', query.sort, ascending, query.limit - bite.ids.length, bite.next, words, [], { reads: MAX_READS - 2, bite: false });
  return answer({ ids: [...bite.ids, ...rest.ids], profiles: new Map(), next: rest.next }, rest.next && { m: 'i', k: rest.next });
}

/** `GET /v1/customers`: the page's people as the list shows them. */
export async function listCustomers(tenantId: string, query: ListCustomersQuery): Promise<{ items: CustomerListItem[]; nextCursor: string | null }> {
  const page = await listCustomerIds(tenantId, query);
  const missing = page.ids.filter((id) => !page.profiles.has(id));
  const profiles = new Map([...page.profiles, ...(await readProfiles(tenantId, missing))]);
  // Someone listed but gone since (the listings trail the table by a moment) is left out.
  const items = page.ids.flatMap((id) => (profiles.has(id) ? [toCustomerListItem(profiles.get(id)!)] : []));
  return { items, nextCursor: page.nextCursor };
}

async function readProfiles(tenantId: string, ids: readonly string[]): Promise<Map<string, CustomerItem>> {
  if (ids.length === 0) return new Map();
  const items = (await getItems(ids.map((id) => customerKeys.profile(tenantId, id)), { consistent: false })) as unknown as CustomerItem[];
  return new Map(items.map((item) => [item.id, item]));
}

const keyOf = (entry: ListingEntry, index: boolean): Position =>
  index ? { pk: entry.pk, sk: entry.sk, gsi4pk: entry.gsi4pk, gsi4sk: entry.gsi4sk } : { pk: entry.pk, sk: entry.sk };

/**
 * Reads on through one ordered list of entries, keeping those `keep` accepts (a check of the
 * entry, then of the profiles when there are other filters), until `limit` are kept, the list
 * ends or `MAX_READS` Queries were made. The next page starts after the last entry kept (or
 * read, when the page came back short).
 */
async function readOn(
  input: Omit<QueryCommandInput, 'TableName' | 'Limit' | 'ExclusiveStartKey'>,
  start: Position | undefined,
  limit: number,
  filtered: boolean,
  keep: (entry: ListingEntry) => boolean,
  position: (entry: ListingEntry) => Position,
  checkProfiles?: (ids: string[]) => Promise<Map<string, CustomerItem>>,
  options: ReadOptions = {},
): Promise<Page> {
  const ids: string[] = [];
  const profiles = new Map<string, CustomerItem>();
  let startKey = start;
  const firstBite = options.bite ?? true;
  for (let reads = 0; reads < (options.reads ?? MAX_READS); reads += 1) {
    const limitOfRead = !filtered ? limit : reads === 0 && firstBite ? Math.max(READ_AHEAD, limit * 4) : undefined;
    const result = await dynamo.send(
      // Filtered: a first bite, then whole 1 MB pages (no Limit) while matches stay sparse.
      new QueryCommand({ ...input, TableName: tableName, Limit: limitOfRead, ExclusiveStartKey: startKey }),
    );
    const entries = ((result.Items ?? []) as ListingEntry[]).filter(keep);
    const accepted = checkProfiles ? await checkProfiles(entries.map((entry) => entry.customerId)) : undefined;
    for (const entry of entries) {
      if (accepted && !accepted.has(entry.customerId)) continue;
      if (accepted) profiles.set(entry.customerId, accepted.get(entry.customerId)!);
      ids.push(entry.customerId);
      if (ids.length === limit) {
        // Full: the next page starts after this entry, unless the list ends with it.
        const last = (result.Items ?? []).at(-1) as ListingEntry | undefined;
        const endsHere = !result.LastEvaluatedKey && last?.pk === entry.pk && last.sk === entry.sk;
        return { ids, profiles, next: endsHere ? undefined : position(entry) };
      }
    }
    startKey = result.LastEvaluatedKey;
    if (!startKey) return { ids, profiles, next: undefined };
  }
  return { ids, profiles, next: startKey };
}

/** A filter's partition (or everyone's), by name in the table or by number on gsi4, keeping whom the words and the other filters find. */
function readPartition(
  tenantId: string,
  label: string,
  sort: Sort,
  ascending: boolean,
  limit: number,
  start: Position | undefined,
  words: readonly string[],
  others: readonly { name: 'flag' | 'classId' | 'clubId'; value: string }[],
  options: ReadOptions = {},
): Promise<Page> {
  const byNumber = sort !== 'name';
  const partition = listingKeys.partition(tenantId, label);
  const input = filteredByWords(
    byNumber
      ? { IndexName: 'gsi4', KeyConditionExpression: 'gsi4pk = :p', ExpressionAttributeValues: { ':p': partition }, ScanIndexForward: ascending }
      : { KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': partition }, ScanIndexForward: ascending },
    words,
  );
  const checkProfiles =
    others.length === 0
      ? undefined
      : async (ids: string[]) => {
          const profiles = await readProfiles(tenantId, ids);
          for (const [id, profile] of profiles) if (!others.every((filter) => holds(profile, filter))) profiles.delete(id);
          return profiles;
        };
  return readOn(
    input,
    start,
    limit,
    words.length > 0 || others.length > 0,
    // A list without words keeps every entry (no need to read its words).
    words.length === 0 ? () => true : (entry) => matchesAll(entryWords(entry), words),
    (entry) => keyOf(entry, byNumber),
    checkProfiles,
    options,
  );
}

/** Whether a profile is in a filter's list (as `filterLabels` puts it there). */
function holds(profile: CustomerItem, filter: { name: 'flag' | 'classId' | 'clubId'; value: string }): boolean {
  if (filter.name === 'flag') return (profile.flags ?? []).includes(filter.value);
  if (filter.name === 'classId') return profile.customerClassId === filter.value || profile.effectiveClassId === filter.value;
  return (profile.clubIds ?? []).includes(filter.value);
}

/** An entry's search words (an entry written before it held its `searchText` has them as a list). */
const entryWords = (entry: ListingEntry) => (entry.searchText === undefined ? (entry.words ?? []) : wordsOfText(entry.searchText));

/** The word of this entry (its sort key up to the name). */
const entryText = (entry: ListingEntry) => entry.sk.slice(0, entry.sk.indexOf('\u0001'));

/**
 * A person is kept once in a word's range: at the first of their words the range word finds
 * (the entry of the email `mary.ann@…` is left out when the first name `mary` is listed too).
 */
function firstMatch(entry: ListingEntry, entryWordList: readonly string[], word: string): boolean {
  const texts = entryWordList.filter((candidate) => wordMatches(candidate, word)).map(wordText);
  return texts.length > 0 && texts.reduce((a, b) => (b < a ? b : a)) === entryText(entry);
}

/** Whether a word range's entry is kept: the person every query word finds, once (at the first of their words the range word finds). */
function keptInRange(word: string, words: readonly string[]): (entry: ListingEntry) => boolean {
  return (entry) => {
    const entryWordList = entryWords(entry);
    return firstMatch(entry, entryWordList, word) && matchesAll(entryWordList, words);
  };
}

/** The word entries that start with `word` (a key range: `prefixCondition`). */
const wordRange = (tenantId: string, word: string) => prefixCondition(listingKeys.partition(tenantId, wordLabel(word)), word);

/** A read of entries that DynamoDB answers with only those every query word finds (`matchesAllFilter`); all of them without words. */
function filteredByWords<T extends { ExpressionAttributeValues: Record<string, unknown> }>(input: T, words: readonly string[]): T {
  if (words.length === 0) return input;
  const filter = matchesAllFilter(words);
  return {
    ...input,
    FilterExpression: filter.FilterExpression,
    ExpressionAttributeNames: filter.ExpressionAttributeNames,
    ExpressionAttributeValues: { ...input.ExpressionAttributeValues, ...filter.ExpressionAttributeValues },
  };
}

/** The range of the query's longest word, by the word then by name, keeping whom every word finds, each person once. */
function readWordRange(tenantId: string, words: readonly string[], ascending: boolean, limit: number, start: Position | undefined): Promise<Page> {
  const word = rangeWord(words);
  return readOn(
    filteredByWords({ ...wordRange(tenantId, word), ScanIndexForward: ascending }, words),
    start,
    limit,
    true,
    keptInRange(word, words),
    (entry) => keyOf(entry, false),
  );
}

/**
 * The range of the query's longest word read whole when it fits one Query (DynamoDB's 1 MB page),
 * sorted by number (highest first unless `ascending`), and the page after `after` (a customer
 * number); undefined when the range is bigger.
 */
async function readWholeRange(
  tenantId: string,
  words: readonly string[],
  ascending: boolean,
  limit: number,
  after: number | undefined,
): Promise<{ ids: string[]; after: number | undefined } | undefined> {
  const word = rangeWord(words);
  const result = await dynamo.send(new QueryCommand({ TableName: tableName, ...filteredByWords(wordRange(tenantId, word), words) }));
  if (result.LastEvaluatedKey) return undefined;
  const found = ((result.Items ?? []) as ListingEntry[])
    .filter(keptInRange(word, words))
    .filter((entry) => after === undefined || (ascending ? entry.customerNumber > after : entry.customerNumber < after))
    .sort((a, b) => (ascending ? a.customerNumber - b.customerNumber : b.customerNumber - a.customerNumber));
  const page = found.slice(0, limit);
  return { ids: page.map((entry) => entry.customerId), after: found.length > limit ? page.at(-1)!.customerNumber : undefined };
}

/** Where a read by number of a label's list goes on after the entry at `numberKey`: its key (an index's start key needs the item's own key too). */
async function positionAtNumber(tenantId: string, label: string, numberKey: string): Promise<Position> {
  const partition = listingKeys.partition(tenantId, label);
  const found = await dynamo.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'gsi4',
      KeyConditionExpression: 'gsi4pk = :p AND gsi4sk = :n',
      ExpressionAttributeValues: { ':p': partition, ':n': numberKey },
      Limit: 1,
    }),
  );
  const entry = found.Items?.[0] as ListingEntry | undefined;
  return entry ? keyOf(entry, true) : { pk: partition, sk: numberKey, gsi4pk: partition, gsi4sk: numberKey };
}

/**
 * A cursor of this list, or one the listings made before they took their present shape
 * (`legacyListId`): those go on where they stopped when the list has an order that still exists
 * (everyone or a filter, by name or by number; a search by number), and start a search by name
 * over (its order is now by the word that matched). Kept for the cursors users held when the new
 * listings were deployed; a cursor lives as long as someone pages a list.
 */
async function openListCursor(
  tenantId: string,
  listId: string,
  query: ListCustomersQuery,
  words: readonly string[],
  facets: readonly ('flag' | 'classId' | 'clubId')[],
): Promise<CursorState | undefined> {
  try {
    return (await openCursor(tenantId, listId, query.cursor)) as CursorState | undefined;
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const old = await openCursor(tenantId, legacyListId(query), query.cursor).catch(() => {
      throw error;
    });
    if (!old) return undefined;
    const label = facets[0] ? filterLabel({ [facets[0]]: query[facets[0]] }) : 'ALL';
    const partition = listingKeys.partition(tenantId, label);
    if (typeof old.gsi4sk === 'string') return { m: 'i', k: await positionAtNumber(tenantId, label, old.gsi4sk) };
    if (typeof old.gsi1sk === 'string' && (words.length === 0 || facets.length > 0)) return { m: 'i', k: { pk: partition, sk: old.gsi1sk } };
    return undefined;
  }
}

/** The list id the listings' cursors were sealed with before (a label per search prefix, filters as expressions). */
function legacyListId(query: ListCustomersQuery): string {
  const filters: string[] = [];
  const values: Record<string, unknown> = {};
  let label = 'ALL';
  if (query.q) {
    const normalized = normalizeText(query.q);
    let terms: string[];
    if (/^[\d\s()+.-]+$/.test(normalized) && /\d/.test(normalized)) {
      const raw = phoneDigits(normalized);
      const digits = normalized.startsWith('+1') && raw.length > 1 ? raw.slice(1) : nationalDigits(raw);
      label = `Q#${digits.slice(0, 8)}`;
      terms = digits.length > 8 ? [digits] : [];
    } else {
      const all = normalized.split(' ').map((word) => (/[.@_+]/.test(word) ? word : word.replace(/[^a-z0-9]/g, ''))).filter(Boolean);
      const first = all[0] ?? normalized;
      label = `Q#${first.slice(0, 8)}`;
      terms = all.length > 1 || first.length > 8 ? all : [];
    }
    terms.forEach((term, index) => {
      values[`:t${index}`] = term;
      filters.push(`(${['sFirst', 'sLast', 'sEmail', 'sPhone', 'sPhoneNational'].map((field) => `begins_with(${field}, :t${index})`).join(' OR ')})`);
    });
  }
  for (const [param, prefix, attribute] of [['flag', 'FLAG', 'flags'], ['classId', 'CLASS', 'classIds'], ['clubId', 'CLUB', 'clubIds']] as const) {
    const value = query[param];
    if (!value) continue;
    if (label === 'ALL') label = `${prefix}#${value}`;
    else {
      values[`:${param}`] = value;
      filters.push(`contains(#${attribute}, :${param})`);
    }
  }
  const ascending = (query.order ?? (query.sort === 'name' ? 'asc' : 'desc')) === 'asc';
  const direction = ascending === (query.sort === 'name') ? '' : ' reversed';
  return `customers\n${query.sort}${direction}\n${label}\n${filters.join(' AND ')}\n${JSON.stringify(values)}`;
}
