import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { nowIso } from '../clock';
import { DomainError, NotFoundError } from '../errors';
import type { Actor } from '../schemas/common';
import { dynamo, tableName } from '../db/client';
import { queryPage, type PageRequest } from '../db/cursor';
import { mapLimited } from '../concurrency';
import type { StreamChange } from '../streams/stream-handler';
import type { CustomerListItem } from '../people/customer-schemas';
import { toCustomerListItem } from '../people/people-listing';
import { readProfilePage, type ProfilePage } from '../people/profile-page';
import { duplicateKeys } from './keys';
import {
  blockingKeys,
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
 */
const CANDIDATES_PER_KEY = 50;
const ENTRY_TYPE = 'duplicate-key';
const PAIR_TYPE = 'duplicate-pair';
const CARD_TYPE = 'duplicate-card';

interface Filed extends MatchFeatures {
  listItem: CustomerListItem;
}

interface CardItem {
  keys: string[];
  pairs: string[];
  fingerprint: string;
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

export function featuresOf(page: ProfilePage): Filed {
  const { profile } = page;
  return {
    id: profile.id,
    firstName: profile.firstName,
    lastName: profile.lastName,
    emails: [profile.email, ...page.emails.map((e) => e.email)].filter(Boolean).map((e) => e.toLowerCase()),
    ...whereabouts(profile.phone, page.addresses),
    birthDate: profile.birthDate ?? null,
    listItem: toCustomerListItem(profile),
  };
}

/** One stream record of a person, an address or an additional email: their keys and pairs brought up to date. */
export async function applyDuplicateChange(change: StreamChange): Promise<void> {
  const item = (change.newItem ?? change.oldItem) as { type?: string; tenantId?: string; id?: string; customerId?: string } | undefined;
  if (!item?.tenantId) return;
  const customerId = item.type === 'customer' ? item.id : item.customerId;
  if (!customerId) return;
  await refilePerson(item.tenantId, customerId);
}

/** Files the person again from what is stored now (so replays and records out of order give the same result). */
export async function refilePerson(tenantId: string, customerId: string): Promise<void> {
  const cardKey = duplicateKeys.card(tenantId, customerId);
  const [card, page] = await Promise.all([
    dynamo.send(new GetCommand({ TableName: tableName, Key: cardKey, ConsistentRead: true })).then((r) => r.Item as CardItem | undefined),
    readProfilePage(tenantId, customerId).catch((error: unknown) => {
      if (error instanceof DomainError && (error.kind === 'not-found' || error.kind === 'gone')) return undefined;
      throw error;
    }),
  ]);
  // Gone (merged away), or erased: no keys, no pairs.
  const person = page && !page.profile.erasedAt ? featuresOf(page) : undefined;
  const keys = person ? blockingKeys(person) : [];
  const fingerprint = person ? JSON.stringify(person) : '';
  if (card && card.fingerprint === fingerprint) return;

  const oldKeys = card?.keys ?? [];
  await mapLimited(oldKeys.filter((key) => !keys.includes(key)), 8, (key) =>
    dynamo.send(new DeleteCommand({ TableName: tableName, Key: duplicateKeys.keyEntry(tenantId, key, customerId) })),
  );
  const pairs = new Set<string>();
  if (person) {
    await mapLimited(keys, 8, (key) =>
      dynamo.send(new PutCommand({ TableName: tableName, Item: { ...duplicateKeys.keyEntry(tenantId, key, customerId), type: ENTRY_TYPE, tenantId, customerId, person } })),
    );
    const others = new Map<string, Filed>();
    await mapLimited(keys, 8, async (key) => {
      const found = await dynamo.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': duplicateKeys.keyPartition(tenantId, key) },
          Limit: CANDIDATES_PER_KEY,
        }),
      );
      for (const entry of found.Items ?? []) if (entry.customerId !== customerId) others.set(entry.customerId as string, entry.person as Filed);
    });
    await mapLimited([...others.values()], 8, async (other) => {
      const { reasons, score } = scorePair(person, other);
      if (reasons.length === 0) return;
      const pairId = pairIdOf(customerId, other.id);
      if (await writePair(tenantId, pairId, [person, other], reasons, score)) {
        pairs.add(pairId);
        await rememberPair(tenantId, other.id, pairId);
      }
    });
  }
  await mapLimited([...(card?.pairs ?? [])].filter((pairId) => !pairs.has(pairId)), 8, (pairId) => forgetPair(tenantId, pairId));
  if (person) {
    await dynamo.send(
      new PutCommand({ TableName: tableName, Item: { ...cardKey, type: CARD_TYPE, tenantId, customerId, keys, pairs: [...pairs], fingerprint } }),
    );
  } else if (card) {
    await dynamo.send(new DeleteCommand({ TableName: tableName, Key: cardKey }));
  }
}

/** Writes a suggested pair unless it was dismissed. @returns whether it is suggested now. */
async function writePair(tenantId: string, pairId: string, people: [Filed, Filed], reasons: Reason[], score: number): Promise<boolean> {
  const ordered = [...people].sort((a, b) => (a.id < b.id ? -1 : 1));
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
          people: ordered.map((person) => person.listItem),
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

function toPair(item: { id: string; people: CustomerListItem[]; reasons: Reason[]; score: number }): DuplicatePair {
  return { id: item.id, people: item.people, reasons: item.reasons, score: item.score };
}

/** `GET /v1/customers/duplicates`: the suggested pairs, likeliest first (one Query of gsi4). */
export function listDuplicates(tenantId: string, page: PageRequest) {
  return queryPage<{ id: string; people: CustomerListItem[]; reasons: Reason[]; score: number }>(
    tenantId,
    'duplicates',
    {
      IndexName: 'gsi4',
      KeyConditionExpression: 'gsi4pk = :pk',
      ExpressionAttributeValues: { ':pk': duplicateKeys.pairsPartition(tenantId) },
      ScanIndexForward: false,
    },
    page,
  ).then((result) => ({ items: result.items.map(toPair), nextCursor: result.nextCursor }));
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
    for (const key of blockingKeys(row, { withEmail: false })) {
      const found = await dynamo.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': duplicateKeys.keyPartition(tenantId, key) },
          Limit: CANDIDATES_PER_KEY,
        }),
      );
      for (const entry of found.Items ?? []) {
        const other = entry.person as Filed;
        if (other.id === row.id) continue;
        const { reasons, score } = scorePair(row, other);
        if (reasons.some((reason) => reason !== 'email') && (!best || score > best.score)) best = { id: other.id, score };
      }
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
