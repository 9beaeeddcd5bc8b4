import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { NotFoundError } from '../errors';
import { dynamo, tableName } from '../db/client';
import { queryPage, type PageRequest } from '../db/cursor';
import { listOfPerson } from '../history/history';
import { parsePersonScopedId } from '../people/person-scoped-id';
import { customerPk } from '../db/keys';
import { customerKeys } from '../people/keys';

type Key = { pk: string; sk: string };

/** What the reader needs to know of a kind of record (orders, reservations). */
export interface PersonScopedKind<Item, T> {
  /** The name a 404 gives (`order`, `reservation`). */
  what: string;
  keys: {
    /** The person's list of this kind (`H#ORDER#`, …). */
    prefix: string;
    item: (tenantId: string, customerId: string, ownId: string) => Key;
    day: { partition: (tenantId: string, day: string) => string };
  };
  /** The cursor names of the person's list and of the day list (a cursor opens only its own list). */
  listIds: { ofPerson: string; ofDay: string };
  /** The day list's order: orders newest first, reservations by start time. */
  dayNewestFirst: boolean;
  toApi: (item: Item) => T;
}

/**
 * Orders and reservations are read the same three ways, written once here (each a function of
 * its own, so a function bundle takes only the reads it uses):
 *
 * - by their public id `<customerId>-<ulid>` (`people/person-scoped-id.ts`): the id names its
 *   person, so the item's key is known from the id alone and a read is one strongly consistent
 *   GetItem (one more per merge when the person was merged into another since: the id keeps
 *   naming the person it was made for); an id that names nothing in the caller's tenant is a
 *   404, and so is another person's record asked for from a member's portal;
 * - on the tenant's list of a day (gsi4, one Query);
 * - on the person's list, newest first (one Query on the kind's prefix).
 */
function locate(kind: Pick<PersonScopedKind<unknown, unknown>, 'what' | 'keys'>, tenantId: string, id: string) {
  const parsed = parsePersonScopedId(id);
  if (!parsed) throw new NotFoundError(kind.what);
  return { customerId: parsed.customerId, key: kind.keys.item(tenantId, parsed.customerId, parsed.ownId) };
}

/** How many merges a read follows (a record moved again and again); more means something is wrong. */
const MAX_HOPS = 8;

/**
 * The item at `key`, or where a merge moved it: its id still names the person it was made for,
 * and that person's partition forwards to the survivor, first by the stub the move left there
 * (`movedTo`), and once the stub has expired by the word of the merge (`P#MERGED`).
 */
async function read<Item>(kind: { what: string }, tenantId: string, key: Key): Promise<Item> {
  let at = key;
  for (let hop = 0; hop <= MAX_HOPS; hop += 1) {
    const result = await dynamo.send(new GetCommand({ TableName: tableName, Key: at, ConsistentRead: true }));
    let next = result.Item?.type === 'moved' ? (result.Item.movedTo as string) : undefined;
    if (result.Item && next === undefined) return result.Item as Item;
    if (next === undefined) {
      const person = at.pk.slice(customerPk(tenantId, '').length);
      const word = await dynamo.send(new GetCommand({ TableName: tableName, Key: customerKeys.mergedInto(tenantId, person), ConsistentRead: true }));
      next = word.Item?.mergedInto as string | undefined;
    }
    if (next === undefined) break;
    at = { pk: customerPk(tenantId, next), sk: at.sk };
  }
  throw new NotFoundError(kind.what);
}

/** The stored record, or 404 in the caller's tenant. */
export function getScopedItem<Item>(kind: PersonScopedKind<Item, unknown>, tenantId: string, id: string): Promise<Item> {
  return read(kind, tenantId, locate(kind, tenantId, id).key);
}

/** A person's own record (the member portal): another person's is a 404, also one merged into them that is theirs now. */
export async function getScopedItemOfCustomer<Item extends { customerId: string }>(
  kind: PersonScopedKind<Item, unknown>,
  tenantId: string,
  customerId: string,
  id: string,
): Promise<Item> {
  const item = await read<Item>(kind, tenantId, locate(kind, tenantId, id).key);
  if (item.customerId !== customerId) throw new NotFoundError(kind.what);
  return item;
}

/** The tenant's records of a day (gsi4), cancelled ones too. */
export async function listScopedOfDay<Item, T>(
  kind: PersonScopedKind<Item, T>,
  tenantId: string,
  query: PageRequest & { date: string },
): Promise<{ items: T[]; nextCursor: string | null }> {
  const result = await queryPage<Item>(
    tenantId,
    `${kind.listIds.ofDay}\n${query.date}`,
    {
      IndexName: 'gsi4',
      KeyConditionExpression: 'gsi4pk = :day',
      ExpressionAttributeValues: { ':day': kind.keys.day.partition(tenantId, query.date) },
      ScanIndexForward: !kind.dayNewestFirst,
    },
    query,
  );
  return { items: result.items.map(kind.toApi), nextCursor: result.nextCursor };
}

/** The person's records, newest first (also for the member portal). */
export function listScopedOfPerson<Item, T>(kind: PersonScopedKind<Item, T>, tenantId: string, customerId: string, page: PageRequest) {
  return listOfPerson(tenantId, customerId, { listId: kind.listIds.ofPerson, prefix: kind.keys.prefix, newestFirst: true }, page, kind.toApi);
}
