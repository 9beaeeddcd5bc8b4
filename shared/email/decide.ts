import type { StreamChange } from '../streams/stream-handler';
import { templates, type EmailCategory, type OrderLineSummary, type TemplateData, type TemplateName } from './templates';

/**
 * Which email a change of the table means, if any: pure, so every rule is unit-tested.
 *
 * - a person created with `sendWelcomeEmail: true` → welcome (with a set-password link);
 * - a `password-reset-request` item created under the person → password-reset (with a link);
 * - a `membership` created → club-joined (a gift: club-gift-received, and club-gift-given to
 *   the giver); its status active → paused → club-paused, paused → active → club-resumed,
 *   → cancelled → club-cancelled (a gift's end: club-gift-ended); a paused membership whose
 *   `pausedUntil` moved (paused again) → club-pause-moved; an active one that booked a pause
 *   for later → club-pause-scheduled, or dropped it → club-pause-unscheduled; its variant,
 *   shipping or pickup changed → club-membership-changed; a gift's reminder 14 days before its
 *   end → club-gift-ending (and club-gift-ending-giver to the giver);
 * - an `order` created → order-placed; a `reservation` created → reservation-made.
 *
 * The item types a password-reset request, membership, order and reservation are written as
 * carry `tenantId` and `customerId` (the person the email goes to).
 */
export type EmailIntent = {
  [K in TemplateName]: {
    template: K;
    tenantId: string;
    customerId: string;
    /** When the change happened (the item's `updatedAt`): the email log's id sorts by it. */
    changedAt: string | undefined;
    data: TemplateData[K];
    /** The email carries a one-time password link of this purpose. */
    passwordToken?: 'welcome' | 'reset';
  };
}[TemplateName];

type Item = Record<string, unknown>;

/** Every email a change means: the person's own (`decideEmail`), and a gift's to its giver. */
export function decideEmails(change: StreamChange): EmailIntent[] {
  const own = decideEmail(change);
  return [...(own ? [own] : []), ...giverEmails(change)];
}

export function decideEmail(change: StreamChange): EmailIntent | undefined {
  const item = change.newItem;
  if (!item) return undefined;
  const owner = ownerOf(item);
  if (!owner) return undefined;
  const base = { ...owner, changedAt: str(item.updatedAt) ?? str(item.createdAt) };
  const inserted = change.eventName === 'INSERT';
  // Moved by a merge or its undo (`movedBy`): nothing new happened to the person.
  if (inserted && item.movedBy !== undefined) return undefined;

  switch (item.type) {
    case 'customer':
      if (inserted && item.sendWelcomeEmail === true) {
        return { ...base, template: 'welcome', data: {}, passwordToken: 'welcome' };
      }
      return undefined;
    case 'password-reset-request':
      return inserted ? { ...base, template: 'password-reset', data: {}, passwordToken: 'reset' } : undefined;
    case 'membership':
      return membershipEmail(change, item, base);
    case 'order':
      if (!inserted) return undefined;
      return {
        ...base,
        template: 'order-placed',
        data: { orderNumber: num(item.orderNumber), totalCents: num(item.totalCents), lines: orderLines(item.lines) },
      };
    case 'reservation':
      if (!inserted) return undefined;
      return {
        ...base,
        template: 'reservation-made',
        data: { experience: str(item.experience) ?? null, startsAt: str(item.startsAt) ?? null, partySize: num(item.partySize) },
      };
    default:
      return undefined;
  }
}

type Gift = { giverId?: unknown; giverName?: unknown; recipientName?: unknown; message?: unknown; endsOn?: unknown; reminderSentOn?: unknown };
const giftOf = (item: Item | undefined): Gift | undefined => (item?.gift && typeof item.gift === 'object' ? (item.gift as Gift) : undefined);
const scheduledFrom = (item: Item | undefined): string | undefined => str((item?.scheduledPause as { from?: unknown } | null | undefined)?.from);
const giftReminded = (change: StreamChange) =>
  change.eventName === 'MODIFY' && !str(giftOf(change.oldItem)?.reminderSentOn) && !!str(giftOf(change.newItem)?.reminderSentOn);

