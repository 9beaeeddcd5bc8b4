import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { nowIso } from '../clock';
import { DomainError, NotFoundError } from '../errors';
import type { Actor } from '../schemas/common';
import { dynamo, tableName } from '../db/client';
import { withLostRaceRetry } from '../db/transact';
import { getItems, itemAt } from '../db/batch-get';
import { batchWrite, type BatchWrite } from '../db/batch-write';
import { customerKeys } from '../people/keys';
import type { CustomerItem } from '../people/customer-items';
import { queryPage, type PageRequest } from '../db/cursor';
import { mapLimited } from '../concurrency';
import type { StreamChange } from '../streams/stream-handler';
import type { CustomerListItem } from '../people/customer-schemas';
import { toCustomerListItem } from '../people/people-list';
import { readProfilePage, type ProfilePage } from '../people/profile-page';
import { duplicateKeys } from './keys';
import {
  blockingKeys,
  emailKey,
  normalizePhone,
  normalizePostal,
  normalizeStreet,
  pairIdOf,
  scorePair,
  type MatchFeatures,
  type Reason,
} from './matching';
import type { DuplicatePair } from './duplicate-schemas';

/**
 * Possible duplicates, kept from the stream (the `duplicate-candidates` consumer), never by
 * comparing everyone: when a person, one of their addresses or additional emails changes, their
 * blocking keys are filed again, the people filed under the same keys are scored against them
 * (`matching.ts`), and the pairs that score are written, each once, under the tenant, sorted by
 * score on gsi4. A dismissed pair keeps its item with `dismissedAt` and off the index: no later
 * change suggests it again. A person merged, erased or gone leaves every key and pair.
 *
 * What is stored is what matching reads (names, emails, phones, postal codes, streets, birth
 * date), once, on the person's card; a key entry only says who is filed under the key (written
 * when the key is new, deleted when it goes); a pair is its two ids, reasons and score. So a
 * change of anything else of the person (an age check, a club, a class, a flag) reads and writes
 * nothing here (`personChangeMatters`), a new phone moves one key and the card, and a pair
 * scored the same is not written again.
 * The account's own email is never filed: it is unique in the winery, and its marker already
 * says whose it is (so an additional email finds its owner there). It is looked up (someone may
 * hold it as an additional email) only when its bucket is marked (`emailsHeld`): filing an
 * additional email marks its bucket before its holder is scored, so an unmarked bucket means
 * nobody holds the email, or its holder has yet to score and will find this person by the marker. Most people's own
 * email costs no Query. The list shows the two people as their profiles say now.
 */
const CANDIDATES_PER_KEY = 50;
const ENTRY_TYPE = 'duplicate-key';
const PAIR_TYPE = 'duplicate-pair';
const CARD_TYPE = 'duplicate-card';
const HELD_TYPE = 'duplicate-emails-held';

type Filed = MatchFeatures;

interface CardItem {
  keys: string[];
  pairs: string[];
  fingerprint: string;
  /** What the pair scores need of the person (cards written before lack it: their key entries hold it). */
  person?: Filed;
}

type AddressLike = { phone?: string | null; postalCode?: string | null; line1?: string | null };

/** The phones, postal codes and streets of a person's own phone and addresses, normalized. */
function whereabouts(phone: string | null | undefined, addresses: readonly AddressLike[]): Pick<MatchFeatures, 'phones' | 'postalCodes' | 'streets'> {
  const present = <T>(values: (T | null)[]) => [...new Set(values.filter((value): value is T => value !== null))];
  return {
    phones: present([phone, ...addresses.map((a) => a.phone)].map(normalizePhone)),
    postalCodes: present(addresses.map((a) => normalizePostal(a.postalCode))),
    streets: present(
      addresses.map((a) => {
        const postal = normalizePostal(a.postalCode);
        const street = normalizeStreet(a.line1);
        return postal && street ? `${postal}|${street}` : null;
      }),
    ),
  };
}

export function featuresOf(page: Pick<ProfilePage, 'profile' | 'addresses' | 'emails'>): Filed {
  const { profile } = page;
  return {
    id: profile.id,
    firstName: profile.firstName,
    lastName: profile.lastName,
    emails: [profile.email, ...page.emails.map((e) => e.email)].filter(Boolean).map((e) => e.toLowerCase()),
    ...whereabouts(profile.phone, page.addresses),
    birthDate: profile.birthDate ?? null,
  };
}

