import type { StreamChange } from '../streams/stream-handler';
import { templates, type EmailCategory, type OrderLineSummary, type TemplateData, type TemplateName } from './templates';

/**
 * Which email a change of the table means, if any: pure, so every rule is unit-tested.
 *
 * - a person created with `sendWelcomeEmail: true` → welcome (with a set-password link);
 * - a `password-reset-request` item created under the person → password-reset (with a link);
 * - a `membership` created → club-joined; its status active → paused → club-paused,
 *   paused → active → club-resumed, → cancelled → club-cancelled; a paused membership whose
 *   `pausedUntil` moved (paused again) → club-pause-moved;
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

function membershipEmail(
  change: StreamChange,
  item: Item,
  base: Pick<EmailIntent, 'tenantId' | 'customerId' | 'changedAt'>,
): EmailIntent | undefined {
  const clubName = str(item.clubName) ?? null;
  if (change.eventName === 'INSERT') return { ...base, template: 'club-joined', data: { clubName } };
  if (change.eventName !== 'MODIFY') return undefined;
  const before = change.oldItem?.status;
  const after = item.status;
  if (before === 'paused' && after === 'paused') {
    const previous = str(change.oldItem?.pausedUntil) ?? null;
    const pausedUntil = str(item.pausedUntil);
    if (!pausedUntil || pausedUntil === previous) return undefined;
    return { ...base, template: 'club-pause-moved', data: { clubName, pausedUntil, previousPausedUntil: previous } };
  }
  if (before === after) return undefined;
  // A membership ended by a merge (the person keeps the other one in that club) or by an erase
  // (nobody to write to any more) sends nothing; an undo bringing it back neither.
  if (item.cancelReason === 'merged' || item.cancelReason === 'erased' || change.oldItem?.cancelReason === 'merged') return undefined;
  if (after === 'cancelled') return { ...base, template: 'club-cancelled', data: { clubName } };
  if (before === 'active' && after === 'paused') {
    return { ...base, template: 'club-paused', data: { clubName, pausedUntil: str(item.pausedUntil) ?? null } };
  }
  if (before === 'paused' && after === 'active') return { ...base, template: 'club-resumed', data: { clubName } };
  return undefined;
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