function membershipEmail(
  change: StreamChange,
  item: Item,
  base: Pick<EmailIntent, 'tenantId' | 'customerId' | 'changedAt'>,
): EmailIntent | undefined {
  const clubName = str(item.clubName) ?? null;
  const gift = giftOf(item);
  const giverName = str(gift?.giverName) ?? null;
  if (change.eventName === 'INSERT') {
    if (gift) return { ...base, template: 'club-gift-received', data: { clubName, giverName, message: str(gift.message) ?? null, endsOn: str(gift.endsOn) ?? null } };
    return { ...base, template: 'club-joined', data: { clubName } };
  }
  if (change.eventName !== 'MODIFY') return undefined;
  const old = change.oldItem;
  const before = old?.status;
  const after = item.status;
  if (before === 'paused' && after === 'paused') {
    const previous = str(old?.pausedUntil) ?? null;
    const pausedUntil = str(item.pausedUntil);
    if (!pausedUntil || pausedUntil === previous) return undefined;
    return { ...base, template: 'club-pause-moved', data: { clubName, pausedUntil, previousPausedUntil: previous } };
  }
  if (before === after) {
    if (after !== 'active') return undefined;
    if (giftReminded(change)) return { ...base, template: 'club-gift-ending', data: { clubName, endsOn: str(gift?.endsOn) ?? null, giverName } };
    const booked = item.scheduledPause as { from?: unknown; until?: unknown } | null | undefined;
    const from = str(booked?.from);
    const until = str(booked?.until);
    const wasFrom = scheduledFrom(old);
    if (from && until && (from !== wasFrom || until !== str((old?.scheduledPause as { until?: unknown } | null | undefined)?.until))) {
      return { ...base, template: 'club-pause-scheduled', data: { clubName, from, until } };
    }
    if (!from && wasFrom) return { ...base, template: 'club-pause-unscheduled', data: { clubName, from: wasFrom } };
    const changed = old?.clubId === item.clubId && (['variantId', 'shippingPreference', 'pickupLocation'] as const).some((field) => (old?.[field] ?? null) !== (item[field] ?? null));
    if (changed) {
      return {
        ...base,
        template: 'club-membership-changed',
        data: { clubName, variantName: str(item.variantName) ?? null, shippingPreference: str(item.shippingPreference) ?? null, pickupLocation: str(item.pickupLocation) ?? null },
      };
    }
    return undefined;
  }
  // A membership ended by a merge (the person keeps the other one in that club) or by an erase
  // (nobody to write to any more) sends nothing; an undo bringing it back neither.
  if (item.cancelReason === 'merged' || item.cancelReason === 'erased' || change.oldItem?.cancelReason === 'merged') return undefined;
  if (after === 'cancelled') {
    if (item.cancelReasonKey === 'gift-ended') return { ...base, template: 'club-gift-ended', data: { clubName, giverName } };
    return { ...base, template: 'club-cancelled', data: { clubName } };
  }
  if (before === 'active' && after === 'paused') {
    return { ...base, template: 'club-paused', data: { clubName, pausedUntil: str(item.pausedUntil) ?? null } };
  }
  if (before === 'paused' && after === 'active') return { ...base, template: 'club-resumed', data: { clubName } };
  return undefined;
}

/** A gift membership's emails to its giver: at its start, and 14 days before its end. */
function giverEmails(change: StreamChange): EmailIntent[] {
  const item = change.newItem;
  if (item?.type !== 'membership') return [];
  const gift = giftOf(item);
  const tenantId = str(item.tenantId);
  const giverId = str(gift?.giverId);
  if (!gift || !tenantId || !giverId) return [];
  // Moved by a merge or its undo: the gift did not start again.
  if (item.movedBy !== undefined) return [];
  const base = { tenantId, customerId: giverId, changedAt: str(item.updatedAt) ?? str(item.createdAt) };
  const clubName = str(item.clubName) ?? null;
  const recipientName = str(gift.recipientName) ?? null;
  const endsOn = str(gift.endsOn) ?? null;
  if (change.eventName === 'INSERT') return [{ ...base, template: 'club-gift-given', data: { clubName, recipientName, endsOn } }];
  if (giftReminded(change) && item.status !== 'cancelled') return [{ ...base, template: 'club-gift-ending-giver', data: { clubName, recipientName, endsOn } }];
  return [];
}

/** The tenant and person an item belongs to: its attributes, else its partition key `T#<t>#C#<c>`. */
function ownerOf(item: Item): { tenantId: string; customerId: string } | undefined {
  const fromKey = /^T#(.+)#C#([^#]+)$/.exec(str(item.pk) ?? '');
  const tenantId = str(item.tenantId) ?? fromKey?.[1];
  const customerId = (item.type === 'customer' ? str(item.id) : str(item.customerId)) ?? fromKey?.[2];
  return tenantId && customerId ? { tenantId, customerId } : undefined;
}

function orderLines(value: unknown): OrderLineSummary[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((line: Item) => {
    const name = str(line?.name);
    const quantity = num(line?.quantity);
    return name && quantity !== null ? [{ name, quantity }] : [];
  });
}

const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/** Who an email goes to, or why it does not go. */
export type RecipientPlan = { send: true; to: string[] } | { send: false; reason: 'no-permission' | 'no-address' };

/**
 * The person's email first, then their additional emails, each once (case-insensitively).
 * Marketing emails need `permissions.email`; system emails always go.
 */
export function planRecipients(
  category: EmailCategory,
  person: { email?: string | null; permissions?: { email?: boolean } | null },
  additionalEmails: readonly (string | null | undefined)[],
): RecipientPlan {
  if (category === 'marketing' && person.permissions?.email !== true) return { send: false, reason: 'no-permission' };
  const seen = new Set<string>();
  const to: string[] = [];
  for (const address of [person.email, ...additionalEmails]) {
    const trimmed = address?.trim();
    if (!trimmed || seen.has(trimmed.toLowerCase())) continue;
    seen.add(trimmed.toLowerCase());
    to.push(trimmed);
  }
  // SES takes at most 50 recipients per message; a person has far fewer addresses.
  return to.length > 0 ? { send: true, to: to.slice(0, 50) } : { send: false, reason: 'no-address' };
}

export function categoryOf(template: TemplateName): EmailCategory {
  return templates[template].category;
}