/**
 * Whether a change of the person's own item moved what matching reads of it: their features with
 * no address or additional email (those are items of their own, with records of their own), or
 * their erasure. An order's statistics, a club, a class, a flag or an age check move neither.
 */
function personChangeMatters(before: CustomerItem, after: CustomerItem): boolean {
  const own = (profile: CustomerItem) => JSON.stringify(featuresOf({ profile, addresses: [], emails: [] }));
  return Boolean(before.erasedAt) !== Boolean(after.erasedAt) || own(before) !== own(after);
}

/** Whose filing a stream record of a person, an address or an additional email touches; none for a change matching does not read. */
function personOf(change: StreamChange): { tenantId: string; customerId: string } | undefined {
  const item = (change.newItem ?? change.oldItem) as { type?: string; tenantId?: string; id?: string; customerId?: string } | undefined;
  const [before, after] = [change.oldItem as CustomerItem | undefined, change.newItem as CustomerItem | undefined];
  if (item?.type === 'customer' && before && after && !personChangeMatters(before, after)) return undefined;
  const customerId = item?.type === 'customer' ? item.id : item?.customerId;
  return item?.tenantId && customerId ? { tenantId: item.tenantId, customerId } : undefined;
}

/** One stream record of a person, an address or an additional email: their keys and pairs brought up to date. */
export async function applyDuplicateChange(change: StreamChange): Promise<void> {
  const person = personOf(change);
  if (person) await refilePerson(person.tenantId, person.customerId);
}

/**
 * A batch of records: each person they touch filed again once (a new person's profile and
 * address come as two records; filed together they would both file the person, twice).
 */
export async function applyDuplicateChanges(changes: readonly StreamChange[]): Promise<void> {
  const people = new Map<string, { tenantId: string; customerId: string }>();
  for (const person of changes.map(personOf)) if (person) people.set(`${person.tenantId}\n${person.customerId}`, person);
  await refilePeople([...people.values()]);
}

/** Files the person again from what is stored now (so replays and records out of order give the same result). */
export function refilePerson(tenantId: string, customerId: string): Promise<void> {
  return refilePeople([{ tenantId, customerId }]);
}

/**
 * Files people again, together: their cards read in one BatchGetItem (consistent), their
 * filings decided, old keys gone and cards written in BatchWriteItems, then their new key
 * entries, before each is scored. Also what the one-off `scripts/backfill-duplicates.ts` does to
 * everyone.
 */
export async function refilePeople(people: readonly { tenantId: string; customerId: string }[]): Promise<void> {
  const cards = await getItems(people.map(({ tenantId, customerId }) => duplicateKeys.card(tenantId, customerId)));
  const decided = await mapLimited(people, 4, async ({ tenantId, customerId }) =>
    newFiling(tenantId, customerId, itemAt<CardItem>(cards, duplicateKeys.card(tenantId, customerId)), await pageOf(tenantId, customerId)),
  );
  const filings = decided.filter((filing) => filing !== undefined);
  const held = await markedBuckets(filings);
  await fileKeys(filings);
  await mapLimited(filings, 4, (filing) => scoreFiling(filing, held));
}

/** The person's profile page; undefined when they are gone (merged away) or were never there. */
function pageOf(tenantId: string, customerId: string): Promise<ProfilePage | undefined> {
  return readProfilePage(tenantId, customerId).catch((error: unknown) => {
    if (error instanceof DomainError && (error.kind === 'not-found' || error.kind === 'gone')) return undefined;
    throw error;
  });
}

/** A person's filing decided from their card and page: their keys, what they replace, and whom to look up. */
interface Filing {
  tenantId: string;
  customerId: string;
  card: CardItem | undefined;
  /** Undefined: gone or erased, so no keys and no pairs. */
  person: Filed | undefined;
  /** The keys the person is filed under, and looks up. */
  keys: string[];
  /** The account's own email: looked up too when its bucket is marked (`markedBuckets`). */
  ownEmail: string | undefined;
  additionalEmails: string[];
  fingerprint: string;
}

