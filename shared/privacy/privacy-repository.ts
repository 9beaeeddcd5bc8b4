import { deleteKeys } from '../db/batch-write';
import { nowIso } from '../clock';
import { ConflictError, ValidationError } from '../errors';
import { newId } from '../ids';
import type { Actor } from '../schemas/common';
import { tableName } from '../db/client';
import { queryAll } from '../db/query-pages';
import { getItems, itemAt } from '../db/batch-get';
import { customerPk } from '../db/keys';
import { firstStamp, nextStamp } from '../db/item-stamp';
import { fieldUpdateWrite, putIfVersion, putNew } from '../db/item-writes';
import { ConditionsFailedError, checkIfMatch, transactWrite, withLostRaceRetry, type NamedWrite } from '../db/transact';
import { mapLimited } from '../concurrency';
import { customerKeys } from '../people/keys';
import { UNVERIFIED_AGE, toAddress, toCard, toCustomer, toCustomerEmail, type CustomerItem } from '../people/customer-items';
import { readProfilePage } from '../people/profile-page';
import { historyKeys, timelineKeys } from '../history/keys';
import { toNote, type NoteItem } from '../history/note-repository';
import { redactChange } from '../history/change-redaction';
import type { Change } from '../history/history-schemas';
import type { TimelineEntry } from '../history/timeline';
import { isLive } from '../clubs/membership';
import { membershipKeys } from '../clubs/keys';
import { withIndexKeys } from '../clubs/membership-repository';
import { clubItemsOf, toCertificate, toMembership, type MembershipItem } from '../clubs/club-items';
import { toCreditEntry, type CreditItem } from '../commerce/credit-repository';
import { toOrder, type OrderItem } from '../commerce/order-items';
import { toReservation, type ReservationItem } from '../commerce/reservation-repository';
import { toCellarItem, type CellarItemRecord } from '../commerce/cellar-repository';
import { toEmailLog, type EmailLogItem } from '../email/email-log-repository';
import { portalKeys } from '../portal/keys';
import { busy, lockWrite, unlockWrite, type PersonLockItem } from '../merge/merge-repository';
import { mergeKeys } from '../merge/keys';
import type { EraseResult, PrivacyExport } from './privacy-schemas';

/**
 * The law's two requests about a person (CCPA/CPRA, GDPR): everything held about them, and its
 * erasure. Both read the person's whole partition (their items all live there) and their
 * timeline; neither scans anything else.
 */
type Item = Record<string, unknown> & { pk: string; sk: string; type?: string };

