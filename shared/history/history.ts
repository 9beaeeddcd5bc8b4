import { prefixPage, type PageRequest } from '../db/cursor';
import { customerPk } from '../db/keys';
import { assertCustomerExists } from '../people/customer-exists';
import { historyKeys } from './keys';

/**
 * One page of one of a person's lists (notes, changes, email logs: `H#<kind>#…`; orders,
 * reservations, cellar): one Query on the list's sort-key prefix in their partition, however
 * long the other lists grow. An empty first page may mean "no such person" (or another tenant's
 * id): only then is the profile read, so a list with items is one request. `listId` names the
 * list for its cursor, which opens nowhere else.
 */
export async function listOfPerson<Item, T>(
  tenantId: string,
  customerId: string,
  list: { listId: string; prefix: string; newestFirst: boolean },
  page: PageRequest,
  toApi: (item: Item) => T,
): Promise<{ items: T[]; nextCursor: string | null }> {
  const range = { pk: customerPk(tenantId, customerId), skPrefix: list.prefix, newestFirst: list.newestFirst, skipMoved: true };
  const result = await prefixPage(tenantId, `${list.listId}\n${customerId}`, range, page, toApi);
  if (result.items.length === 0 && !page.cursor) await assertCustomerExists(tenantId, customerId);
  return result;
}

/** A person's history list of one kind (`H#<kind>#…`), newest first. */
export function listHistory<Item, T>(tenantId: string, customerId: string, kind: string, page: PageRequest, toApi: (item: Item) => T) {
  return listOfPerson(tenantId, customerId, { listId: `history\n${kind}`, prefix: historyKeys.prefix(kind), newestFirst: true }, page, toApi);
}