/** What filing the person again means; undefined when their card already says it (nothing to do). */
function newFiling(tenantId: string, customerId: string, card: CardItem | undefined, page: ProfilePage | undefined): Filing | undefined {
  // Gone (merged away), or erased: no keys, no pairs.
  const person = page && !page.profile.erasedAt ? featuresOf(page) : undefined;
  // The account's own email is unique in the winery (its marker says whose it is): not filed,
  // only looked up (someone may hold it as an additional email), when its bucket is marked. An
  // additional email's owner, when it is someone's own email, is found by its marker.
  const ownEmail = page?.profile.email?.toLowerCase();
  const keys = person ? blockingKeys(person).filter((key) => !ownEmail || key !== emailKey(ownEmail)) : [];
  const additionalEmails = (person?.emails ?? []).filter((email) => email !== ownEmail);
  const fingerprint = person ? JSON.stringify(person) : '';
  if (card && card.fingerprint === fingerprint) return undefined;
  if (!card && !person) return undefined;
  return { tenantId, customerId, card, person, keys, ownEmail, additionalEmails, fingerprint };
}

/**
 * The `emailsHeld` buckets of these people's own emails that are marked (read consistently):
 * only those emails are looked up.
 */
async function markedBuckets(filings: readonly Filing[]): Promise<Set<string>> {
  const buckets = new Map<string, { pk: string; sk: string }>();
  for (const { tenantId, person, ownEmail } of filings) {
    if (!person || !ownEmail) continue;
    const bucket = duplicateKeys.emailsHeld(tenantId, ownEmail);
    buckets.set(bucket.pk, bucket);
  }
  if (buckets.size === 0) return new Set();
  return new Set((await getItems([...buckets.values()])).map((item) => item.pk as string));
}

/** The write that marks the `emailsHeld` bucket of an additional email. */
export function heldMark(tenantId: string, email: string) {
  return { PutRequest: { Item: { ...duplicateKeys.emailsHeld(tenantId, email), type: HELD_TYPE, tenantId } } } satisfies BatchWrite;
}

/**
 * The key entries of people filed again: the keys they lost go and their cards are written (what
 * scores need of them), then the entries of their new keys (who is filed where) with the buckets
 * of their new additional emails marked: whoever is filed at the same moment and finds a key
 * entry finds the card behind it. A bucket stays marked (a stale mark costs a Query, no more).
 */
async function fileKeys(filings: readonly Filing[]): Promise<void> {
  const first: BatchWrite[] = [];
  const then: BatchWrite[] = [];
  const marks = new Map<string, BatchWrite>();
  for (const { tenantId, customerId, card, person, keys, additionalEmails, fingerprint } of filings) {
    const oldKeys = card?.keys ?? [];
    for (const key of oldKeys.filter((key) => !keys.includes(key))) first.push({ DeleteRequest: { Key: duplicateKeys.keyEntry(tenantId, key, customerId) } });
    if (!person) continue;
    const cardItem = { ...duplicateKeys.card(tenantId, customerId), type: CARD_TYPE, tenantId, customerId, keys, pairs: card?.pairs ?? [], fingerprint, person };
    first.push({ PutRequest: { Item: cardItem } });
    // A key entry only says who is filed under the key: it is written when the key is new.
    for (const key of keys.filter((key) => !oldKeys.includes(key))) {
      then.push({ PutRequest: { Item: { ...duplicateKeys.keyEntry(tenantId, key, customerId), type: ENTRY_TYPE, tenantId, customerId } } });
    }
    for (const email of additionalEmails.filter((email) => !oldKeys.includes(emailKey(email)))) {
      const mark = heldMark(tenantId, email);
      marks.set(mark.PutRequest.Item.pk, mark);
    }
  }
  await batchWrite(first);
  await batchWrite([...then, ...marks.values()]);
}

/**
 * Scores a filed person against the people filed under the same keys (their own email's only
 * when its bucket is in `held`), and keeps their pairs (and their card, when gone).
 */