function partitionOf(tenantId: string, customerId: string): Promise<Item[]> {
  return queryAll<Item>({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': customerPk(tenantId, customerId) }, ConsistentRead: true });
}

async function timelineOf(tenantId: string, customerId: string): Promise<TimelineEntry[]> {
  const items = await queryAll<{ timeline: TimelineEntry }>({
    IndexName: 'gsi3',
    KeyConditionExpression: 'gsi3pk = :pk',
    ExpressionAttributeValues: { ':pk': timelineKeys.partition(tenantId, customerId) },
    ScanIndexForward: false,
  });
  return items.map((item) => item.timeline);
}

const ofType = <T>(items: Item[], type: string) => items.filter((item) => item.type === type) as unknown as T[];
const newestFirst = <T extends { sk: string }>(items: T[]) => [...items].sort((a, b) => (a.sk < b.sk ? 1 : -1));

/**
 * `GET /v1/customers/{id}/privacy-export`: the person as every read of the API shows them (cards
 * without tokens), from one read of their partition and one of their timeline; recorded in
 * their change history (an item `H#PRIVACY#<id>`, whose creation the history shows).
 */
export async function privacyExport(tenantId: string, customerId: string, actor: Actor): Promise<PrivacyExport> {
  const page = await readProfilePage(tenantId, customerId);
  const [items, timeline] = await Promise.all([partitionOf(tenantId, customerId), timelineOf(tenantId, customerId)]);
  const { memberships, certificates } = clubItemsOf(page);
  const at = nowIso();
  const id = newId();
  await transactWrite([
    putNew('export', {
      ...historyKeys.item(tenantId, customerId, 'PRIVACY', id),
      type: 'privacy-export',
      tenantId,
      customerId,
      id,
      exportedBy: actor,
      ...firstStamp(actor, at),
    }),
  ]);
  return {
    exportedAt: at,
    exportedBy: actor,
    customer: toCustomer(page.profile),
    addresses: page.addresses.map(toAddress),
    cards: page.cards.map(toCard),
    emails: page.emails.map(toCustomerEmail),
    notes: newestFirst(ofType<NoteItem>(items, 'note')).map(toNote),
    memberships: memberships.map(toMembership),
    certificates: certificates.map((item) => toCertificate(item)),
    credits: newestFirst(ofType<CreditItem>(items, 'credit')).map(toCreditEntry),
    orders: newestFirst(ofType<OrderItem>(items, 'order')).map(toOrder),
    reservations: newestFirst(ofType<ReservationItem>(items, 'reservation')).map(toReservation),
    cellar: ofType<CellarItemRecord>(items, 'cellar-item').map(toCellarItem),
    emailLogs: newestFirst(ofType<EmailLogItem>(items, 'email-log')).map(toEmailLog),
    timeline,
    changes: newestFirst(ofType<{ sk: string; change: Change }>(items, 'change')).map((item) => item.change),
  };
}

// Erase -----------------------------------------------------------------------------------------

export const pseudonym = (customerNumber: number) => `Erased customer #${customerNumber}`;

/** The profile's personal fields, as an erased person has them: the pseudonym's two halves and nothing else. */
function erasedProfileFields(profile: CustomerItem, reason: string, at: string): Record<string, unknown> {
  return {
    firstName: 'Erased customer',
    lastName: `#${profile.customerNumber}`,
    email: '',
    phone: null,
    birthDate: null,
    partner: null,
    specialInstructions: null,
    externalId: null,
    permissions: { email: false, sms: false, phone: false, mail: false },
    ageVerification: UNVERIFIED_AGE,
    defaultBillingAddressId: null,
    defaultShippingAddressId: null,
    erasedAt: at,
    eraseReason: reason,
  };
}

/**
 * `POST /v1/customers/{id}/erase` (`If-Match` required): personal data goes from every item and
 * index that held it, and what accounting needs stays under `Erased customer #<number>`. A job
 * like a merge: the first step (one transaction, conditioned on the version the caller read)
 * takes the lock, erases the profile (so lists and search drop the old labels from the stream,
 * and the email is free again) and ends every portal token; the next scrubs the person's other
 * items one by one (each write idempotent); the last lets go of the lock. Sent again after a
 * crash it goes on; sent again once done it answers the same. Not undoable.
 */
export async function erasePerson(tenantId: string, customerId: string, reason: string, actor: Actor, ifMatch: number | undefined): Promise<EraseResult> {
  const job = `erase-${customerId}`;
  const lockKey = mergeKeys.lock(tenantId, customerId);
  let profile = await withLostRaceRetry(async () => {
    const [page, locks] = await Promise.all([readProfilePage(tenantId, customerId), getItems([lockKey])]);
    const lock = itemAt<PersonLockItem>(locks, lockKey);
    if (lock && lock.job !== job) throw busy();
    const current = page.profile;
    if (lock || current.erasedAt) return current; // Going on with (or answering) an erase already made.
    if (ifMatch === undefined) throw new ValidationError([{ path: 'If-Match', message: 'is required: send the version you read, so only the person you saw is erased' }]);
    checkIfMatch(ifMatch, current.version);
    const at = nowIso();
    const fields = erasedProfileFields(current, reason, at);
    const writes: NamedWrite[] = [
      lockWrite(tenantId, customerId, job, 'erase'),
      fieldUpdateWrite('profile', customerKeys.profile(tenantId, customerId), fields, actor, at, {
        condition: { expression: '#version = :read', names: { '#version': 'version' }, values: { ':read': current.version } },
        add: { passwordGeneration: 1 },
        remove: ['passwordHash'],
      }),
      ...emailFreed(tenantId, customerId, current.email),
    ];
    await transactWrite(writes);
    return { ...current, ...fields } as CustomerItem;
  });
  if (await lockHeld(tenantId, customerId, job)) {
    await scrubAll(tenantId, profile, actor);
    await transactWrite([unlockWrite(tenantId, customerId, job)]);
    profile = (await readProfilePage(tenantId, customerId)).profile;
  }
  return { id: profile.id, customerNumber: profile.customerNumber, erasedAt: profile.erasedAt! };
}

async function lockHeld(tenantId: string, customerId: string, job: string): Promise<boolean> {
  const key = mergeKeys.lock(tenantId, customerId);
  return itemAt<PersonLockItem>(await getItems([key]), key)?.job === job;
}

/** The email's marker goes (the address may be used again), and with it what counts failed logins for it. */
function emailFreed(tenantId: string, customerId: string, email: string): NamedWrite[] {
  if (!email) return [];
  return [
    {
      name: `marker:${email}`,
      write: {
        Delete: {
          TableName: tableName,
          Key: customerKeys.emailMarker(tenantId, email),
          ConditionExpression: 'attribute_not_exists(pk) OR customerId = :id',
          ExpressionAttributeValues: { ':id': customerId },
        },
      },
    },
    { name: `attempts:${email}`, write: { Delete: { TableName: tableName, Key: portalKeys.attempts(tenantId, 'login-email', email) } } },
    { name: `reset-attempts:${email}`, write: { Delete: { TableName: tableName, Key: portalKeys.attempts(tenantId, 'reset-email', email) } } },
  ];
}

/** Scrubs until a pass finds nothing changed under it (a log's delivery event, a pause ending, racing a write). */
async function scrubAll(tenantId: string, profile: CustomerItem, actor: Actor): Promise<void> {
  for (let pass = 0; pass < 3; pass += 1) if (await scrubItems(tenantId, profile, actor)) return;
  throw new ConflictError('concurrent-update', 'Some of the person’s records kept changing while they were erased; send the erase again to finish it.');
}

/** Items whose whole content is personal: they go. */
const DELETED_TYPES = new Set(['address', 'card', 'customer-email', 'note', 'password-reset-request', 'duplicate-card']);

/**
 * Every other item of the person, one write each where it still holds personal data: orders
 * keep their amounts under the pseudonym (no address, note or instructions), reservations lose
 * their note, email logs their recipients, subject and SES detail, live memberships are
 * cancelled with reason `erased`, change entries are redacted (`change-redaction.ts`), and the
 * people merged into this one lose what their merge record kept of them (their undo is no
 * longer possible). Writes are field-level and idempotent: sent again, an erase writes the same.
 */
async function scrubItems(tenantId: string, profile: CustomerItem, actor: Actor): Promise<boolean> {
  const items = await partitionOf(tenantId, profile.id);
  const name = pseudonym(profile.customerNumber);
  const at = nowIso();
  const deletions: Item[] = [];
  const writes: NamedWrite[][] = [];
  for (const item of items) {
    const key = { pk: item.pk, sk: item.sk };
    if (DELETED_TYPES.has(item.type ?? '') || item.sk.startsWith('D#')) {
      deletions.push(item);
      continue;
    }
    switch (item.type) {
      case 'order': {
        const order = item as unknown as OrderItem;
        if (order.customerName !== name || order.shippingAddress || order.note || order.specialInstructions) {
          writes.push([fieldUpdateWrite(item.sk, key, { customerName: name, shippingAddress: null, note: null, specialInstructions: null }, actor, at)]);
        }
        break;
      }
      case 'reservation':
        if (item.note) writes.push([fieldUpdateWrite(item.sk, key, { note: null }, actor, at)]);
        break;
      case 'email-log': {
        const log = item as unknown as EmailLogItem & { timeline?: TimelineEntry };
        if (log.to.length > 0 || log.subject !== '(erased)') {
          const timeline = log.timeline ? { timeline: { ...log.timeline, summary: '(erased)' } } : {};
          writes.push([fieldUpdateWrite(item.sk, key, { to: [], subject: '(erased)', error: null, erasedAt: at, ...timeline }, actor, at)]);
        }
        break;
      }
      case 'membership': {
        const membership = item as unknown as MembershipItem;
        if (isLive(membership.status)) {
          const cancelled = withIndexKeys({ ...membership, status: 'cancelled', cancelledAt: at, cancelReason: 'erased', pickupLocation: null, ...nextStamp(membership, actor, at) });
          writes.push([
            putIfVersion(item.sk, cancelled, membership.version),
            { name: 'guard', write: { Delete: { TableName: tableName, Key: membershipKeys.clubGuard(tenantId, profile.id, membership.clubId) } } },
          ]);
        } else if (membership.pickupLocation) {
          writes.push([fieldUpdateWrite(item.sk, key, { pickupLocation: null }, actor, at)]);
        }
        break;
      }
      case 'change': {
        const change = item.change as Change;
        const redacted = redactChange(change);
        if (JSON.stringify(redacted) !== JSON.stringify(change)) writes.push([putNew(item.sk, { ...item, change: redacted })].map(overwrite));
        break;
      }
      case 'merge': {
        const absorbed = item.absorbed as CustomerItem | null;
        if (absorbed || !item.erasedAt) {
          writes.push([fieldUpdateWrite(item.sk, key, { absorbed: null, absorbedName: null, erasedAt: at }, actor, at)]);
          // The absorbed person's email stayed reserved for an undo that can no longer happen.
          if (absorbed?.email) writes.push(emailFreed(tenantId, absorbed.id, absorbed.email));
        }
        break;
      }
    }
  }
  let clean = true;
  await mapLimited(writes, 4, async (group) => {
    try {
      await transactWrite(group);
    } catch (error) {
      // Changed meanwhile (a membership paused, a log's delivery event): the next pass reads it again.
      if (!(error instanceof ConditionsFailedError)) throw error;
      clean = false;
    }
  });
  await deleteKeys(deletions);
  return clean;
}

/** A put that replaces the item whatever it holds (a redacted change entry over the original). */
function overwrite(write: NamedWrite): NamedWrite {
  const put = write.write.Put!;
  return { name: write.name, write: { Put: { TableName: put.TableName, Item: put.Item } } };
}
