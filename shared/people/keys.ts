import { customerPk, tenantPk } from '../db/keys';

/**
 * Every key of the person aggregate, declared once. A person is one item collection under
 * `customerPk` (`T#<tenant>#C#<id>`):
 *
 *   P#PROFILE            the person            ┐
 *   P#A#<id>             addresses             │ `P#…`: the bounded items of the profile page,
 *   P#CARD#<id>          cards                 │ read together by one Query (memberships `P#M#…`
 *   P#EMAIL#<id>         additional emails     ┘ and certificates `P#CERT#…` are the clubs')
 *   L#<label>            the person's entries in the people listings
 *
 * and, outside the person's partition: the email marker that keeps an email unique in a tenant
 * (`T#<tenant>#EMAIL#<email>`), the listing partitions on gsi1/gsi4 (`T#<tenant>#L#<label>`), and
 * the dashboard counts under the tenant (`COUNTS`, `COUNTS#<label>`), and the record of each
 * export (`T#<tenant>#EXPORTS`, by time).
 */
export const PROFILE_PAGE_PREFIX = 'P#';

export const customerKeys = {
  profile: (tenantId: string, customerId: string) => ({ pk: customerPk(tenantId, customerId), sk: 'P#PROFILE' }),
  address: (tenantId: string, customerId: string, addressId: string) => ({ pk: customerPk(tenantId, customerId), sk: `P#A#${addressId}` }),
  card: (tenantId: string, customerId: string, cardId: string) => ({ pk: customerPk(tenantId, customerId), sk: `P#CARD#${cardId}` }),
  /** An additional email of the person (not the account's own email). */
  email: (tenantId: string, customerId: string, emailId: string) => ({ pk: customerPk(tenantId, customerId), sk: `P#EMAIL#${emailId}` }),
  /** Marks an email as taken in a tenant: written in the same transaction as the person. */
  emailMarker: (tenantId: string, email: string) => ({ pk: `T#${tenantId}#EMAIL#${email.toLowerCase()}`, sk: 'EMAIL' }),
  /**
   * Where a person merged into another leaves word of it (`P#MERGED`, under the profile page's
   * prefix so the one Query that reads a profile finds it instead): their id answers 410.
   */
  mergedInto: (tenantId: string, customerId: string) => ({ pk: customerPk(tenantId, customerId), sk: 'P#MERGED' }),
  listingEntry: (tenantId: string, customerId: string, label: string) => ({ pk: customerPk(tenantId, customerId), sk: `L#${label}` }),
  /** Who exported which people when: one item per export page, newest last. */
  exportRecord: (tenantId: string, at: string, id: string) => ({ pk: `${tenantPk(tenantId)}#EXPORTS`, sk: `${at}#${id}` }),
};

/**
 * The people listings: one partition per label, the same on gsi1 (sorted by name) and gsi4
 * (sorted by customer number).
 */
export const listingKeys = {
  partition: (tenantId: string, label: string) => `T#${tenantId}#L#${label}`,
};

/** The dashboard counts of one listing label; `ALL` keeps the key the tenant totals always had. */
export const countsKeys = {
  counts: (tenantId: string, label = 'ALL') => ({ pk: tenantPk(tenantId), sk: label === 'ALL' ? 'COUNTS' : `COUNTS#${label}` }),
};