async function scoreFiling({ tenantId, customerId, card, person, keys, ownEmail, additionalEmails }: Filing, held: ReadonlySet<string>): Promise<void> {
  const cardKey = duplicateKeys.card(tenantId, customerId);
  const pairs = new Set<string>();
  const pairsBefore = card?.pairs ?? [];
  if (person) {
    const lookups = ownEmail && held.has(duplicateKeys.emailsHeld(tenantId, ownEmail).pk) ? [...keys, emailKey(ownEmail)] : keys;
    const others = await filedUnder(tenantId, lookups, { self: customerId, ownersOf: additionalEmails, consistent: true });
    const scored = [...others.values()]
      .map((other) => ({ other, pairId: pairIdOf(customerId, other.id), ...scorePair(person, other) }))
      .filter((pair) => pair.reasons.length > 0);
    const stored = await storedPairs(tenantId, scored.map((pair) => pair.pairId));
    await mapLimited(scored, 8, async ({ other, pairId, reasons, score }) => {
      const before = stored.get(pairId);
      if (before?.dismissedAt) return;
      if (before && before.score === score && JSON.stringify(before.reasons) === JSON.stringify(reasons)) {
        pairs.add(pairId);
        return;
      }
      if (await writePair(tenantId, pairId, [person.id, other.id], reasons, score)) {
        pairs.add(pairId);
        if (!before) await rememberPair(tenantId, other.id, pairId);
      }
    });
  }
  await mapLimited(pairsBefore.filter((pairId) => !pairs.has(pairId)), 8, (pairId) => forgetPair(tenantId, pairId));
  if (person) {
    // The pairs the card lists, when they changed (another person's filing may add one meanwhile: kept).
    const gone = pairsBefore.filter((pairId) => !pairs.has(pairId));
    const added = [...pairs].filter((pairId) => !pairsBefore.includes(pairId));
    if (gone.length > 0 || added.length > 0) await setCardPairs(tenantId, customerId, added, gone);
  } else if (card) {
    await dynamo.send(new DeleteCommand({ TableName: tableName, Key: cardKey }));
  }
}

/**
 * Adds and removes pairs on a person's card, keeping any another filing added meanwhile
 * (`rememberPair`): written only if the list is still the one read, else read again.
 */
async function setCardPairs(tenantId: string, customerId: string, added: readonly string[], gone: readonly string[]): Promise<void> {
  const key = duplicateKeys.card(tenantId, customerId);
  await withLostRaceRetry(async () => {
    const current = (await dynamo.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }))).Item as CardItem | undefined;
    if (!current) return;
    const next = [...new Set([...current.pairs.filter((pairId) => !gone.includes(pairId)), ...added])];
    await dynamo.send(
      new UpdateCommand({
        TableName: tableName,
        Key: key,
        UpdateExpression: 'SET pairs = :pairs',
        ConditionExpression: 'pairs = :read',
        ExpressionAttributeValues: { ':pairs': next, ':read': current.pairs },
      }),
    );
  });
}

/**
 * The people filed under any of `keys`, and whose own email is one of `ownersOf` (but `self`),
 * with what their pair scores need: from their cards (one BatchGetItem), or from the key entry
 * itself for people filed before cards held it. A filing reads consistently: two people filed at
 * once each write before they read, so at least one of them sees the other. An import's lookalike
 * check (an annotation of its answer) need not, at half the cost.
 */
async function filedUnder(
  tenantId: string,
  keys: readonly string[],
  { self, ownersOf = [], consistent }: { self: string; ownersOf?: readonly string[]; consistent: boolean },
): Promise<Map<string, Filed>> {
  const entries = new Map<string, { person?: Filed }>();
  await Promise.all([
    mapLimited(keys, 8, async (key) => {
      const found = await dynamo.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': duplicateKeys.keyPartition(tenantId, key) },
          Limit: CANDIDATES_PER_KEY,
          ConsistentRead: consistent,
        }),
      );
      for (const entry of found.Items ?? []) if (entry.customerId !== self) entries.set(entry.customerId as string, entry as { person?: Filed });
    }),
    mapLimited(ownersOf, 8, async (email) => {
      const marker = (await dynamo.send(new GetCommand({ TableName: tableName, Key: customerKeys.emailMarker(tenantId, email), ConsistentRead: consistent }))).Item;
      const owner = marker?.customerId as string | undefined;
      if (owner && owner !== self && !entries.has(owner)) entries.set(owner, {});
    }),
  ]);
  const others = new Map<string, Filed>();
  const cards = await getItems([...entries.keys()].map((id) => duplicateKeys.card(tenantId, id)), { consistent });
  for (const card of cards as unknown as (CardItem & { customerId: string })[]) if (card.person) others.set(card.customerId, card.person);
  for (const [id, entry] of entries) if (!others.has(id) && entry.person) others.set(id, entry.person);
  return others;
}

