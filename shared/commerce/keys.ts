import { customerPk, tenantPk } from '../db/keys';
import { historyKeys } from '../history/keys';
import { localDate } from '../settings/local-time';

/**
 * Every key of the commerce aggregate, declared once. All of them live in the person's item
 * collection `T#<tenant>#C#<id>`, outside the profile page's `P#` range:
 *
 *   H#ORDER#<ulid>                  an order             ┐ history lists: each one Query on its
 *   H#RESERVATION#<ulid>            a reservation        │ prefix, newest first
 *   H#CREDIT#<ulid>                 a credit ledger entry┘
 *   H#ORDER-EVENT#<ulid>#<what>     what happened to an order after it was placed (its timeline line)
 *   H#RESERVATION-EVENT#<ulid>#<what>  the same for a reservation
 *   CELLAR#<ulid>                   a cellar item
 *
 * An `…-EVENT` prefix is not under its list's prefix (`H#ORDER-EVENT#` does not begin with
 * `H#ORDER#`), so the order history never returns an event. Orders and reservations are also
 * on the tenant's list of their day (gsi4), in a partition per kind and day, sorted by instant:
 * the front desk's "today" is one Query. The day is the winery's, in its `settings.timeZone` at
 * the time of the write: an order placed at 11 PM in California is on that day's list, not on
 * the next (UTC) day's. (`scripts/refile-day-lists.ts` refiles entries written before, or under
 * another zone.)
 */
type DayKind = 'ORDER' | 'RESERVATION';

/** A history list of the person (`H#<kind>#…`, the layout `historyKeys` declares). */
function historyList(kind: string) {
  return {
    prefix: historyKeys.prefix(kind),
    item: (tenantId: string, customerId: string, ownId: string) => historyKeys.item(tenantId, customerId, kind, ownId),
  };
}

function dayList(kind: DayKind) {
  const partition = (tenantId: string, day: string) => `${tenantPk(tenantId)}#DAY#${kind}#${day}`;
  return {
    partition,
    /** The index fields of an entry on the list of the day `at` falls on in `timeZone`. */
    entry: (tenantId: string, at: string, id: string, timeZone: string) => ({
      gsi4pk: partition(tenantId, localDate(at, timeZone)),
      gsi4sk: `${at}#${id}`,
    }),
  };
}

function eventOf(kind: string) {
  return (tenantId: string, customerId: string, ownId: string, what: string) => historyKeys.item(tenantId, customerId, kind, `${ownId}#${what}`);
}

export const orderKeys = {
  ...historyList('ORDER'),
  /** One per change (`CANCELLED`): the change happens once, so a retry cannot write a second line. */
  event: eventOf('ORDER-EVENT'),
  day: dayList('ORDER'),
};

export const reservationKeys = {
  ...historyList('RESERVATION'),
  event: eventOf('RESERVATION-EVENT'),
  day: dayList('RESERVATION'),
};

export const creditKeys = historyList('CREDIT');

const CELLAR_PREFIX = 'CELLAR#';
export const cellarKeys = {
  prefix: CELLAR_PREFIX,
  item: (tenantId: string, customerId: string, itemId: string) => ({ pk: customerPk(tenantId, customerId), sk: `${CELLAR_PREFIX}${itemId}` }),
};