/** The pairs stored under these ids (suggested or dismissed), to write only what changed. */
async function storedPairs(tenantId: string, pairIds: readonly string[]): Promise<Map<string, { score?: number; reasons?: Reason[]; dismissedAt?: string }>> {
  if (pairIds.length === 0) return new Map();
  const items = await getItems(pairIds.map((pairId) => duplicateKeys.pair(tenantId, pairId)));
  return new Map(items.map((item) => [item.id as string, item as { score?: number; reasons?: Reason[]; dismissedAt?: string }]));
}

/** Writes a suggested pair unless it was dismissed. @returns whether it is suggested now. */
async function writePair(tenantId: string, pairId: string, people: [string, string], reasons: Reason[], score: number): Promise<boolean> {
  const ordered = [...people].sort();
  try {
    await dynamo.send(
      new PutCommand({
        TableName: tableName,
        Item: {
          ...duplicateKeys.pair(tenantId, pairId),
          ...duplicateKeys.suggested(tenantId, pairId, score),
          type: PAIR_TYPE,
          tenantId,
          id: pairId,
          people: ordered,
          reasons,
          score,
          updatedAt: nowIso(),
        },
        ConditionExpression: 'attribute_not_exists(dismissedAt)',
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/** The other person's card learns of the pair, so their next change can take it back. */
async function rememberPair(tenantId: string, customerId: string, pairId: string): Promise<void> {
  try {
    await dynamo.send(
      new UpdateCommand({
        TableName: tableName,
        Key: duplicateKeys.card(tenantId, customerId),
        UpdateExpression: 'SET pairs = list_append(if_not_exists(pairs, :none), :pair)',
        ConditionExpression: 'attribute_exists(pk) AND NOT contains(pairs, :id)',
        ExpressionAttributeValues: { ':none': [], ':pair': [pairId], ':id': pairId },
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}

/** A pair that no longer scores goes (a dismissed one stays, to keep it dismissed). */
async function forgetPair(tenantId: string, pairId: string): Promise<void> {
  try {
    await dynamo.send(new DeleteCommand({ TableName: tableName, Key: duplicateKeys.pair(tenantId, pairId), ConditionExpression: 'attribute_not_exists(dismissedAt)' }));
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}

type PairItem = { id: string; people: (string | CustomerListItem)[]; reasons: Reason[]; score: number };
/** A pair names its people by id (pairs written before held their list items). */
const idOf = (person: string | CustomerListItem) => (typeof person === 'string' ? person : person.id);

/**
 * `GET /v1/customers/duplicates`: the suggested pairs, likeliest first (one Query of gsi4), with
 * their people as their profiles say now (one BatchGetItem). A pair whose person is gone (the
 * consumer drops it a moment later) is left out.
 */
export async function listDuplicates(tenantId: string, page: PageRequest): Promise<{ items: DuplicatePair[]; nextCursor: string | null }> {
  const result = await queryPage<PairItem>(
    tenantId,
    'duplicates',
    {
      IndexName: 'gsi4',
      KeyConditionExpression: 'gsi4pk = :pk',
      ExpressionAttributeValues: { ':pk': duplicateKeys.pairsPartition(tenantId) },
      ScanIndexForward: false,
    },
    page,
  );
  const ids = [...new Set(result.items.flatMap((item) => item.people.map(idOf)))];
  const profiles = (await getItems(ids.map((id) => customerKeys.profile(tenantId, id)), { consistent: false })) as unknown as CustomerItem[];
  const listed = new Map(profiles.map((profile) => [profile.id, toCustomerListItem(profile)]));
  const items = result.items.flatMap((item) => {
    const people = item.people.map((person) => listed.get(idOf(person)));
    if (people.some((person) => person === undefined)) return [];
    return [{ id: item.id, people: people as CustomerListItem[], reasons: item.reasons, score: item.score }];
  });
  return { items, nextCursor: result.nextCursor };
}

/**
 * `POST /v1/customers/duplicates/{pairId}/dismiss`: the pair is never suggested again. It stays
 * as `dismissedAt` and who dismissed it, without the people's details, off the index.
 */
export async function dismissPair(tenantId: string, pairId: string, actor: Actor): Promise<void> {
  try {
    await dynamo.send(
      new UpdateCommand({
        TableName: tableName,
        Key: duplicateKeys.pair(tenantId, pairId),
        UpdateExpression: 'SET dismissedAt = if_not_exists(dismissedAt, :at), dismissedBy = if_not_exists(dismissedBy, :by) REMOVE gsi4pk, gsi4sk, people',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':at': nowIso(), ':by': actor },
      }),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) throw new NotFoundError('duplicate pair');
    throw error;
  }
}

/** Two people staff said are not one (a merge undone): their pair is dismissed, whether or not it was suggested. */
export async function keepApart(tenantId: string, a: string, b: string, actor: Actor): Promise<void> {
  const pairId = pairIdOf(a, b);
  await dynamo.send(
    new UpdateCommand({
      TableName: tableName,
      Key: duplicateKeys.pair(tenantId, pairId),
      UpdateExpression: 'SET #type = :type, tenantId = :tenant, id = :id, dismissedAt = :at, dismissedBy = :by REMOVE gsi4pk, gsi4sk, people',
      ExpressionAttributeNames: { '#type': 'type' },
      ExpressionAttributeValues: { ':type': PAIR_TYPE, ':tenant': tenantId, ':id': pairId, ':at': nowIso(), ':by': actor },
    }),
  );
}

/**
 * For an import's new rows: the existing person each looks like, by everything but the email
 * (a row whose email names someone updates them instead). Reads the rows' blocking keys only.
 */
export async function lookalikesOf(tenantId: string, rows: readonly (MatchFeatures | undefined)[]): Promise<(string | undefined)[]> {
  return mapLimited(rows, 8, async (row) => {
    if (!row) return undefined;
    let best: { id: string; score: number } | undefined;
    for (const other of (await filedUnder(tenantId, blockingKeys(row, { withEmail: false }), { self: row.id, consistent: false })).values()) {
      const { reasons, score } = scorePair(row, other);
      if (reasons.some((reason) => reason !== 'email') && (!best || score > best.score)) best = { id: other.id, score };
    }
    return best?.id;
  });
}

/** What matching needs of an import row (its own addresses stand for the person's). */
export interface RowLike {
  billingAddress: { firstName: string; lastName: string; email: string; phone?: string; postalCode?: string; line1?: string };
  shippingAddress?: { phone?: string; postalCode?: string; line1?: string };
  phone?: string;
  birthDate?: string;
}

export function rowFeatures(row: RowLike, id: string): MatchFeatures {
  return {
    id,
    firstName: row.billingAddress.firstName,
    lastName: row.billingAddress.lastName,
    emails: [row.billingAddress.email.toLowerCase()],
    ...whereabouts(row.phone, [row.billingAddress, ...(row.shippingAddress ? [row.shippingAddress] : [])]),
    birthDate: row.birthDate ?? null,
  };
}

/**
 * An import's results with `possibleDuplicateOf` on each created row that looks like someone
 * who was there before it (by anything but the email; the row's own new person aside).
 */
export async function withPossibleDuplicates<R extends { row: number; status: string; id?: string; possibleDuplicateOf?: string }>(
  tenantId: string,
  rows: readonly ({ ok: true; value: RowLike } | { ok: false })[],
  results: readonly R[],
): Promise<R[]> {
  const features = results.map((result) => {
    const row = rows[result.row];
    return result.status === 'created' && row?.ok ? rowFeatures(row.value, result.id ?? '') : undefined;
  });
  const lookalikes = await lookalikesOf(tenantId, features);
  return results.map((result, i) => (lookalikes[i] ? { ...result, possibleDuplicateOf: lookalikes[i] } : result));
}
